"""Public portal views: the feed directory, robots.txt, sitemap.xml and the API landing page."""
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from openness_catalog.models import Column
from portal.openapi import PATHS
from portal.sitemaps import CATALOGUE, ListSitemap, relative


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
        return relative(page, self.root)

    def lastmod(self, page):
        return page.last_published_at

    def priority(self, page):
        return max(0.3, 1.0 - 0.2 * (page.depth - 2))


SITEMAPS = {"pages": PageSitemap}


def _on_group_site(request):
    """(site, whether it is the group's own site): the 1+9 matrix and the catalogue are listed there only."""
    site = Site.find_for_request(request)
    return site, site is None or site.is_default_site


@require_GET
def site_sitemap(request):
    """sitemap.xml of the site the request is on (each site of the group has its own): its pages and its lists."""
    site, group_site = _on_group_site(request)
    root = site.root_page if site is not None else None
    return sitemap(request, {"pages": PageSitemap(root), "lists": ListSitemap(root, group_site)})


@require_GET
def catalogue_sitemap_index(request):
    """sitemap-jczwgk.xml: the index of the catalogue's items and published entries, 5,000 to a file."""
    if not _on_group_site(request)[1]:
        raise Http404("基层政务公开目录在主站")
    return sitemap_index(request, CATALOGUE, sitemap_url_name="sitemap_catalogue_section")


@require_GET
def catalogue_sitemap(request, section):
    if not _on_group_site(request)[1]:
        raise Http404("基层政务公开目录在主站")
    return sitemap(request, CATALOGUE, section=section)


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
    if _on_group_site(request)[1]:
        lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap-jczwgk.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def feed_index(request):
    columns = list(Column.objects.filter(parent=None).order_by("sort_order", "name"))
    return render(request, "portal/feeds.html", {"columns": columns})


@require_GET
def api_index(request):
    endpoints = [(path, spec["get"]["summary"]) for path, spec in PATHS.items()]
    return render(request, "portal/api.html", {"endpoints": endpoints})
