"""Catalogue services. Each lists its refusal reasons before it acts (like publishing.services).

publish_entry(entry, by)       — checks, system-stamped published_at, PublicationRecord with deadline, search outbox
withdraw_entry(entry, by, reason) — off the public site and out of the index; the record stays
refresh_item(item) / refresh_items(qs) — newest entry and the 待更新 due date
rename_domain / merge_domains  — with history (DomainChange), old names keep resolving
"""
import html
from datetime import datetime, time
import logging
import re
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.log_actions import log

from openness_catalog import permissions, staleness
from publishing import workdays
from publishing.services import PublishRefused, _kick_outbox
from search.outbox import enqueue

logger = logging.getLogger("gongkai.catalogue")

ENTRY_KEY = "catalogue_entry:{}"
DOC_TYPE = "catalogue_entry"
_TAG = re.compile(r"<[^>]+>")


def entry_key(entry):
    return ENTRY_KEY.format(entry.pk)


def _plain(text):
    return html.unescape(_TAG.sub("\n", text or ""))


def content_checks(entry, today=None):
    """The document content checks (importers.checks) applied to an entry: secrecy marks, PII, banned words."""
    from importers.checks import run_checks
    from importers.services import sensitive_words

    parsed = SimpleNamespace(
        title=entry.title, body_text=_plain(entry.body), paragraphs=[], header_lines=[], attachments=[], notes=[],
        issuers=[entry.unit or entry.item.subject or entry.item.column.name], formed_on=entry.formed_on,
        doc_number=None, secrecy=None, secrecy_marking=None, disclosure=None, warnings=[],
    )
    return run_checks(parsed, sensitive_words=sensitive_words(), today=today or timezone.localdate())


def reasons_not_to_publish(entry, by=None, today=None):
    """Why this entry may not be published now (empty list: it may)."""
    today = today or timezone.localdate()
    reasons = []
    if by is not None and not permissions.can_edit_column(by, entry.item.column):
        reasons.append(permissions.refusal(by, entry.item.column))
    if entry.status == entry.PUBLISHED:
        reasons.append("该信息已经发布，无需重复发布")
    if not (entry.title or "").strip():
        reasons.append("缺少标题")
    if not entry.formed_on:
        reasons.append("缺少形成日期")
    elif entry.formed_on > today:
        reasons.append(f"形成日期{entry.formed_on:%Y年%m月%d日}晚于今天，请核对")
    if not (entry.body or "").strip() and not entry.attachment:
        reasons.append("正文和附件至少填写一项")
    if entry.item.domain.merged_into_id:
        reasons.append(f"领域“{entry.item.domain.name}”已并入“{entry.item.domain.merged_into.name}”，请将事项移到新领域后再发布")
    if entry.title and entry.formed_on:
        reasons.extend(c.message for c in content_checks(entry, today) if c.severity == "block")
    return reasons


def _organ(entry):
    from publishing.models import Organ

    name = entry.unit or entry.item.subject or f"{entry.item.column.name}人民政府"
    return Organ.objects.get_or_create(name=name[:100])[0]


def _record(entry, now):
    from publishing.models import Deadline, PublicationRecord
    from publishing.status import deadline_status

    today = timezone.localdate(now)
    rule = entry.item.rule
    calendar = workdays.get_default_calendar()
    due, provisional = staleness.entry_deadline(rule, entry.formed_on, calendar)
    deadline = None
    if rule.kind != "calendar_days":
        from publishing import deadlines

        computed = deadlines.compute(entry.formed_on, rule.deadline_working_days)
        deadline = Deadline.objects.create(
            kind=Deadline.PROACTIVE, start_on=entry.formed_on, working_days=rule.deadline_working_days,
            due_on=computed.due_on, provisional=computed.provisional,
            provisional_reason=computed.reason if computed.provisional else "", explanation=computed.explanation,
            done_on=today,
        )
        due = computed.due_on
    try:
        taken = workdays.working_days_between(entry.formed_on, today)
    except workdays.CalendarNotAvailable:
        taken = calendar.working_days_between_provisional(entry.formed_on, today)
    key = entry_key(entry)
    version = (PublicationRecord.objects.filter(source_key=key).aggregate(v=Max("version"))["v"] or 0) + 1
    return PublicationRecord.objects.create(
        title=entry.title[:300], doc_type=DOC_TYPE, department=_organ(entry), page=None, source_key=key,
        version=version, formed_on=entry.formed_on, received_at=None, checks_passed_at=now, published_at=now,
        deadline=deadline, due_on=due, working_days_taken=taken, status=deadline_status(due, today, today).code,
    )


def publish_entry(entry, by=None, *, imported_published_on=None):
    """Publish one entry: refuse with every reason first; otherwise stamp, record, enqueue indexing.

    The publication time is the system clock. Only the content-exchange loader and the demo, which carry
    information already published elsewhere (design §2.7 `published_on`), pass imported_published_on — a
    past date that becomes the stamp (09:00 that day); editors have no way to set it.
    """
    from openness_catalog.models import Entry

    original = entry
    try:
        with transaction.atomic():
            entry = Entry.objects.select_for_update().select_related("item__column", "item__domain").get(pk=entry.pk)
            reasons = reasons_not_to_publish(entry, by)
            if reasons:
                raise PublishRefused(reasons)
            now = timezone.now()
            if imported_published_on is not None:
                imported = timezone.make_aware(datetime.combine(imported_published_on, time(9, 0)))
                if imported < now:
                    now = imported
            if not entry.unit:
                entry.unit = _organ(entry).name
            entry.published_at = now
            entry.status = Entry.PUBLISHED
            entry.withdrawn_reason = ""
            entry.record = _record(entry, now)
            entry.save(update_fields=["unit", "published_at", "status", "withdrawn_reason", "record"])
            enqueue(entry_key(entry), "index")
            refresh_item(entry.item)
            log(instance=entry, action="gongkai.publish", user=by, data={"record": entry.record_id})
            transaction.on_commit(_kick_outbox)
    except PublishRefused as exc:
        log(instance=entry, action="gongkai.publish_refused", user=by, data={"reasons": exc.reasons})
        raise
    for name in ("unit", "published_at", "status", "withdrawn_reason", "record_id"):
        setattr(original, name, getattr(entry, name))
    return entry


def withdraw_entry(entry, by=None, *, reason):
    """撤回: off the public site and out of the search index. The PublicationRecord stays as history."""
    from openness_catalog.models import Entry

    entry = Entry.objects.select_related("item__column").get(pk=entry.pk)
    reasons = []
    if not (reason or "").strip():
        reasons.append("撤回必须填写理由")
    if by is not None and not permissions.can_edit_column(by, entry.item.column):
        reasons.append(permissions.refusal(by, entry.item.column))
    if entry.status != Entry.PUBLISHED:
        reasons.append("该信息尚未发布，无需撤回")
    if reasons:
        raise PublishRefused(reasons)
    with transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(status=Entry.WITHDRAWN, published_at=None, withdrawn_reason=reason.strip()[:200])
        entry.refresh_from_db()
        enqueue(entry_key(entry), "delete")
        refresh_item(entry.item)
        log(instance=entry, action="gongkai.withdraw", user=by, data={"kind": "withdraw", "reason": reason})
        transaction.on_commit(_kick_outbox)
    return entry


# ---------------------------------------------------------------------------- staleness


def _due(item, last_published_at, calendar):
    last_on = timezone.localdate(last_published_at) if last_published_at else timezone.localdate(item.created_at)
    return staleness.next_update_due(item.rule, last_on, calendar)


def refresh_item(item):
    from openness_catalog.models import CatalogueItem, Entry

    last = Entry.objects.filter(item_id=item.pk, status=Entry.PUBLISHED).aggregate(m=Max("published_at"))["m"]
    item.last_published_at = last
    item.update_due_on = _due(item, last, workdays.get_default_calendar())
    CatalogueItem.objects.filter(pk=item.pk).update(last_published_at=last, update_due_on=item.update_due_on)
    return item


def refresh_items(queryset=None, batch_size=2000):
    """Recompute last update and due date for many items with one aggregate query (calendar changes, imports)."""
    from openness_catalog.models import CatalogueItem, Entry

    queryset = CatalogueItem.objects.all() if queryset is None else queryset
    latest = dict(
        Entry.objects.filter(status=Entry.PUBLISHED, item__in=queryset).values("item_id")
        .annotate(m=Max("published_at")).values_list("item_id", "m")
    )
    calendar = workdays.get_default_calendar()
    changed = []
    for item in queryset.only("id", "created_at", "time_limit_kind", "time_limit_days", "time_limit_months",
                              "last_published_at", "update_due_on"):
        last = latest.get(item.pk)
        due = _due(item, last, calendar)
        if (item.last_published_at, item.update_due_on) != (last, due):
            item.last_published_at, item.update_due_on = last, due
            changed.append(item)
    CatalogueItem.objects.bulk_update(changed, ["last_published_at", "update_due_on"], batch_size=batch_size)
    return len(changed)


# ---------------------------------------------------------------------------- domains


def find_domain(name):
    """The active domain for a name, following renames and merges (扶贫 → 乡村振兴)."""
    from openness_catalog.models import Domain

    name = (name or "").strip()
    domain = Domain.objects.filter(name=name).first()
    seen = set()
    while domain is not None and domain.merged_into_id and domain.pk not in seen:
        seen.add(domain.pk)
        domain = domain.merged_into
    if domain is None:
        domain = next((d for d in Domain.active.exclude(former_names=[]) if name in (d.former_names or [])), None)
    return domain


def _reindex_domain(domain):
    from openness_catalog.models import Entry

    for pk in Entry.objects.filter(item__domain=domain, status=Entry.PUBLISHED).values_list("pk", flat=True):
        enqueue(ENTRY_KEY.format(pk), "index")


def rename_domain(domain, new_name, by=None, reason=""):
    from openness_catalog.models import Domain, DomainChange

    new_name = (new_name or "").strip()
    if not new_name:
        raise ValueError("新名称不能为空")
    if new_name == domain.name:
        raise ValueError("新名称与原名称相同")
    if Domain.objects.filter(name=new_name).exclude(pk=domain.pk).exists():
        raise ValueError(f"已有名为“{new_name}”的领域；如需合并请使用“合并领域”")
    with transaction.atomic():
        old = domain.name
        domain.former_names = [n for n in (domain.former_names or []) if n != new_name] + [old]
        domain.name = new_name
        domain.save(update_fields=["name", "former_names"])
        DomainChange.objects.create(domain=domain, kind=DomainChange.RENAME, old_name=old, new_name=new_name, reason=reason, changed_by=by)
        _reindex_domain(domain)
        transaction.on_commit(_kick_outbox)
    return domain


def merge_domains(source, target, by=None, reason=""):
    """Move every item of `source` into `target`; `source` stays as history, pointing at `target`."""
    if source.pk == target.pk:
        raise ValueError("不能把领域并入它自己")
    if target.merged_into_id:
        raise ValueError(f"“{target.name}”已并入其他领域，请选择仍在使用的领域")
    if source.merged_into_id:
        raise ValueError(f"“{source.name}”已经并入“{source.merged_into.name}”")
    from openness_catalog.models import DomainChange

    with transaction.atomic():
        moved = list(source.items.values_list("pk", flat=True))
        source.items.update(domain=target)
        source.merged_into = target
        source.save(update_fields=["merged_into"])
        target.former_names = [n for n in (target.former_names or []) if n != source.name] + [source.name]
        target.save(update_fields=["former_names"])
        DomainChange.objects.create(
            domain=source, kind=DomainChange.MERGE, old_name=source.name, new_name=target.name, target=target,
            moved_items=moved, reason=reason, changed_by=by,
        )
        _reindex_domain(target)
        transaction.on_commit(_kick_outbox)
    return target
