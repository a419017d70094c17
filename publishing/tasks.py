from celery import shared_task


@shared_task
def recompute_deadlines(reason="节假日安排已更新"):
    """Recompute every provisional or still-open deadline; idempotent. Returns how many moved."""
    from publishing.calendar_sync import sync_calendar
    from publishing.deadlines import recompute
    from publishing.models import Deadline, DeadlineChange

    sync_calendar(force=True)
    before = DeadlineChange.objects.count()
    from publishing.models import PublicationRecord

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
    from publishing.models import Organ

    organ, _ = Organ.objects.get_or_create(name=marker, defaults={"short_name": "worker"})
    return organ.pk


@shared_task
def process_outbox(limit=500):
    """Send pending outbox rows to the search engine; rows that fail stay for the next run (beat retries)."""
    from publishing.outbox import drain

    return drain(limit=limit)


@shared_task
def publish_scheduled():
    from publishing.services import publish_due_scheduled

    return publish_due_scheduled()


@shared_task
def send_deadline_reminders():
    from publishing.reminders import send_reminders

    return send_reminders()
