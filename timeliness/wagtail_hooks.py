"""Admin: the timeliness dashboard and the annual report (permission publishing.view_timeliness: 评估员 and
administrators, read-only for evaluators), and the registers behind the report as snippet viewsets."""
from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.site.admin_menu import PermissionMenuItem
from timeliness import admin_views, messages, request_admin
from timeliness.models import AnnualReport, DisclosureRequest, ReplyTemplate, ReviewCase
from timeliness.request_panel import RequestsPanel


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


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "doc-empty"
    menu_label = "答复告知书模板"
    list_display = ["reply_type", "title"]


class AnnualReportGroup(SnippetViewSetGroup):
    menu_label = "年度报告登记"
    menu_icon = "doc-full"
    menu_order = 230
    items = (DisclosureRequestViewSet, ReviewCaseViewSet, AnnualReportViewSet, ReplyTemplateViewSet)


register_snippet(AnnualReportGroup)


@hooks.register("register_admin_urls")
def register_timeliness_urls():
    return [
        path("timeliness/", admin_views.dashboard, name="timeliness_dashboard"),
        path("timeliness/records/", admin_views.records, name="timeliness_records"),
        path("timeliness/annual-report/", admin_views.annual_report_view, name="timeliness_annual_report"),
        path("requests/", request_admin.request_list, name="requests_admin_list"),
        path("requests/new/", request_admin.written_request, name="requests_admin_new"),
        path("requests/<int:pk>/", request_admin.request_detail, name="requests_admin_detail"),
        path("requests/<int:pk>/step/<str:step>/", request_admin.request_step, name="requests_admin_step"),
        path("requests/<int:pk>/letter.docx", request_admin.reply_letter, name="requests_admin_letter"),
        path("requests/<int:pk>/letter.pdf", request_admin.reply_letter, {"fmt": "pdf"}, name="requests_admin_letter_pdf"),
        path("requests/<int:pk>/proof", request_admin.applicant_proof, name="requests_admin_proof"),
        path("messages/", messages.admin_list, name="messages_admin_list"),
        path("messages/<int:pk>/", messages.admin_answer, name="messages_admin_answer"),
    ]


@hooks.register("register_admin_menu_item")
def register_requests_menu_item():
    return PermissionMenuItem("依申请公开办理", reverse("requests_admin_list"), permission=request_admin.PERMISSION, icon_name="mail", order=215)


@hooks.register("register_admin_menu_item")
def register_messages_menu_item():
    return PermissionMenuItem("咨询留言办理", reverse("messages_admin_list"), permission=messages.PERMISSION, icon_name="help", order=216)


@hooks.register("construct_homepage_panels")
def requests_panel(request, home_panels):
    if request.user.has_perm(request_admin.PERMISSION):
        home_panels.append(RequestsPanel())


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return PermissionMenuItem("发布时效统计", reverse("timeliness_dashboard"), permission=admin_views.PERMISSION, icon_name="time", order=220)


@hooks.register("register_admin_menu_item")
def register_annual_report_menu_item():
    return PermissionMenuItem("生成年度报告", reverse("timeliness_annual_report"), permission=admin_views.PERMISSION, icon_name="doc-full", order=225)
