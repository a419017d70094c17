"""When does a catalogue item next owe information? (plain Python, no Django)

An item whose 公开时限 states a rhythm (see time_limits.Rule.demands_updates) is 待更新 when its newest
entry — or, with no entry yet, the day the item was put in the catalogue — is older than the rule allows:

    next_update_due(rule, last_on) = last_on + N working days        (N个工作日, on the official calendar)
                                   = last_on + N calendar days       (N日内)
                                   = last_on + the period            (每月/每季度/每半年/每年)
    stale  ⇔  next_update_due < today

Years without an official holiday schedule are estimated with weekends only (the calendar's provisional
variant), so a flag never disappears because a schedule is missing.
"""
from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

from openness_catalog.time_limits import CALENDAR_DAYS, PERIODIC, WORKING_DAYS, Rule


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def next_update_due(rule: Rule, last_on: date | None, work_calendar) -> date | None:
    """The last day the item may stay without new information, or None when the rule sets no rhythm."""
    if last_on is None or not rule.demands_updates:
        return None
    if rule.kind == WORKING_DAYS:
        due, _provisional, _reason = work_calendar.add_working_days_provisional(last_on, rule.days)
        return due
    if rule.kind == CALENDAR_DAYS:
        return last_on + timedelta(days=rule.days)
    if rule.kind == PERIODIC:
        return add_months(last_on, rule.months)
    return None


def is_stale(due: date | None, today: date) -> bool:
    return due is not None and due < today


def entry_deadline(rule: Rule, formed_on: date, work_calendar) -> tuple[date, bool]:
    """The publication deadline of one entry formed on `formed_on`: (due date, provisional)."""
    if rule.kind == CALENDAR_DAYS:
        return formed_on + timedelta(days=rule.days), False
    due, provisional, _reason = work_calendar.add_working_days_provisional(formed_on, rule.deadline_working_days)
    return due, provisional
