"""Admin: 信息报送. A district editor sees their site's reports (status, 退回理由) and submits a live 工作动态 or policy;
the parent site's administrators work the 待审核 queue (采用 / 退回 with a reason); both read the 报送统计 per unit and
month, exported as XLSX and CSV. Bad input gets a Chinese message, never a 500."""
from urllib.parse import quote

from django.contrib import messages as flash
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from wagtail.admin.auth import permission_required
from wagtail.models import Page

from reporting import services, stats
from reporting.models import PENDING, STATUS_CHOICES

STATUSES = dict(STATUS_CHOICES)


def _int(value):
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def _report_or_404(request, pk):
    report = services.visible_reports(request.user).select_related("source_site", "target_site", "submitted_by",
                                                                     "decided_by", "adopted_page").filter(pk=pk).first()
    if report is None:
        raise Http404("没有找到这条报送信息")
    return report


def _label(reports):
    for r in reports:
        r.source_label, r.target_label = services.site_label(r.source_site), services.site_label(r.target_site)
    return reports


@permission_required(services.VIEW)
def index(request):
    user = request.user
    decider = services.can_decide(user)
    status = request.GET.get("status", "")
    status = status if status in STATUSES else ""
    context = {"title": "信息报送", "decider": decider, "status": status, "statuses": STATUSES}
    base = services.visible_reports(user).select_related("source_site", "target_site", "submitted_by", "adopted_page")
    if decider:
        context["queue"] = _label(list(services.decidable_reports(user).filter(status=PENDING)
                                      .select_related("source_site", "target_site", "submitted_by").order_by("submitted_at", "id")[:300]))
        listed = base.exclude(status=PENDING) if not status else base.filter(status=status)
    else:
        listed = base.filter(source_site_id__in=services.user_site_ids(user))
        if status:
            listed = listed.filter(status=status)
        context["reportable"] = services.reportable_pages(user) if user.has_perm(services.SUBMIT) else []
    context["reports"] = _label(list(listed[:300]))
    return render(request, "reporting/admin/index.html", context)


def _refused(request, template, context, reasons, status=400):
    context["errors"] = reasons
    return render(request, template, context, status=status)


@permission_required(services.SUBMIT)
def submit(request):
    """GET ?page=<id>: what will be reported and why it may not be; POST page=<id>: report it."""
    source = request.POST if request.method == "POST" else request.GET
    pk = _int(source.get("page"))
    page = Page.objects.filter(pk=pk).first() if pk else None
    context = {"title": "报送信息", "page": page.specific if page else None}
    if page is None:
        return _refused(request, "reporting/admin/submit.html", context, ["请选择要报送的信息"])
    reasons = services.submit_refusals(page, request.user)
    if reasons:
        return _refused(request, "reporting/admin/submit.html", context, reasons)
    if request.method == "POST":
        try:
            report = services.submit(page, request.user)
        except services.ReportRefused as refused:
            return _refused(request, "reporting/admin/submit.html", context, refused.reasons)
        flash.success(request, f"已报送《{report.title}》至{services.site_label(report.target_site)}，等待审核")
        return redirect("reporting_index")
    unit = services.unit_of(page)
    context["target"] = services.site_label(unit.parent) if unit and unit.parent else ""
    return render(request, "reporting/admin/submit.html", context)


@permission_required(services.VIEW)
def detail(request, pk):
    report = _report_or_404(request, pk)
    can_decide = services.can_decide(request.user, report) and report.status == PENDING
    context = {"title": f"报送：{report.title}", "report": report, "can_decide": can_decide,
               "source_label": services.site_label(report.source_site), "target_label": services.site_label(report.target_site),
               "reason": ""}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "accept":
                report = services.accept(report, request.user)
                flash.success(request, f"已采用《{report.title}》，已在{context['target_label']}“工作动态”栏目发布")
            elif action == "return":
                report = services.return_report(report, request.user, request.POST.get("reason", ""))
                flash.success(request, f"已退回《{report.title}》")
            else:
                raise services.ReportRefused(["请选择采用或退回"])
        except services.ReportRefused as refused:
            context["reason"] = request.POST.get("reason", "")[:services.REASON_MAX]
            status = 403 if not services.can_decide(request.user, report) else 400
            return _refused(request, "reporting/admin/detail.html", context, refused.reasons, status=status)
        return redirect("reporting_detail", pk=report.pk)
    return render(request, "reporting/admin/detail.html", context)


def _stats_scope(request):
    raw = request.GET.get("month", "")
    month = stats.parse_month(raw)
    error = "月份格式应为“2026-01”" if raw and month is None else None
    return services.visible_reports(request.user), month, error


def _reporting_units(request):
    """The units whose figures this user reads: every reporting unit of their sites (0 when they reported nothing)."""
    return sorted((u for u in services.user_units(request.user) if u.parent_id), key=lambda u: (u.sort_order, u.pk))


@permission_required(services.VIEW)
def statistics(request):
    reports, month, error = _stats_scope(request)
    monthly, totals, grand = stats.rows(reports, month, _reporting_units(request))
    query = f"?month={month[0]:04d}-{month[1]:02d}" if month else ""
    return render(request, "reporting/admin/stats.html", {
        "title": "报送统计", "monthly": monthly, "totals": totals, "grand": grand, "error": error,
        "month": f"{month[0]:04d}-{month[1]:02d}" if month else "", "query": query,
        "this_month": timezone.localdate().strftime("%Y-%m")}, status=400 if error else 200)


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@permission_required(services.VIEW)
def export_xlsx(request):
    reports, month, error = _stats_scope(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    return _download(stats.xlsx(reports, month, _reporting_units(request)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "信息报送统计.xlsx")


@permission_required(services.VIEW)
def export_csv(request):
    reports, month, error = _stats_scope(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    return _download(stats.csv_text(reports, month, _reporting_units(request)).encode("utf-8"), "text/csv; charset=utf-8", "信息报送统计.csv")
