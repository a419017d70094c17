"""报送统计: per reporting unit and month of submission, 报送 / 采用 / 退回 / 待审核 and 采用率 (采用 ÷ 报送), each
counted from the reports themselves; the same rows feed the admin table, the XLSX and the CSV export."""
import csv
import re
from dataclasses import dataclass
from io import BytesIO, StringIO

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from reporting.models import ACCEPTED, PENDING, RETURNED
from sitegroup.models import SiteUnit

HEADER = ["单位", "月份", "报送", "采用", "退回", "待审核", "采用率"]


@dataclass
class Row:
    unit: str
    month: str  # "2026-12", or "合计"
    submitted: int
    accepted: int
    returned: int
    pending: int

    @property
    def rate(self):
        """采用率 as a whole-number percentage (None when nothing was submitted)."""
        return None if not self.submitted else round(self.accepted * 100 / self.submitted)

    @property
    def rate_text(self):
        return "—" if self.rate is None else f"{self.rate}%"

    def cells(self):
        return [self.unit, self.month, self.submitted, self.accepted, self.returned, self.pending, self.rate_text]


def parse_month(value):
    """'2026-12' -> (2026, 12), anything else -> None."""
    found = re.fullmatch(r"([0-9]{4})-([0-9]{2})", (value or "").strip())
    if found and 2000 <= int(found[1]) <= 2999 and 1 <= int(found[2]) <= 12:
        return int(found[1]), int(found[2])
    return None


def rows(reports, month=None, units=()):
    """[Row] per unit and month (newest month first, units in the group's order), then one 合计 row per unit and the
    overall 合计. `month` (year, month) limits the reports to that month of submission; `units` (SiteUnits) get a 合计
    row even when they reported nothing, so a unit that did not report shows as 0."""
    if month is not None:
        reports = reports.filter(submitted_at__year=month[0], submitted_at__month=month[1])
    counted = (reports.order_by().annotate(m=TruncMonth("submitted_at")).values("source_site_id", "m")
               .annotate(n=Count("id"), a=Count("id", filter=Q(status=ACCEPTED)), r=Count("id", filter=Q(status=RETURNED)),
                         p=Count("id", filter=Q(status=PENDING))))
    by_site = {u.site_id: u for u in SiteUnit.objects.all()}
    order = {site_id: (u.sort_order, u.pk) for site_id, u in by_site.items()}
    found = sorted(counted, key=lambda c: (order.get(c["source_site_id"], (9999, 0)), -c["m"].toordinal()))
    out, per_unit = [], {unit.name: Row(unit.name, "合计", 0, 0, 0, 0) for unit in units}
    for c in found:
        unit = by_site.get(c["source_site_id"])
        name = unit.name if unit else "（已删除站点）"
        row = Row(name, f"{c['m']:%Y-%m}", c["n"], c["a"], c["r"], c["p"])
        out.append(row)
        total = per_unit.setdefault(name, Row(name, "合计", 0, 0, 0, 0))
        for field in ("submitted", "accepted", "returned", "pending"):
            setattr(total, field, getattr(total, field) + getattr(row, field))
    grand = Row("全部单位", "合计", *(sum(getattr(r, f) for r in per_unit.values())
                                  for f in ("submitted", "accepted", "returned", "pending")))
    return out, list(per_unit.values()), grand


def xlsx(reports, month=None, units=()):
    monthly, totals, grand = rows(reports, month, units)
    book = Workbook()
    sheet = book.active
    sheet.title = "报送统计"
    sheet.append(HEADER)
    for row in monthly + totals + [grand]:
        sheet.append(row.cells())
    detail = book.create_sheet("报送明细")
    detail.append(["编号", "单位", "标题", "类别", "报送时间", "状态", "退回理由", "审核时间", "原文地址"])
    names = {u.site_id: u.name for u in SiteUnit.objects.all()}
    scope = reports if month is None else reports.filter(submitted_at__year=month[0], submitted_at__month=month[1])
    for r in scope.order_by("submitted_at", "id"):
        detail.append([r.pk, names.get(r.source_site_id, ""), r.title, r.get_kind_display(),
                       timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M"), r.get_status_display(), r.return_reason,
                       timezone.localtime(r.decided_at).strftime("%Y-%m-%d %H:%M") if r.decided_at else "", r.source_url])
    for ws in (sheet, detail):
        for cell in ws[1]:
            cell.font = Font(bold=True)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(reports, month=None, units=()):
    monthly, totals, grand = rows(reports, month, units)
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in monthly + totals + [grand]:
        writer.writerow(row.cells())
    return "\ufeff" + out.getvalue()  # BOM: Excel opens UTF-8 CSV in Chinese correctly
