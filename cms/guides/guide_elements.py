"""办事指南 elements: the key-element check and display helpers (plain Python).

The 2019 government-website inspection indicators count a guide whose key elements
(事项名称、设定依据、受理条件、申请材料) are missing as 服务不实用 (domain §5, §8).
"""

KEY_ELEMENTS = ("事项名称", "设定依据", "受理条件", "申请材料")

PERSONAL_EVENTS = ("出生", "入学", "就业", "婚育", "置业", "退休", "身后")
ENTERPRISE_EVENTS = ("开办", "经营", "变更", "注销")
LIFE_EVENTS = PERSONAL_EVENTS + ENTERPRISE_EVENTS
LIFE_EVENT_CHOICES = [(e, e) for e in LIFE_EVENTS]

MATERIAL_FORMS = ("原件", "复印件", "电子")


def missing_key_elements(*, name, basis, conditions, material_names):
    """The labels of the key elements a guide lacks, in the order inspectors list them."""
    present = {
        "事项名称": bool((name or "").strip()),
        "设定依据": bool((basis or "").strip()),
        "受理条件": bool((conditions or "").strip()),
        "申请材料": any((m or "").strip() for m in material_names),
    }
    return [label for label in KEY_ELEMENTS if not present[label]]


def limit_text(days):
    """承诺期限/法定期限 as shown to the public: 0 is 即办 (当场办结)."""
    if days is None:
        return ""
    if days == 0:
        return "即办（当场办结）"
    return f"{days}个工作日"


def split_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def parse_faq(text):
    """FAQ text as (question, answer) pairs: "问：" (or "Q:") opens a question, "答：" (or "A:") and the lines after answer it."""
    pairs = []
    for line in split_lines(text):
        prefix = line[:2].replace(":", "：").upper()
        if prefix in ("问：", "Q："):
            pairs.append([line[2:].strip(), ""])
        elif pairs:
            answer = line[2:].strip() if prefix in ("答：", "A：") else line
            pairs[-1][1] = (pairs[-1][1] + "\n" + answer).strip()
        else:
            pairs.append(["", line])
    return [tuple(p) for p in pairs]


def faq_text(items):
    """FAQ from a list of {"q": ..., "a": ...} (the exchange format) to the stored text."""
    lines = []
    for item in items:
        lines.append(f"问：{item.get('q', '').strip()}")
        lines.append(f"答：{item.get('a', '').strip()}")
    return "\n".join(lines)
