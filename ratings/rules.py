"""好差评 rules in plain Python (no Django): the five levels, satisfaction, the 差评整改率, month keys and the
working-day deadline of each follow-up step on the official calendar (publishing.workdays)."""
from dataclasses import dataclass
from datetime import date

from publishing import workdays

LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
SATISFIED = (3, 4, 5)  # satisfaction = share of levels 3–5
BAD = (1, 2)  # 差评: every one opens a follow-up case


def parse_level(value):
    """An int 1..5 from a form or JSON value, or None (bools, floats with a fraction, text are not levels)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit() or len(value) > 1:
            return None
        value = int(value)
    if isinstance(value, int) and value in LEVELS:
        return value
    return None


def is_bad(level):
    return level in BAD


def empty_levels():
    return {str(level): 0 for level in sorted(LEVELS)}


def satisfaction(levels):
    """Share (0–1, 4 decimals) of levels 3–5 in a {"1".."5": count} mapping; None when there is no rating."""
    total = sum(levels.values())
    if not total:
        return None
    return round(sum(levels.get(str(level), 0) for level in SATISFIED) / total, 4)


def rectification_rate(bad, closed):
    """差评整改率: the share of 差评 whose follow-up is closed with a recorded outcome; None without 差评."""
    if not bad:
        return None
    return round(closed / bad, 4)


def percent(share):
    """0.8333 → "83.3%"; None → "—" (no data is not 0%)."""
    if share is None:
        return "—"
    text = f"{share * 100:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def month_key(d: date):
    return f"{d.year:04d}-{d.month:02d}"


# --- follow-up steps -------------------------------------------------------------------------------------------------

VERIFY, RECTIFY, EXPLAIN, REVISIT, CLOSED = "verify", "rectify", "explain", "revisit", "closed"
STEP_LABELS = {VERIFY: "核实", RECTIFY: "整改", EXPLAIN: "解释", REVISIT: "回访", CLOSED: "已办结"}
# the step a case moves to after each step; 核实 chooses 整改 or 解释
NEXT = {RECTIFY: REVISIT, EXPLAIN: REVISIT, REVISIT: CLOSED}
DEFAULT_DAYS = {VERIFY: 1, RECTIFY: 15, EXPLAIN: 5, REVISIT: 5}


@dataclass(frozen=True)
class Due:
    on: date
    provisional: bool  # True when the calendar for that year is not entered yet (a weekends-only estimate)


def step_due(start: date, working_days: int) -> Due:
    """The step is due on the n-th working day strictly after start (the start day never counts)."""
    try:
        on, provisional, _reason = workdays.add_working_days_provisional(start, working_days)
    except workdays.CalendarNotAvailable:  # beyond the estimate window too: count weekdays, recomputed later
        on, left = start, working_days
        while left:
            on = date.fromordinal(on.toordinal() + 1)
            left -= on.weekday() < 5
        provisional = True
    return Due(on, provisional)


def is_overdue(due_on, today: date):
    return due_on is not None and due_on < today


def mask_contact(contact):
    """138****5678, 0731-****5678, z***@example.com; "" stays "". Lists never show a contact in full."""
    contact = contact or ""
    if not contact:
        return ""
    if "@" in contact:
        name, _, domain = contact.partition("@")
        return f"{name[:1]}***@{domain}"
    digits = contact.replace("-", "")
    if len(digits) >= 7:
        return f"{contact[:3]}****{contact[-4:]}" if "-" not in contact else f"{contact.split('-')[0]}-****{contact[-4:]}"
    return "*" * len(contact)
