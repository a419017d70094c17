"""The nightly self-inspection (Celery beat, cms.settings CELERY_BEAT_SCHEDULE). Small and idempotent: one stored
run per site per night, however often beat or a retry fires it; external links are checked unless INSPECT_OFFLINE.
In a site group (站群) every site is inspected as its own website, one task each."""
from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Site

from inspection import runner
from inspection.models import InspectionRun

LOCK = "gongkai:inspection:nightly:{}"


@shared_task
def nightly_inspection():
    """Start tonight's inspection of every site; returns the hostnames started."""
    hosts = []
    for site in Site.objects.order_by("-is_default_site", "id"):
        nightly_site_inspection.delay(site.pk)
        hosts.append(site.hostname)
    return hosts


@shared_task
def nightly_site_inspection(site_id):
    """Run and store tonight's inspection of one site; returns the run's id (the existing one if tonight's is already
    done), or None when another worker is at it or the site is gone."""
    site = _site(site_id)
    if site is None:
        return None
    today = timezone.localdate()
    done = (InspectionRun.of_site(site)
            .filter(trigger=InspectionRun.NIGHTLY, started_at__date=today, finished_at__isnull=False).first())
    if done is not None:
        return done.pk
    lock = LOCK.format(site.pk)
    if not cache.add(lock, "1", timeout=3 * 3600):
        return None  # another worker is running tonight's inspection of this site
    try:
        run = runner.run(trigger=InspectionRun.NIGHTLY, external=not getattr(settings, "INSPECT_OFFLINE", False), site=site)
    finally:
        cache.delete(lock)
    return run.pk


@shared_task
def run_inspection(trigger=InspectionRun.ADMIN, site_id=None):
    """A run started from the admin report (internal links only; external links are the nightly task's)."""
    return runner.run(trigger=trigger, site=_site(site_id) if site_id else None).pk


def _site(site_id):
    return Site.objects.select_related("root_page").filter(pk=site_id).first()
