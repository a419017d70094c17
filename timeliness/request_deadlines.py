"""Keep a DisclosureRequest's reply deadline in the deadline engine (publishing.deadlines):
20 working days from receipt, 补正 pauses the clock, one extension of at most 20 working days."""
from django.core.exceptions import ValidationError
from django.db import transaction

from publishing import deadlines
from publishing.models import DeadlinePause


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
    if deadline.start_on != req.received_on:
        deadline.start_on, changed = req.received_on, True
    if req.extension_days and not deadline.extension_days:
        deadline.extension_days = req.extension_days
        deadline.extension_approver, deadline.extension_reason = req.extension_approver, req.extension_reason
        changed = True
    pause = deadline.pauses.filter(kind=DeadlinePause.CORRECTION).first()
    wanted = (req.correction_requested_on, req.correction_received_on) if req.correction_requested_on else None
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
