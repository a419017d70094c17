"""Admin: the 信息报送 menu item, its views, and a 报送上级 button on the page listing of live 工作动态 and policies."""
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from cms.policies.models import PolicyDocumentPage
from cms.site.admin_menu import PermissionMenuItem
from cms.site.models import NewsPage
from reporting import admin_views, services
from reporting.panels import ReportingPanel


@hooks.register("register_admin_urls")
def register_reporting_urls():
    return [
        path("reporting/", admin_views.index, name="reporting_index"),
        path("reporting/submit/", admin_views.submit, name="reporting_submit"),
        path("reporting/<int:pk>/", admin_views.detail, name="reporting_detail"),
        path("reporting/stats/", admin_views.statistics, name="reporting_stats"),
        path("reporting/stats/export.xlsx", admin_views.export_xlsx, name="reporting_export_xlsx"),
        path("reporting/stats/export.csv", admin_views.export_csv, name="reporting_export_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_reporting_menu_item():
    return PermissionMenuItem("信息报送", reverse("reporting_index"), permission=services.VIEW, icon_name="upload", order=219)


@hooks.register("register_page_listing_more_buttons")
def report_upward_button(page, user, next_url=None):
    """报送上级 on a live 工作动态 or policy; the submit view says why it may not be reported (other site, no parent…)."""
    if page.live and page.specific_class in (NewsPage, PolicyDocumentPage) and user.has_perm(services.SUBMIT) \
            and page.depth > 2:
        yield Button("报送上级", f"{reverse('reporting_submit')}?page={page.pk}", icon_name="upload", priority=60)


@hooks.register("construct_homepage_panels")
def reporting_panel(request, home_panels):
    if request.user.has_perm(services.VIEW):
        home_panels.append(ReportingPanel(request.user))
