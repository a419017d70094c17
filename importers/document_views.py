"""Ways forward for a document in the officer's inbox, each audited in the document's history:

    保密审查      a reviewer records reviewer, date, conclusion and reason (publishing.reviews)
    新版本        a 脱敏 (or corrected) version: imported, parsed and checked again; the old version kept and linked
    文号重复      the deliberate decision: 同一文件的新版本 / 确为不同文件 (publishing.submissions.decide_number)
    主题分类/主题词  confirmed before publishing, corrected after (republished through the gate)
"""
import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied
from wagtail.log_actions import log
from wagtail.models import Page

from cms.policies.services import topic_choices, update_topics
from importers.filenames import safe_name, shorten
from importers.models import ImportedDocument
from importers.services import import_file
from publishing import reviews, submissions
from publishing.gate import PublishRefused
from publishing.models import Submission

PUBLISH_PERMISSION = "publishing.publish_submission"
IMPORT_PERMISSION = "importers.add_importeddocument"


def inspect_url(doc):
    return reverse("wagtailsnippets_importers_importeddocument:inspect", args=[doc.pk])


def _back(request, doc):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("publishing_inbox")


def _get(request, name, pk):
    """A row's field: the inbox holds every row in one form, so its fields carry the document's id."""
    return request.POST.get(f"{name}-{pk}", request.POST.get(name, ""))


def _doc(pk):
    doc = get_object_or_404(ImportedDocument.objects.select_related("submission"), pk=pk)
    return doc, doc.submission


def _label(doc):
    return f"《{doc.title or doc.original_name}》"


def duplicate_links(sub):
    """[(title, 文号, admin link, public link)] for the other documents sharing this 发文字号."""
    if not sub or not sub.same_number_as:
        return []
    subs = {d.submission_id: d for d in ImportedDocument.objects.filter(submission_id__in=[o.get("submission") for o in sub.same_number_as])}
    pages = {p.pk: p for p in Page.objects.filter(pk__in=[o.get("page") for o in sub.same_number_as if o.get("page")], live=True)}
    links = []
    for other in sub.same_number_as:
        doc, page = subs.get(other.get("submission")), pages.get(other.get("page"))
        links.append({"title": other.get("title") or "未命名文件", "doc_number": other.get("doc_number") or sub.doc_number,
                      "admin_url": inspect_url(doc) if doc else (reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else ""),
                      "public_url": page.url if page else ""})
    return links


@require_POST
def review(request, pk):
    """保密审查 of a blocked document."""
    if not request.user.has_perm("importers.view_importeddocument"):
        return permission_denied(request)
    doc, sub = _doc(pk)
    try:
        if sub is None:
            raise reviews.ReviewRefused("文件导入失败，没有可审查的内容")
        raw = _get(request, "reviewed_on", pk).strip()
        try:
            reviewed_on = date.fromisoformat(raw) if raw else None
        except ValueError:
            raise reviews.ReviewRefused("审查日期格式应为 YYYY-MM-DD") from None
        done = reviews.record(sub, by=request.user, conclusion=_get(request, "conclusion", pk),
                              reason=_get(request, "review_reason", pk), reviewed_on=reviewed_on)
    except reviews.ReviewRefused as exc:
        messages.error(request, f"{_label(doc)}：{exc}")
    else:
        sub.refresh_from_db()
        still = "；仍不能公开：" + "；".join(submissions.refusals(sub)) if sub.status == Submission.BLOCKED else ""
        messages.success(request, f"{_label(doc)}：已记录保密审查结论“{done.conclusion}”{still}")
    return _back(request, doc)


@require_POST
def new_version(request, pk):
    """Upload a new (脱敏) version: it is imported and checked like any document; the old one is kept and linked."""
    if not (request.user.has_perm(IMPORT_PERMISSION) and request.user.has_perm(PUBLISH_PERMISSION)):
        return permission_denied(request)
    doc, sub = _doc(pk)
    upload = request.FILES.get(f"file-{pk}") or request.FILES.get("file")
    reason = _get(request, "version_reason", pk).strip()
    error = None
    if sub is None:
        error = "原文件导入失败，请直接重新上传"
    elif sub.status == Submission.SUPERSEDED:
        error = "该版本已被新版本取代，请在最新版本上操作"
    elif upload is None:
        error = "请选择新版本的文件"
    elif not reason:
        error = "上传新版本必须说明理由（例如：已脱敏，删除了密级标志和个人信息）"
    elif upload.size > settings.IMPORT_MAX_FILE_BYTES:
        error = f"文件超过{settings.IMPORT_MAX_FILE_BYTES // (1024 * 1024)}MB上限，未导入"
    if error:
        messages.error(request, f"{_label(doc)}：{error}")
        return _back(request, doc)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / shorten(safe_name(upload.name))
        with open(path, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        result = import_file(path, source="upload", user=request.user, original_name=Path(upload.name).name,
                             previous=sub, version_reason=reason)
    if result.error:
        messages.error(request, f"{_label(doc)}的新版本未能导入：{result.error}")
    else:
        new = result.document.submission
        verdict = "可以公开" if new.status == Submission.READY else "仍不能公开：" + "；".join(submissions.refusals(new))
        messages.success(request, f"{_label(doc)}第{new.version}版已导入并重新检查，{verdict}")
    return _back(request, doc)


@require_POST
def decide_number(request, pk):
    if not request.user.has_perm(PUBLISH_PERMISSION):
        return permission_denied(request)
    doc, sub = _doc(pk)
    try:
        if sub is None:
            raise ValueError("文件导入失败")
        submissions.decide_number(sub, _get(request, "decision", pk), by=request.user, reason=_get(request, "number_reason", pk))
    except ValueError as exc:
        messages.error(request, f"{_label(doc)}：{exc}")
    else:
        messages.success(request, f"{_label(doc)}：已记录“{sub.get_number_decision_display()}”")
    return _back(request, doc)


@require_POST
def topics(request, pk):
    """主题分类/主题词: on the submission before publishing, on the live page after."""
    if not request.user.has_perm(PUBLISH_PERMISSION):
        return permission_denied(request)
    doc, sub = _doc(pk)
    topic_path = _get(request, "topic_path", pk).strip()
    keywords = " ".join(_get(request, "keywords", pk).split())
    try:
        if sub is None:
            raise PublishRefused(["文件导入失败"])
        if topic_path and topic_path not in topic_choices():
            raise PublishRefused([f"未知的主题分类：{topic_path}"])
        if len(keywords) > 200:
            raise PublishRefused(["主题词不能超过200个字符"])
        if sub.status == Submission.PUBLISHED and sub.page_id:
            update_topics(sub.page.specific, topic_path=topic_path, keywords=keywords, by=request.user)
            sub.topic_path, sub.keywords = topic_path, keywords
            sub.save(update_fields=["topic_path", "keywords"])
        elif sub.is_open:
            sub.topic_path, sub.keywords = topic_path, keywords
            sub.save(update_fields=["topic_path", "keywords"])
            log(instance=sub, action="gongkai.topics", user=request.user, data={"topic": topic_path, "keywords": keywords})
            submissions.refresh_status(sub)  # 主题词 go live with the page: the gate reads them too
        else:
            raise PublishRefused([f"该文件当前状态为“{sub.get_status_display()}”，不能修改"])
    except PublishRefused as exc:
        messages.error(request, f"{_label(doc)}：" + "；".join(exc.reasons))
    else:
        messages.success(request, f"{_label(doc)}：主题分类与主题词已保存")
    return _back(request, doc)
