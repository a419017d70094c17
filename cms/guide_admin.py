"""Admin for 办事指南: a flat listing flagging missing key elements, and the Excel 事项清单 import."""
import django_filters
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.models import ServiceGuidePage

IMPORT_PERMISSION = "cms.add_serviceguidepage"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class KeyElementsColumn(Column):
    """“重点要素”: 齐全, or a red flag naming what is missing."""

    def get_value(self, instance):
        return instance.missing_elements

    def render_cell_html(self, instance, parent_context):
        missing = instance.missing_elements
        if not missing:
            return format_html("<td>齐全</td>")
        return format_html('<td><span class="w-status w-status--label" style="color:#b00">⚠ 缺少：{}</span></td>', missing)


class GuideFilterSet(PageFilterSet):
    key_elements = django_filters.ChoiceFilter(
        label="重点要素", empty_label="全部", method="filter_key_elements",
        choices=[("missing", "缺少重点要素"), ("complete", "要素齐全")],
    )
    department = django_filters.CharFilter(label="实施主体", lookup_expr="icontains")
    life_event = django_filters.ChoiceFilter(label="生命周期阶段", empty_label="全部")

    class Meta:
        model = ServiceGuidePage
        fields = []

    def __init__(self, *args, **kwargs):
        from cms.guide_elements import LIFE_EVENT_CHOICES

        super().__init__(*args, **kwargs)
        self.filters["life_event"].extra["choices"] = LIFE_EVENT_CHOICES

    def filter_key_elements(self, queryset, name, value):
        if value == "missing":
            return queryset.exclude(missing_elements="")
        if value == "complete":
            return queryset.filter(missing_elements="")
        return queryset


class GuideListingViewSet(PageListingViewSet):
    model = ServiceGuidePage
    icon = "list-ul"
    menu_label = "办事指南"
    menu_order = 210
    add_to_admin_menu = True
    name = "service_guides"
    filterset_class = GuideFilterSet
    columns = PageListingViewSet.columns + [
        Column("code", label="事项编码", sort_key="code"),
        Column("department", label="实施主体", sort_key="department"),
        KeyElementsColumn("missing_elements", label="重点要素", sort_key="missing_elements"),
    ]


def import_guides_view(request):
    """Upload a 事项清单 .xlsx; each row is validated and loaded on its own; errors are listed by row number."""
    from importers.guide_excel import SheetError, import_workbook

    if not request.user.has_perm(IMPORT_PERMISSION):
        return permission_denied(request)
    context = {"report": None, "error": None}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "请选择要导入的 .xlsx 文件。"
        elif upload.size > MAX_UPLOAD_BYTES:
            context["error"] = f"文件超过 {MAX_UPLOAD_BYTES // (1024 * 1024)}MB 上限，未导入。"
        elif not upload.name.lower().endswith(".xlsx"):
            context["error"] = "只支持 Excel 2007 及以上格式（.xlsx）的事项清单。"
        else:
            try:
                context["report"] = import_workbook(upload)
            except SheetError as exc:
                context["error"] = str(exc)
    return render(request, "cms/guide_import.html", context, status=400 if context["error"] else 200)


def import_template_view(request):
    from importers.guide_excel import template_workbook_bytes

    if not request.user.has_perm(IMPORT_PERMISSION):
        return permission_denied(request)
    response = HttpResponse(
        template_workbook_bytes(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E4%BA%8B%E9%A1%B9%E6%B8%85%E5%8D%95%E6%A8%A1%E6%9D%BF.xlsx"
    return response
