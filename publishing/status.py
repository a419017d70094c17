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


# --- what an open document is waiting for -----------------------------------------------------------------------
# A document that cannot go live is not "on its way": its clock shows why it is held, while the statutory deadline
# stays visible and turns 已超期 when it passes (the wait does not stop the clock: 条例 Art. 26 has no pause for it).

BLOCKED_AWAITING_REVIEW = Status("blocked_review", "已阻止·待审查", "red")
BLOCKED_AWAITING_VERSION = Status("blocked_new_version", "已阻止·待脱敏新版本", "red")
HELD_DUPLICATE_NUMBER = Status("held_duplicate", "暂缓·文号重复待确认", "amber")
DECLINED_AFTER_REVIEW = Status("declined", "不予公开（已审查）", "grey")
SUPERSEDED = Status("superseded", "已被新版本取代", "grey")
HELD = {s.code: s for s in (BLOCKED_AWAITING_REVIEW, BLOCKED_AWAITING_VERSION, HELD_DUPLICATE_NUMBER, DECLINED_AFTER_REVIEW,
                            SUPERSEDED)}
ALL.update(HELD)

# 保密审查 conclusions (publishing.reviews); the labels are what the reviewer signs.
REVIEW_AGREE = "同意公开"
REVIEW_PARTIAL = "部分公开（需脱敏）"
REVIEW_REFUSE = "不予公开"


def held_status(*, blocked: bool, review: str | None = None, duplicate_undecided: bool = False,
                superseded: bool = False) -> Status | None:
    """Why an open document is not going live, or None when nothing holds it (its deadline status then applies).

    blocked: the gate refuses it now; review: the conclusion of its latest 保密审查, if any;
    duplicate_undecided: its 发文字号 is another document's and nobody has decided yet."""
    if superseded:
        return SUPERSEDED
    if review == REVIEW_REFUSE:
        return DECLINED_AFTER_REVIEW
    if blocked:
        # a positive review lifts only the 公开属性; what still blocks (密级, personal data) needs a 脱敏 version
        return BLOCKED_AWAITING_VERSION if review in (REVIEW_AGREE, REVIEW_PARTIAL) else BLOCKED_AWAITING_REVIEW
    if duplicate_undecided:
        return HELD_DUPLICATE_NUMBER
    return None
