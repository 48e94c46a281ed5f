from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "opengov.core"
    label = "core"

    def ready(self):
        from . import content

        content.connect()  # every content change counts (cached pages, generated files)
