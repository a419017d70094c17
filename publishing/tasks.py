from celery import shared_task


@shared_task
def recompute_deadlines(reason="节假日安排已更新"):
    """Recompute every provisional or still-open deadline; idempotent. Returns how many moved."""
    from publishing.calendar_sync import sync_calendar
    from publishing.deadlines import recompute
    from publishing.models import Deadline, DeadlineChange

    sync_calendar(force=True)
    before = DeadlineChange.objects.count()
    for deadline in Deadline.objects.filter(done_on__isnull=True) | Deadline.objects.filter(provisional=True):
        recompute(deadline, reason=reason)
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
