"""Public portal views: the feed directory, robots.txt, sitemap.xml and the API landing page."""
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from openness_catalog.models import Column
from portal.openapi import PATHS


class PageSitemap(Sitemap):
    """Every live, public page of one site of the group (withdrawn pages are not live, so they drop out)."""

    limit = 5000

    def __init__(self, root=None):
        self.root = root

    def items(self):
        pages = Page.objects.live().public().filter(depth__gte=2)
        if self.root is not None:
            pages = pages.descendant_of(self.root, inclusive=True)
        return pages.order_by("path").only("url_path", "last_published_at", "depth")

    def location(self, page):
        if self.root is not None:
            return "/" + page.url_path[len(self.root.url_path):]
        return page.url or "/"

    def lastmod(self, page):
        return page.last_published_at

    def priority(self, page):
        return max(0.3, 1.0 - 0.2 * (page.depth - 2))


SITEMAPS = {"pages": PageSitemap}


@require_GET
def site_sitemap(request):
    """sitemap.xml of the site the request is on (each site of the group has its own)."""
    site = Site.find_for_request(request)
    return sitemap(request, {"pages": PageSitemap(site.root_page if site is not None else None)})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Disallow: /api/search",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def feed_index(request):
    columns = list(Column.objects.filter(parent=None).order_by("sort_order", "name"))
    return render(request, "portal/feeds.html", {"columns": columns})


@require_GET
def api_index(request):
    endpoints = [(path, spec["get"]["summary"]) for path, spec in PATHS.items()]
    return render(request, "portal/api.html", {"endpoints": endpoints})
