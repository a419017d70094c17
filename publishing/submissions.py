"""Submissions: documents handed to publishing, waiting to go live, and their states.

    ready ⇄ blocked  (the gate's verdict on the stored content, kept current after overrides)
    ready → scheduled → published          (定时公开, beat every 30 s)
    ready → published → withdrawn          (一键公开, 自动公开; 撤回)

The state and the clock live here, not in the importer's record. What the submission becomes on the site (a policy
page) is made by the content app that knows it (cms.policies.services.publish_submission); publishing only says
whether and when.
"""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from publishing import deadlines, gate
from publishing.checks import BLOCK
from publishing.models import PublicationRecord, Submission


def refusals(sub, today=None):
    """Why this submission may not go live now: the gate's findings plus what a policy needs to be a policy."""
    reasons = gate.refusals(sub, today)
    if not sub.title:
        reasons.append("缺少标题")
    if not sub.formed_on:
        reasons.append("缺少成文日期")
    if not sub.issuers:
        reasons.append("缺少发文机关")
    if undecided_number(sub):
        reasons.append(duplicate_message(sub) + "：请先确认是同一文件的新版本，还是确为不同文件")
    if sub.status == Submission.SUPERSEDED:
        reasons.append("该版本已被新版本取代，请公开新版本")
    elif sub.status == Submission.PUBLISHED:
        reasons.append("该文件的此版本已经公开，无需重复公开")
    elif sub.status == Submission.WITHDRAWN:
        reasons.append("该文件已撤回；如需重新公开，请导入新的版本")
    elif was_published(sub):
        reasons.append("该文件的此版本已经公开过（见公开记录），无需重复公开；如需更正，请导入新的版本")
    return reasons


def was_published(sub):
    """The publication record says so, whatever the status says: a status reset by hand must not publish it twice."""
    if sub.record_id or sub.page_id:
        return True
    return PublicationRecord.objects.filter(source_key=sub.source_key, version=sub.version).exists()


def submit(*, source_key, version=1, received_at=None, deadline_start=None, **fields):
    """Hand a document to publishing (importers call this). The 20-working-day clock starts from formed_on, or from
    changed_on for a new version (条例 Art. 26); deadline_start keeps the clock of the version this one replaces."""
    sub = Submission(source_key=source_key, version=version, received_at=received_at or timezone.now(), **fields)
    start = deadline_start or sub.changed_on or sub.formed_on
    if start:
        sub.deadline = deadlines.create_proactive(start)
    sub.status = Submission.READY
    sub.save()
    refresh_status(sub)
    return sub


def refresh_status(sub):
    """Keep ready/blocked in step with the gate (after an override, a new sensitive word, …)."""
    if sub.status not in (Submission.READY, Submission.BLOCKED):
        return sub
    blocked = bool(gate.refusals(sub))
    status = Submission.BLOCKED if blocked else Submission.READY
    if status != sub.status:
        sub.status = status
        Submission.objects.filter(pk=sub.pk).update(status=status)
    return sub


def blocks_and_warnings(sub):
    found = gate.open_findings(gate.findings(sub), gate.subject_of(sub))
    return [c for c in found if c.severity == BLOCK], [c for c in found if c.severity != BLOCK]


def schedule(sub, when, by):
    """定时公开: refuse now if it could not be published, otherwise publish within a minute of `when`."""
    reasons = refusals(sub)
    if when <= timezone.now():
        reasons.append("定时公开的时间必须晚于当前时间")
    if reasons:
        raise gate.PublishRefused(reasons)
    with transaction.atomic():
        sub.scheduled_at, sub.scheduled_by, sub.status = when, by, Submission.SCHEDULED
        sub.save(update_fields=["scheduled_at", "scheduled_by", "status"])
        log(instance=sub, action="gongkai.schedule", user=by, data={"at": when.isoformat()})
    return sub


def unschedule(sub, reasons=()):
    sub.scheduled_at, sub.status = None, Submission.READY
    sub.save(update_fields=["scheduled_at", "status"])
    if reasons:
        log(instance=sub, action="gongkai.publish_refused", user=sub.scheduled_by, data={"reasons": list(reasons)})
    return refresh_status(sub)


def due(now=None):
    return Submission.objects.filter(status=Submission.SCHEDULED, scheduled_at__lte=now or timezone.now())


def overdue_scheduled_count(now=None, grace_seconds=60):
    """Whitehall-style gauge: scheduled items whose time has passed by more than a minute but are not live."""
    now = now or timezone.now()
    return Submission.objects.filter(status=Submission.SCHEDULED, scheduled_at__lt=now - timedelta(seconds=grace_seconds)).count()


def mark_published(sub, page, record, by=None, mode="one_click"):
    sub.status, sub.page, sub.record, sub.scheduled_at = Submission.PUBLISHED, page, record, None
    sub.save(update_fields=["status", "page", "record", "scheduled_at"])
    # the version that was live until now stays as history, linked from the new one
    Submission.objects.filter(source_key=sub.source_key, status=Submission.PUBLISHED).exclude(pk=sub.pk).update(
        status=Submission.SUPERSEDED)
    log(instance=sub, action="gongkai.publish", user=by, data={"mode": mode, "record": getattr(record, "pk", None), "page": page.pk})


def mark_withdrawn(page):
    Submission.objects.filter(page=page, status=Submission.PUBLISHED).update(status=Submission.WITHDRAWN)


# --------------------------------------------------------------------------------------------- 发文字号 used twice


def undecided_number(sub):
    """Its 发文字号 is another document's and nobody has said whether it is the same document or another."""
    return bool(sub.same_number_as) and not sub.number_decision


def duplicate_message(sub):
    """Names the other documents by title and 文号 (never an internal id)."""
    others = "、".join(f"《{o.get('title') or '未命名文件'}》（{o.get('doc_number') or sub.doc_number}）" for o in sub.same_number_as)
    return f"发文字号“{sub.doc_number}”与{others}相同"


def next_version(source_key):
    found = Submission.objects.filter(source_key=source_key).order_by("-version").values_list("version", flat=True).first()
    return (found or 0) + 1


@transaction.atomic
def supersede(old, new, *, by=None, reason=""):
    """new is a later version of old's document: same source key (so it updates the same page and its record counts
    as the next version), old linked from it. An open old version leaves the inbox now; a published one stays live
    until the new version is published (mark_published)."""
    new.replaces, new.source_key = old, old.source_key
    if new.version <= old.version or Submission.objects.filter(source_key=old.source_key, version=new.version).exclude(pk=new.pk).exists():
        new.version = next_version(old.source_key)
    new.version_reason = (reason or new.version_reason)[:300]
    new.save(update_fields=["replaces", "source_key", "version", "version_reason"])
    if old.status in Submission.OPEN:
        old.status, old.scheduled_at = Submission.SUPERSEDED, None
        old.save(update_fields=["status", "scheduled_at"])
    log(instance=new, action="gongkai.new_version", user=by, data={"replaces": old.pk, "version": new.version, "reason": new.version_reason})
    return new


@transaction.atomic
def decide_number(sub, decision, *, by, reason):
    """The officer's deliberate decision on a duplicate 发文字号 (audited). "new_version" makes this submission the
    next version of the other document (when that document came through the inbox)."""
    reason = (reason or "").strip()
    if decision not in dict(Submission.NUMBER_DECISIONS):
        raise ValueError("请选择：这是同一文件的新版本，或确为不同文件")
    if not reason:
        raise ValueError("确认文号重复的处理必须填写理由")
    if not sub.same_number_as:
        raise ValueError("该文件的发文字号没有与其他文件重复")
    if sub.status not in Submission.OPEN:
        raise ValueError(f"该文件当前状态为“{sub.get_status_display()}”，不能再处理文号重复")
    if decision == Submission.NUMBER_SAME_DOCUMENT:
        earlier = [o["submission"] for o in sub.same_number_as if o.get("submission")]
        old = Submission.objects.filter(pk__in=earlier).exclude(pk=sub.pk).order_by("-version", "-received_at").first()
        if old is None:
            raise ValueError("另一份文件不是经收件箱导入的，无法作为其新版本；如确为同一文件，请在页面编辑器中更新原页面")
        supersede(old, sub, by=by, reason=reason)
    sub.number_decision, sub.number_decision_reason = decision, reason[:300]
    sub.number_decided_by, sub.number_decided_at = by, timezone.now()
    sub.save(update_fields=["number_decision", "number_decision_reason", "number_decided_by", "number_decided_at"])
    log(instance=sub, action="gongkai.doc_number_decision", user=by,
        data={"decision": dict(Submission.NUMBER_DECISIONS)[decision], "reason": reason, "others": sub.same_number_as})
    return sub
