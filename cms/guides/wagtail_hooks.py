"""办事指南 admin: the listing that flags guides missing key elements."""
from wagtail import hooks

from cms.guides import bundle_admin  # noqa: F401  (registers the bundle promise check)
from cms.guides.guide_admin import GuideListingViewSet


@hooks.register("register_admin_viewset")
def register_guide_listing():
    return GuideListingViewSet()
