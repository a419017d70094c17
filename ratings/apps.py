from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "ratings"
    label = "ratings"
    verbose_name = "好差评"
    default_auto_field = "django.db.models.BigAutoField"
