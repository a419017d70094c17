"""Near-duplicate results shown as one (plain Python, no Django).

Districts and departments publish the same list under their own name (芙蓉区2024年第三季度低保公示,
天心区2024年第三季度低保公示 …). Two results of one type are near-duplicates when their titles are the same once
the publishing organ and leading place names (省/市/区/县/镇/街道 …) are taken out. The best-ranked one leads
the group and the others wait behind “另有 N 条相似结果”.
"""
import re

_PLACE = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?(?:特别行政区|自治区|自治州|自治县|省|市|州|盟|地区|区|县|旗|镇|乡|街道|社区|村))+")
_KEEP = re.compile(r"[\u3400-\u9fff0-9a-z]+")
MIN_KEY = 4  # shorter remainders (“公示”) say too little to call two titles the same


def title_key(hit) -> str:
    title = (hit.get("title") or "").strip()
    department = (hit.get("department") or "").strip()
    if len(department) >= 2:
        title = title.replace(department, "")
    title = _PLACE.sub("", title)
    return "".join(_KEEP.findall(title.lower()))


def collapse(hits) -> list:
    """[(leader, [similar hits])] in the order of the leaders' ranks."""
    groups, by_key = [], {}
    for hit in hits:
        key = title_key(hit)
        if len(key) >= MIN_KEY and (hit.get("type"), key) in by_key:
            by_key[(hit.get("type"), key)][1].append(hit)
            continue
        group = (hit, [])
        groups.append(group)
        if len(key) >= MIN_KEY:
            by_key[(hit.get("type"), key)] = group
    return groups
