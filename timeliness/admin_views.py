"""Wagtail admin: the timeliness dashboard (read-only, for 评估员 and administrators), its drill-down and exports."""
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from wagtail.admin.auth import permission_required

from publishing.gate import PublishRefused
from publishing.models import Organ, PublicationRecord
from sitegroup import scope as site_scope
from timeliness import annual_publication, annual_report, chart, consistency, exports, kpis, report_render, request_queue
from timeliness.models import AnnualReport

PERMISSION = "publishing.view_timeliness"
PUBLISH_REPORT_PERMISSION = "timeliness.change_annualreport"  # 站点管理员: who keeps the report's text publishes it
COLUMNS = [
    ("department", "部门", None), ("count", "形成/变更", "count"), ("published", "已发布", "published"),
    ("on_time_rate", "按时率", "on_time"), ("within_7_rate", "7日内占比", "within_7"), ("avg", "平均用时", None),
    ("median", "中位数", None), ("p90", "P90", None), ("overdue", "已超期未发布", "overdue"), ("due_soon", "3日内到期", "due_soon"),
]


def _filters_or_error(request):
    """The filters asked for; a district's own evaluators and officers see their site only (站群)."""
    forced = site_scope.forced_scope(request.user)
    try:
        filters, error = kpis.parse_filters(request.GET, default_year=timezone.localdate().year), None
    except kpis.FilterError as exc:
        filters, error = kpis.Filters(), str(exc)
    if forced is not None:
        filters.site = forced
    return filters, error


def _export(request, title, filters, sections, extra=()):
    fmt = request.GET.get("format")
    filename = f"timeliness-{timezone.localdate():%Y%m%d}"
    header = exports.header_lines(title, filters, extra)
    if fmt == "xlsx":
        return exports.as_xlsx(filename, header, sections)
    return exports.as_csv(filename, header, sections)


@permission_required(PERMISSION)
def dashboard(request):
    filters, error = _filters_or_error(request)
    report = kpis.compute(filters)
    sort = request.GET.get("sort", "")
    min_sample = kpis.min_ranking_sample()
    ranked, under_sampled = kpis.split_by_sample(kpis.sort_departments(report.departments, sort) if sort else report.departments,
                                                 min_sample)
    if request.GET.get("format") in ("csv", "xlsx"):
        return _export(request, "发布时效统计", filters, exports.summary_sections(report, ranked, under_sampled, min_sample))
    base_query = filters.as_query()
    svg = chart.trend_svg([(m, c.avg_working_days, c.on_time_rate) for m, c in report.months])
    sort_links = []
    for key, label, metric in COLUMNS:
        next_sort = key if sort == f"-{key}" else f"-{key}"
        sort_links.append({"label": label, "url": "?" + urlencode({**base_query, "sort": next_sort}),
                           "active": sort.lstrip("-") == key, "desc": sort.startswith("-"), "key": key})
    metric_links = {m: _drill_url(base_query, m) for m in kpis.METRICS}
    return render(request, "timeliness/admin/dashboard.html", {
        "error": error, "filters": filters, "report": report, "overall": report.overall,
        "rows": _department_rows(ranked, base_query, ranked=True), "under_sampled": _department_rows(under_sampled, base_query),
        "min_sample": min_sample, "as_of": kpis.data_as_of(filters, report.today),
        "months": [(m, c, {k: _drill_url(base_query, k, month=m) for k in ("count", "published", "on_time", "overdue")}) for m, c in report.months],
        "svg": mark_safe(svg), "sort_links": sort_links, "metric_links": metric_links,
        "organs": Organ.objects.order_by("name"), "doc_types": _doc_types(), "query": base_query,
        "sites": site_scope.sites() if site_scope.forced_scope(request.user) is None else [],
        "export_csv": "?" + urlencode({**base_query, "sort": sort, "format": "csv"}),
        "export_xlsx": "?" + urlencode({**base_query, "sort": sort, "format": "xlsx"}),
        "requests_overdue": request_queue.overdue(report.today), "requests_due_soon": request_queue.due_soon(report.today).count(),
    })


def _department_rows(departments, base_query, *, ranked=False):
    rows = []
    for rank, (pk, name, c) in enumerate(departments, start=1):
        dept = "none" if pk is None else str(pk)
        rows.append({"rank": rank if ranked else None, "name": name, "c": c,
                     "links": {m: _drill_url(base_query, m, dept=dept) for m in kpis.METRICS}})
    return rows


def _doc_types():
    types = PublicationRecord.objects.order_by().values_list("doc_type", flat=True).distinct()
    return [(t, kpis.DOC_TYPE_LABELS.get(t, t)) for t in sorted(types)]


def _drill_url(base_query, metric, *, dept="all", month=""):
    query = {**base_query, "metric": metric, "dept": dept}
    if month:
        query["month"] = month
    return reverse("timeliness_records") + "?" + urlencode(query)


class _Listed:
    """The documents still in the inbox, then the publication records: one list for the paginator and the exports
    (the dashboard's numbers count both)."""

    def __init__(self, waiting, records):
        self.waiting, self.records = waiting, records

    def count(self):
        return len(self.waiting) + self.records.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, part):
        n = len(self.waiting)
        start, stop = part.start or 0, part.stop
        head = self.waiting[start:stop]
        if stop is not None and stop <= n:
            return head
        return head + list(self.records[max(start - n, 0):None if stop is None else stop - n])

    def __iter__(self):
        yield from self.waiting
        yield from self.records.iterator(chunk_size=2000)


@permission_required(PERMISSION)
def records(request):
    filters, error = _filters_or_error(request)
    metric = request.GET.get("metric", "count")
    dept_param = request.GET.get("dept", "all")
    department = None if dept_param == "none" else (int(dept_param) if dept_param.isdigit() else "all")
    month = request.GET.get("month", "")
    try:
        qs = _Listed(kpis.waiting_drilldown(filters, metric, department=department, month=month),
                     kpis.drilldown(filters, metric, department=department, month=month))
    except kpis.FilterError as exc:
        error, qs, metric = str(exc), _Listed([], PublicationRecord.objects.none()), "count"
    label = kpis.METRICS[metric][0]
    scope = "全部部门"
    if department is None:
        scope = kpis.NO_DEPARTMENT
    elif department != "all":
        scope = Organ.objects.filter(pk=department).values_list("name", flat=True).first() or "（部门不存在）"
    title = f"{scope}{'·' + month if month else ''}：{label}"
    if request.GET.get("format") in ("csv", "xlsx"):
        return _export(request, title, filters, exports.document_sections(label, qs), extra=[("统计项", label), ("范围", scope)])
    page = Paginator(qs, 50).get_page(request.GET.get("p"))
    items = [{"r": r, "explanation": kpis.deadline_explanation(r)} for r in page.object_list]
    query = {k: v for k, v in request.GET.items() if k not in ("p", "format")}
    return render(request, "timeliness/admin/records.html", {
        "error": error, "title": title, "page": page, "items": items, "total": page.paginator.count,
        "back": "?" + urlencode(filters.as_query()), "query": urlencode(query),
        "export_csv": "?" + urlencode({**query, "format": "csv"}), "export_xlsx": "?" + urlencode({**query, "format": "xlsx"}),
    })


@permission_required(PERMISSION)
def annual_report_view(request):
    """Preview the annual report with its 勾稽 checks; download as DOCX / HTML / JSON when the checks pass."""
    today = timezone.localdate()
    error = ""
    try:
        year = int(request.GET.get("year") or today.year - 1)
        if not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        error, year = f"年度「{request.GET.get('year')}」不正确，已改为{today.year - 1}年", today.year - 1
    organ = None
    organ_param = request.GET.get("organ", "")
    if organ_param.isdigit():
        organ = Organ.objects.filter(pk=int(organ_param)).first()
        if organ is None:
            error = f"未找到所选机关，已改为{annual_report.site_organ_name()}（全部机关）"
    forced = site_scope.forced_scope(request.user)
    if forced is not None:  # a district's own evaluators and officers: their district's report only (站群)
        organ = Organ.objects.filter(pk__in=forced.own_organs).first() or organ
    refused = []
    if request.method == "POST" and request.user.has_perm(PUBLISH_REPORT_PERMISSION):
        try:
            page = annual_publication.publish_report(year, organ, by=request.user)
        except PublishRefused as exc:
            refused = exc.reasons
        else:
            messages.success(request, f"《{page.title}》已发布到“政府信息公开年报”栏目")
            return redirect(f"{reverse('timeliness_annual_report')}?{urlencode({'year': year, **({'organ': organ.pk} if organ else {})})}")
    data = annual_report.build(year, organ)
    failures = consistency.check(data)
    fmt = request.GET.get("format")
    if fmt in ("docx", "html", "json") and not failures:
        name = f"annual-report-{year}{'-' + str(organ.pk) if organ else ''}"
        if fmt == "docx":
            response = HttpResponse(report_render.to_docx(data),
                                    content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        elif fmt == "html":
            response = HttpResponse(report_render.to_html(data), content_type="text/html; charset=utf-8")
        else:
            response = HttpResponse(report_render.to_json(data), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response
    if fmt in ("docx", "html", "json"):
        error = f"勾稽检查未通过（{len(failures)} 处），不能导出；请先修正登记数据或报告正文。"
    query = {"year": year, **({"organ": organ.pk} if organ else {})}
    manual = AnnualReport.objects.filter(year=year, organ=organ).first()
    return render(request, "timeliness/admin/annual_report.html", {
        "error": error, "year": year, "organ": organ, "organs": Organ.objects.order_by("name"), "data": data,
        "failures": failures, "tables": report_render.tables(data), "manual": manual,
        "site_organ": annual_report.site_organ_name(), "missing_sources": annual_report.missing_sources(data),
        "no_source_note": report_render.no_source_note(data),
        "downloads": [(f, "?" + urlencode({**query, "format": f})) for f in ("docx", "html", "json")],
        "can_publish": request.user.has_perm(PUBLISH_REPORT_PERMISSION), "refused": refused,
        "published": annual_publication.published_page(year, organ),
    })
