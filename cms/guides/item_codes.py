"""事项编码: validation and parsing of service item codes (plain Python, no Django).

A real 事项清单 must load, so a code is only *refused* when it is obviously not a code: empty, longer than 100
characters, containing control characters, spaces, Chinese text or other characters that cannot appear in a code
(only letters, digits, “-” and “_” can), without any digit, or with fewer than 6 letters and digits. Everything
else is accepted; what the parser cannot confirm is reported in ``ItemCode.warnings`` (Chinese messages) and
``ItemCode.kind`` says which layout was recognised. Input is normalised first: NFKC (full-width ``５１１－`` →
``511-``), the other dash characters (— – ‐ −) to “-”, upper case.

Layouts that are understood (decoded into parts and checked):

* ``national_implementation`` — the national 实施编码 (GB/T 39554.1-2020, as published in the national
  政务服务事项 lists), e.g. ``511Z07001006-511602000000-000-11511301008778183N-1-00``::

      <基本编码 12 letters/digits>-<行政区划代码 12 digits>-<扩展段 3 digits>-<实施机构统一社会信用代码 18>-<业务办理项 d-dd>

  Checked, each giving a *warning* when it fails: the 行政区划代码's first two digits against the GB/T 2260
  province codes (PROVINCE_NAMES); the 统一社会信用代码 with its GB 32100-2015 check character
  (``publishing.uscc``; the warning names the expected character); the 业务办理项 shape ``d-dd`` (missing or
  other shapes warn). The 扩展段 and the 业务办理项 are shown as written, not interpreted.
* ``national_basic`` — a 基本编码 alone: 12 letters/digits, e.g. ``511Z07001006``. Only shown, not decoded.
* ``provincial_basic`` — the older 10-character provincial 基本编码 (e.g. Guizhou ``XK0010100Y``):
  <事项类型 2 letters><主项 5 digits><子项 3 letters/digits>, the 事项类型 being one of ITEM_TYPES.
* ``local`` — the county/city implementation-list style, e.g. ``62052400MZ-XK-0001`` or ``430100-WS-GG-0001``::

      <区划代码 6 or 8 digits><部门代码 2–4 letters, optionally after "-">-<事项类型代码>-<序号 4 digits>[-<子项 2–3 digits>]

  A code without the 部门代码 (``430100-GG-0007``) is also accepted. This form is checked strictly, as before:
  a code that starts like it (区划代码[+部门代码]-XX-…) but breaks it — unknown 事项类型代码, province prefix
  not in GB/T 2260, wrong serial — is *refused*.

A 事项类型 is decoded only where the code really carries one: the local form's type segment, and a 基本编码 (12 or
10 characters, alone or inside a 实施编码) whose first two characters are one of ITEM_TYPES followed by a digit.
The 事项类型代码 follow the 政务服务事项 categories of 国务院令第716号 Art. 4 (行政权力事项 + 公共服务事项).

Only accepted (``unrecognised``, with a warning): any other plausible code — e.g. a 实施编码 whose segments do not
have the lengths above, or a 10-character code that is not the provincial form.
"""
import re
import unicodedata
from dataclasses import dataclass, field

from publishing import uscc

ITEM_TYPES = {
    "XK": "行政许可",
    "CF": "行政处罚",
    "QZ": "行政强制",
    "ZS": "行政征收",
    "GF": "行政给付",
    "JC": "行政检查",
    "QR": "行政确认",
    "JL": "行政奖励",
    "CJ": "行政裁决",
    "QT": "其他行政权力",
    "GG": "公共服务",
}

# The first two digits of a 行政区划代码 (GB/T 2260) name the province-level division.
PROVINCE_NAMES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
    "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}
PROVINCES = frozenset(PROVINCE_NAMES)

KIND_NATIONAL_IMPLEMENTATION = "national_implementation"
KIND_NATIONAL_BASIC = "national_basic"
KIND_PROVINCIAL_BASIC = "provincial_basic"
KIND_LOCAL = "local"
KIND_UNRECOGNISED = "unrecognised"
KIND_LABELS = {
    KIND_NATIONAL_IMPLEMENTATION: "国家标准实施编码",
    KIND_NATIONAL_BASIC: "国家标准基本编码",
    KIND_PROVINCIAL_BASIC: "省级基本编码（10位）",
    KIND_LOCAL: "本地编码",
    KIND_UNRECOGNISED: "未能识别结构的编码",
}

MAX_LENGTH = 100

_CODE = re.compile(
    r"^(?P<area>\d{6})(?P<area_suffix>\d{2})?"
    r"(?:-?(?P<dept>[A-Z]{2,4}))?"
    r"-(?P<type>[A-Z]{2})"
    r"-(?P<serial>\d{4})"
    r"(?:-(?P<sub>\d{2,3}))?$"
)
# Starts like the local form: such a code is checked strictly (refused when it breaks the form).
_LOCAL_START = re.compile(r"^\d{6}(?:\d{2})?(?:-?[A-Z]{2,4})?-[A-Z]{2}-")

_NATIONAL = re.compile(
    r"^(?P<basic>[0-9A-Z]{12})-(?P<area>\d{12})-(?P<segment>\d{3})-(?P<uscc>[0-9A-Z]{18})(?:-(?P<business>.+))?$"
)
_BUSINESS = re.compile(r"^\d-\d{2}$")
_BASIC = re.compile(r"^[0-9A-Z]{12}$")
_PROVINCIAL_BASIC = re.compile(r"^(?P<type>[A-Z]{2})(?P<main>\d{5})(?P<sub>[0-9A-Z]{3})$")
_ALLOWED = re.compile(r"^[0-9A-Z_-]+$")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−﹣"), "-")

FORMAT_HINT = (
    "格式应为国家标准实施编码（如 511Z07001006-511602000000-000-11511301008778183N-1-00）、12位基本编码，"
    "或“区划代码+部门代码-事项类型-四位序号”，如 430100-WS-GG-0001 或 62052400MZ-XK-0001"
)
LOCAL_HINT = "格式应为“区划代码+部门代码-事项类型-四位序号”，如 430100-WS-GG-0001 或 62052400MZ-XK-0001"


class InvalidItemCode(ValueError):
    """Raised with a Chinese message naming what is wrong."""


@dataclass(frozen=True)
class ItemCode:
    code: str
    area: str = ""
    department: str = ""
    type_code: str = ""
    serial: str = ""
    sub_item: str = ""
    kind: str = KIND_LOCAL
    warnings: list = field(default_factory=list)
    basic_code: str = ""
    area_extension: str = ""  # the 3-digit segment after the 12-digit 行政区划代码 of a 实施编码
    agency_uscc: str = ""
    business_item: str = ""
    main_item: str = ""  # 主项 of the 10-character provincial 基本编码

    @property
    def item_type(self):
        return ITEM_TYPES.get(self.type_code, "")

    @property
    def is_public_service(self):
        return self.type_code == "GG"

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def province(self):
        return PROVINCE_NAMES.get(self.area[:2], "") if self.area else ""

    def parts(self):
        """(label, value) pairs for display, in code order."""
        if self.kind == KIND_LOCAL:
            rows = [("区划代码", self.area)]
            if self.department:
                rows.append(("部门代码", self.department))
            rows += [("事项类型", f"{self.type_code}（{self.item_type}）"), ("序号", self.serial)]
            if self.sub_item:
                rows.append(("子项/办理项", self.sub_item))
            return rows
        if self.kind == KIND_PROVINCIAL_BASIC:
            return [
                ("基本编码", self.basic_code), ("事项类型", f"{self.type_code}（{self.item_type}）"),
                ("主项", self.main_item), ("子项", self.sub_item),
            ]
        rows = []
        if self.basic_code:
            rows.append(("基本编码", self.basic_code))
        if self.type_code:
            rows.append(("事项类型", f"{self.type_code}（{self.item_type}）"))
        if self.kind == KIND_NATIONAL_IMPLEMENTATION:
            area = f"{self.area}（{self.province}）" if self.province else self.area
            rows += [("行政区划代码", area), ("区划内码/扩展段", self.area_extension),
                     ("实施机构统一社会信用代码", self.agency_uscc)]
            if self.business_item:
                rows.append(("业务办理项", self.business_item))
        return rows


def _normalise(value):
    if not isinstance(value, str) or not value.strip():
        raise InvalidItemCode("事项编码不能为空")
    code = unicodedata.normalize("NFKC", value).translate(_DASHES).strip().upper()
    if not code:
        raise InvalidItemCode("事项编码不能为空")
    if len(code) > MAX_LENGTH:
        raise InvalidItemCode(f"事项编码过长：最多 {MAX_LENGTH} 个字符，实际 {len(code)} 个")
    control = [c for c in code if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co")]
    if control:
        names = "、".join(f"U+{ord(c):04X}" for c in dict.fromkeys(control))
        raise InvalidItemCode(f"事项编码含有控制字符（{names}），请删除后重试")
    if re.search(r"\s", code):
        raise InvalidItemCode(f"事项编码“{value}”不能包含空格；{LOCAL_HINT}")
    if not _ALLOWED.match(code):
        bad = "".join(dict.fromkeys(c for c in code if not re.match(r"[0-9A-Z_-]", c)))[:10]
        raise InvalidItemCode(f"事项编码“{value}”含有不能出现在编码中的字符“{bad}”（只能包含字母、数字、“-”和“_”）；{FORMAT_HINT}")
    if not re.search(r"\d", code):
        raise InvalidItemCode(f"事项编码“{value}”格式不正确：不含任何数字；{FORMAT_HINT}")
    if len(re.sub(r"[-_]", "", code)) < 6:
        raise InvalidItemCode(f"事项编码“{value}”格式不正确：过短；{FORMAT_HINT}")
    return code


def _bad_type(value, type_code):
    known = "、".join(f"{k}（{v}）" for k, v in ITEM_TYPES.items())
    return InvalidItemCode(f"事项编码“{value}”中的事项类型代码“{type_code}”无效，应为：{known}")


def _parse_local(value, code, match):
    if match["type"] not in ITEM_TYPES:
        raise _bad_type(value, match["type"])
    if match["area"][:2] not in PROVINCES:
        raise InvalidItemCode(f"事项编码“{value}”的区划代码“{match['area']}”不是有效的省级区划开头")
    return ItemCode(
        code=code,
        area=match["area"] + (match["area_suffix"] or ""),
        department=match["dept"] or "",
        type_code=match["type"],
        serial=match["serial"],
        sub_item=match["sub"] or "",
        kind=KIND_LOCAL,
    )


def _basic_type(basic):
    """The 事项类型 a 基本编码 carries: its first two characters when they are a type code followed by a digit."""
    if len(basic) >= 3 and basic[:2] in ITEM_TYPES and basic[2].isdigit():
        return basic[:2]
    return ""


def _parse_national(code, match):
    warnings = []
    area = match["area"]
    if area[:2] not in PROVINCES:
        warnings.append(f"行政区划代码“{area}”的前两位“{area[:2]}”不是 GB/T 2260 的省级区划代码，请核对")
    agency = match["uscc"]
    try:
        uscc.validate(agency)
    except uscc.InvalidUSCC as exc:
        warnings.append(f"实施机构{exc}（{agency}），请核对")
    business = match["business"] or ""
    if not business:
        warnings.append("缺少业务办理项（如“1-00”），请核对")
    elif not _BUSINESS.match(business):
        warnings.append(f"业务办理项“{business}”不是“1位数字-2位数字”（如 1-00）的形式，请核对")
    basic = match["basic"]
    return ItemCode(
        code=code, area=area, type_code=_basic_type(basic), kind=KIND_NATIONAL_IMPLEMENTATION, warnings=warnings,
        basic_code=basic, area_extension=match["segment"], agency_uscc=agency, business_item=business,
    )


def parse_item_code(value) -> ItemCode:
    """The parsed code; InvalidItemCode (Chinese reason) only for what is obviously not a code or breaks the local form."""
    code = _normalise(value)
    match = _CODE.match(code)
    if match is not None:
        return _parse_local(value, code, match)
    type_match = re.search(r"-([A-Z]{2})-\d{4}", code)
    if type_match and type_match.group(1) not in ITEM_TYPES:
        raise _bad_type(value, type_match.group(1))
    if _LOCAL_START.match(code):
        raise InvalidItemCode(f"事项编码“{value}”格式不正确；{LOCAL_HINT}")
    match = _NATIONAL.match(code)
    if match is not None:
        return _parse_national(code, match)
    if _BASIC.match(code):
        return ItemCode(code=code, type_code=_basic_type(code), kind=KIND_NATIONAL_BASIC, basic_code=code)
    match = _PROVINCIAL_BASIC.match(code)
    if match is not None and match["type"] in ITEM_TYPES:
        return ItemCode(code=code, type_code=match["type"], kind=KIND_PROVINCIAL_BASIC, basic_code=code,
                        main_item=match["main"], sub_item=match["sub"])
    return ItemCode(code=code, kind=KIND_UNRECOGNISED, warnings=[_unrecognised_warning(code)])


def _unrecognised_warning(code):
    segments = code.split("-")
    lengths = "-".join(str(len(s)) for s in segments)
    if len(segments) > 1:
        detail = f"各段长度为 {lengths}，国家标准实施编码应为 12-12-3-18-1-2"
    elif len(code) == 10:
        detail = "10位编码不是“事项类型2位字母+主项5位数字+子项3位”的省级基本编码形式"
    else:
        detail = f"长度为 {len(code)} 位，国家标准基本编码应为12位"
    return f"未能识别事项编码“{code}”的分段结构（{detail}），已按原样接受，请核对"


def item_code_error(value):
    """The Chinese error message for a refused code, or None when it is accepted (possibly with warnings)."""
    try:
        parse_item_code(value)
    except InvalidItemCode as exc:
        return str(exc)
    return None


def item_code_warnings(value):
    """The warnings for an accepted code ([] when refused: item_code_error says why)."""
    try:
        return list(parse_item_code(value).warnings)
    except InvalidItemCode:
        return []


def stated_type_code(item_type):
    """The type code a stated 事项类型 names (“行政许可”, “行政许可事项”, “XK”), or "" when it names none."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", item_type or ""))
    if not text:
        return ""
    if text.upper() in ITEM_TYPES:
        return text.upper()
    for type_code, name in sorted(ITEM_TYPES.items(), key=lambda kv: -len(kv[1])):
        if name in text:
            return type_code
    return ""


def type_contradiction(code, item_type):
    """A Chinese message when the stated 事项类型 names another type than the one the code carries, else None.

    Only a code that really carries a type (see the module docstring) and a stated type that names one of
    ITEM_TYPES can contradict; a free-text 事项类型 that names none is not judged."""
    try:
        parsed = parse_item_code(code)
    except InvalidItemCode:
        return None
    stated = stated_type_code(item_type)
    if not parsed.type_code or not stated or stated == parsed.type_code:
        return None
    return f"事项编码表明为{parsed.item_type}（{parsed.type_code}），但事项类型填写为{(item_type or '').strip()}"
