from django.apps import AppConfig


class TimelinessConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "timeliness"
    verbose_name = "公开时效与年度报告"
