"""Admin: the 差评整改 queue and case pages (文件管理员 handle cases; 评估员 read), the figures with the ratings
behind each number, and the XLSX export. Contacts are masked everywhere except the case page of a case handler."""
from io import BytesIO
from urllib.parse import urlencode

from django.contrib import messages as flash
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from wagtail.admin.auth import permission_required

from ratings import cases, figures, rules
from ratings.models import FollowUpCase, Rating

VIEW_RATINGS = "ratings.view_rating"
VIEW_CASES = "ratings.view_followupcase"
HANDLE = cases.PERMISSION
STATUSES = {"open": "办理中", "overdue": "已超期", "closed": "已办结", "all": "全部"}


def rating_filters(params):
    """The ratings a figure counts: department, code, level, bad (1–2), closed (差评 whose case is closed), month."""
    qs = Rating.objects.select_related("case")
    chosen = {}
    for key in ("department", "code"):
        if key in params:
            value = params.get(key, "")[:100]
            qs = qs.filter(**{"department" if key == "department" else "target_code": value})
            chosen[key] = value
    level = rules.parse_level(params.get("level", ""))
    if level:
        qs, chosen["level"] = qs.filter(level=level), level
    if params.get("bad") == "1":
        qs, chosen["bad"] = qs.filter(level__in=rules.BAD), "1"
    if params.get("closed") == "1":
        qs, chosen["closed"] = qs.filter(level__in=rules.BAD, case__step=rules.CLOSED), "1"
    month = params.get("month", "")
    if len(month) == 7 and month[:4].isdigit() and month[4] == "-" and month[5:].isdigit() and 1 <= int(month[5:]) <= 12:
        qs = qs.filter(created_at__year=int(month[:4]), created_at__month=int(month[5:]))
        chosen["month"] = month
    return qs, chosen


def _link(**params):
    return "?" + urlencode(params)


@permission_required(VIEW_RATINGS)
def overview(request):
    """好差评统计: per department, each number links to the ratings it counts."""
    rows = []
    for department, fig in figures.by_department():
        rows.append({"department": department or "未标注部门", "f": fig,
                     "links": {"count": _link(department=department), "bad": _link(department=department, bad=1),
                               "closed": _link(department=department, closed=1)},
                     "level_cells": [(fig.levels[str(level)], _link(department=department, level=level))
                                     for level in sorted(rules.LEVELS, reverse=True)]})
    total = figures.figures_of(Rating.objects.all())
    return render(request, "ratings/admin/overview.html", {"title": "好差评统计", "rows": rows, "total": total,
                                                           "levels": sorted(rules.LEVELS.items(), reverse=True)})


@permission_required(VIEW_RATINGS)
def rating_list(request):
    qs, chosen = rating_filters(request.GET)
    fig = figures.figures_of(qs)
    items = list(qs[:500])
    for r in items:
        r.masked = rules.mask_contact(r.contact)
    return render(request, "ratings/admin/ratings.html", {"title": "评价明细", "items": items, "figures": fig,
                                                          "chosen": chosen, "truncated": fig.count > len(items),
                                                          "export": "export.xlsx?" + urlencode(chosen)})


@permission_required(VIEW_RATINGS)
def export_xlsx(request):
    """The ratings behind the chosen figure, and the department figures, as a workbook. No contact column."""
    qs, _chosen = rating_filters(request.GET)
    book = Workbook()
    sheet = book.active
    sheet.title = "部门统计"
    sheet.append(["部门", "评价数", *[f"{rules.LEVELS[level]}" for level in sorted(rules.LEVELS, reverse=True)], "满意度", "差评", "差评已办结", "差评整改率"])
    for department, fig in figures.by_department(qs):
        sheet.append([department or "未标注部门", fig.count, *[fig.levels[str(level)] for level in sorted(rules.LEVELS, reverse=True)],
                      fig.satisfaction, fig.bad, fig.closed, fig.rectification_rate])
    detail = book.create_sheet("评价明细")
    detail.append(["编号", "评价时间", "部门", "事项编码", "事项名称", "对象", "评价等级", "评价", "评价内容", "渠道", "整改环节", "回访结果"])
    for r in qs.order_by("created_at", "id"):
        case = getattr(r, "case", None) if r.is_bad else None
        detail.append([r.pk, timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"), r.department, r.target_code, r.target_title,
                       r.get_target_kind_display(), r.level, rules.LEVELS[r.level], r.comment, r.get_channel_display(),
                       case.get_step_display() if case else "", case.get_outcome_display() if case else ""])
    for ws in (sheet, detail):
        for cell in ws[1]:
            cell.font = Font(bold=True)
    out = BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E5%A5%BD%E5%B7%AE%E8%AF%84.xlsx"
    return response


@permission_required(VIEW_CASES)
def case_list(request):
    today = timezone.localdate()
    status = request.GET.get("status", "open")
    status = status if status in STATUSES else "open"
    qs = FollowUpCase.objects.select_related("rating")
    qs = {"open": cases.open_cases(), "overdue": cases.overdue(today), "closed": qs.filter(step=rules.CLOSED),
          "all": qs}[status]
    department = request.GET.get("department", "")[:100]
    if department:
        qs = qs.filter(department=department)
    items = list(qs.order_by("due_on", "id")[:300] if status != "closed" else qs.order_by("-closed_on", "-id")[:300])
    for c in items:
        c.late = not c.is_closed and rules.is_overdue(c.due_on, today)
        c.masked = rules.mask_contact(c.rating.contact)
    departments = sorted(set(FollowUpCase.objects.values_list("department", flat=True)) - {""})
    return render(request, "ratings/admin/cases.html", {
        "title": "差评整改", "items": items, "status": status, "statuses": STATUSES, "department": department,
        "departments": departments, "overdue_count": cases.overdue(today).count(), "open_count": cases.open_cases().count()})


@permission_required(VIEW_CASES)
def case_detail(request, pk):
    case = get_object_or_404(FollowUpCase.objects.select_related("rating"), pk=pk)
    can_handle = request.user.has_perm(HANDLE)
    error, status = None, 200
    if request.method == "POST":
        if not can_handle:
            return render(request, "403.html", status=403)
        step = request.POST.get("step", "")
        try:
            if step != case.step:
                raise cases.CaseStepRefused("closed" if case.is_closed else "wrong_step")
            if step == rules.VERIFY:
                cases.verify(case, request.user, request.POST.get("note"), request.POST.get("resolution"))
            elif step in (rules.RECTIFY, rules.EXPLAIN):
                cases.resolve(case, request.user, request.POST.get("note"))
            elif step == rules.REVISIT:
                cases.revisit(case, request.user, request.POST.get("outcome"), request.POST.get("note"))
            flash.success(request, f"已记录：{rules.STEP_LABELS[step]}")
            return redirect("ratings_case", pk=case.pk)
        except cases.CaseStepRefused as refused:
            error, status = str(refused), 400
    today = timezone.localdate()
    return render(request, "ratings/admin/case.html", {
        "title": f"差评整改 {case.reference}", "case": case, "rating": case.rating, "can_handle": can_handle,
        "contact": case.rating.contact if can_handle else rules.mask_contact(case.rating.contact),
        "late": not case.is_closed and rules.is_overdue(case.due_on, today), "error": error,
        "events": case.events.select_related("by"), "outcomes": FollowUpCase.OUTCOME_CHOICES, "rules": rules,
        "note": request.POST.get("note", "") if request.method == "POST" else ""}, status=status)
