from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowConfig(AppConfig):
    name = "opengov.follow"
    label = "follow"
    verbose_name = _("Following by e-mail")
