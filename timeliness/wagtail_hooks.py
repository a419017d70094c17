"""Admin: the timeliness dashboard and the annual report (permission publishing.view_timeliness: 评估员 and
administrators, read-only for evaluators), and the registers behind the report as snippet viewsets."""
from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.site.admin_menu import PermissionMenuItem
from timeliness import admin_views
from timeliness.models import AnnualReport, DisclosureRequest, ReviewCase


class DisclosureRequestViewSet(SnippetViewSet):
    model = DisclosureRequest
    icon = "mail"
    menu_label = "依申请公开登记"
    list_display = ["reference", "subject", "applicant_type", "received_on", "due_on", "outcome", "replied_on"]
    list_filter = ["applicant_type", "outcome", "organ"]
    search_fields = ["reference", "subject"]
    inspect_view_enabled = True


class ReviewCaseViewSet(SnippetViewSet):
    model = ReviewCase
    icon = "warning"
    menu_label = "行政复议与诉讼"
    list_display = ["reference", "kind", "organ", "filed_on", "result", "concluded_on"]
    list_filter = ["kind", "result"]
    inspect_view_enabled = True


class AnnualReportViewSet(SnippetViewSet):
    model = AnnualReport
    icon = "doc-full"
    menu_label = "年度报告正文"
    list_display = ["year", "organ", "updated_at"]
    inspect_view_enabled = True


class AnnualReportGroup(SnippetViewSetGroup):
    menu_label = "年度报告登记"
    menu_icon = "doc-full"
    menu_order = 230
    items = (DisclosureRequestViewSet, ReviewCaseViewSet, AnnualReportViewSet)


register_snippet(AnnualReportGroup)


@hooks.register("register_admin_urls")
def register_timeliness_urls():
    return [
        path("timeliness/", admin_views.dashboard, name="timeliness_dashboard"),
        path("timeliness/records/", admin_views.records, name="timeliness_records"),
        path("timeliness/annual-report/", admin_views.annual_report_view, name="timeliness_annual_report"),
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return PermissionMenuItem("发布时效统计", reverse("timeliness_dashboard"), permission=admin_views.PERMISSION, icon_name="time", order=220)


@hooks.register("register_admin_menu_item")
def register_annual_report_menu_item():
    return PermissionMenuItem("生成年度报告", reverse("timeliness_annual_report"), permission=admin_views.PERMISSION, icon_name="doc-full", order=225)
