"""Excel (.xlsx) import of a 事项清单: one row per guide, the same fields as the `guide` JSON line.

The first row holds the column headers (order free, unknown columns ignored). Each row is validated and
loaded in its own transaction; errors are reported with the Excel row number and the good rows still load.

申请材料: one material per line in the cell, “名称|形式|份数|来源|需要纸质(是/否)|可容缺(是/否)”, only the
name required (e.g. “居民身份证|原件|1|申请人自备|是|否”).
法定期限/承诺期限: a number of working days, “5个工作日”, or “即办”.
办理流程、申请表字段: one per line. 常见问题: “问：…” / “答：…” lines.
"""
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException
from wagtail.signal_handlers import disable_reference_index_auto_update

from importers.content_loader import CHUNK, LineError, load_guide, refresh_reference_index, validation_message
from publishing import events
from publishing.gate import PublishRefused

COLUMNS = [
    ("事项编码", "code"), ("事项名称", "name"), ("事项类型", "item_type"), ("实施主体", "department"),
    ("服务对象", "service_object"), ("生命周期阶段", "life_event"), ("设定依据", "basis"), ("受理条件", "conditions"),
    ("申请材料", "materials"), ("办理流程", "steps"), ("法定期限", "legal_limit_days"), ("承诺期限", "promised_limit_days"),
    ("收费", "fee"), ("办理地点", "location"), ("办理时间", "hours"), ("咨询电话", "phone"),
    ("监督投诉电话", "complaint_phone"), ("到现场次数", "visits"), ("网上办理地址", "online_url"),
    ("申请表字段", "form_fields"), ("常见问题", "faq"),
]
HEADER_ALIASES = {"实施机关": "department", "实施部门": "department", "受理条件/申请条件": "conditions",
                  "申请条件": "conditions", "办理材料": "materials", "网办地址": "online_url", "跑动次数": "visits"}
REQUIRED_HEADERS = ("事项编码", "事项名称")
EXAMPLE_ROW = [
    "430100-MZ-XK-0101", "示例：婚姻登记", "行政确认", "长沙市民政局", "个人", "婚育", "《婚姻登记条例》第四条",
    "男女双方均无配偶、达到法定婚龄", "居民身份证|原件|2|申请人自备|是|否\n户口簿|原件|2|申请人自备|是|是",
    "申请\n受理\n审查\n登记发证", 30, "即办", "不收费", "区婚姻登记处", "工作日 9:00-17:00", "0731-12345678",
    "12345", 1, "https://zwfw.example.gov.cn/hydj", "男方姓名\n女方姓名\n联系电话", "问：需要预约吗？\n答：建议网上预约。",
]


class SheetError(Exception):
    """The file as a whole cannot be read (not an .xlsx, no header row…)."""


@dataclass
class ExcelReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # [(row number, message)]

    @property
    def loaded(self):
        return self.created + self.updated + self.unchanged


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value).strip()


def _days(value, label):
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0 or int(value) != value:
            raise LineError(f"“{label}”应为非负整数个工作日：{value}")
        return int(value)
    text = str(value).strip()
    if text in ("即办", "即办件", "当场办结"):
        return 0
    match = re.fullmatch(r"(\d+)\s*(个)?(工作日|天|日)?", text)
    if match is None:
        raise LineError(f"“{label}”应为“即办”或工作日数（如 5 或 5个工作日）：{text}")
    return int(match.group(1))


def _count(value, label):
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 and int(value) == value:
        return int(value)
    match = re.fullmatch(r"(\d+)\s*次?", str(value).strip())
    if match is None:
        raise LineError(f"“{label}”应为非负整数：{value}")
    return int(match.group(1))


def _materials(text):
    materials = []
    for number, line in enumerate([l for l in _cell_text(text).splitlines() if l.strip()], start=1):
        parts = [p.strip() for p in re.split(r"[|｜]", line)]
        name = parts[0]
        if not name:
            raise LineError(f"申请材料第{number}行缺少材料名称")
        item = {"name": name}
        if len(parts) > 1 and parts[1]:
            item["form"] = parts[1]
        if len(parts) > 2 and parts[2]:
            if not parts[2].rstrip("份").isdigit():
                raise LineError(f"申请材料“{name}”的份数应为整数：{parts[2]}")
            item["copies"] = int(parts[2].rstrip("份"))
        if len(parts) > 3:
            item["source"] = parts[3]
        if len(parts) > 4 and parts[4]:
            item["paper_required"] = parts[4]
        if len(parts) > 5 and parts[5]:
            item["deferrable"] = parts[5]
        materials.append(item)
    return materials


def row_to_guide(values):
    """{key: cell value} → a `guide` object as in the JSON lines (raises LineError with a Chinese message)."""
    obj = {"kind": "guide"}
    labels = {key: label for label, key in COLUMNS}
    for key, value in values.items():
        if key in ("legal_limit_days", "promised_limit_days"):
            obj[key] = _days(value, labels[key])
        elif key == "visits":
            obj[key] = _count(value, labels[key])
        elif key == "materials":
            obj[key] = _materials(value)
        else:
            obj[key] = _cell_text(value)
    return obj


def _header_map(header_row):
    by_label = {label: key for label, key in COLUMNS} | HEADER_ALIASES
    mapping = {}
    for index, cell in enumerate(header_row):
        label = _cell_text(cell).replace(" ", "").rstrip("*＊")
        if label in by_label:
            mapping[index] = by_label[label]
    found = {_cell_text(c).replace(" ", "").rstrip("*＊") for c in header_row}
    missing = [h for h in REQUIRED_HEADERS if h not in found]
    if missing:
        raise SheetError(f"第1行（表头）缺少必需的列：{'、'.join(missing)}。请使用“事项清单”模板")
    return mapping


def import_workbook(file):
    """Load every row of the first sheet as one bulk publication; returns an ExcelReport.
    file: a path or a binary file object."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except FileNotFoundError:
        raise
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise SheetError("无法读取文件：请上传 Excel 2007 及以上格式（.xlsx）的事项清单") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise SheetError("工作表为空：第1行应为表头")
    mapping = _header_map(header)
    report = ExcelReport()
    numbered = ((n, row) for n, row in enumerate(rows, start=2) if row is not None and any(_cell_text(c) for c in row))
    with disable_reference_index_auto_update(), events.bulk() as touched:
        while True:
            chunk = list(itertools.islice(numbered, CHUNK))
            if not chunk:
                break
            with transaction.atomic():
                for number, row in chunk:
                    _load_row(number, {key: row[i] if i < len(row) else None for i, key in mapping.items()}, report)
    workbook.close()
    refresh_reference_index(touched["published"])
    return report


def _load_row(number, values, report):
    try:
        obj = row_to_guide(values)
        with transaction.atomic():
            outcome = load_guide(obj)
        setattr(report, outcome, getattr(report, outcome) + 1)
    except (LineError, LookupError) as exc:
        report.errors.append((number, str(exc)))
    except PublishRefused as exc:
        report.errors.append((number, "不能发布：" + "；".join(exc.reasons)))
    except ValidationError as exc:
        report.errors.append((number, validation_message(exc)))
    except DatabaseError as exc:
        report.errors.append((number, f"数据库拒绝保存此行：{str(exc).splitlines()[0][:200]}"))


def template_workbook_bytes():
    """The 事项清单 template: the header row, an example row and a notes sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "事项清单"
    sheet.append([label for label, _ in COLUMNS])
    sheet.append(EXAMPLE_ROW)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    notes = workbook.create_sheet("填写说明")
    for line in (__doc__ or "").strip().splitlines():
        notes.append([line])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
