"""The officer's inbox: every imported document with the gate's findings and its deadline; one-click, bulk and
scheduled publication, overrides, preview, withdrawal. Routes keep the imported document's id."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from cms.policies.models import PolicyDocumentPage
from cms.policies.services import (
    VALIDITY_CHANGES,
    change_validity,
    policies_missing_interpretation,
    publish_submission,
    topic_choices,
)
from importers import document_views
from importers.models import ImportedDocument
from publishing import reviews, services, submissions
from publishing.calendar_sync import sync_calendar
from publishing.gate import PublishRefused
from publishing.inbox import InboxRow, row_for
from publishing.models import Submission
from publishing.workdays import get_default_calendar
from sitegroup import scope as site_scope

PUBLISH_PERMISSION = "publishing.publish_submission"
STATUSES = [("failed", "导入失败")] + Submission.STATUS_CHOICES


def _rows(docs):
    sync_calendar()
    today, cal = timezone.localdate(), get_default_calendar()
    rows = []
    for doc in docs:
        row = row_for(doc.submission, today, cal) if doc.submission_id else InboxRow(submission=None)
        row.doc = doc
        row.page = doc.submission.page if doc.submission_id and doc.submission.status == Submission.PUBLISHED else None
        row.duplicates = document_views.duplicate_links(doc.submission)
        rows.append(row)
    return rows


def inbox(request):
    if not request.user.has_perm("importers.view_importeddocument"):
        return permission_denied(request)
    status = request.GET.get("status", "open")
    qs = ImportedDocument.objects.select_related("submission", "submission__deadline", "submission__page")
    if status == "open":
        qs = qs.filter(submission__status__in=Submission.OPEN) | qs.filter(submission__isnull=True)
    elif status == "failed":
        qs = qs.filter(submission__isnull=True)
    elif status in dict(Submission.STATUS_CHOICES):
        qs = qs.filter(submission__status=status)
    docs = _in_scope(request, qs.order_by("submission__deadline__due_on", "id")[:200])
    return render(request, "importers/inbox.html", {
        "rows": _rows(docs), "status": status, "statuses": STATUSES,
        "overdue_scheduled": submissions.overdue_scheduled_count(),
        "missing_interpretations": policies_missing_interpretation(),
        "topic_choices": topic_choices(), "conclusions": reviews.CONCLUSIONS, "today": timezone.localdate(),
        "may_review": request.user.has_perm(reviews.PERMISSION), "may_publish": request.user.has_perm(PUBLISH_PERMISSION),
        "number_decisions": Submission.NUMBER_DECISIONS,
    })


def _require_publisher(request):
    if not request.user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied


def _in_scope(request, docs):
    """A district's own officers work on their district's documents only (站群); the group's officers on all."""
    scope = site_scope.forced_scope(request.user)
    if scope is None:
        return list(docs)
    ids = site_scope.organ_ids()
    return [d for d in docs if d.submission_id and scope.owns_issuers(d.submission.issuers, ids)]


def _submission(pk, request):
    doc = get_object_or_404(ImportedDocument.objects.select_related("submission"), pk=pk)
    if not _in_scope(request, [doc]):
        raise PermissionDenied
    return doc, doc.submission


def _label(doc):
    return f"《{doc.title or doc.original_name}》"


@require_POST
def publish_one(request, pk):
    _require_publisher(request)
    doc, sub = _submission(pk, request)
    if sub is None:
        messages.error(request, f"{_label(doc)}未公开：文件导入失败，无法公开：{doc.error}")
        return redirect("publishing_inbox")
    try:
        page = publish_submission(sub, by=request.user, mode="one_click")
    except PublishRefused as exc:
        messages.error(request, f"{_label(doc)}未公开：" + "；".join(exc.reasons))
    else:
        messages.success(request, f"《{page.title}》已公开，索引号 {page.index_number}")
    return redirect("publishing_inbox")


@require_POST
def publish_bulk(request):
    _require_publisher(request)
    published, refused = 0, []
    ids = [int(v) for v in request.POST.getlist("ids") if v.isascii() and v.isdigit() and len(v) <= 18]
    if not ids:
        messages.error(request, "请先勾选要公开的文件")
        return redirect("publishing_inbox")
    for doc in _in_scope(request, ImportedDocument.objects.filter(pk__in=ids).select_related("submission")):
        try:
            if doc.submission is None:
                raise PublishRefused([f"文件导入失败，无法公开：{doc.error}"])
            publish_submission(doc.submission, by=request.user, mode="bulk")
            published += 1
        except PublishRefused as exc:
            refused.append(f"{_label(doc)}：" + "；".join(exc.reasons))
    if published:
        messages.success(request, f"已公开 {published} 份文件")
    for line in refused:
        messages.error(request, "未公开 " + line)
    return redirect("publishing_inbox")


@require_POST
def schedule_one(request, pk):
    _require_publisher(request)
    doc, sub = _submission(pk, request)
    when = parse_datetime(request.POST.get(f"when-{pk}", ""))
    if when is None or sub is None:
        messages.error(request, "请填写有效的定时公开时间" if sub is not None else f"{_label(doc)}导入失败，不能定时公开")
        return redirect("publishing_inbox")
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    try:
        submissions.schedule(sub, when, request.user)
    except PublishRefused as exc:
        messages.error(request, f"{_label(doc)}不能定时公开：" + "；".join(exc.reasons))
    else:
        messages.success(request, f"{_label(doc)}将于 {timezone.localtime(when):%Y-%m-%d %H:%M} 自动公开")
    return redirect("publishing_inbox")


@require_POST
def override_one(request, pk):
    """处理检查项: an authorised person clears one finding with a reason (publishing.services.override)."""
    _require_publisher(request)
    doc, sub = _submission(pk, request)
    slot, _, rest = request.POST.get("override", "").partition("|")
    code, _, evidence = rest.partition("|")
    try:
        if sub is None:
            raise ValueError("文件导入失败，没有可处理的检查项")
        services.override(sub, code, by=request.user, reason=request.POST.get(f"override-reason-{pk}-{slot}", ""), evidence=evidence)
        submissions.refresh_status(sub)
    except ValueError as exc:
        messages.error(request, f"{_label(doc)}：{exc}")
    else:
        messages.success(request, f"{_label(doc)}：已记录处理理由")
    return redirect("publishing_inbox")


@require_POST
def withdraw_page(request, page_id):
    _require_publisher(request)
    page = get_object_or_404(Page, pk=page_id).specific
    kind = request.POST.get(f"kind-{page_id}", "withdraw")
    reason = request.POST.get(f"reason-{page_id}", "")
    try:
        if kind in VALIDITY_CHANGES and isinstance(page, PolicyDocumentPage):
            change_validity(page, kind, by=request.user, reason=reason)
        elif kind == "withdraw":
            services.withdraw(page, by=request.user, reason=reason)
        else:
            raise ValueError(f"未知的操作：{kind}")
    except (ValueError, PublishRefused) as exc:
        messages.error(request, "；".join(exc.reasons) if isinstance(exc, PublishRefused) else str(exc))
    else:
        messages.success(request, f"《{page.title}》已{'撤回' if kind == 'withdraw' else '标记为' + kind}")
    return redirect("publishing_inbox")


def preview(request, pk):
    """The page exactly as citizens will see it, rendered from an unsaved page object."""
    if not request.user.has_perm("importers.view_importeddocument"):
        return permission_denied(request)
    doc, sub = _submission(pk, request)
    source = sub or doc
    page = PolicyDocumentPage(
        title=source.title or doc.original_name, doc_number=source.doc_number, formed_on=source.formed_on,
        body=source.body_html, doc_type=getattr(sub, "doc_type", "") or (doc.parsed or {}).get("doc_type") or "",
    )
    page.preview_issuer_names = "、".join(source.issuers or [])
    return TemplateResponse(request, "policies/policy_document_page.html", {"page": page, "self": page, "is_preview": True})
