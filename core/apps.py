from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The infrastructure every app builds on; an app only for its templates."""

    name = "core"
    verbose_name = "core"
