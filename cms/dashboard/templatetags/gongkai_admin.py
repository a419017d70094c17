"""Template tags for the admin's branding (templates/wagtailadmin/) and the home page."""
from django import template
from django.conf import settings
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.models import Site

register = template.Library()

PRODUCT = "政务公开管理后台"


@register.simple_tag
def admin_site_name():
    """The site's own name (init_site --name), else SITE_NAME from the environment."""
    name = Site.objects.filter(is_default_site=True).values_list("site_name", flat=True).first()
    return name or settings.WAGTAIL_SITE_NAME


@register.simple_tag
def admin_product_name():
    return PRODUCT


@register.simple_tag(takes_context=True)
def can_explore_pages(context):
    """Whether the page search on the home page leads anywhere for this user (else it ends in a refusal)."""
    request = context.get("request")
    return bool(request and user_has_any_page_permission(request.user))
