"""Admin for 办事指南: a flat listing flagging missing key elements."""
import django_filters
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.guides.guide_elements import LIFE_EVENT_CHOICES
from cms.guides.item_codes import type_contradiction
from cms.guides.models import ServiceGuidePage


class KeyElementsColumn(Column):
    """“重点要素”: 齐全, or a red flag naming what is missing."""

    def get_value(self, instance):
        return instance.missing_elements

    def render_cell_html(self, instance, parent_context):
        missing = instance.missing_elements
        if not missing:
            return format_html("<td>齐全</td>")
        return format_html('<td><span class="w-status w-status--label" style="color:#b00">⚠ 缺少：{}</span></td>', missing)


class CodeCheckColumn(Column):
    """“编码核对”: a red flag when the stated 事项类型 contradicts the type the 事项编码 carries."""

    def get_value(self, instance):
        return instance.code_type_conflict

    def render_cell_html(self, instance, parent_context):
        conflict = instance.code_type_conflict
        if not conflict:
            return format_html("<td>—</td>")
        return format_html('<td><span class="w-status w-status--label" style="color:#b00">⚠ {}</span></td>', conflict)


def contradicting_pks(queryset):
    """The pks of the guides whose 事项类型 contradicts their 事项编码 (decided by item_codes, not in SQL)."""
    return [pk for pk, code, item_type in queryset.values_list("pk", "code", "item_type") if type_contradiction(code, item_type)]


class GuideFilterSet(PageFilterSet):
    key_elements = django_filters.ChoiceFilter(
        label="重点要素", empty_label="全部", method="filter_key_elements",
        choices=[("missing", "缺少重点要素"), ("complete", "要素齐全")],
    )
    code_check = django_filters.ChoiceFilter(
        label="编码核对", empty_label="全部", method="filter_code_check",
        choices=[("conflict", "事项类型与编码矛盾")],
    )
    department = django_filters.CharFilter(label="实施主体", lookup_expr="icontains")
    life_event = django_filters.ChoiceFilter(label="生命周期阶段", empty_label="全部")

    class Meta:
        model = ServiceGuidePage
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["life_event"].extra["choices"] = LIFE_EVENT_CHOICES

    def filter_key_elements(self, queryset, name, value):
        if value == "missing":
            return queryset.exclude(missing_elements="")
        if value == "complete":
            return queryset.filter(missing_elements="")
        return queryset

    def filter_code_check(self, queryset, name, value):
        if value == "conflict":
            return queryset.filter(pk__in=contradicting_pks(queryset))
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
        CodeCheckColumn("code_check", label="编码核对"),
    ]
