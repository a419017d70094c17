"""Wagtail admin pages of the handling office (permission timeliness.handle_disclosurerequest): the request list
(applicants masked), one request with its applicant, audit trail and workflow steps, the written-request entry
(Art. 31 receipt dates), the private identity proof and the reply letter as DOCX."""
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from wagtail.admin.auth import permission_required

from timeliness import reply_letters, request_forms, request_queue
from timeliness import request_workflow as workflow
from timeliness.models import DisclosureRequest as R
from timeliness.models import RequestEvent

PERMISSION = request_queue.HANDLE_PERMISSION

# action: (form class, workflow function, which form fields go to it, success message)
STEPS = {
    "accept": (None, workflow.accept, "已受理"),
    "correction": (request_forms.CorrectionForm, workflow.request_correction, "已通知补正，补正期间暂停计时"),
    "correction_received": (request_forms.DateForm, workflow.receive_correction, "已登记收到补正，答复期限重新计算"),
    "abandon": (request_forms.DateForm, workflow.abandon, "已按视为放弃申请办结"),
    "consult": (request_forms.ConsultationForm, workflow.start_consultation, "已登记征求意见，暂停计时"),
    "consult_end": (request_forms.ConsultationEndForm, workflow.end_consultation, "已恢复计时"),
    "extend": (request_forms.ExtensionForm, workflow.extend, "已延长答复期限"),
    "fee": (request_forms.FeeForm, workflow.set_fee, "已核定信息处理费"),
    "reply": (request_forms.ReplyForm, workflow.reply, "已答复，可下载答复告知书"),
}
AVAILABLE = {  # status → the steps offered
    R.REGISTERED: ["accept", "correction", "reply"],
    R.ACCEPTED: ["correction", "consult", "extend", "fee", "reply"],
    R.CORRECTION: ["correction_received", "abandon"],
    R.CONSULTING: ["consult_end", "extend", "fee"],
}
STEP_TITLES = {"accept": "受理", "correction": "一次性告知补正（收到申请后7个工作日内）", "correction_received": "收到补正材料",
               "abandon": "逾期未补正，视为放弃申请", "consult": "征求意见（暂停计时）", "consult_end": "收到意见，恢复计时",
               "extend": "延长答复期限（只能一次，最长20个工作日）", "fee": "信息处理费（按件或按量，只能选一种）", "reply": "答复"}


@permission_required(PERMISSION)
def request_list(request):
    status = request.GET.get("status", "")
    qs = R.objects.select_related("deadline", "applicant").order_by("-received_on", "-id")
    if status == "overdue":
        qs = request_queue.overdue()
    elif status in dict(R.STATUS_CHOICES):
        qs = qs.filter(status=status)
    return render(request, "timeliness/admin/requests_list.html", {
        "title": "依申请公开办理", "items": qs[:200], "status": status, "statuses": R.STATUS_CHOICES,
        "today": timezone.localdate(), "overdue_count": request_queue.overdue().count(),
    })


@permission_required(PERMISSION)
def request_detail(request, pk):
    req = get_object_or_404(R.objects.select_related("deadline", "applicant"), pk=pk)
    forms = {}
    for step in AVAILABLE.get(req.status, []):
        form_class = STEPS[step][0]
        forms[step] = form_class(prefix=step, initial={"on": timezone.localdate()}) if form_class else None
    return _detail(request, req, forms)


def _detail(request, req, forms, status=200):
    labels = dict(R.STATUS_CHOICES)
    events = list(RequestEvent.objects.filter(request=req).select_related("actor"))
    for event in events:
        event.status_label = labels.get(event.status, event.status)
    return render(request, "timeliness/admin/requests_detail.html", {
        "title": f"依申请公开 {req.reference}", "req": req, "applicant": getattr(req, "applicant", None),
        "events": events,
        "steps": [(step, STEP_TITLES[step], form) for step, form in forms.items()],
        "pauses": req.deadline.pauses.all() if req.deadline_id else [],
    }, status=status)


@permission_required(PERMISSION)
def request_step(request, pk, step):
    req = get_object_or_404(R.objects.select_related("deadline"), pk=pk)
    if request.method != "POST" or step not in STEPS:
        return redirect("requests_admin_detail", pk=pk)
    form_class, action, done = STEPS[step]
    form = form_class(request.POST, prefix=step) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, "请按提示修改后重新提交")
        return _detail(request, req, {step: form}, status=400)
    try:
        action(req, request.user, **(form.cleaned_data if form else {}))
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
        forms = {step: form} if form is not None else {}
        return _detail(request, req, forms, status=400)
    messages.success(request, done)
    return redirect("requests_admin_detail", pk=pk)


@permission_required(PERMISSION)
def written_request(request):
    form = request_forms.WrittenRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "applicant_type": form.model_applicant_type()}
        req = workflow.register(data, channel=data["channel"], received_on=data["received_on"], actor=request.user,
                                proof=data.get("proof"))
        messages.success(request, f"已登记，查询码 {req.query_code}，答复期限 {req.due_on:%Y-%m-%d}")
        return redirect("requests_admin_detail", pk=req.pk)
    return render(request, "timeliness/admin/requests_new.html", {"title": "登记书面申请（信函、当面、传真、电子邮件）", "form": form},
                  status=400 if request.method == "POST" else 200)


LETTER_FORMATS = {
    "docx": (reply_letters.to_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (reply_letters.to_pdf, "application/pdf"),
}


@permission_required(PERMISSION)
def reply_letter(request, pk, fmt="docx"):
    req = get_object_or_404(R, pk=pk)
    if not req.reply_type or not req.replied_on:
        raise Http404("该申请尚未答复，没有答复告知书")
    render_letter, content_type = LETTER_FORMATS[fmt]
    response = HttpResponse(render_letter(req), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="reply-{req.reference or req.pk}.{fmt}"'
    return response


@permission_required(PERMISSION)
def applicant_proof(request, pk):
    req = get_object_or_404(R.objects.select_related("applicant"), pk=pk)
    applicant = getattr(req, "applicant", None)
    if applicant is None or not applicant.proof:
        raise Http404("没有身份证明文件")
    RequestEvent.objects.create(request=req, actor=request.user, action="查看身份证明", status=req.status)
    response = FileResponse(applicant.proof.open("rb"), as_attachment=True, filename=f"proof-{req.reference}{_ext(applicant.proof.name)}")
    response["Cache-Control"] = "private, no-store"
    return response


def _ext(name):
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""
