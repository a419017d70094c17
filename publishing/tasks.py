"""Periodic publishing work (Celery beat). Each task is small and idempotent."""
from celery import shared_task
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from publishing import calendar_sync
from publishing.deadlines import recompute
from publishing.models import Deadline, DeadlineChange, HolidayNotice, HolidayNoticeDay, Organ, PublicationRecord
from publishing.reminders import send_reminders


@shared_task
def recompute_deadlines(reason="节假日安排已更新"):
    """Recompute every provisional or still-open deadline; idempotent. Returns how many moved."""
    calendar_sync.sync_calendar(force=True)
    before = DeadlineChange.objects.count()
    for deadline in Deadline.objects.filter(done_on__isnull=True) | Deadline.objects.filter(provisional=True):
        old = deadline.due_on
        recompute(deadline, reason=reason)
        if deadline.due_on != old:
            for record in PublicationRecord.objects.filter(deadline=deadline):
                record.due_on = deadline.due_on
                if record.published_at:
                    record.status = "on_time" if deadline.done_on <= deadline.due_on else "late"
                record.save(update_fields=["due_on", "status"])
    return DeadlineChange.objects.count() - before


@shared_task
def ping_task(marker):
    """A tiny task used to prove that the worker is wired to the database (foundation test)."""
    organ, _ = Organ.objects.get_or_create(name=marker, defaults={"short_name": "worker"})
    return organ.pk


@shared_task
def send_deadline_reminders():
    return send_reminders()


def notices_changed(**kwargs):
    """A holiday notice was entered or edited: rebuild the calendar and move every open deadline."""
    calendar_sync.forget()
    transaction.on_commit(lambda: recompute_deadlines.delay(reason="节假日安排已更新"))


def connect():
    for model in (HolidayNotice, HolidayNoticeDay):
        post_save.connect(notices_changed, sender=model, dispatch_uid=f"calendar-{model.__name__}-save")
        post_delete.connect(notices_changed, sender=model, dispatch_uid=f"calendar-{model.__name__}-delete")
