"""Validate one row of the standard catalogue table (plain Python, no Django).

A row is a dict keyed by the headers in standard.EXCEL_HEADERS. validate_row() returns (clean, errors):
clean has model-ready values, errors are Chinese messages. Look-ups that need the database (does the
column exist, may this user edit it) are done by the loader in excel.py.
"""
from openness_catalog import standard

MAX_LEN = {"栏目": 40, "领域": 40, "一级事项": 100, "二级事项": 100, "公开时限": 200, "公开主体": 100}
REQUIRED = ["栏目", "领域", "一级事项", "公开时限", "公开主体", "公开渠道和载体"]
AUDIENCE_ALIASES = {"特定群体(群众)": "特定群体", "特定群体（群众）": "特定群体", "特定群众": "特定群体", "社会公众": "全社会"}
MODE_ALIASES = {"主动公开": "主动", "依申请公开": "依申请"}


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def is_blank(row):
    return all(text(v) == "" for v in row.values())


def validate_row(row):
    values = {h: text(row.get(h)) for h in standard.EXCEL_HEADERS}
    errors = []
    for header in REQUIRED:
        if not values[header]:
            errors.append(f"缺少“{header}”")
    for header, limit in MAX_LEN.items():
        if len(values[header]) > limit:
            errors.append(f"“{header}”超过{limit}个字")

    serial = 0
    if values["序号"]:
        if values["序号"].isdigit():
            serial = int(values["序号"])
        else:
            errors.append(f"“序号”应为正整数：{values['序号']}")

    channels, unknown = standard.parse_channels(values["公开渠道和载体"])
    if unknown:
        errors.append("“公开渠道和载体”中有不在标准清单内的项：" + "、".join(unknown) + "（标准清单：" + "、".join(standard.CHANNELS) + "）")

    audience = AUDIENCE_ALIASES.get(values["公开对象"], values["公开对象"]) or "全社会"
    if audience not in standard.AUDIENCES:
        errors.append(f"“公开对象”应为 全社会 或 特定群体：{values['公开对象']}")

    mode = MODE_ALIASES.get(values["公开方式"], values["公开方式"]) or "主动"
    if mode not in standard.MODES:
        errors.append(f"“公开方式”应为 主动 或 依申请：{values['公开方式']}")

    levels, unknown_levels = standard.parse_levels(values["公开层级"])
    if unknown_levels:
        errors.append("“公开层级”应为 " + "、".join(standard.LEVELS) + " 中的一项或几项：" + "、".join(unknown_levels))

    clean = {
        "column": values["栏目"], "domain": values["领域"], "serial": serial, "level1": values["一级事项"],
        "level2": values["二级事项"], "content": values["公开内容（要素）"], "basis": values["公开依据"],
        "time_limit_text": values["公开时限"], "subject": values["公开主体"], "channels": channels,
        "audience": audience, "mode": mode, "levels": levels,
    }
    return clean, errors


def item_to_row(item):
    """The export row for a CatalogueItem-like object (exactly the EXCEL_HEADERS order)."""
    return [
        item.column.name, item.domain.name, item.serial or None, item.level1, item.level2, item.content, item.basis,
        item.time_limit_text, item.subject, standard.format_channels(item.channels or []), item.audience, item.mode,
        "、".join(item.levels or []),
    ]
