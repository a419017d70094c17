"""Admin for the 1+9 matrix: snippets limited to the editor's columns, publish/withdraw buttons, Excel
import/export, the coverage dashboard and home panel, domain rename/merge."""
import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from cms.site.admin_menu import PermissionMenuItem
from openness_catalog import admin_views, excel, permissions, services, standard
from openness_catalog.models import CatalogueItem, Column, Domain, DomainChange, Entry
from publishing import events, gate
from publishing.admin_columns import yes_no


def column_of(instance):
    if isinstance(instance, CatalogueItem):
        return instance.column
    if isinstance(instance, Entry):
        return instance.item.column
    return None


class ColumnPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (from the role) AND the column rule (from Column.editors)."""

    def __init__(self, model, prefix):
        super().__init__(model)
        self.prefix = prefix

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and isinstance(instance, Entry) and instance.status == Entry.PUBLISHED:
            return False  # a published entry is withdrawn (with a reason), never deleted
        return self.user_has_permission(user, action) and permissions.can_edit_column(user, column_of(instance))

    def instances_user_has_any_permission_for(self, user, actions):
        return super().instances_user_has_any_permission_for(user, actions).filter(permissions.column_filter(user, self.prefix))


register_permission_policy(CatalogueItem, ColumnPermissionPolicy(CatalogueItem, ""), exact_class=True)
register_permission_policy(Entry, ColumnPermissionPolicy(Entry, "item__"), exact_class=True)


class ColumnGuard:
    """Edit, delete, history and usage views refuse objects outside the user's columns (Wagtail turns this into
    302 + message). Wagtail's own checks there are per model, and a 目录编辑 holds the model permissions."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not permissions.can_edit_column(self.request.user, column_of(obj)):
            raise PermissionDenied(permissions.refusal(self.request.user, column_of(obj)))
        return obj


def _user_columns(request):
    return permissions.editable_columns(request.user) if request else Column.objects.none()


class CatalogueItemFilterSet(WagtailFilterSet):
    column = django_filters.ModelChoiceFilter(label="栏目", queryset=_user_columns)
    domain = django_filters.ModelChoiceFilter(label="领域", queryset=Domain.active.all())

    class Meta:
        model = CatalogueItem
        fields = ["column", "domain"]


class EntryFilterSet(WagtailFilterSet):
    item__column = django_filters.ModelChoiceFilter(label="栏目", queryset=_user_columns)

    class Meta:
        model = Entry
        fields = ["status", "item__column"]


class CatalogueItemForm(WagtailAdminModelForm):
    """Saves only what the Excel table carries back unchanged (excel.py): its required cells, one item per key,
    multiple choices in the standard order, text that fits a cell."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "column" in self.fields:
            self.fields["column"].queryset = permissions.editable_columns(self.for_user).select_related("parent")
        if "domain" in self.fields:
            self.fields["domain"].queryset = Domain.active.all()
        for name in excel.REQUIRED_FIELDS:
            if name in self.fields:
                self.fields[name].required = True
        for name in ("content", "basis"):
            if name in self.fields:
                self.fields[name].validators.append(MaxLengthValidator(excel.CELL_LIMIT))

    def clean_column(self):
        column = self.cleaned_data.get("column")
        if column is not None and not permissions.can_edit_column(self.for_user, column):
            raise ValidationError(permissions.refusal(self.for_user, column))
        return column

    def clean(self):
        cleaned = super().clean()
        for name, vocabulary in (("channels", standard.CHANNELS), ("levels", standard.LEVELS)):
            if cleaned.get(name):  # the table's order, so an unchanged item reads back unchanged
                cleaned[name] = sorted(cleaned[name], key=vocabulary.index)
        key = {f: cleaned.get(f) for f in ("column", "domain", "level1", "level2")}
        if None not in key.values() and CatalogueItem.objects.filter(**key).exclude(pk=self.instance.pk).exists():
            self.add_error("level2", "该栏目、领域下已有相同的一级事项和二级事项；Excel 导入导出以此识别事项，请修改二级事项")
        # An item is on the public matrix as soon as it is saved: the publication gate checks what was typed.
        if not self.errors:
            subject = f"openness_catalog.catalogueitem:{self.instance.pk}" if self.instance.pk else None
            for reason in gate.refusals_in(gate.findings_in(gate.content_of_form(self)), subject):
                self.add_error(None, f"不能保存：{reason}")
        return cleaned


class EntryForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "item" in self.fields:
            self.fields["item"].queryset = CatalogueItem.objects.filter(
                permissions.column_filter(self.for_user)).select_related("column", "domain")
            self.fields["item"].label_from_instance = lambda i: f"{i.column} · {i.domain.name} · {i}"

    def clean_item(self):
        item = self.cleaned_data.get("item")
        if item is not None and not permissions.can_edit_column(self.for_user, item.column):
            raise ValidationError(permissions.refusal(self.for_user, item.column))
        return item

    def clean(self):
        cleaned = super().clean()
        # A published entry stays published while edited, so the publication gate checks every save.
        if self.instance.pk and self.instance.status == Entry.PUBLISHED and not self.errors:
            found = gate.findings_in(gate.content_of_form(self))
            blocks = gate.refusals_in(found, self.instance.gate_subject())
            if blocks:
                raise ValidationError(blocks)
        return cleaned


class CatalogueItemEditView(ColumnGuard, EditView):
    pass


class CatalogueItemDeleteView(ColumnGuard, DeleteView):
    pass


class ColumnHistoryView(ColumnGuard, HistoryView):
    pass


class ColumnUsageView(ColumnGuard, UsageView):
    pass


class EntryEditView(ColumnGuard, EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for label, url in _entry_actions(self.object):
            buttons.append(Button(label, url=url, icon_name="upload", priority=5))
        return buttons


class EntryDeleteView(ColumnGuard, DeleteView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if obj.status == Entry.PUBLISHED:
            raise PermissionDenied("已发布的信息不能删除，请先撤回")
        return obj


def _entry_actions(entry):
    if entry.status == Entry.PUBLISHED:
        return [("撤回", reverse("catalogue_admin_withdraw", args=[entry.pk]))]
    return [("发布", reverse("catalogue_admin_publish", args=[entry.pk]))]


class ColumnViewSet(SnippetViewSet):
    model = Column
    icon = "folder-open-inverse"
    menu_label = "栏目"
    list_display = ["name", "parent", "sort_order"]
    panels = [FieldPanel("name"), FieldPanel("parent"), FieldPanel("sort_order"), FieldPanel("editors")]


class DomainViewSet(SnippetViewSet):
    model = Domain
    icon = "tag"
    menu_label = "领域"
    list_display = ["name", yes_no("national", "国家标准领域"), "merged_into", "sort_order"]
    panels = [FieldPanel("name"), FieldPanel("national"), FieldPanel("sort_order")]


class DomainChangeViewSet(SnippetViewSet):
    model = DomainChange
    icon = "history"
    menu_label = "领域变更记录"
    list_display = ["__str__", "reason", "changed_by", "changed_at"]


class CatalogueItemViewSet(SnippetViewSet):
    model = CatalogueItem
    icon = "list-ol"
    menu_label = "目录事项"
    list_display = ["__str__", "column", "domain", "time_limit_text", "last_published_at", "update_due_on"]
    filterset_class = CatalogueItemFilterSet
    search_fields = ["level1", "level2", "subject"]
    edit_view_class = CatalogueItemEditView
    delete_view_class = CatalogueItemDeleteView
    history_view_class = ColumnHistoryView
    usage_view_class = ColumnUsageView
    edit_handler = ObjectList([
        MultiFieldPanel([FieldRowPanel([FieldPanel("column"), FieldPanel("domain"), FieldPanel("serial")])], heading="位置"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("level1"), FieldPanel("level2")])], heading="公开事项"),
        FieldPanel("content"), FieldPanel("basis"), FieldPanel("time_limit_text"), FieldPanel("subject"),
        FieldPanel("channels"), FieldRowPanel([FieldPanel("audience"), FieldPanel("mode")]), FieldPanel("levels"),
    ], base_form_class=CatalogueItemForm)

    def get_queryset(self, request):
        return CatalogueItem.objects.filter(permissions.column_filter(request.user)).select_related("column", "column__parent", "domain")


class EntryViewSet(SnippetViewSet):
    model = Entry
    icon = "doc-full"
    menu_label = "公开信息"
    list_display = ["title", "item", "formed_on", "published_at", "status"]
    filterset_class = EntryFilterSet
    search_fields = ["title"]
    edit_view_class = EntryEditView
    delete_view_class = EntryDeleteView
    history_view_class = ColumnHistoryView
    usage_view_class = ColumnUsageView
    edit_handler = ObjectList([
        FieldPanel("item"), FieldPanel("title"), FieldPanel("body"), FieldPanel("attachment"),
        FieldRowPanel([FieldPanel("formed_on"), FieldPanel("unit")]),
    ], base_form_class=EntryForm)

    def get_queryset(self, request):
        return Entry.objects.filter(permissions.column_filter(request.user, "item__")).select_related("item", "item__column", "item__domain")


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = "基层政务公开"
    menu_icon = "table"
    menu_order = 220
    items = (EntryViewSet, CatalogueItemViewSet, ColumnViewSet, DomainViewSet, DomainChangeViewSet)


register_snippet(CatalogueGroup)


@hooks.register("register_admin_urls")
def register_catalogue_admin_urls():
    return [
        path("catalogue/entry/<int:pk>/publish/", admin_views.publish_entry, name="catalogue_admin_publish"),
        path("catalogue/entry/<int:pk>/withdraw/", admin_views.withdraw_entry, name="catalogue_admin_withdraw"),
        path("catalogue/import/", admin_views.import_catalogue, name="catalogue_admin_import"),
        path("catalogue/export/", admin_views.export_catalogue, name="catalogue_admin_export"),
        path("catalogue/dashboard/", admin_views.dashboard, name="catalogue_admin_dashboard"),
        path("catalogue/domain/<int:pk>/rename/", admin_views.change_domain, {"kind": "rename"}, name="catalogue_admin_domain_rename"),
        path("catalogue/domain/<int:pk>/merge/", admin_views.change_domain, {"kind": "merge"}, name="catalogue_admin_domain_merge"),
    ]


@hooks.register("register_admin_menu_item")
def register_catalogue_menu_items():
    return PermissionMenuItem("目录覆盖与待更新", reverse("catalogue_admin_dashboard"), permission="openness_catalog.view_catalogueitem",
                              icon_name="warning", order=221)


@hooks.register("register_admin_menu_item")
def register_catalogue_import_menu_item():
    return PermissionMenuItem("导入/导出目录", reverse("catalogue_admin_import"), permission="openness_catalog.add_catalogueitem",
                              icon_name="upload", order=222)


@hooks.register("register_snippet_listing_buttons")
def catalogue_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Entry) and user.has_perm("openness_catalog.change_entry") and permissions.can_edit_column(user, snippet.item.column):
        for label, url in _entry_actions(snippet):
            yield ListingButton(label, url=url, priority=5)
    if isinstance(snippet, Domain) and user.has_perm("openness_catalog.change_domain") and not snippet.merged_into_id:
        yield ListingButton("更名", url=reverse("catalogue_admin_domain_rename", args=[snippet.pk]), priority=5)
        yield ListingButton("合并", url=reverse("catalogue_admin_domain_merge", args=[snippet.pk]), priority=6)


@hooks.register("after_edit_snippet")
def announce_published_entry(request, instance):
    """A published entry edited in the admin is live at once (the gate checked it on save): search and the page
    cache hear of it through publishing's events."""
    if isinstance(instance, Entry) and instance.status == Entry.PUBLISHED:
        events.announce_published(instance, mode="editor", by=request.user)
    if isinstance(instance, CatalogueItem):
        services.refresh_item(instance)


@hooks.register("after_create_snippet")
def created_snippet(request, instance):
    if isinstance(instance, CatalogueItem):
        services.refresh_item(instance)
    if isinstance(instance, Entry) and instance.created_by_id is None:
        Entry.objects.filter(pk=instance.pk).update(created_by=request.user)


class CataloguePanel(Component):
    name = "catalogue_coverage"
    order = 150
    template_name = "openness_catalog/admin/home_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return admin_views.dashboard_data(self.user)


@hooks.register("construct_homepage_panels")
def add_catalogue_panel(request, panels):
    user = request.user
    if user.has_perm("openness_catalog.view_catalogueitem") and permissions.editable_columns(user).exists():
        panels.append(CataloguePanel(user))
