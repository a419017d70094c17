"""通办 flags of a guide (issue 23): where and how a service can be handled (plain Python).

A guide stores its kinds in one text field (``"全程网办,跨省通办"``, in the order of KINDS), the 跨省通办 partner
regions and the 就近办 places one per line. Loaders hand in a list of plain strings and objects
(``["全程网办", {"kind": "跨省通办", "regions": ["四川省", "重庆市"]}, {"kind": "就近办", "places": [...]}]``) or, from a
spreadsheet cell, text such as ``全程网办；跨省通办（四川省、重庆市）；就近办：松陵街道便民服务中心``. What is not understood
is dropped with a warning (Chinese), never a refusal.
"""
import re
from dataclasses import dataclass, field

KINDS = ("全程网办", "全市通办", "全省通办", "跨省通办", "就近办")
CHOICES = [(k, k) for k in KINDS]
SLUGS = {"全程网办": "quancheng-wangban", "全市通办": "quanshi-tongban", "全省通办": "quansheng-tongban",
         "跨省通办": "kuasheng-tongban", "就近办": "jiujin-ban"}
KIND_OF_SLUG = {slug: kind for kind, slug in SLUGS.items()}
DESCRIPTIONS = {
    "全程网办": "申请、受理、审查、决定、办结全流程网上办理，无需到现场。",
    "全市通办": "在全市任一政务服务场所均可办理，不受户籍地、住所地限制。",
    "全省通办": "在全省范围内异地办理，不受户籍地、住所地限制。",
    "跨省通办": "与合作省份（地区）之间异地办理，可“异地代收、远程办理”。",
    "就近办": "可在就近的镇（街道）、村（社区）便民服务场所办理。",
}
CROSS, NEARBY = "跨省通办", "就近办"
ALIASES = {"全程网上办": "全程网办", "全程网上办理": "全程网办", "网上办": "全程网办", "全市通": "全市通办",
           "市域通办": "全市通办", "全省通": "全省通办", "省内通办": "全省通办", "跨省办": "跨省通办",
           "跨省通": "跨省通办", "就近办理": "就近办"}
_ENTRY = re.compile(r"^(?P<kind>[^（(：:]+?)\s*(?:[（(](?P<paren>[^）)]*)[）)]|[：:](?P<colon>.*))?\s*$")


def split_kinds(stored):
    """The stored text (or a list) → known kinds in canonical order."""
    if isinstance(stored, str):
        items = [s.strip() for s in stored.split(",")]
    else:
        items = [str(s).strip() for s in (stored or [])]
    return [k for k in KINDS if k in items]


def join_kinds(kinds):
    return ",".join(split_kinds(list(kinds or [])))


def split_items(text):
    """Regions or places as stored (one per line) or given as a list, without blanks or repeats."""
    items = text if isinstance(text, (list, tuple)) else str(text or "").splitlines()
    out = []
    for item in items:
        item = str(item).strip()
        if item and item not in out:
            out.append(item)
    return out


def _split_outside_brackets(text, separators):
    parts, current, depth = [], [], 0
    for ch in str(text or ""):
        if ch in "（(【[":
            depth += 1
        elif ch in "）)】]":
            depth = max(0, depth - 1)
        if depth == 0 and ch in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def split_text(text):
    """“四川省、重庆市” or “泛珠三角区域（福建、广东）；长三角” → items, split on 、，,;； and line ends outside brackets."""
    return split_items(_split_outside_brackets(text, "\n\r、，,；;"))


def canonical(kind):
    kind = re.sub(r"\s+", "", str(kind or ""))
    return kind if kind in KINDS else ALIASES.get(kind)


@dataclass
class Parsed:
    kinds: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    places: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def fields(self):
        """Model field values."""
        return {"tongban": join_kinds(self.kinds), "tongban_regions": "\n".join(self.regions),
                "tongban_places": "\n".join(self.places)}


def _cell_entries(text):
    """“全程网办；跨省通办（四川省、重庆市）；就近办：松陵街道便民服务中心” → entries as in the JSON lines."""
    entries = []
    for part in _split_outside_brackets(text, "\n\r；;"):  # entries: ；/; or line ends
        part = part.strip()
        if not part:
            continue
        match = _ENTRY.match(part)
        kind = match.group("kind").strip() if match else part
        detail = (match.group("paren") or match.group("colon") or "") if match else ""
        kinds = split_text(kind) or [kind]  # “全程网办、全市通办” in one entry: the detail belongs to the last
        entries += kinds[:-1]
        entries.append({"kind": kinds[-1], "detail": split_text(detail)} if detail else kinds[-1])
    return entries


def parse(raw):
    """A `tongban` value (list of strings/objects, or text) → Parsed, with a warning for everything dropped."""
    out = Parsed()
    if raw is None or raw == "":
        return out
    if isinstance(raw, str):
        entries = _cell_entries(raw)
    elif isinstance(raw, (list, tuple)):
        entries = list(raw)
    elif isinstance(raw, dict):
        entries = [raw]
    else:
        out.warnings.append(f"通办（tongban）应为列表，已忽略：{str(raw)[:50]}")
        return out
    for entry in entries:
        details = []
        if isinstance(entry, dict):
            name = entry.get("kind")
            for key in ("regions", "places", "detail"):
                value = entry.get(key)
                if isinstance(value, str):
                    details += split_text(value)
                elif isinstance(value, (list, tuple)):
                    details += split_items([v for v in value if isinstance(v, str)])
        else:
            name = entry
        kind = canonical(name) if isinstance(name, str) else None
        if kind is None:
            shown = name if isinstance(name, str) else entry
            out.warnings.append(f"未知的通办类型“{str(shown)[:30]}”，已忽略（可选：{'、'.join(KINDS)}）")
            continue
        if kind == CROSS:
            out.regions += [d for d in details if d not in out.regions]
        elif kind == NEARBY:
            out.places += [d for d in details if d not in out.places]
        if kind not in out.kinds:
            out.kinds.append(kind)
    if CROSS in out.kinds and not out.regions:
        out.kinds.remove(CROSS)
        out.warnings.append("“跨省通办”未写合作地区（如 四川省、重庆市 或 川渝、长三角），未标注此项")
    if NEARBY in out.kinds and not out.places:
        out.kinds.remove(NEARBY)
        out.warnings.append("“就近办”未写办理地点（如 某某街道便民服务中心），未标注此项")
    out.kinds = split_kinds(out.kinds)
    return out


def validation_errors(kinds, regions_text, places_text):
    """{field: Chinese message} for flags that lack what they promise (the model's clean())."""
    errors = {}
    kinds = split_kinds(kinds)
    if CROSS in kinds and not split_items(regions_text):
        errors["tongban_regions"] = "已选择“跨省通办”，请填写合作地区（如：川渝、长三角，或四川省、重庆市）"
    if NEARBY in kinds and not split_items(places_text):
        errors["tongban_places"] = "已选择“就近办”，请填写可就近办理的地点（如：松陵街道便民服务中心）"
    return errors
