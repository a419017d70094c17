"""The nightly self-inspection (Celery beat, cms.settings CELERY_BEAT_SCHEDULE). Small and idempotent: one stored
run per night, however often beat or a retry fires it; external links are checked unless INSPECT_OFFLINE."""
from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from inspection import runner
from inspection.models import InspectionRun

LOCK = "gongkai:inspection:nightly"


@shared_task
def nightly_inspection():
    """Run and store tonight's inspection; returns the run's id (the existing one if tonight's is already done)."""
    today = timezone.localdate()
    done = InspectionRun.objects.filter(trigger=InspectionRun.NIGHTLY, started_at__date=today, finished_at__isnull=False).first()
    if done is not None:
        return done.pk
    if not cache.add(LOCK, "1", timeout=3 * 3600):
        return None  # another worker is running tonight's inspection
    try:
        run = runner.run(trigger=InspectionRun.NIGHTLY, external=not getattr(settings, "INSPECT_OFFLINE", False))
    finally:
        cache.delete(LOCK)
    return run.pk


@shared_task
def run_inspection(trigger=InspectionRun.ADMIN):
    """A run started from the admin report (internal links only; external links are the nightly task's)."""
    return runner.run(trigger=trigger).pk
