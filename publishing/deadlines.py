"""Deadline service: build, explain, store and recompute statutory deadlines.

Proactive disclosure: due = formed/changed date + 20 working days (条例 Art. 26).
Request reply: due = receipt + 20 working days, one extension of at most 20, and pauses (补正,
third-party consultation) that move the due date by the working days paused (Arts. 30–33).
When a year has no official schedule the deadline is estimated with weekends only and marked 暂定.
"""
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from publishing import workdays
from publishing.calendar_sync import sync_calendar
from publishing.models import Deadline, DeadlineChange
from publishing.status import deadline_status

PROACTIVE_DAYS = 20
REQUEST_DAYS = 20
MAX_EXTENSION_DAYS = 20


@dataclass
class Computed:
    due_on: date
    provisional: bool
    reason: str
    explanation: dict = field(default_factory=dict)


def _add(start, n):
    due, provisional, reason = workdays.add_working_days_provisional(start, n)
    return due, provisional, reason or ""


def _between(start, end):
    try:
        return workdays.working_days_between(start, end), False
    except workdays.CalendarNotAvailable:
        return workdays.get_default_calendar().working_days_between_provisional(start, end), True


def _explain(start, n, due, provisional, reason):
    detail = workdays.explain_add(start, n)
    return {
        "start": start.isoformat(),
        "working_days": n,
        "due_on": due.isoformat(),
        "provisional": provisional,
        "reason": reason,
        "holidays": detail["holidays"],
        "makeup_days": detail["makeup_days"],
    }


def compute(start_on, working_days, pauses=()):
    """Due date for `working_days` after start_on, shifted by the working days inside each pause."""
    sync_calendar()
    due, provisional, reason = _add(start_on, working_days)
    explanation = _explain(start_on, working_days, due, provisional, reason)
    paused_total = 0
    today = timezone.localdate()
    for p_start, p_end in pauses:
        paused, prov = _between(p_start, p_end or today)
        paused_total += paused
        provisional = provisional or prov
    if paused_total:
        due, prov, reason2 = _add(due, paused_total)
        provisional = provisional or prov
        reason = reason or reason2
        explanation["paused_working_days"] = paused_total
        explanation["due_on"] = due.isoformat()
        explanation["provisional"] = provisional
        explanation["reason"] = reason
    return Computed(due, provisional, reason, explanation)


def explain_text(explanation):
    """A short Chinese explanation of a stored deadline, for the admin and the CLI."""
    lines = [f"起算日：{explanation['start']}（当日不计入）", f"期限：{explanation['working_days']}个工作日"]
    for h in explanation.get("holidays", []):
        lines.append(f"跨越节假日：{h.get('date')} {h.get('name', '')}".rstrip())
    for d in explanation.get("makeup_days", []):
        lines.append(f"跨越调休上班日：{d}")
    if explanation.get("paused_working_days"):
        lines.append(f"暂停计时：{explanation['paused_working_days']}个工作日")
    lines.append(f"到期日：{explanation['due_on']}" + ("（暂定）" if explanation.get("provisional") else ""))
    if explanation.get("reason"):
        lines.append(explanation["reason"])
    return "\n".join(lines)


def _apply(deadline):
    pauses = [(p.start, p.end) for p in deadline.pauses.all()] if deadline.pk else []
    result = compute(deadline.start_on, deadline.working_days + deadline.extension_days, pauses)
    deadline.due_on = result.due_on
    deadline.provisional = result.provisional
    deadline.provisional_reason = result.reason if result.provisional else ""
    deadline.explanation = result.explanation
    deadline.computed_at = timezone.now()
    return deadline


def create_proactive(formed_on):
    deadline = _apply(Deadline(kind=Deadline.PROACTIVE, start_on=formed_on, working_days=PROACTIVE_DAYS))
    deadline.save()
    return deadline


def create_request(received_on):
    deadline = _apply(Deadline(kind=Deadline.REQUEST, start_on=received_on, working_days=REQUEST_DAYS))
    deadline.save()
    return deadline


def extend(deadline, days, approver, reason):
    if deadline.kind != deadline.REQUEST:
        raise ValueError("只有依申请公开的答复期限可以延长")
    if deadline.extension_days:
        raise ValueError("答复期限只能延长一次")
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValueError(f"延长期限最长不超过{MAX_EXTENSION_DAYS}个工作日")
    if not approver or not reason:
        raise ValueError("延长答复期限须写明批准人和理由")
    deadline.extension_days, deadline.extension_approver, deadline.extension_reason = days, approver, reason
    return recompute(deadline, reason=f"延长{days}个工作日（{approver}批准：{reason}）")


def add_pause(deadline, kind, start, end=None):
    deadline.pauses.create(kind=kind, start=start, end=end)
    return recompute(deadline, reason="暂停计时")


@transaction.atomic
def recompute(deadline, reason):
    """Recompute and store; log the change if the due date or provisional flag moved."""
    old_due, old_prov = deadline.due_on, deadline.provisional
    _apply(deadline)
    deadline.save()
    if (old_due, old_prov) != (deadline.due_on, deadline.provisional):
        DeadlineChange.objects.create(
            deadline=deadline, old_due_on=old_due, new_due_on=deadline.due_on,
            old_provisional=old_prov, new_provisional=deadline.provisional, reason=reason,
        )
    return deadline


def status_of(deadline, today=None):
    today = today or timezone.localdate()
    left, _ = _between(today, deadline.due_on) if deadline.due_on > today else (0, False)
    return deadline_status(deadline.due_on, deadline.done_on, today, left)
