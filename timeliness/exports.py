"""CSV and XLSX export of any dashboard view, with the filters written into the file header."""
import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from publishing import figures
from timeliness import kpis

SUMMARY_HEADER = ["对象", "形成/变更", "已发布", "按时（≤20）", "超期发布", "7日内发布", "已超期未发布", "3个工作日内到期",
                  "平均用时", "中位数", "P90", "按时率", "7日内占比"]


def _pct(value):
    return "" if value is None else figures.percent(value)


def _num(value):
    return "" if value is None else figures.rounded(value, figures.DAYS_DIGITS)


def _counter_row(label, c):
    return [label, c.count, c.published, c.on_time, c.late, c.within_7, c.overdue_unpublished, c.due_soon,
            _num(c.avg_working_days), _num(c.median_working_days), _num(c.p90_working_days), _pct(c.on_time_rate), _pct(c.within_7_rate)]


_more_sections = []  # provider(filters) -> [(title, header, rows)]: other apps' figures for the same period (好差评)


def register_summary_sections(provider):
    """Another app (ratings) adds its own figures to the dashboard export; timeliness imports nothing of it."""
    if provider not in _more_sections:
        _more_sections.append(provider)


def summary_sections(report: kpis.Report, ranked=None, under_sampled=None, min_sample=None):
    """The dashboard as (title, header, rows) sections; departments below the minimum sample in a section apart."""
    if ranked is None:
        ranked, under_sampled = report.ranking(min_sample)
    min_sample = kpis.min_ranking_sample() if min_sample is None else min_sample
    sections = [
        ("总体", SUMMARY_HEADER, [_counter_row("合计", report.overall)]),
        ("分部门排名", ["名次", *SUMMARY_HEADER], [[rank, *_counter_row(name, c)] for rank, (_, name, c) in enumerate(ranked, 1)]),
    ]
    if under_sampled:
        sections.append((f"样本不足（少于{min_sample}件）", SUMMARY_HEADER, [_counter_row(name, c) for _, name, c in under_sampled]))
    sections.append(("分月份", SUMMARY_HEADER, [_counter_row(month, c) for month, c in report.months]))
    for provider in _more_sections:
        sections += provider(report.filters)
    return sections


DOC_HEADER = ["标题", "部门", "类型", "形成/变更日期", "发布时间", "到期日", "用时（工作日）", "状态", "期限说明"]


def document_sections(title, records):
    rows = []
    for r in records:
        published = timezone.localtime(r.published_at).strftime("%Y-%m-%d %H:%M") if r.published_at else ""
        rows.append([r.title, r.department.name if r.department_id else kpis.NO_DEPARTMENT, r.doc_type, r.formed_on.isoformat(),
                     published, r.due_on.isoformat() if r.due_on else "", "" if r.working_days_taken is None else r.working_days_taken,
                     r.get_status_display(),
                     kpis.deadline_explanation(r).replace("\n", "；")])
    return [(title, DOC_HEADER, rows)]


def header_lines(view_title, filters: kpis.Filters, extra=()):
    lines = [("报表", view_title)] + filters.describe() + list(extra)
    lines.append(("导出时间", timezone.localtime().strftime("%Y-%m-%d %H:%M")))
    return lines


def as_csv(filename, header, sections):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for label, value in header:
        writer.writerow([f"# {label}", value])
    for title, columns, rows in sections:
        writer.writerow([])
        writer.writerow([f"【{title}】"])
        writer.writerow(columns)
        writer.writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def as_xlsx(filename, header, sections):
    wb = Workbook()
    first = True
    for title, columns, rows in sections:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title[:31]
        for label, value in header:
            ws.append([label, value])
        ws.append([])
        ws.append(columns)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        ws.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
