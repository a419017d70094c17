from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "发布与时效"

    def ready(self):
        from . import calendar_sync  # noqa: F401  (installs DB overrides into the working-day calendar)
