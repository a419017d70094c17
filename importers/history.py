"""What the document's admin page shows of its life: its versions (each linked), its 保密审查 and every audited
action (who, when, what, reason) on the document and its submissions."""
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from importers.models import ImportedDocument
from publishing.models import SecrecyReview, Submission

REASON_KEYS = ("reason", "conclusion", "decision", "mode", "keywords", "topic", "reasons")


def lineage(doc):
    """Every submission of this document's source key, oldest version first."""
    if doc.submission_id is None:
        return []
    return list(Submission.objects.filter(source_key=doc.submission.source_key).order_by("version", "received_at"))


def versions_html(doc):
    subs = lineage(doc)
    if len(subs) <= 1 and not (subs and subs[0].replaces_id):
        return "—"
    docs = {d.submission_id: d for d in ImportedDocument.objects.filter(submission__in=subs)}
    rows = []
    for sub in subs:
        other = docs.get(sub.pk)
        url = reverse("wagtailsnippets_importers_importeddocument:inspect", args=[other.pk]) if other else ""
        mark = "（本页）" if other and other.pk == doc.pk else ""
        rows.append((url, f"第{sub.version}版", sub.get_status_display(), mark, sub.version_reason or ""))
    return format_html("<ol>{}</ol>", format_html_join("", '<li><a href="{}">{}</a>：{}{} {}</li>', rows))


def reviews_html(doc):
    if doc.submission_id is None:
        return "—"
    reviews = SecrecyReview.objects.filter(submission_id=doc.submission_id).select_related("reviewer")
    rows = [(r.conclusion, r.reviewer.get_full_name() or r.reviewer.get_username() if r.reviewer else "—",
             f"{r.reviewed_on:%Y-%m-%d}", r.reason) for r in reviews]
    if not rows:
        return "—"
    return format_html("<ul>{}</ul>", format_html_join("", "<li><strong>{}</strong>（{}，{}）：{}</li>", rows))


def _detail(data):
    parts = []
    for key in REASON_KEYS:
        value = (data or {}).get(key)
        if value:
            parts.append("；".join(value) if isinstance(value, list) else str(value))
    return "：".join(parts)


def log_html(doc):
    entries = list(ModelLogEntry.objects.for_instance(doc))
    pages = set()
    for sub in lineage(doc):
        entries += list(ModelLogEntry.objects.for_instance(sub))
        pages.add(sub.page_id)
    pages.discard(None)
    entries += list(PageLogEntry.objects.filter(page_id__in=pages, action__startswith="gongkai."))
    entries.sort(key=lambda e: e.timestamp, reverse=True)
    if not entries:
        return "—"
    rows = []
    for e in entries[:100]:
        action = log_registry.get_action_label(e.action) if log_registry.action_exists(e.action) else e.action
        who = (e.user.get_full_name() or e.user.get_username()) if e.user_id and e.user else "系统"
        rows.append((f"{timezone.localtime(e.timestamp):%Y-%m-%d %H:%M}", who, action, e.label, _detail(e.data)))
    return format_html("<table class='listing'><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>内容/理由</th></tr></thead>"
                       "<tbody>{}</tbody></table>",
                       format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows))
