"""publishing.workdays against the official schedule: table tests, special cases, cross-checks, properties."""
from datetime import date, timedelta

import chinese_calendar
import holidays as pyholidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publishing import workdays
from publishing.workdays import CalendarNotAvailable, WorkCalendar

D = date.fromisoformat

# Every holiday block and make-up day, 2024–2026 (State Council notices).
HOLIDAY_BLOCKS = {
    2024: [("2024-01-01", "2024-01-01"), ("2024-02-10", "2024-02-17"), ("2024-04-04", "2024-04-06"), ("2024-05-01", "2024-05-05"),
           ("2024-06-10", "2024-06-10"), ("2024-09-15", "2024-09-17"), ("2024-10-01", "2024-10-07")],
    2025: [("2025-01-01", "2025-01-01"), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"), ("2025-05-01", "2025-05-05"),
           ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08")],
    2026: [("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"), ("2026-05-01", "2026-05-05"),
           ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"), ("2026-10-01", "2026-10-07")],
}
MAKEUP_DAYS = {
    2024: ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"],
    2025: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    2026: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
}


def days(start, end):
    d = D(start)
    while d <= D(end):
        yield d
        d += timedelta(days=1)


@pytest.mark.parametrize("year", sorted(HOLIDAY_BLOCKS))
def test_every_holiday_block_is_off(year):
    for start, end in HOLIDAY_BLOCKS[year]:
        for d in days(start, end):
            assert not workdays.is_working_day(d), d


@pytest.mark.parametrize("year", sorted(MAKEUP_DAYS))
def test_every_makeup_weekend_day_is_worked(year):
    for d in map(D, MAKEUP_DAYS[year]):
        assert d.weekday() >= 5 and workdays.is_working_day(d), d


def test_2015_victory_day_holiday_and_worked_sunday():
    assert not any(workdays.is_working_day(d) for d in days("2015-09-03", "2015-09-05"))
    assert workdays.is_working_day(D("2015-09-06"))


def test_2020_spring_festival_extension_cancelled_the_makeup_saturday():
    assert not any(workdays.is_working_day(d) for d in days("2020-01-24", "2020-02-02"))
    assert not workdays.is_working_day(D("2020-02-01"))
    assert workdays.is_working_day(D("2020-02-03"))


def test_design_example():
    assert workdays.add_working_days(D("2024-09-27"), 20) == D("2024-10-30")


def test_start_day_is_never_counted():
    monday = D("2024-03-04")
    assert workdays.add_working_days(monday, 1) == D("2024-03-05")
    assert workdays.working_days_between(monday, monday) == 0
    assert workdays.working_days_between(D("2024-03-01"), monday) == 1  # Fri → Mon: only Monday


def test_every_day_2007_to_2026_agrees_with_chinese_calendar_and_holidays_packages():
    cn = pyholidays.China(years=range(2007, 2027))
    makeup = set(getattr(cn, "weekend_workdays", set()))
    disagreements = []
    for d in days("2007-01-01", "2026-12-31"):
        ours = workdays.is_working_day(d)
        if ours != chinese_calendar.is_workday(d):
            disagreements.append(("chinese_calendar", d))
        other = (d in makeup) or (d.weekday() < 5 and d not in cn)
        if ours != other:
            disagreements.append(("holidays", d))
    assert disagreements == []


def test_year_without_schedule_raises_with_the_year_and_how_to_enter_it():
    with pytest.raises(CalendarNotAvailable) as err:
        workdays.is_working_day(D("2027-01-04"))
    assert err.value.year == 2027
    assert "2027年" in str(err.value) and "节假日安排" in str(err.value)
    with pytest.raises(CalendarNotAvailable):
        workdays.add_working_days(D("2026-12-10"), 20)


def test_provisional_estimate_uses_weekends_and_says_why():
    due, provisional, reason = workdays.add_working_days_provisional(D("2026-12-10"), 20)
    assert (due, provisional) == (D("2027-01-07"), True)
    assert "2027年" in reason and "暂定" in reason
    assert workdays.add_working_days_provisional(D("2024-09-27"), 20) == (D("2024-10-30"), False, None)


def test_overrides_take_precedence_and_cover_new_years():
    base = WorkCalendar.bundled()
    cal = base.with_overrides({2027: {"holidays": [(D("2027-01-01"), "元旦")], "makeup_days": []}})
    assert cal.add_working_days(D("2026-12-10"), 20) == D("2027-01-08")
    changed = base.with_overrides({2024: {"holidays": [(D("2024-03-05"), "测试")], "makeup_days": [D("2024-03-09")]}})
    assert not changed.is_working_day(D("2024-03-05"))
    assert changed.is_working_day(D("2024-03-09"))
    assert changed.is_working_day(D("2024-10-08"))  # the bundled 2024 national-day block is replaced too
    assert base.is_working_day(D("2024-03-05"))  # the original is untouched


def test_explanation_lists_holidays_and_makeup_days_crossed():
    detail = workdays.explain_add(D("2024-09-27"), 20)
    assert detail["result"] == "2024-10-30"
    assert [h["date"] for h in detail["holidays"]] == [f"2024-10-0{i}" for i in range(1, 8)]
    assert all("国庆" in h["name"] for h in detail["holidays"])
    assert detail["makeup_days"] == ["2024-09-29", "2024-10-12"]


def naive_add(start, n):
    d, count = start, 0
    while count < n:
        d += timedelta(days=1)
        count += chinese_calendar.is_workday(d)
    return d


dates = st.dates(min_value=date(2007, 1, 1), max_value=date(2026, 10, 31))


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(min_value=1, max_value=40))
def test_add_lands_on_a_working_day_and_counts_back(start, n):
    due = workdays.add_working_days(start, n)
    assert workdays.is_working_day(due)
    assert workdays.working_days_between(start, due) == n
    assert due == naive_add(start, n)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=0, max_value=39))
def test_add_is_monotonic_in_n(start, n):
    assert workdays.add_working_days(start, n) < workdays.add_working_days(start, n + 1)
