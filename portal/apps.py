from django.apps import AppConfig


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "门户开放接口"

    def ready(self):
        from portal import signals  # noqa: PLC0415 — models are ready only now

        signals.connect()
