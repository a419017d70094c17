"""Keep a DisclosureRequest's reply deadline in the deadline engine (publishing.deadlines):
20 working days from receipt; while a 补正 is awaited the clock stands still, and once the correction arrives
the 20 days count afresh from its receipt (条例 Art. 30); consultations of third parties or other organs pause it
(Art. 33, DeadlinePause rows made by timeliness.request_workflow); one extension of at most 20 working days."""
from django.core.exceptions import ValidationError
from django.db import transaction

from publishing import deadlines, workdays
from publishing.calendar_sync import sync_calendar
from publishing.models import DeadlinePause
from timeliness.request_rules import CORRECTION_NOTICE_DAYS


def correction_notice_limit(received_on):
    """The last day a 补正 may be notified: the 7th working day after receipt (Art. 30)."""
    sync_calendar()
    return workdays.add_working_days_provisional(received_on, CORRECTION_NOTICE_DAYS)[0]


def validate(req, previous=None):
    """Chinese field errors for a request about to be saved (used by the model's clean())."""
    errors = {}
    if req.replied_on and req.received_on and req.replied_on < req.received_on:
        errors["replied_on"] = "答复日期不能早于收到申请日期"
    if req.outcome and not req.replied_on:
        errors["replied_on"] = "已填写办理结果，请同时填写答复日期"
    if req.replied_on and not req.outcome:
        errors["outcome"] = "已填写答复日期，请选择办理结果（对应年报表三的行）"
    if req.correction_received_on and not req.correction_requested_on:
        errors["correction_requested_on"] = "请填写补正通知日期"
    if req.correction_requested_on and req.received_on and req.correction_requested_on < req.received_on:
        errors["correction_requested_on"] = "补正通知日期不能早于收到申请日期"
    elif req.correction_requested_on and req.received_on and req.correction_requested_on > correction_notice_limit(req.received_on):
        errors["correction_requested_on"] = (f"补正应当自收到申请之日起{CORRECTION_NOTICE_DAYS}个工作日内一次性告知"
                                             f"（最迟 {correction_notice_limit(req.received_on):%Y-%m-%d}）")
    if req.correction_received_on and req.correction_requested_on and req.correction_received_on < req.correction_requested_on:
        errors["correction_received_on"] = "补正材料收到日期不能早于补正通知日期"
    if req.extension_days:
        if req.extension_days > deadlines.MAX_EXTENSION_DAYS:
            errors["extension_days"] = f"延长期限最长不超过{deadlines.MAX_EXTENSION_DAYS}个工作日"
        if not req.extension_approver:
            errors["extension_approver"] = "延长答复期限须写明批准人"
        if not req.extension_reason:
            errors["extension_reason"] = "延长答复期限须写明理由"
        if previous is not None and previous.extension_days and previous.extension_days != req.extension_days:
            errors["extension_days"] = "答复期限只能延长一次，已批准的延期不能修改"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sync(req):
    """Create or update the request's Deadline after a save (pauses, extension, done date)."""
    deadline = req.deadline
    if deadline is None:
        deadline = deadlines.create_request(req.received_on)
        type(req).objects.filter(pk=req.pk).update(deadline=deadline)
        req.deadline = deadline
    changed = False
    start = req.correction_received_on or req.received_on  # Art. 30: the clock restarts on receipt of the correction
    if deadline.start_on != start:
        deadline.start_on, changed = start, True
    if req.extension_days and not deadline.extension_days:
        deadline.extension_days = req.extension_days
        deadline.extension_approver, deadline.extension_reason = req.extension_approver, req.extension_reason
        changed = True
    pause = deadline.pauses.filter(kind=DeadlinePause.CORRECTION).first()
    awaiting = req.correction_requested_on and not req.correction_received_on
    wanted = (req.correction_requested_on, req.replied_on) if awaiting else None
    if wanted and (pause is None or (pause.start, pause.end) != wanted):
        deadline.pauses.filter(kind=DeadlinePause.CORRECTION).delete()
        deadline.pauses.create(kind=DeadlinePause.CORRECTION, start=wanted[0], end=wanted[1])
        changed = True
    elif not wanted and pause is not None:
        deadline.pauses.filter(kind=DeadlinePause.CORRECTION).delete()
        changed = True
    if deadline.done_on != req.replied_on:
        deadline.done_on = req.replied_on
        deadline.save(update_fields=["done_on"])
    if changed:
        deadlines.recompute(deadline, reason="依申请公开登记更新（补正/延期/收到日期）")
    return deadline
