from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "opengov.core"
    label = "core"

    def ready(self):
        from . import checks, content  # noqa: F401 (checks register themselves)

        content.connect()  # every content change counts (cached pages, generated files)
