"""Editor views in the Wagtail admin: publish/withdraw an entry, Excel import/export, the coverage dashboard,
rename/merge a domain. Every view checks the user's columns (permissions.py); refusals are 302 + message."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from openness_catalog import excel, matrix, permissions, services
from openness_catalog.models import CatalogueItem, Column, Domain, Entry
from publishing.gate import PublishRefused

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _entry_for(request, pk):
    entry = get_object_or_404(Entry.objects.select_related("item__column", "item__domain"), pk=pk)
    if not permissions.can_edit_column(request.user, entry.item.column):
        raise PermissionDenied(permissions.refusal(request.user, entry.item.column))
    return entry


def _back(request, entry):
    return redirect(request.POST.get("next") or reverse("wagtailsnippets_openness_catalog_entry:edit", args=[entry.pk]))


@permission_required("openness_catalog.change_entry", raise_exception=True)
@require_http_methods(["GET", "POST"])
def publish_entry(request, pk):
    entry = _entry_for(request, pk)
    if request.method == "POST":
        try:
            services.publish_entry(entry, by=request.user)
        except PublishRefused as exc:
            return render(request, "openness_catalog/admin/publish.html", {"entry": entry, "reasons": exc.reasons}, status=200)
        messages.success(request, f"“{entry.title}”已发布，发布时间由系统记录")
        return redirect("wagtailsnippets_openness_catalog_entry:list")
    reasons = services.reasons_not_to_publish(entry, by=request.user)
    warnings = services.warnings(entry)
    return render(request, "openness_catalog/admin/publish.html", {"entry": entry, "reasons": reasons, "warnings": warnings})


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", max_length=200, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "撤回必须填写理由"})


@permission_required("openness_catalog.change_entry", raise_exception=True)
@require_http_methods(["GET", "POST"])
def withdraw_entry(request, pk):
    entry = _entry_for(request, pk)
    form = WithdrawForm(request.POST or None)
    reasons = []
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_entry(entry, by=request.user, reason=form.cleaned_data["reason"])
        except PublishRefused as exc:
            reasons = exc.reasons
        else:
            messages.success(request, f"“{entry.title}”已撤回")
            return redirect("wagtailsnippets_openness_catalog_entry:list")
    return render(request, "openness_catalog/admin/withdraw.html", {"entry": entry, "form": form, "reasons": reasons})


class ImportForm(forms.Form):
    file = forms.FileField(label="标准目录表（.xlsx）", error_messages={"required": "请选择要导入的 Excel 文件"})
    dry_run = forms.BooleanField(label="只校验，不写入", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件超过{MAX_UPLOAD_BYTES // (1024 * 1024)}MB上限")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的文件（Excel 2007 及以上）")
        return upload


@permission_required("openness_catalog.add_catalogueitem", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_catalogue(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = error = None
    if request.method == "POST" and form.is_valid():
        try:
            report = excel.import_workbook(form.cleaned_data["file"], by=request.user, dry_run=form.cleaned_data["dry_run"])
        except excel.WorkbookUnreadable as exc:
            error = str(exc)
    return render(request, "openness_catalog/admin/import.html", {
        "form": form, "report": report, "error": error, "headers": excel.standard.EXCEL_HEADERS,
        "columns": permissions.editable_columns(request.user),
    })


@permission_required("openness_catalog.view_catalogueitem", raise_exception=True)
def export_catalogue(request):
    items = CatalogueItem.objects.filter(permissions.column_filter(request.user))
    if request.GET.get("column"):
        items = items.filter(column_id=request.GET["column"])
    if request.GET.get("domain"):
        items = items.filter(domain_id=request.GET["domain"])
    response = HttpResponse(excel.export_bytes(items), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"jczwgk-catalogue-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dashboard_data(user, today=None):
    """Coverage per column the user edits, and that user's stale items (oldest due first)."""
    today = today or timezone.localdate()
    tops = {c.top.pk for c in permissions.editable_columns(user).select_related("parent")}
    m = matrix.build(today=today, columns=sorted(tops))
    stale = (
        CatalogueItem.objects.filter(permissions.column_filter(user), update_due_on__lt=today)
        .select_related("column", "domain").order_by("update_due_on", "id")
    )
    return {"coverage": m.coverage(), "stale_items": stale[:200], "stale_count": stale.count(), "today": today}


@permission_required("openness_catalog.view_catalogueitem", raise_exception=True)
def dashboard(request):
    return render(request, "openness_catalog/admin/dashboard.html", dashboard_data(request.user))


class RenameForm(forms.Form):
    new_name = forms.CharField(label="新名称", max_length=40)
    reason = forms.CharField(label="说明", max_length=200, required=False)


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(label="并入领域", queryset=Domain.active.all(), empty_label="请选择")
    reason = forms.CharField(label="说明", max_length=200, required=False)


@permission_required("openness_catalog.change_domain", raise_exception=True)
@require_http_methods(["GET", "POST"])
def change_domain(request, pk, kind):
    domain = get_object_or_404(Domain, pk=pk)
    form_class = RenameForm if kind == "rename" else MergeForm
    form = form_class(request.POST or None)
    if kind == "merge":
        form.fields["target"].queryset = Domain.active.exclude(pk=domain.pk)
    if request.method == "POST" and form.is_valid():
        try:
            if kind == "rename":
                services.rename_domain(domain, form.cleaned_data["new_name"], by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, f"领域已更名为“{domain.name}”，原名称保留为曾用名")
            else:
                target = form.cleaned_data["target"]
                services.merge_domains(domain, target, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, f"“{domain.name}”已并入“{target.name}”，变更记录已保存")
            return redirect("wagtailsnippets_openness_catalog_domain:list")
        except ValueError as exc:
            form.add_error(None, str(exc))
    return render(request, "openness_catalog/admin/domain_change.html", {"domain": domain, "form": form, "kind": kind,
                                                                         "history": domain.changes.all()})


def column_choices(user):
    return Column.objects.filter(pk__in=permissions.editable_columns(user).values("pk"))
