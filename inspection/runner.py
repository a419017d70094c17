"""Run every indicator once and store the run (InspectionRun) as history."""
import logging
import os

from django.conf import settings
from django.utils import timezone
from wagtail.models import Site

from inspection import content_pass, freshness, indicators, links, registers, site_map
from inspection.models import InspectionRun
from sitegroup.scope import scope_for

logger = logging.getLogger("gongkai.inspection")


def base_url():
    return os.environ.get("INSPECT_BASE_URL") or getattr(settings, "INSPECT_BASE_URL", "") or None


def site_by_hostname(hostname):
    """The site of the group with this hostname, or the default site when none is named; None if there is none."""
    sites = Site.objects.select_related("root_page")
    if hostname:
        return sites.filter(hostname__iexact=hostname.strip()).first()
    return sites.filter(is_default_site=True).first() or sites.order_by("id").first()


def inspect(*, external=False, base=None, now=None, site=None):
    """(results in INDICATORS order, stats) for one site (the default site's unless given) as published now. In a
    site group (站群) each site is its own website: its own pages, its links to the others count as links out, and
    the 依申请公开 of its own organs."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    site = site or site_by_hostname(None)
    if site is None:
        raise RuntimeError("尚未配置网站（Site），请先运行 manage.py init_site")
    pages = site_map.build(site)
    found = content_pass.run(pages, links.site_hosts(site), today=today)
    dead, external_checked = links.check(found, pages, base_url=base, external=external, site=site)
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
        "requests_overdue": registers.requests_overdue(today, scope=scope_for(site)),
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


def run(*, trigger=InspectionRun.COMMAND, external=False, base=None, site=None):
    started = timezone.now()
    site = site or site_by_hostname(None)
    results, stats = inspect(external=external, base=base if base is not None else base_url(), now=started, site=site)
    run_ = InspectionRun.objects.create(
        site=site, started_at=started, finished_at=timezone.now(), trigger=trigger, veto=indicators.veto(results),
        results=[_stored(r) for r in results], pages_checked=stats["pages"], links_checked=stats["links"],
        external_checked=stats["external_checked"],
    )
    logger.info("self-inspection %s of %s: veto=%s, %s pages, %s links", run_.pk, site.hostname, run_.veto, stats["pages"],
                stats["links"])
    return run_
