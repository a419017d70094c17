"""Public side of 依申请公开 (design §2.12): the application form at /zfxxgk/ysqgk/, the status page and
GET /api/requests/<查询码>. Nothing here ever shows the applicant's personal data."""
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cms.site.models import SectionPage
from timeliness import request_rules as rules
from timeliness import request_workflow as workflow
from timeliness import throttle
from timeliness.models import DisclosureRequest
from timeliness.request_forms import ApplicationForm

FORM_TEMPLATE = "timeliness/requests/apply.html"
CHANNELS_SLUG = "ysqgk"  # the 依申请公开 column page (cms.site.skeleton): its 正文 names the office and the channels


def _form(request, context, status=200):
    """The form page, with the 依申请公开 column's own text (受理机构, 地址, 信函和当面申请) above the form."""
    channels = SectionPage.objects.live().filter(slug=CHANNELS_SLUG).only("body").first()
    return render(request, FORM_TEMPLATE, {**context, "channels": channels.body if channels else ""}, status=status)


def public_state(req) -> dict:
    """What anyone holding the 查询码 may know: dates and the state of the clock, never who asked or what for."""
    deadline = req.deadline if req.deadline_id else None
    awaiting_correction = req.status == DisclosureRequest.CORRECTION
    return {
        "status": req.get_status_display(),
        "received_on": req.received_on.isoformat() if req.received_on else None,
        "due_on": deadline.due_on.isoformat() if deadline and not awaiting_correction else None,
        "provisional": bool(deadline and deadline.provisional),
        "paused": req.status in (DisclosureRequest.CORRECTION, DisclosureRequest.CONSULTING),
        "extended_days": req.extension_days,
        "replied_on": req.replied_on.isoformat() if req.replied_on else None,
        "outcome": req.get_reply_type_display() or req.get_outcome_display() or None,
    }


def submission_time():
    return timezone.now()


def _find(code):
    code = rules.normalise_code(code)
    req = DisclosureRequest.objects.select_related("deadline").filter(query_code=code).first() if code else None
    if req is None:
        raise Http404("查询码不存在，请核对后重新输入")
    return req


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    if request.method == "GET":
        return _form(request, {"form": ApplicationForm(initial={"org_kind": "other_org"})})
    form = ApplicationForm(request.POST, request.FILES)
    if form.is_robot:
        return _form(request, {"form": ApplicationForm(), "refused": "提交未通过校验，请刷新页面后重新填写"}, status=400)
    if not throttle.allow(request, "request_form"):
        return _form(request, {"form": form, "refused": "提交过于频繁，请稍后再试"}, status=429)
    if not form.is_valid():
        return _form(request, {"form": form})
    data = {**form.cleaned_data, "applicant_type": form.model_applicant_type()}
    req = workflow.register(data, channel=rules.ONLINE, received_on=workflow.online_received_on(submission_time()),
                            proof=form.cleaned_data.get("proof"))
    workflow.send_receipt(req, form.cleaned_data.get("email"))
    return render(request, "timeliness/requests/submitted.html", {"req": req, "state": public_state(req)})


@never_cache
@require_GET
def status_page(request):
    code = request.GET.get("code", "")
    if not code:
        return render(request, "timeliness/requests/status.html", {"code": ""})
    try:
        req = _find(code)
    except Http404:
        return render(request, "timeliness/requests/status.html", {"code": code[:32], "not_found": True}, status=404)
    return render(request, "timeliness/requests/status.html", {"code": req.query_code, "state": public_state(req)})


@never_cache
@require_GET
def status_api(request, code):
    if not throttle.allow(request, "request_api"):
        return JsonResponse({"error": "查询过于频繁，请稍后再试"}, status=429, json_dumps_params={"ensure_ascii": False})
    try:
        req = _find(code)
    except Http404:
        return JsonResponse({"error": "查询码不存在"}, status=404, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(public_state(req), json_dumps_params={"ensure_ascii": False})
