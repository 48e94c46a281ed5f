from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "opengov.search"
    label = "search"
    verbose_name = _("Site search")

    def ready(self):
        from . import signals  # noqa: F401 - keep the index in step with the records
