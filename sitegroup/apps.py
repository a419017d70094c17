from django.apps import AppConfig


class SiteGroupConfig(AppConfig):
    """站群: the city's site and one site per district or county on one installation, and 信息报送 between them."""

    name = "sitegroup"
    label = "sitegroup"
    verbose_name = "站群"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The layers below ask the group what they cannot import: short names and which site an organ speaks for.
        from cms.site import group_names  # noqa: PLC0415 — models are ready only now
        from search import registry  # noqa: PLC0415
        from sitegroup.models import SiteUnit  # noqa: PLC0415

        group_names.register(
            lambda: dict(SiteUnit.objects.values_list("site_id", "name")),
            lambda: dict(SiteUnit.objects.exclude(organ=None).values_list("organ__name", "site__root_page_id")),
        )
        registry.register_site_names(search_site_names)


def search_site_names():
    """{hostname: 单位简称} for search results and the 站点 facet (search.sites): 芙蓉区, not 长沙市芙蓉区人民政府."""
    from sitegroup.models import SiteUnit  # noqa: PLC0415

    return dict(SiteUnit.objects.values_list("site__hostname", "name"))
