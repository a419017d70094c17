"""差评整改 workflow: 核实 → 整改 or 解释 → 回访 → 办结. Each step records who did it and when (CaseEvent), and
starts the next step's working-day clock. A step refused says why (CaseStepRefused.reason, one of REASONS).
Also the queue (overdue, due soon) and the daily reminder run (idempotent: one mail a day)."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ratings import rules
from ratings.models import CaseEvent, FollowUpCase
from ratings.services import purge_public, step_days

PERMISSION = "ratings.handle_followupcase"
SOON_WORKING_DAYS = 1


class CaseStepRefused(Exception):
    def __init__(self, reason):
        self.reason = reason
        super().__init__(REASONS[reason])


REASONS = {
    "wrong_step": "该差评不在这一环节，请刷新页面",
    "closed": "该差评已办结",
    "note_required": "请填写处理记录",
    "bad_resolution": "请选择处理方式：整改或解释",
    "outcome_required": "请选择回访结果，办结前必须记录回访结果",
}


def _advance(case, step, by, action, note):
    today = timezone.localdate()
    if step == rules.CLOSED:
        case.step, case.due_on, case.provisional, case.closed_on = rules.CLOSED, None, False, today
    else:
        due = rules.step_due(today, step_days(step))
        case.step, case.due_on, case.provisional = step, due.on, due.provisional
    case.save()
    CaseEvent.objects.create(case=case, step=step, action=action, note=note, by=by)
    return case


def _check(case, *steps):
    if case.step == rules.CLOSED:
        raise CaseStepRefused("closed")
    if case.step not in steps:
        raise CaseStepRefused("wrong_step")


@transaction.atomic
def verify(case, by, finding, resolution):
    """核实: record what was found and choose 整改 (the complaint stands) or 解释 (explain to the citizen)."""
    case = FollowUpCase.objects.select_for_update().get(pk=case.pk)
    _check(case, rules.VERIFY)
    finding = (finding or "").strip()
    if not finding:
        raise CaseStepRefused("note_required")
    if resolution not in (rules.RECTIFY, rules.EXPLAIN):
        raise CaseStepRefused("bad_resolution")
    case.finding, case.resolution = finding, resolution
    return _advance(case, resolution, by, f"核实完毕，转{rules.STEP_LABELS[resolution]}", finding)


@transaction.atomic
def resolve(case, by, action):
    """整改 or 解释: record the measures taken (or the explanation given); the case goes to 回访."""
    case = FollowUpCase.objects.select_for_update().get(pk=case.pk)
    _check(case, rules.RECTIFY, rules.EXPLAIN)
    action = (action or "").strip()
    if not action:
        raise CaseStepRefused("note_required")
    done = rules.STEP_LABELS[case.step]
    case.action = action
    return _advance(case, rules.REVISIT, by, f"{done}完成，转回访", action)


@transaction.atomic
def revisit(case, by, outcome, note):
    """回访: the case closes only with a recorded outcome."""
    case = FollowUpCase.objects.select_for_update().get(pk=case.pk)
    _check(case, rules.REVISIT)
    if outcome not in dict(FollowUpCase.OUTCOME_CHOICES):
        raise CaseStepRefused("outcome_required")
    note = (note or "").strip()
    if not note:
        raise CaseStepRefused("note_required")
    case.outcome, case.revisit_note = outcome, note
    transaction.on_commit(lambda: purge_public(case.rating))  # the 差评整改率 changes
    return _advance(case, rules.CLOSED, by, f"回访完毕，办结（{dict(FollowUpCase.OUTCOME_CHOICES)[outcome]}）", note)


# --- queue and reminders ----------------------------------------------------------------------------------------------

def open_cases():
    return FollowUpCase.objects.exclude(step=rules.CLOSED).select_related("rating")


def overdue(today=None):
    return open_cases().filter(due_on__lt=today or timezone.localdate()).order_by("due_on", "id")


def due_soon(today=None):
    today = today or timezone.localdate()
    until = rules.step_due(today, SOON_WORKING_DAYS).on
    return open_cases().filter(due_on__gte=today, due_on__lte=until).order_by("due_on", "id")


def handlers():
    perm = Permission.objects.get(codename="handle_followupcase", content_type__app_label="ratings")
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(Q(is_superuser=True) | Q(user_permissions=perm) | Q(groups__permissions=perm)).distinct()


def daily(today=None):
    """Mail the case handlers once a day about overdue and soon-due cases. Running it again the same day sends
    nothing more (each case remembers the day it was last in a reminder)."""
    today = today or timezone.localdate()
    late = list(overdue(today).exclude(reminded_on=today))
    soon = list(due_soon(today).exclude(reminded_on=today))
    sent = 0
    if late or soon:
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        lines = [f"截至{today:%Y年%m月%d日}，以下差评整改需要尽快办理：", ""]
        for label, group in (("已超过办理期限", late), ("即将到期", soon)):
            if group:
                lines.append(f"【{label}】")
                lines += [f"  · {c.reference} {c.department or '未标注部门'}：{c.rating.target_title}（{c.get_step_display()}，"
                          f"期限 {c.due_on:%Y-%m-%d}）" for c in group]
                lines.append("")
        lines += [f"请登录差评整改页面办理：{base}{reverse('ratings_cases')}", "", "（本邮件由公开系统自动发送）"]
        emails = sorted({u.email for u in handlers()})
        if emails:
            send_mail(f"【差评整改提醒】{len(late)}件已超期，{len(soon)}件即将到期", "\n".join(lines), None, emails)
            sent = len(emails)
        FollowUpCase.objects.filter(pk__in=[c.pk for c in late + soon]).update(reminded_on=today)
    return {"overdue": len(late), "due_soon": len(soon), "mailed": sent}
