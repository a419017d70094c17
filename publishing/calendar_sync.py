"""Keeps the plain-Python working-day calendar in step with the admin-entered holiday notices.

Each process (web, worker) rebuilds its calendar when the notices table changes; the check is one
small query, done before any deadline computation in the Django layer.
"""
import time
from datetime import timedelta

from django.db.models import Count, Max

from publishing import workdays
from publishing.models import HolidayNotice, HolidayNoticeDay

_BUNDLED = workdays.get_default_calendar()
_state = {"stamp": None, "checked": 0.0}
RECHECK_SECONDS = 5  # how soon another process's edit is noticed; this process's own edits are noticed at once


def notices_as_overrides():
    overrides = {}
    for notice in HolidayNotice.objects.prefetch_related("days"):
        holidays, makeup = [], []
        for day in notice.days.all():
            last = day.end or day.start
            d = day.start
            while d <= last:
                if day.kind == day.MAKEUP:
                    makeup.append(d)
                else:
                    holidays.append((d, day.name or "节假日"))
                d += timedelta(days=1)
        overrides[notice.year] = {"holidays": holidays, "makeup_days": makeup}
    return overrides


def sync_calendar(force=False):
    """Install the notices into the default calendar if they changed since the last call."""
    now = time.monotonic()
    if not force and _state["stamp"] is not None and now - _state["checked"] < RECHECK_SECONDS:
        return workdays.get_default_calendar()
    _state["checked"] = now
    stamp = (
        tuple(HolidayNotice.objects.aggregate(n=Count("id"), t=Max("updated_at")).values()),
        tuple(HolidayNoticeDay.objects.aggregate(n=Count("id"), m=Max("id")).values()),
    )
    if force or stamp != _state["stamp"]:
        workdays.set_default_calendar(_BUNDLED.with_overrides(notices_as_overrides()))
        _state["stamp"] = stamp
    return workdays.get_default_calendar()


def forget():
    """The notices changed: the next sync_calendar() rebuilds."""
    _state["stamp"] = None
