"""Statutory working days on the official holiday and 调休 calendar (design §2.4). Plain Python, no Django.

Table-driven: for every day of the covered range we keep the cumulative number of working days, and the
ordinals of all working days in order, so

    add_working_days(start, n)    == workday_ordinals[cum[start] + n - 1]   (O(1))
    working_days_between(a, b)    == cum[b] - cum[a]                          (O(1))

Years without an official schedule raise CalendarNotAvailable; deadlines use the *_provisional variants,
which estimate those years with weekends only and say so.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from datetime import date, timedelta
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "holiday_data"
FIRST_YEAR = 2007
#: How far past the last covered year the provisional (weekends-only) table reaches.
PROVISIONAL_YEARS = 3


class CalendarNotAvailable(Exception):
    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"{year}年的节假日安排尚未录入，无法按法定工作日计算。"
            f"请站点管理员在后台「发布与时效 → 节假日安排」中录入国务院办公厅发布的{year}年放假通知"
            f"（放假日期区间与调休上班日期），录入后系统会自动重新计算相关期限。"
        )


def load_bundled(data_dir: Path = DATA_DIR) -> dict[int, dict]:
    years = {}
    for path in sorted(data_dir.glob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        holidays, makeup = [], []
        for day in payload["days"]:
            d = date.fromisoformat(day["date"])
            (holidays.append((d, day["name"])) if day["isOffDay"] else makeup.append(d))
        years[int(payload["year"])] = {"holidays": holidays, "makeup_days": makeup, "papers": payload.get("papers", [])}
    return years


class WorkCalendar:
    """An immutable working-day calendar over a set of covered years."""

    def __init__(self, years: dict[int, dict]):
        self.years = {y: years[y] for y in sorted(years)}
        self.covered = frozenset(self.years)
        self.holiday_names: dict[date, str] = {}
        self.makeup: set[date] = set()
        for spec in self.years.values():
            for d, name in spec.get("holidays", []):
                self.holiday_names[d] = name
            self.makeup.update(spec.get("makeup_days", []))
        first = min(self.covered) if self.covered else FIRST_YEAR
        last = max(self.covered) if self.covered else FIRST_YEAR
        self._origin = date(first, 1, 1).toordinal()
        self._end = date(last + PROVISIONAL_YEARS, 12, 31).toordinal()
        self._first_year = first
        # Each day's working flag; uncovered years (gaps and the tail) use weekends only.
        flags = bytearray()
        for ordinal in range(self._origin, self._end + 1):
            d = date.fromordinal(ordinal)
            flags.append(1 if self._is_working(d) else 0)
        self._flags = bytes(flags)
        cum, ordinals, running = [], [], 0
        for i, flag in enumerate(self._flags):
            if flag:
                running += 1
                ordinals.append(self._origin + i)
            cum.append(running)
        self._cum = cum  # working days in [origin, day]
        self._workday_ordinals = ordinals

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def bundled(cls) -> "WorkCalendar":
        return cls(load_bundled())

    def with_overrides(self, overrides: dict[int, dict]) -> "WorkCalendar":
        """A new calendar where each overridden year's notice replaces the bundled schedule for that year."""
        years = dict(self.years)
        for year, spec in overrides.items():
            years[int(year)] = {
                "holidays": [(d, n) for d, n in spec.get("holidays", [])],
                "makeup_days": list(spec.get("makeup_days", [])),
                "papers": spec.get("papers", []),
            }
        return WorkCalendar(years)

    def _is_working(self, d: date) -> bool:
        if d in self.holiday_names:
            return False
        if d in self.makeup:
            return True
        return d.weekday() < 5

    # --- guards -------------------------------------------------------------------------------
    def _index(self, d: date) -> int:
        i = d.toordinal() - self._origin
        if i < 0 or i >= len(self._flags):
            raise CalendarNotAvailable(d.year)
        return i

    def _require(self, *days: date) -> None:
        for d in days:
            if d.year not in self.covered:
                raise CalendarNotAvailable(d.year)

    def _require_span(self, start: date, end: date) -> None:
        for year in range(start.year, end.year + 1):
            if year not in self.covered:
                raise CalendarNotAvailable(year)

    # --- the three functions of design §2.4 -----------------------------------------------------
    def is_working_day(self, d: date) -> bool:
        self._require(d)
        return bool(self._flags[d.toordinal() - self._origin])

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day strictly after start (start itself never counts); n=0 returns start."""
        if n < 0:
            raise ValueError("n must be >= 0")
        if n == 0:
            self._require(start)
            return start
        i = start.toordinal() - self._origin
        if start.year not in self.covered or i < 0:
            raise CalendarNotAvailable(start.year)
        k = self._cum[i] + n - 1
        ords = self._workday_ordinals
        if k >= len(ords):
            raise CalendarNotAvailable(start.year + 1)
        result = date.fromordinal(ords[k])
        if result.year not in self.covered or result.year - start.year > 1:
            self._require_span(start, result)
        return result

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; 0 when end <= start."""
        if end <= start:
            return 0
        self._require_span(start, end)
        return self._cum[end.toordinal() - self._origin] - self._cum[start.toordinal() - self._origin]

    # --- provisional variants (weekends-only estimate for uncovered years) ----------------------
    def provisional_reason(self, years) -> str:
        missing = sorted(set(years) - self.covered)
        names = "、".join(f"{y}年" for y in missing)
        return f"暂定：{names}放假安排尚未发布（或尚未录入），按周末估算，录入后自动重新计算"

    def add_working_days_provisional(self, start: date, n: int) -> tuple[date, bool, str | None]:
        if n < 0:
            raise ValueError("n must be >= 0")
        i = self._index(start)
        if n == 0:
            result = start
        else:
            k = self._cum[i] + n - 1
            if k >= len(self._workday_ordinals):
                raise CalendarNotAvailable(start.year + PROVISIONAL_YEARS)
            result = date.fromordinal(self._workday_ordinals[k])
        years = range(start.year, result.year + 1)
        if all(y in self.covered for y in years):
            return result, False, None
        return result, True, self.provisional_reason(years)

    def working_days_between_provisional(self, start: date, end: date) -> int:
        if end <= start:
            return 0
        return self._cum[self._index(end)] - self._cum[self._index(start)]

    # --- explanation --------------------------------------------------------------------------
    def explain_add(self, start: date, n: int) -> dict:
        """What add_working_days(start, n) crossed: holidays on weekdays, make-up working days, the result."""
        result, provisional, reason = self.add_working_days_provisional(start, n)
        holidays, makeup = [], []
        d = start + timedelta(days=1)
        while d <= result:
            if d in self.holiday_names:
                holidays.append({"date": d.isoformat(), "name": self.holiday_names[d]})
            elif d in self.makeup:
                makeup.append(d.isoformat())
            d += timedelta(days=1)
        return {
            "start": start.isoformat(), "n": n, "result": result.isoformat(),
            "holidays": holidays, "makeup_days": makeup, "provisional": provisional, "reason": reason,
        }

    # --- batch API (for bulk statistics and the benchmark) -----------------------------------------
    def add_working_days_many(self, start_ordinals, n: int) -> list[int]:
        """add_working_days over many start dates given as ordinals; returns ordinals (covered years only)."""
        origin, cum, ords = self._origin, self._cum, self._workday_ordinals
        last = date(max(self.covered), 12, 31).toordinal()
        out = [ords[cum[s - origin] + n - 1] for s in start_ordinals]
        if out and max(out) > last:
            bad = next(o for o in out if o > last)
            raise CalendarNotAvailable(date.fromordinal(bad).year)
        return out

    def next_working_day_on_or_after(self, d: date) -> date:
        i = self._index(d)
        k = bisect_right(self._workday_ordinals, self._origin + i - 1)
        return date.fromordinal(self._workday_ordinals[k])


_default = WorkCalendar.bundled()


def get_default_calendar() -> WorkCalendar:
    return _default


def set_default_calendar(calendar: WorkCalendar) -> None:
    global _default
    _default = calendar


def is_working_day(d: date) -> bool:
    return _default.is_working_day(d)


def add_working_days(start: date, n: int) -> date:
    return _default.add_working_days(start, n)


def working_days_between(start: date, end: date) -> int:
    return _default.working_days_between(start, end)


def add_working_days_provisional(start: date, n: int) -> tuple[date, bool, str | None]:
    return _default.add_working_days_provisional(start, n)


def explain_add(start: date, n: int) -> dict:
    return _default.explain_add(start, n)
