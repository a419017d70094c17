"""Admin views for document officers: the inbox, one-click publication (single and bulk) and the preview."""
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from importers.models import ImportedDocument
from publishing.inbox import inbox_rows
from publishing.services import PublishRefused, publish


@permission_required("importers.view_importeddocument", raise_exception=True)
def inbox(request):
    status = request.GET.get("status", "open")
    qs = ImportedDocument.objects.all()
    if status == "open":
        qs = qs.filter(status__in=["ready", "blocked", "failed"])
    elif status in dict(ImportedDocument.STATUS_CHOICES):
        qs = qs.filter(status=status)
    rows = inbox_rows(qs.select_related("deadline").order_by("deadline__due_on", "id")[:200])
    return render(request, "publishing/inbox.html", {"rows": rows, "status": status, "statuses": ImportedDocument.STATUS_CHOICES})


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
