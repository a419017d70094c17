"""Admin views for document officers: the inbox, one-click publication (single and bulk) and the preview."""
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from importers.models import ImportedDocument
from publishing.inbox import inbox_rows
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from publishing.services import (
    PublishRefused, overdue_scheduled_count, policies_missing_interpretation, publish, schedule, withdraw,
)


@permission_required("importers.view_importeddocument", raise_exception=True)
def inbox(request):
    status = request.GET.get("status", "open")
    qs = ImportedDocument.objects.all()
    if status == "open":
        qs = qs.filter(status__in=["ready", "blocked", "failed"])
    elif status in dict(ImportedDocument.STATUS_CHOICES):
        qs = qs.filter(status=status)
    rows = inbox_rows(qs.select_related("deadline").order_by("deadline__due_on", "id")[:200])
    return render(request, "publishing/inbox.html", {
        "rows": rows, "status": status, "statuses": ImportedDocument.STATUS_CHOICES,
        "overdue_scheduled": overdue_scheduled_count(),
        "missing_interpretations": policies_missing_interpretation(),
    })


@require_POST
def schedule_one(request, pk):
    _require_publisher(request)
    doc = get_object_or_404(ImportedDocument, pk=pk)
    when = parse_datetime(request.POST.get(f"when-{pk}", ""))
    if when is None:
        messages.error(request, "请填写有效的定时公开时间")
        return redirect("publishing_inbox")
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    try:
        schedule(doc, when, request.user)
    except PublishRefused as exc:
        messages.error(request, f"《{doc.title or doc.original_name}》不能定时公开：" + "；".join(exc.reasons))
    else:
        messages.success(request, f"《{doc.title}》将于 {timezone.localtime(when):%Y-%m-%d %H:%M} 自动公开")
    return redirect("publishing_inbox")


@require_POST
def withdraw_page(request, page_id):
    from wagtail.models import Page

    _require_publisher(request)
    page = get_object_or_404(Page, pk=page_id).specific
    kind = request.POST.get(f"kind-{page_id}", "withdraw")
    try:
        withdraw(page, by=request.user, reason=request.POST.get(f"reason-{page_id}", ""), kind=kind)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"《{page.title}》已{'撤回' if kind == 'withdraw' else '标记为' + kind}")
    return redirect("publishing_inbox")


def _require_publisher(request):
    if not request.user.has_perm("importers.publish_importeddocument"):
        raise PermissionDenied


@require_POST
def publish_one(request, pk):
    _require_publisher(request)
    doc = get_object_or_404(ImportedDocument, pk=pk)
    try:
        page = publish(doc, by=request.user)
    except PublishRefused as exc:
        messages.error(request, f"《{doc.title or doc.original_name}》未公开：" + "；".join(exc.reasons))
    else:
        messages.success(request, f"《{page.title}》已公开，索引号 {page.index_number}")
    return redirect("publishing_inbox")


@require_POST
def publish_bulk(request):
    _require_publisher(request)
    published, refused = 0, []
    for doc in ImportedDocument.objects.filter(pk__in=request.POST.getlist("ids")):
        try:
            publish(doc, by=request.user)
            published += 1
        except PublishRefused as exc:
            refused.append(f"《{doc.title or doc.original_name}》：" + "；".join(exc.reasons))
    if published:
        messages.success(request, f"已公开 {published} 份文件")
    for line in refused:
        messages.error(request, "未公开 " + line)
    return redirect("publishing_inbox")


@permission_required("importers.view_importeddocument", raise_exception=True)
def preview(request, pk):
    """The page exactly as citizens will see it, rendered from an unsaved page object."""
    from cms.models import PolicyDocumentPage

    doc = get_object_or_404(ImportedDocument, pk=pk)
    page = PolicyDocumentPage(
        title=doc.title or doc.original_name, doc_number=doc.doc_number, formed_on=doc.formed_on,
        body=doc.body_html, doc_type=(doc.parsed or {}).get("doc_type") or "",
    )
    page.preview_issuer_names = "、".join(doc.issuers or [])
    return TemplateResponse(request, "cms/policy_document_page.html", {"page": page, "self": page, "is_preview": True})
