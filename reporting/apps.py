from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    label = "reporting"
    verbose_name = "信息报送"
    default_auto_field = "django.db.models.BigAutoField"
