from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "opengov.workspace"
    verbose_name = _("Workspace")

    def ready(self):
        from . import two_step  # noqa: F401 (notes at each sign-in whether a code is owed)
