"""XLSX export of one run: a summary sheet (indicator, 单项否决 item, status, count) and one sheet of items per indicator
that found something. (The project has no PDF renderer; the printable HTML view is printed to PDF by the browser.)"""
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from inspection import indicators

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value):
    """Text a spreadsheet will not run as a formula."""
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def workbook(run, editor_url):
    wb = Workbook()
    summary = wb.active
    summary.title = "结论"
    when = timezone.localtime(run.started_at)
    summary.append([f"网站自查报告{run.site_label}（{when:%Y-%m-%d %H:%M}）"])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append(["结论", "不合格（存在单项否决问题）" if run.veto else "未发现单项否决问题"])
    summary.append(["检查页面数", run.pages_checked, "检查链接数", run.links_checked])
    summary.append([])
    summary.append(["指标", "是否单项否决项", "检查内容", "结果", "问题数"])
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    for r in run.results:
        indicator = indicators.BY_CODE.get(r["code"])
        if indicator is None:
            continue
        summary.append([r["name"], "是" if indicator.veto else "否", indicator.rule, indicators.STATUS_NAMES[r["status"]], r["count"]])
        if not r["items"]:
            continue
        sheet = wb.create_sheet(r["name"][:31].replace("/", "、"))
        sheet.append(["页面地址", "问题", "编辑链接"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for item in r["items"]:
            sheet.append([_safe(item["url"]), _safe(item["detail"]), editor_url(item.get("page_id"))])
        if r["count"] > len(r["items"]):
            sheet.append([f"共 {r['count']} 项，此处列出前 {len(r['items'])} 项"])
    for sheet in wb.worksheets:
        sheet.column_dimensions["A"].width = 40
        sheet.column_dimensions["B"].width = 60
    return wb


def as_xlsx(run, editor_url):
    buffer = io.BytesIO()
    workbook(run, editor_url).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="inspection-{timezone.localtime(run.started_at):%Y%m%d-%H%M}.xlsx"'
    return response
