"""Excel round trip of the standard catalogue table (.xlsx, openpyxl).

One sheet, header row = standard.EXCEL_HEADERS (栏目 and 领域 first, then exactly the domain §4 columns).
Import validates each row on its own: valid rows load (created or updated, keyed on 栏目+领域+一级事项+二级事项),
invalid rows are reported with their row number and a Chinese message. An exported file re-imports unchanged:
the admin form (wagtail_hooks.CatalogueItemForm) asks for what a row needs (REQUIRED_FIELDS, one item per
栏目+领域+一级事项+二级事项, text that fits a cell), and the export writes every text as text (a leading "=" is not a
formula) without the control characters a worksheet cannot hold.
"""
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from openness_catalog import permissions, standard
from openness_catalog.models import CatalogueItem, Column
from openness_catalog.rows import REQUIRED, is_blank, item_to_row, text, validate_row
from openness_catalog.services import find_domain, refresh_items
from publishing import gate

SHEET_TITLE = "基层政务公开标准目录"
FIELDS = ["serial", "content", "basis", "time_limit_text", "subject", "channels", "audience", "mode", "levels"]
WIDTHS = [10, 14, 6, 22, 22, 36, 36, 28, 20, 30, 10, 10, 12]
FIELD_OF_HEADER = dict(zip(standard.EXCEL_HEADERS, ["column", "domain", "serial", "level1", "level2", *FIELDS[1:]]))
REQUIRED_FIELDS = [FIELD_OF_HEADER[h] for h in REQUIRED]
CELL_LIMIT = 32767  # characters one Excel cell holds; longer text comes back cut
_LINE_BREAKS = re.compile(r"[\v\f]")  # Word's manual line and page breaks
_UNWRITABLE = re.compile(r"[\x00-\x08\x0e-\x1f]")


def cell_text(value):
    """Text as a worksheet can hold it: Word's breaks become newlines, other control characters go. (The admin
    refuses them on input, cms/middleware.py; other loaders may not have.)"""
    return _UNWRITABLE.sub("", _LINE_BREAKS.sub("\n", value))


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # [(row number, message)]
    dry_run: bool = False

    @property
    def loaded(self):
        return self.created + self.updated + self.unchanged

    def summary(self):
        prefix = "（试运行，未写入）" if self.dry_run else ""
        return f"{prefix}新增{self.created}条，更新{self.updated}条，未变化{self.unchanged}条，错误{len(self.errors)}行"


class WorkbookUnreadable(Exception):
    pass


def export_workbook(items):
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.append(standard.EXCEL_HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    for item in items.select_related("column", "domain").order_by(
        "column__sort_order", "column_id", "domain__sort_order", "domain_id", "serial", "id"
    ):
        ws.append([cell_text(v) if isinstance(v, str) else v for v in item_to_row(item)])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, not a formula: kept on re-import, never run by Excel
    return wb


def export_bytes(items):
    buffer = io.BytesIO()
    export_workbook(items).save(buffer)
    return buffer.getvalue()


def _rows(source):
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — any unreadable upload becomes one clear message
        raise WorkbookUnreadable("无法读取该文件，请上传 Excel 2007 及以上格式（.xlsx）的标准目录表") from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [text(v) for v in next(rows, ())]
    while header and header[-1] == "":
        header.pop()
    if header != standard.EXCEL_HEADERS:
        missing = [h for h in standard.EXCEL_HEADERS if h not in header]
        detail = f"缺少：{'、'.join(missing)}" if missing else "列的顺序或名称不一致"
        raise WorkbookUnreadable(f"第1行表头应为：{'、'.join(standard.EXCEL_HEADERS)}（{detail}）")
    for number, values in enumerate(rows, start=2):
        yield number, dict(zip(standard.EXCEL_HEADERS, values))
    wb.close()


def import_workbook(source, by=None, dry_run=False, progress=None):
    """Load a catalogue table. `by` (a user) limits which columns may be touched; None = command line (all).
    Every row passes the publication gate before it is written: an item is public as soon as it is saved.
    progress: called once per row read (a progress bar's tick)."""
    report = ImportReport(dry_run=dry_run)
    columns = {c.name: c for c in Column.objects.all()}
    domains = {}
    seen = {}
    touched = []
    for number, raw in _rows(source):
        if progress:
            progress()
        if is_blank(raw):
            continue
        clean, errors = validate_row(raw)
        errors += [f"“{h}”达到 Excel 单元格上限（{CELL_LIMIT}字），可能已被截断，请在后台编辑该事项"
                   for h in ("公开内容（要素）", "公开依据") if len(text(raw.get(h))) >= CELL_LIMIT]
        column = columns.get(clean["column"])
        if clean["column"] and column is None:
            errors.append(f"栏目“{clean['column']}”不存在")
        if column is not None and by is not None and not permissions.can_edit_column(by, column):
            errors.append(permissions.refusal(by, column))
        domain = None
        if clean["domain"]:
            if clean["domain"] not in domains:
                domains[clean["domain"]] = find_domain(clean["domain"])
            domain = domains[clean["domain"]]
            if domain is None:
                errors.append(f"领域“{clean['domain']}”不存在")
        key = (clean["column"], domain.pk if domain else clean["domain"], clean["level1"], clean["level2"])
        if not errors and key in seen:
            errors.append(f"与第{seen[key]}行重复（同一栏目、领域下的一级事项和二级事项相同）")
        if errors:
            report.errors.append((number, "；".join(errors)))
            continue
        seen[key] = number
        values = {f: clean[f] for f in FIELDS}
        item = CatalogueItem.objects.filter(column=column, domain=domain, level1=clean["level1"], level2=clean["level2"]).first()
        candidate = CatalogueItem(pk=item.pk if item else None, column=column, domain=domain, level1=clean["level1"],
                                  level2=clean["level2"], **values)
        refusals = gate.refusals(candidate)
        if refusals:
            report.errors.append((number, "不能发布：" + "；".join(refusals)))
            continue
        if item is None:
            report.created += 1
            if not dry_run:
                with transaction.atomic():
                    item = CatalogueItem.objects.create(column=column, domain=domain, level1=clean["level1"], level2=clean["level2"], **values)
                touched.append(item.pk)
        elif all(getattr(item, f) == v for f, v in values.items()):
            report.unchanged += 1
        else:
            report.updated += 1
            if not dry_run:
                for f, v in values.items():
                    setattr(item, f, v)
                with transaction.atomic():
                    item.save()
                touched.append(item.pk)
    if touched:
        refresh_items(CatalogueItem.objects.filter(pk__in=touched))
    return report
