from django.apps import AppConfig


class SiteGroupConfig(AppConfig):
    """站群: the city's site and one site per district or county on one installation, and 信息报送 between them."""

    name = "sitegroup"
    label = "sitegroup"
    verbose_name = "站群"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.site import group_names  # noqa: PLC0415 — models are ready only now
        from sitegroup.models import SiteUnit  # noqa: PLC0415

        group_names.register(
            lambda: dict(SiteUnit.objects.values_list("site_id", "name")),
            lambda: dict(SiteUnit.objects.exclude(organ=None).values_list("organ__name", "site__root_page_id")),
        )
