"""The office's workflow for a 依申请公开 request, as a small state machine; every step leaves a RequestEvent.

    登记 (online or written) → 受理 → [补正 once → 收到补正 | 视为放弃] → [征求意见 (paused) → 意见收回]*
    → [延期 once] → [信息处理费] → 答复

Each step raises WorkflowError with a Chinese message when it is not allowed; nothing is half-saved.
Deadlines live in publishing.Deadline (timeliness.request_deadlines keeps them in step)."""
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from publishing import deadlines, workdays
from publishing.calendar_sync import sync_calendar
from publishing.models import DeadlinePause
from timeliness import request_rules as rules
from timeliness.models import DisclosureRequest as R
from timeliness.models import RequestApplicant, RequestEvent

OTHER_ORGAN = "other_organ"  # DeadlinePause.kind for Art. 34 consultations (third-party ones use THIRD_PARTY)
CONSULT_KINDS = {DeadlinePause.THIRD_PARTY: "征求第三方意见（第三十二条）", OTHER_ORGAN: "征求其他机关意见（第三十四条）"}


class WorkflowError(ValueError):
    pass


def _calendar():
    sync_calendar()
    return workdays.get_default_calendar()


def add_working_days(start, n):
    return _calendar().add_working_days_provisional(start, n)[0]


def is_working_day(d):
    return add_working_days(d - timedelta(days=1), 1) == d


def online_received_on(submitted_at):
    local = timezone.localtime(submitted_at)
    return rules.online_receipt_date(local.replace(tzinfo=None), is_working_day, lambda d: add_working_days(d, 1))


def _event(req, actor, action, note=""):
    RequestEvent.objects.create(request=req, actor=actor, action=action, status=req.status, note=note[:300])


def _save(req):
    try:
        req.full_clean()
    except ValidationError as exc:
        raise WorkflowError("；".join(m for msgs in exc.message_dict.values() for m in msgs)) from exc
    req.save()
    req.deadline.refresh_from_db()


def _require(req, *statuses):
    if req.status not in statuses:
        raise WorkflowError(f"当前状态为“{req.get_status_display()}”，不能进行此操作")


def new_query_code():
    while True:
        code = rules.new_query_code()
        if not R.objects.filter(query_code=code).exists():
            return code


# --- 登记 ----------------------------------------------------------------------------------------------------------

REQUEST_FIELDS = ["applicant_type", "description", "doc_number", "purpose", "form_wanted", "delivery"]
APPLICANT_FIELDS = ["name", "id_type", "id_number", "phone", "email", "address", "org_name", "org_code"]


@transaction.atomic
def register(data, *, channel, received_on, actor=None, proof=None, organ=None, note=""):
    """A new request from cleaned form data (request fields and applicant fields, see REQUEST_FIELDS/APPLICANT_FIELDS)."""
    description = data.get("description", "")
    req = R(organ=organ, channel=channel, received_on=received_on, status=R.REGISTERED,
            subject=(data.get("doc_number") or description)[:300] or "政府信息公开申请",
            **{f: data.get(f) or "" for f in REQUEST_FIELDS})
    for _ in range(5):
        req.query_code = new_query_code()
        try:
            with transaction.atomic():
                _save(req)
            break
        except IntegrityError:
            req.pk = None
    req.reference = req.reference or f"YSQ{req.received_on:%Y}{req.pk:05d}"
    R.objects.filter(pk=req.pk).update(reference=req.reference)
    RequestApplicant.objects.create(request=req, proof=proof or "", **{f: data.get(f) or "" for f in APPLICANT_FIELDS})
    _event(req, actor, "网上提交申请" if channel == rules.ONLINE else "登记书面申请",
           note or f"{rules.RECEIPT_RULES.get(channel, '')}；收到申请日期 {received_on:%Y-%m-%d}")
    return req


def send_receipt(req, email):
    """The optional e-mail receipt: the 查询码 and the dates, nothing personal."""
    if not email:
        return
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    send_mail(
        f"【政府信息公开申请】已收到您的申请（查询码 {req.query_code}）",
        "\n".join([
            "您好：", "",
            f"我们已收到您的政府信息公开申请，查询码：{req.query_code}",
            f"收到申请日期：{req.received_on:%Y年%m月%d日}；答复期限：{req.due_on:%Y年%m月%d日}（法定20个工作日）",
            f"凭查询码查询办理进度：{base}/zfxxgk/ysqgk/cx/?code={req.query_code}", "",
            "（本邮件由系统自动发送，请勿回复）",
        ]),
        None, [email],
    )


# --- 受理、补正 ------------------------------------------------------------------------------------------------------

@transaction.atomic
def accept(req, actor):
    _require(req, R.REGISTERED)
    req.status = R.ACCEPTED
    _save(req)
    _event(req, actor, "受理")
    return req


@transaction.atomic
def request_correction(req, actor, *, on, correction_days, what):
    """Art. 30: once, within 7 working days of receipt; the applicant has `correction_days` working days to correct."""
    _require(req, R.REGISTERED, R.ACCEPTED)
    if req.correction_requested_on:
        raise WorkflowError("补正只能一次性告知，本申请已经通知过补正")
    if not what.strip():
        raise WorkflowError("请写明需要补正的事项")
    if not 1 <= correction_days <= 30:
        raise WorkflowError("补正期限应为1至30个工作日")
    req.correction_requested_on = on
    req.correction_due_on = add_working_days(on, correction_days)
    req.status = R.CORRECTION
    _save(req)
    _event(req, actor, "通知补正", f"补正事项：{what.strip()}；补正期限 {req.correction_due_on:%Y-%m-%d}")
    return req


@transaction.atomic
def receive_correction(req, actor, *, on):
    _require(req, R.CORRECTION)
    if on < req.correction_requested_on:
        raise WorkflowError("补正材料收到日期不能早于补正通知日期")
    req.correction_received_on = on
    req.status = R.ACCEPTED
    _save(req)
    _event(req, actor, "收到补正", f"答复期限自 {on:%Y-%m-%d} 起重新计算，至 {req.due_on:%Y-%m-%d}")
    return req


@transaction.atomic
def abandon(req, actor, *, on):
    """No correction by its due date: the request counts as abandoned (table three, row （六）1)."""
    _require(req, R.CORRECTION)
    if on <= req.correction_due_on:
        raise WorkflowError(f"补正期限（{req.correction_due_on:%Y-%m-%d}）尚未届满，不能视为放弃申请")
    req.outcome, req.replied_on, req.reply_type, req.status = "other_1", on, "abandoned", R.ABANDONED
    _save(req)
    _event(req, actor, "视为放弃申请", "申请人无正当理由逾期未补正")
    return req


def close_expired_corrections(today=None):
    today = today or timezone.localdate()
    closed = 0
    for req in R.objects.filter(status=R.CORRECTION, correction_due_on__lt=today):
        abandon(req, None, on=today)
        closed += 1
    return closed


# --- 征求意见（暂停计时） -----------------------------------------------------------------------------------------------

@transaction.atomic
def start_consultation(req, actor, *, kind, on, party):
    _require(req, R.ACCEPTED)
    if kind not in CONSULT_KINDS:
        raise WorkflowError("请选择征求意见的对象：第三方或其他机关")
    if not party.strip():
        raise WorkflowError("请写明征求意见的对象（单位名称）")
    if on < (req.correction_received_on or req.received_on):
        raise WorkflowError("征求意见日期不能早于收到申请日期")
    deadlines.add_pause(req.deadline, kind, on)
    req.status = R.CONSULTING
    _save(req)
    answer_by = add_working_days(on, rules.CONSULTATION_DAYS)
    _event(req, actor, "征求意见", f"{CONSULT_KINDS[kind]}：{party.strip()}；应于 {answer_by:%Y-%m-%d} 前答复，期间暂停计时")
    return req


@transaction.atomic
def end_consultation(req, actor, *, on, result=""):
    _require(req, R.CONSULTING)
    pause = req.deadline.pauses.filter(end__isnull=True).exclude(kind=DeadlinePause.CORRECTION).last()
    if on < pause.start:
        raise WorkflowError("意见收回日期不能早于征求意见日期")
    pause.end = on
    pause.save(update_fields=["end"])
    deadlines.recompute(req.deadline, reason="征求意见结束，恢复计时")
    req.status = R.ACCEPTED
    _save(req)
    _event(req, actor, "收回意见", f"{result.strip()}；恢复计时，答复期限 {req.due_on:%Y-%m-%d}".lstrip("；"))
    return req


def open_pause(req):
    return req.deadline_id and req.deadline.pauses.filter(end__isnull=True).exists()


# --- 延期、收费、答复 -------------------------------------------------------------------------------------------------

@transaction.atomic
def extend(req, actor, *, days, approver, reason):
    _require(req, R.ACCEPTED, R.CONSULTING)
    if req.extension_days:
        raise WorkflowError("答复期限只能延长一次")
    if not 1 <= days <= deadlines.MAX_EXTENSION_DAYS:
        raise WorkflowError(f"延长期限应为1至{deadlines.MAX_EXTENSION_DAYS}个工作日")
    req.extension_days, req.extension_approver, req.extension_reason = days, approver.strip(), reason.strip()
    _save(req)
    _event(req, actor, "延长答复期限", f"延长{days}个工作日，{req.extension_approver}批准：{req.extension_reason}；至 {req.due_on:%Y-%m-%d}")
    return req


@transaction.atomic
def set_fee(req, actor, *, method, quantity):
    _require(req, R.ACCEPTED, R.CONSULTING)
    if req.fee_method and req.fee_method != method:
        raise WorkflowError("同一申请只能选择一种计收方式（按件或按量）")
    try:
        amount = rules.fee(method, quantity)
    except ValueError as exc:
        raise WorkflowError(str(exc)) from exc
    req.fee_method, req.fee_quantity, req.fee_yuan = method, quantity, amount
    _save(req)
    _event(req, actor, "核定信息处理费", f"{dict(rules.FEE_METHODS)[method]}，数量{quantity}，金额{amount}元")
    return req


@transaction.atomic
def reply(req, actor, *, reply_type, outcome, on, note=""):
    _require(req, R.ACCEPTED, R.REGISTERED)
    if reply_type not in rules.REPLY_TYPES:
        raise WorkflowError("请选择答复类型")
    if not rules.reply_type_allows(reply_type, outcome):
        allowed = "、".join(rules.REPLY_TYPES[reply_type][2])
        raise WorkflowError(f"答复类型“{rules.REPLY_TYPES[reply_type][0]}”只能计入年报表三的以下情形：{allowed}")
    if reply_type in ("withhold", "not_ours", "already_public") and not note.strip():
        raise WorkflowError("不予公开须写明理由和依据；已主动公开须告知获取方式；非本机关负责须告知负责机关的名称和联系方式")
    req.reply_type, req.outcome, req.replied_on, req.reply_note, req.status = reply_type, outcome, on, note.strip(), R.REPLIED
    _save(req)
    _event(req, actor, "答复", f"{rules.REPLY_TYPES[reply_type][0]}（{req.get_outcome_display()}）")
    return req
