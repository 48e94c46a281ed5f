from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "opengov.core"
    label = "core"
