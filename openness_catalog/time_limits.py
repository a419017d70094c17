"""Parse a catalogue's free-text 公开时限 into a rule (plain Python, no Django).

    parse("信息形成（变更）之日起20个工作日内")  -> Rule(kind="working_days", days=20)
    parse("自作出决定之日起7个工作日内")          -> Rule(kind="working_days", days=7)
    parse("公告期限为5个工作日")                 -> Rule(kind="working_days", days=5)
    parse("实时公开")                            -> Rule(kind="realtime")
    parse("及时公开")                            -> Rule(kind="timely")
    parse("每季度更新") / "每年3月底前"           -> Rule(kind="periodic", months=3 / 12)
    parse("长期公开")                            -> Rule(kind="standing")

Two things are derived from a rule:

* ``deadline_working_days``: the publication deadline of one entry, counted from the date it was formed
  (working_days → N; realtime → 1, i.e. the next working day; timely/periodic/standing/unknown → the
  statutory 20 of 条例 Art. 26).
* staleness: whether the item owes new information after a quiet period.  Only rules that state a
  rhythm demand updates: N working days, N calendar days, or a period (月/季度/半年/年).  "实时", "及时",
  "长期" describe how fast an event must be published, not how often one happens, so they never make an
  item 待更新 on their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

STATUTORY_WORKING_DAYS = 20

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
REALTIME = "realtime"
TIMELY = "timely"
PERIODIC = "periodic"
STANDING = "standing"
UNKNOWN = "unknown"

LABELS = {
    WORKING_DAYS: "{days}个工作日",
    CALENDAR_DAYS: "{days}日",
    REALTIME: "实时",
    TIMELY: "及时",
    PERIODIC: "每{period}",
    STANDING: "长期公开",
    UNKNOWN: "未能识别",
}
PERIOD_NAMES = {1: "月", 3: "季度", 6: "半年", 12: "年"}

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class Rule:
    kind: str
    days: int | None = None
    months: int | None = None

    @property
    def deadline_working_days(self) -> int:
        if self.kind == WORKING_DAYS:
            return self.days
        if self.kind == REALTIME:
            return 1
        return STATUTORY_WORKING_DAYS

    @property
    def demands_updates(self) -> bool:
        return self.kind in (WORKING_DAYS, CALENDAR_DAYS, PERIODIC)

    @property
    def label(self) -> str:
        return LABELS[self.kind].format(days=self.days, period=PERIOD_NAMES.get(self.months or 0, f"{self.months}个月"))

    def as_dict(self) -> dict:
        return {"kind": self.kind, "days": self.days, "months": self.months}


def _number(text: str) -> int | None:
    """Arabic or simple Chinese numerals up to 99 (二十, 十五, 七)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text) if len(text) == 1 else None


_NUM = r"(\d{1,3}|[零〇一二两三四五六七八九十]{1,3})"
_WORKING = re.compile(_NUM + r"\s*个?\s*工作日")
_CALENDAR = re.compile(_NUM + r"\s*(?:个)?\s*(?:(?:自然日|日历日|天)|日(?=内|以内|之内))")
_PERIODS = [
    (re.compile(r"每\s*(?:个)?\s*月|按月|月度"), 1),
    (re.compile(r"每\s*(?:个)?\s*季度?|按季|季度"), 3),
    (re.compile(r"每\s*半\s*年|半年度|每\s*半年"), 6),
    (re.compile(r"每\s*年|按年|年度|每年度"), 12),
]


def parse(text: str | None) -> Rule:
    """The rule a 公开时限 text states; Rule(UNKNOWN) when nothing is recognised (never raises)."""
    t = (text or "").strip()
    if not t:
        return Rule(UNKNOWN)
    t = t.replace("（", "(").replace("）", ")").replace(" ", "")
    m = _WORKING.search(t)
    if m and _number(m.group(1)):
        return Rule(WORKING_DAYS, days=_number(m.group(1)))
    if "实时" in t:
        return Rule(REALTIME)
    m = _CALENDAR.search(t)
    if m and _number(m.group(1)):
        return Rule(CALENDAR_DAYS, days=_number(m.group(1)))
    for pattern, months in (_PERIODS[2], _PERIODS[1], _PERIODS[0], _PERIODS[3]):
        if pattern.search(t):
            return Rule(PERIODIC, months=months)
    if "及时" in t or "随时" in t:
        return Rule(TIMELY)
    if "长期" in t or "常态" in t:
        return Rule(STANDING)
    return Rule(UNKNOWN)
