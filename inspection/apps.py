from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "inspection"
    verbose_name = "网站自查"
    default_auto_field = "django.db.models.BigAutoField"
