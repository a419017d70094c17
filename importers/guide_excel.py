"""Excel (.xlsx) or CSV import of a 事项清单: one row per guide, the same fields as the `guide` JSON line.

The first row holds the column headers (order free; the provincial 政务服务网 spellings in HEADER_ALIASES are read,
unknown columns are reported as a warning). Each row is validated and
loaded in its own transaction; errors are reported with the Excel row number and the good rows still load.

申请材料: one material per line in the cell, “名称|形式|份数|来源|需要纸质(是/否)|可容缺(是/否)”, only the
name required (e.g. “居民身份证|原件|1|申请人自备|是|否”).
法定期限/承诺期限: a number of working days, “5个工作日”, or “即办”.
办理流程、申请表字段: one per line. 常见问题: “问：…” / “答：…” lines.
通办: 全程网办、全市通办、全省通办、跨省通办、就近办, separated by “；” or one per line; 跨省通办 with its partner regions
and 就近办 with its places in brackets or after a colon, e.g. “全程网办；跨省通办（四川省、重庆市）；就近办：松陵街道便民服务中心”.
An unknown value, or 跨省通办/就近办 without regions/places, is left out with a warning; the row still loads.
"""
import csv
import io
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

from cms.guides import tongban as tb
from cms.guides.models import ServiceGuidePage
from importers.content_loader import CHUNK, LineError, load_guide, refresh_reference_index, validation_message
from publishing import events
from publishing.gate import PublishRefused
from search import sites

COLUMNS = [
    ("事项编码", "code"), ("事项名称", "name"), ("事项类型", "item_type"), ("实施主体", "department"),
    ("服务对象", "service_object"), ("生命周期阶段", "life_event"), ("设定依据", "basis"), ("受理条件", "conditions"),
    ("申请材料", "materials"), ("办理流程", "steps"), ("法定期限", "legal_limit_days"), ("承诺期限", "promised_limit_days"),
    ("收费", "fee"), ("办理地点", "location"), ("办理时间", "hours"), ("咨询电话", "phone"),
    ("监督投诉电话", "complaint_phone"), ("到现场次数", "visits"), ("网上办理地址", "online_url"),
    ("通办", "tongban"), ("申请表字段", "form_fields"), ("常见问题", "faq"),
]
# Header spellings of the provincial 政务服务网 exports, after normalise_header(). Within a key, earlier spellings
# win when a sheet has several of them (实施编码 before 事项编码 before 基本编码); an empty cell falls back to the next.
HEADER_ALIASES = {
    "code": ["事项编码", "实施编码", "实施清单编码", "事项实施编码", "业务办理项编码", "基本编码", "事项基本编码", "事项代码"],
    "name": ["事项名称", "实施清单名称", "实施事项名称", "事项全称", "业务办理项名称", "基本事项名称"],
    "item_type": ["事项类型", "事项类别", "权力类型"],
    "department": ["实施主体", "实施机构", "实施主体名称", "实施机关", "实施部门", "实施单位"],
    "service_object": ["服务对象", "面向对象"],
    "conditions": ["受理条件", "申请条件", "受理条件/申请条件", "办理条件", "受理标准"],
    "materials": ["申请材料", "办理材料", "申请材料目录", "材料清单", "申请材料清单"],
    "steps": ["办理流程", "办理程序", "办事流程"],
    "legal_limit_days": ["法定期限", "法定办结时限", "法定时限", "法定办理时限"],
    "promised_limit_days": ["承诺期限", "承诺办结时限", "承诺时限", "承诺办理时限"],
    "case_type": ["办件类型"],
    "fee": ["收费", "收费标准", "收费情况", "收费依据及标准"],
    "fee_flag": ["是否收费"],
    "location": ["办理地点", "受理地点", "办理地址", "窗口地址"],
    "hours": ["办理时间", "受理时间"],
    "phone": ["咨询电话", "咨询方式", "咨询途径"],
    "complaint_phone": ["监督投诉电话", "监督投诉方式", "投诉电话", "投诉方式"],
    "visits": ["到现场次数", "到办事现场次数", "跑动次数", "到现场办理次数", "最多跑动次数"],
    "online_url": ["网上办理地址", "在线办理", "在线办理地址", "网办地址", "网上办理入口", "在线办理链接", "网上办理链接"],
    "basis": ["设定依据", "法律依据", "实施依据", "依据"],
    "tongban": ["通办", "通办类型", "通办情况", "通办范围", "通办方式"],
}
REQUIRED_KEYS = {"code": "事项编码", "name": "事项名称"}
REQUIRED_HEADERS = tuple(REQUIRED_KEYS.values())
_UNIT = re.compile(r"\((?:个)?(?:工作日|自然日|天|日|次|元|小时)\)$")
_NOTE = re.compile(r"\((?:必填|选填|可选|必选)\)")
_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "＊": "*", "／": "/", "\u3000": ""})


def normalise_header(value):
    """A header cell as the provinces spell it → its bare name: no spaces, half-width brackets, no 必填 stars or notes,
    no trailing unit such as “（天）” or “(工作日)”."""
    label = re.sub(r"\s+", "", _cell_text(value).translate(_FULL_WIDTH))
    label = _NOTE.sub("", label).strip("*")
    return _UNIT.sub("", label).strip("*")
EXAMPLE_ROW = [
    "430100-MZ-XK-0101", "示例：婚姻登记", "行政确认", "长沙市民政局", "个人", "婚育", "《婚姻登记条例》第四条",
    "男女双方均无配偶、达到法定婚龄", "居民身份证|原件|2|申请人自备|是|否\n户口簿|原件|2|申请人自备|是|是",
    "申请\n受理\n审查\n登记发证", 30, "即办", "不收费", "区婚姻登记处", "工作日 9:00-17:00", "0731-12345678",
    "12345", 1, "https://zwfw.example.gov.cn/hydj", "全市通办；就近办：岳麓街道便民服务中心", "男方姓名\n女方姓名\n联系电话", "问：需要预约吗？\n答：建议网上预约。",
]


class SheetError(Exception):
    """The file as a whole cannot be read (not an .xlsx, no header row…)."""


@dataclass
class ExcelReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # [(row number, message)]
    warnings: list = field(default_factory=list)  # [(row number, message)]; row 1 for the header
    unmapped: list = field(default_factory=list)  # header texts of the columns that were not read

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
    text = re.sub(r"[（(][^）)]*[）)]", "", str(value)).strip()  # “20个工作日（不含公示时间）”
    text = re.sub(r"\s+", "", text)
    if text in ("", "无", "/", "—", "-", "无此项", "暂无"):
        return None
    if text in ("即办", "即办件", "当场办结", "立即办结", "当场办理", "即时办结", "0个工作日"):
        return 0
    match = re.fullmatch(r"(\d+)(?:个)?(?:工作日|天|日)?", text)
    if match is None:
        raise LineError(f"“{label}”应为“即办”或工作日数（如 5 或 5个工作日）：{text}")
    return int(match.group(1))


_NUMERALS = {"零": 0, "〇": 0, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


def _count(value, label):
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 and int(value) == value:
        return int(value)
    text = re.sub(r"\s+", "", str(value))
    if text in ("无", "/", "—", "-"):
        return None
    if text in ("零跑动", "不用跑", "全程网办"):
        return 0
    match = re.fullmatch(r"(?:最多跑|最多)?(\d+|[零〇一两二三四五])次?", text)
    if match is None:
        raise LineError(f"“{label}”应为非负整数：{value}")
    number = match.group(1)
    return int(number) if number.isdigit() else _NUMERALS[number]


def _service_object(value):
    """自然人/法人/企业法人/其他组织… as the provinces write them → 个人, 法人 or 个人和法人 (other text is kept and refused)."""
    text = _cell_text(value)
    person = any(w in text for w in ("个人", "自然人"))
    body = any(w in text for w in ("法人", "企业", "组织", "单位", "机关", "团体"))
    if person and body:
        return "个人和法人"
    return "个人" if person else "法人" if body else text


YES_NO = {"是", "否", "有", "无", "支持", "不支持", "可以", "不可以", "/", "—", "-"}


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
    values = dict(values)
    case_type, fee_flag = _cell_text(values.pop("case_type", None)), _cell_text(values.pop("fee_flag", None))
    for key, value in values.items():
        if key == "service_object":
            obj[key] = _service_object(value)
        elif key == "online_url" and _cell_text(value) in YES_NO:
            obj[key] = ""  # “在线办理：是/否” says whether, not where
        elif key in ("legal_limit_days", "promised_limit_days"):
            obj[key] = _days(value, labels[key])
        elif key == "visits":
            obj[key] = _count(value, labels[key])
        elif key == "materials":
            obj[key] = _materials(value)
        else:
            obj[key] = _cell_text(value)
    if obj.get("promised_limit_days") is None and case_type.startswith("即办"):
        obj["promised_limit_days"] = 0  # 办件类型 即办件: done on the spot
    if fee_flag and (not obj.get("fee") or obj["fee"] in ("无", "/", "否", "不收费")):
        obj["fee"] = "不收费" if fee_flag in ("否", "无", "不收费") else obj.get("fee") or "收费"
    return obj


def _spellings():
    """normalised header → (key, priority); the template's own labels first."""
    spellings = {}
    for label, key in COLUMNS:
        spellings[normalise_header(label)] = (key, -1)
    for key, labels in HEADER_ALIASES.items():
        for priority, label in enumerate(labels):
            spellings.setdefault(normalise_header(label), (key, priority))
    return spellings


def _header_map(header_row):
    """The header row → ({key: [column indexes, preferred first]}, [unmapped header texts])."""
    spellings = _spellings()
    found, unmapped = {}, []
    for index, cell in enumerate(header_row):
        label = normalise_header(cell)
        if label in spellings:
            key, priority = spellings[label]
            found.setdefault(key, []).append((priority, index))
        elif label:
            unmapped.append(_cell_text(cell))
    missing = [label for key, label in REQUIRED_KEYS.items() if key not in found]
    if missing:
        raise SheetError(f"第1行（表头）缺少必需的列：{'、'.join(missing)}。请使用“事项清单”模板")
    return {key: [i for _, i in sorted(columns)] for key, columns in found.items()}, unmapped


def _row_values(row, mapping):
    """{key: the first non-empty cell among the key's columns}."""
    values = {}
    for key, indexes in mapping.items():
        cells = [row[i] for i in indexes if i < len(row)]
        values[key] = next((c for c in cells if _cell_text(c)), cells[0] if cells else None)
    return values


UNREADABLE = "无法读取文件：请上传 Excel 2007 及以上格式（.xlsx）或 CSV 格式的事项清单"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # provincial exports: UTF-8 (often with a BOM) or GBK/GB18030


def _read_bytes(file):
    if isinstance(file, (str, bytes)) or hasattr(file, "__fspath__"):
        with open(file, "rb") as fh:
            return fh.read()
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read()


def _csv_rows(data):
    for encoding in CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError("无法识别 CSV 文件的编码：请另存为 UTF-8 或 GBK 编码，或上传 .xlsx")
    if "\x00" in text:
        raise SheetError(UNREADABLE)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)], None


def _sheet_rows(file):
    """(rows, closer) of the first sheet of an .xlsx, or of a CSV file (what 政务服务网 portals also export)."""
    data = _read_bytes(file)
    name = str(getattr(file, "name", file) or "").lower()
    if data.startswith(OLE_SIGNATURE):
        raise SheetError("不支持 Excel 97-2003（.xls）格式：请在 Excel 中另存为 .xlsx 或 CSV 后上传")
    if not data.startswith(b"PK"):
        if name.endswith((".xlsx", ".xlsm")):
            raise SheetError(UNREADABLE)
        return _csv_rows(data)
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise SheetError(UNREADABLE) from exc
    return workbook.worksheets[0].iter_rows(values_only=True), workbook.close


def import_workbook(file, progress=None):
    """Load every row of the first sheet (an .xlsx, or a CSV file) as one bulk publication; returns an ExcelReport.
    file: a path or a binary file object; progress: called once per data row read (a progress bar's tick)."""
    rows, close = _sheet_rows(file)
    rows = iter(rows)
    header = next(rows, None)
    if not header:
        raise SheetError("工作表为空：第1行应为表头")
    mapping, unmapped = _header_map(header)
    report = ExcelReport(unmapped=unmapped)
    if unmapped:
        report.warnings.append((1, f"以下列未识别，未导入：{'、'.join(unmapped)}"))
    numbered = ((n, row) for n, row in _ticking(enumerate(rows, start=2), progress)
                if row is not None and any(_cell_text(c) for c in row))
    with disable_reference_index_auto_update(), events.bulk() as touched:
        while True:
            chunk = list(itertools.islice(numbered, CHUNK))
            if not chunk:
                break
            with transaction.atomic():
                for number, row in chunk:
                    _load_row(number, _row_values(row, mapping), report)
    if close:
        close()
    refresh_reference_index(touched["published"])
    return report


def _ticking(rows, progress):
    for item in rows:
        yield item
        if progress:
            progress()


def _load_row(number, values, report):
    try:
        obj = row_to_guide(values)
        for key, label in REQUIRED_KEYS.items():
            if not obj.get(key):
                raise LineError(f"缺少“{label}”")
        row_warnings = []  # the code's warnings and a 事项类型 contradicting it (content_loader.guide_code_warnings)
        with transaction.atomic():
            outcome = load_guide(obj, row_warnings)
        setattr(report, outcome, getattr(report, outcome) + 1)
        report.warnings += [(number, w) for w in row_warnings]
    except (LineError, LookupError) as exc:
        report.errors.append((number, str(exc)))
    except PublishRefused as exc:
        report.errors.append((number, "不能发布：" + "；".join(exc.reasons)))
    except ValidationError as exc:
        report.errors.append((number, validation_message(exc)))
    except DatabaseError as exc:
        report.errors.append((number, f"数据库拒绝保存此行：{str(exc).splitlines()[0][:200]}"))


def _yes_no(value):
    return "是" if value else "否"


def _tongban_text(guide):
    """The guide's 通办 flags as the import reads them: “全程网办；跨省通办：四川省、重庆市；就近办：松陵街道便民服务中心”."""
    details = {tb.CROSS: tb.split_items(guide.tongban_regions), tb.NEARBY: tb.split_items(guide.tongban_places)}
    return "；".join(f"{kind}：{'、'.join(details[kind])}" if details.get(kind) else kind for kind in tb.split_kinds(guide.tongban))


def _days_text(days):
    return "" if days is None else "即办" if days == 0 else days


def guide_row(guide):
    """One guide as a row of the 事项清单 (COLUMNS order), in the spellings import_workbook reads back unchanged."""
    materials = "\n".join(
        "|".join([m.name, m.form, "" if m.copies is None else str(m.copies), m.source, _yes_no(m.paper_required),
                  _yes_no(m.deferrable)])
        for m in guide.materials.all())
    values = {
        "code": guide.code, "name": guide.title, "item_type": guide.item_type, "department": guide.department,
        "service_object": guide.service_object, "life_event": guide.life_event, "basis": guide.basis,
        "conditions": guide.conditions, "materials": materials, "steps": guide.steps,
        "legal_limit_days": _days_text(guide.legal_limit_days), "promised_limit_days": _days_text(guide.promised_limit_days),
        "fee": guide.fee, "location": guide.location, "hours": guide.hours, "phone": guide.phone,
        "complaint_phone": guide.complaint_phone, "visits": "" if guide.visits is None else guide.visits,
        "online_url": guide.online_url, "tongban": _tongban_text(guide), "form_fields": guide.form_fields, "faq": guide.faq,
    }
    return [values[key] for _, key in COLUMNS]


def published_guides(hostname=None):
    """Every live guide, by 实施主体 and 事项编码, materials fetched with them: of the whole site group, or of the one
    site ``hostname`` (its own pages, not those of a district site nested under it). LookupError (Chinese) for a
    hostname the group does not have."""
    guides = ServiceGuidePage.objects.live().order_by("department", "code").prefetch_related("materials")
    if not hostname:
        return guides
    group = sites.group()
    site = group.get(hostname)
    if site is None:
        known = "、".join(s.hostname for s in group.sites)
        raise LookupError(f"站群中没有域名为“{hostname[:60]}”的站点（可选：{known}）")
    guides = guides.filter(path__startswith=site.path)
    for other in group.sites:
        if other.path != site.path and other.path.startswith(site.path):
            guides = guides.exclude(path__startswith=other.path)
    return guides


def export_workbook_bytes(guides):
    """The 事项清单 of ``guides`` (ServiceGuidePage objects, materials prefetched) as an .xlsx that imports back
    unchanged. A cell that would start a formula (“=…”) is written as text: the sheet is opened by people."""
    workbook, sheet = _list_workbook()
    for guide in guides:
        sheet.append(guide_row(guide))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    return _saved(workbook)


def _list_workbook():
    """(workbook, sheet): a 事项清单 sheet holding the header row in bold."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "事项清单"
    sheet.append([label for label, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return workbook, sheet


def _saved(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_workbook_bytes():
    """The 事项清单 template: the header row, an example row and a notes sheet."""
    workbook, sheet = _list_workbook()
    sheet.append(EXAMPLE_ROW)
    for cell in sheet[2]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    notes = workbook.create_sheet("填写说明")
    for line in (__doc__ or "").strip().splitlines():
        notes.append([line])
    return _saved(workbook)
