from django.apps import AppConfig


class SiteGroupConfig(AppConfig):
    """站群: the city's site and one site per district or county on one installation, and 信息报送 between them."""

    name = "sitegroup"
    label = "sitegroup"
    verbose_name = "站群"
    default_auto_field = "django.db.models.BigAutoField"
