"""The deadline status vocabulary used across Gongkai (plain Python)."""
from dataclasses import dataclass
from datetime import date

DUE_SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class Status:
    code: str
    label: str
    colour: str


PENDING = Status("pending", "未到期", "green")
DUE_SOON = Status("due_soon", "即将到期", "amber")
OVERDUE = Status("overdue", "已超期", "red")
ON_TIME = Status("on_time", "按时完成", "green")
LATE = Status("late", "超期完成", "red")
ALL = {s.code: s for s in (PENDING, DUE_SOON, OVERDUE, ON_TIME, LATE)}


def deadline_status(due_on: date, done_on: date | None, today: date, working_days_left: int | None = None) -> Status:
    """Classify a deadline.

    working_days_left is the number of working days in (today, due_on]; callers compute it with the
    working-day calendar. A deadline is 即将到期 when it is due today or within 3 working days.
    """
    if done_on is not None:
        return ON_TIME if done_on <= due_on else LATE
    if today > due_on:
        return OVERDUE
    if working_days_left is None or working_days_left <= DUE_SOON_WORKING_DAYS:
        return DUE_SOON
    return PENDING
