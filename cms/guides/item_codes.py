"""事项编码: validation and parsing of local service item codes (plain Python).

Accepted form (the county/city implementation-list style, e.g. ``62052400MZ-XK-0001`` or
``430100-WS-GG-0001``)::

    <区划代码 6 or 8 digits><部门代码 2–4 letters, optionally after "-">-<事项类型代码>-<序号 4 digits>[-<子项 2–3 digits>]

The 事项类型代码 follows the 政务服务事项 categories of 国务院令第716号 Art. 4 (行政权力事项 +
公共服务事项). A code without the 部门代码 (``430100-GG-0007``) is also accepted.
"""
import re
from dataclasses import dataclass

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

# The first two digits of a 行政区划代码 (GB/T 2260) name the province.
PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
    "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
}

_CODE = re.compile(
    r"^(?P<area>\d{6})(?P<area_suffix>\d{2})?"
    r"(?:-?(?P<dept>[A-Z]{2,4}))?"
    r"-(?P<type>[A-Z]{2})"
    r"-(?P<serial>\d{4})"
    r"(?:-(?P<sub>\d{2,3}))?$"
)

FORMAT_HINT = "格式应为“区划代码+部门代码-事项类型-四位序号”，如 430100-WS-GG-0001 或 62052400MZ-XK-0001"


class InvalidItemCode(ValueError):
    """Raised with a Chinese message naming what is wrong."""


@dataclass(frozen=True)
class ItemCode:
    code: str
    area: str
    department: str
    type_code: str
    serial: str
    sub_item: str

    @property
    def item_type(self):
        return ITEM_TYPES[self.type_code]

    @property
    def is_public_service(self):
        return self.type_code == "GG"

    def parts(self):
        """(label, value) pairs for display, in code order."""
        rows = [("区划代码", self.area)]
        if self.department:
            rows.append(("部门代码", self.department))
        rows += [("事项类型", f"{self.type_code}（{self.item_type}）"), ("序号", self.serial)]
        if self.sub_item:
            rows.append(("子项/办理项", self.sub_item))
        return rows


def parse_item_code(value) -> ItemCode:
    if not isinstance(value, str) or not value.strip():
        raise InvalidItemCode("事项编码不能为空")
    code = value.strip().upper()
    if re.search(r"\s", code):
        raise InvalidItemCode(f"事项编码“{value}”不能包含空格；{FORMAT_HINT}")
    match = _CODE.match(code)
    if match is None:
        type_match = re.search(r"-([A-Z]{2})-\d{4}", code)
        if type_match and type_match.group(1) not in ITEM_TYPES:
            known = "、".join(f"{k}（{v}）" for k, v in ITEM_TYPES.items())
            raise InvalidItemCode(f"事项编码“{value}”中的事项类型代码“{type_match.group(1)}”无效，应为：{known}")
        raise InvalidItemCode(f"事项编码“{value}”格式不正确；{FORMAT_HINT}")
    if match["type"] not in ITEM_TYPES:
        known = "、".join(f"{k}（{v}）" for k, v in ITEM_TYPES.items())
        raise InvalidItemCode(f"事项编码“{value}”中的事项类型代码“{match['type']}”无效，应为：{known}")
    if match["area"][:2] not in PROVINCES:
        raise InvalidItemCode(f"事项编码“{value}”的区划代码“{match['area']}”不是有效的省级区划开头")
    return ItemCode(
        code=code,
        area=match["area"] + (match["area_suffix"] or ""),
        department=match["dept"] or "",
        type_code=match["type"],
        serial=match["serial"],
        sub_item=match["sub"] or "",
    )


def item_code_error(value):
    """The Chinese error message for an invalid code, or None when it is valid."""
    try:
        parse_item_code(value)
    except InvalidItemCode as exc:
        return str(exc)
    return None
