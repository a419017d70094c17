"""Keeps the plain-Python working-day calendar in step with the admin-entered holiday notices.

Each process (web, worker) rebuilds its calendar when the notices table changes; the check is one
small query, done before any deadline computation in the Django layer.
"""
from datetime import timedelta

from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from publishing import workdays

_BUNDLED = workdays.get_default_calendar()
_state = {"stamp": None}


def notices_as_overrides():
    from publishing.models import HolidayNotice

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
    from publishing.models import HolidayNotice, HolidayNoticeDay

    stamp = (
        tuple(HolidayNotice.objects.aggregate(n=Count("id"), t=Max("updated_at")).values()),
        tuple(HolidayNoticeDay.objects.aggregate(n=Count("id"), m=Max("id")).values()),
    )
    if force or stamp != _state["stamp"]:
        workdays.set_default_calendar(_BUNDLED.with_overrides(notices_as_overrides()))
        _state["stamp"] = stamp
    return workdays.get_default_calendar()


def _notices_changed(**kwargs):
    from django.db import transaction

    from publishing.tasks import recompute_deadlines

    _state["stamp"] = None
    transaction.on_commit(lambda: recompute_deadlines.delay(reason="节假日安排已更新"))


def _connect():
    from publishing.models import HolidayNotice, HolidayNoticeDay

    for model in (HolidayNotice, HolidayNoticeDay):
        receiver(post_save, sender=model, dispatch_uid=f"calendar-{model.__name__}-save")(_notices_changed)
        receiver(post_delete, sender=model, dispatch_uid=f"calendar-{model.__name__}-delete")(_notices_changed)


_connect()
