"""Admin report (站点管理员): the latest result per indicator with the 单项否决 verdict, drill-down to the items (each
linking to its public page and to the page in the editor), the trend over runs, exports to XLSX and printable HTML,
and a button that starts a run now (as a background task). In a site group (站群) the report is one site's at a time
(``?site=HOST``, the default site first)."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from wagtail.admin.auth import permission_required
from wagtail.models import Site

from inspection import exports, indicators
from inspection.models import InspectionRun
from inspection.tasks import run_inspection

PERMISSION = "wagtailcore.change_site"  # 站点管理员 and superusers
TREND_RUNS = 30


def editor_url(page_id):
    if not page_id:
        return ""
    try:
        return reverse("wagtailadmin_pages:edit", args=[page_id])
    except NoReverseMatch:
        return ""


def rows_of(run):
    rows = []
    for r in run.results:
        indicator = indicators.BY_CODE.get(r["code"])
        if indicator is None:
            continue  # an indicator retired since this run was stored
        rows.append({**r, "indicator": indicator, "status_name": indicators.STATUS_NAMES[r["status"]],
                     "vetoed": r["status"] == indicators.FAIL and indicator.veto,
                     "url": reverse("inspection_indicator", args=[run.pk, r["code"]])})
    return rows


def _chosen_site(request, sites):
    """(site, message): the site named by ?site= (the default site when none), with a Chinese message for a name
    that is no site of the group."""
    default = sites[0] if sites else None
    host = (request.POST.get("site") or request.GET.get("site") or "").strip()
    if not host:
        return default, ""
    found = next((s for s in sites if s.hostname.lower() == host.lower()), None)
    if found is None:
        return default, f"未找到站点“{host}”，已显示{default.site_name or default.hostname}的自查结果" if default else ""
    return found, ""


def _run_or_latest(request, runs):
    raw = request.GET.get("run", "")
    if raw:
        if not raw.isdigit():
            return runs.first(), f"自查记录编号“{raw}”不正确，已显示最近一次结果"
        run = InspectionRun.objects.select_related("site").filter(pk=int(raw)).first()
        if run is None:
            return runs.first(), f"未找到第{raw}次自查记录，已显示最近一次结果"
        return run, ""
    return runs.first(), ""


def trend(runs):
    runs = list(runs.only("id", "started_at", "veto", "trigger", "results")[:TREND_RUNS])
    runs.reverse()
    codes = [i for i in indicators.INDICATORS]
    table = []
    for run in runs:
        counts = {r["code"]: (r["count"], r["status"]) for r in run.results}
        table.append({"run": run, "cells": [counts.get(i.code, (None, None)) for i in codes]})
    return codes, table


def _report_url(site, sites):
    url = reverse("inspection_report")
    return f"{url}?{urlencode({'site': site.hostname})}" if site is not None and len(sites) > 1 else url


@permission_required(PERMISSION)
def report(request):
    sites = list(Site.objects.order_by("-is_default_site", "id"))
    site, error = _chosen_site(request, sites)
    if request.method == "POST":
        run_inspection.delay(InspectionRun.ADMIN, site.pk if site else None)
        messages.success(request, "已开始自查，完成后刷新本页即可看到结果。")
        return redirect(_report_url(site, sites))
    run, run_error = _run_or_latest(request, InspectionRun.of_site(site))
    if run is not None and run.site is not None and run.site != site:
        site = run.site  # a run asked for by its number shows its own site's report
    context = {"run": run, "error": error or run_error, "sites": sites if len(sites) > 1 else [], "site": site}
    if run is None:  # no run yet
        return render(request, "inspection/admin/report.html", context)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return exports.as_xlsx(run, editor_url)
    rows = rows_of(run)
    if fmt == "print":
        return render(request, "inspection/admin/print.html", {"run": run, "rows": rows, "editor_url": editor_url})
    codes, table = trend(InspectionRun.of_site(site))
    return render(request, "inspection/admin/report.html", {
        **context, "rows": rows, "codes": codes, "trend": table,
        "export_xlsx": f"?run={run.pk}&format=xlsx", "export_print": f"?run={run.pk}&format=print",
    })


@permission_required(PERMISSION)
def indicator(request, run_id, code):
    run = get_object_or_404(InspectionRun, pk=run_id)
    result = run.result(code)
    if result is None or code not in indicators.BY_CODE:
        raise Http404("没有这一项指标")
    page = Paginator(result["items"], 100).get_page(request.GET.get("p"))
    items = [{**item, "edit_url": editor_url(item.get("page_id"))} for item in page.object_list]
    return render(request, "inspection/admin/indicator.html", {
        "run": run, "r": result, "indicator": indicators.BY_CODE[code], "page": page, "items": items,
        "status_name": indicators.STATUS_NAMES[result["status"]], "shown_all": result["count"] <= len(result["items"]),
    })
