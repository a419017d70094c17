"""Admin: 推送到区县站点 on a live policy of a site that has district sites below it."""
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import widgets

from cms.policies.models import PolicyDocumentPage
from sitegroup import admin_views


@hooks.register("register_admin_urls")
def register_sitegroup_urls():
    return [path("sitegroup/share/<int:page_id>/", admin_views.share_page, name="sitegroup_share")]


@hooks.register("register_page_header_buttons")
def share_button(page, user, view_name=None, next_url=None):
    if page.specific_class is PolicyDocumentPage and page.live and user.has_perm(admin_views.SHARE):
        yield widgets.Button("推送到区县站点", reverse("sitegroup_share", args=[page.pk]), icon_name="site", priority=70)
