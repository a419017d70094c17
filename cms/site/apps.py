from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site's frame: home, 栏目 sections, identity (footer facts), roles and the admin menu helper.

    The label stays ``cms``: the tables, content types and settings lookups (``settings.cms.SiteIdentity``) of the
    home and section pages keep their names from before the content apps were split out (docs/adr/0002).
    """

    name = "cms.site"
    label = "cms"
    verbose_name = "站点"

    def ready(self):
        from cms.site import admin_search  # noqa: PLC0415 — models are ready only now

        admin_search.connect()
