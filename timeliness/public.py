"""The public transparency page: monthly count published, average working days and on-time rate.

Shown when the site's 「公开发布时效统计」 setting (SiteIdentity.public_timeliness) is on (the default)."""
from datetime import date

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from wagtail.models import Site

from cms.site.models import SiteIdentity
from timeliness import kpis


def transparency_page(request):
    site = Site.find_for_request(request)
    if site is None or not SiteIdentity.for_site(site).public_timeliness:
        raise Http404("本站未公开时效统计")
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
        if not 2000 <= year <= today.year:
            raise ValueError
    except ValueError:
        year = today.year
    report = kpis.compute(kpis.Filters(date(year, 1, 1), min(date(year, 12, 31), today)), today=today)
    return render(request, "timeliness/transparency.html", {
        "year": year, "years": list(range(today.year, today.year - 3, -1)),
        "months": report.months, "overall": report.overall, "limit": kpis.stats.LIMIT_DAYS,
    })
