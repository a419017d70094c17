"""Run every indicator once and store the run (InspectionRun) as history."""
import logging
import os

from django.conf import settings
from django.utils import timezone
from wagtail.models import Site

from inspection import content_pass, freshness, indicators, links, registers, site_map
from inspection.models import InspectionRun

logger = logging.getLogger("gongkai.inspection")


def base_url():
    return os.environ.get("INSPECT_BASE_URL") or getattr(settings, "INSPECT_BASE_URL", "") or None


def inspect(*, external=False, base=None, now=None):
    """(results in INDICATORS order, stats) for the site as published now."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not Site.objects.exists():
        raise RuntimeError("尚未配置网站（Site），请先运行 manage.py init_site")
    pages = site_map.build()
    found = content_pass.run(pages, links.site_hosts(), today=today)
    dead, external_checked = links.check(found, pages, base_url=base, external=external)
    home, stale, empty = freshness.analyse(pages, now)
    sensitive = indicators.combine("sensitive_words", found.words_block, found.words_warn)
    secrets = indicators.combine("secrets", found.secrets, found.unreadable)
    by_code = {
        "dead_links": indicators.result("dead_links", dead, warn_only=True),
        "homepage_stale": home,
        "stale_columns": stale,
        "empty_columns": empty,
        "sensitive_words": sensitive,
        "personal_data": indicators.result("personal_data", found.personal),
        "secrets": secrets,
        "guide_elements": registers.guide_elements(pages),
        "requests_overdue": registers.requests_overdue(today),
        "dates": registers.dates(pages, now),
    }
    results = [by_code[i.code] for i in indicators.INDICATORS]
    stats = {"pages": found.pages, "objects": found.objects, "links": found.links, "external_checked": external_checked}
    return results, stats


def _stored(result):
    limit = getattr(settings, "INSPECTION_MAX_ITEMS", 5000)
    data = result.as_dict(with_pages=True)
    data["items"] = data["items"][:limit]  # count stays the true number
    return data


def run(*, trigger=InspectionRun.COMMAND, external=False, base=None):
    started = timezone.now()
    results, stats = inspect(external=external, base=base if base is not None else base_url(), now=started)
    run_ = InspectionRun.objects.create(
        started_at=started, finished_at=timezone.now(), trigger=trigger, veto=indicators.veto(results),
        results=[_stored(r) for r in results], pages_checked=stats["pages"], links_checked=stats["links"],
        external_checked=stats["external_checked"],
    )
    logger.info("self-inspection %s: veto=%s, %s pages, %s links", run_.pk, run_.veto, stats["pages"], stats["links"])
    return run_
