"""sitemap.xml sections beyond the pages: the lists a site serves from routes (通办 lists, the 1+9 matrix and the
public 时效/留言/好差评 pages) and, in a sitemap index of their own, the catalogue's items and published entries
(tens of thousands on a real 1+9 site, so paginated 5,000 a file)."""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cms.guides import tongban
from cms.guides.models import GuideIndexPage
from openness_catalog.models import CatalogueItem, Column, Domain, Entry

PUBLIC_VIEWS = ("timeliness_public", "message_list", "ratings_index")  # 时效公开, 留言选登, 好差评


def relative(page, root):
    """The path of ``page`` on the site whose root is ``root`` (None: the page's own URL)."""
    if root is not None:
        return "/" + page.url_path[len(root.url_path):]
    return page.url or "/"


class ListSitemap(Sitemap):
    """The 通办 lists of the site's 办事服务 pages that list something; on the group's own site also the 1+9 matrix,
    its columns and domains, and the public pages that are views rather than pages."""

    def __init__(self, root=None, group_site=True):
        self.root, self.group_site = root, group_site

    def items(self):
        out = []
        indexes = GuideIndexPage.objects.live().public()
        if self.root is not None:
            indexes = indexes.descendant_of(self.root)
        for index in indexes:
            guides = index.live_guides()
            for kind in tongban.KINDS:
                listed = guides.filter(tongban__contains=kind).order_by("-last_published_at").first()
                if listed is not None:
                    out.append((f"{relative(index, self.root)}tongban/{tongban.SLUGS[kind]}/", listed.last_published_at))
        if self.group_site:
            out.append((reverse("catalogue:matrix"), None))
            out += [(c.get_absolute_url(), None) for c in Column.objects.order_by("sort_order", "id")]
            out += [(d.get_absolute_url(), None) for d in Domain.active.order_by("sort_order", "id")]
            out += [(reverse(name), None) for name in PUBLIC_VIEWS]
        return out

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]

    def priority(self, item):
        return 0.6


class CatalogueItemSitemap(Sitemap):
    """Every standard catalogue item of the 1+9 matrix (an item with no entry yet still says so)."""

    limit = 5000
    priority = 0.5

    def items(self):
        return CatalogueItem.objects.order_by("id").only("id", "last_published_at")

    def lastmod(self, item):
        return item.last_published_at


class CatalogueEntrySitemap(Sitemap):
    """Every published catalogue entry (withdrawn and draft entries are not listed)."""

    limit = 5000
    priority = 0.4

    def items(self):
        return Entry.objects.filter(status=Entry.PUBLISHED).order_by("id").only("id", "published_at")

    def lastmod(self, entry):
        return entry.published_at


CATALOGUE = {"items": CatalogueItemSitemap, "entries": CatalogueEntrySitemap}
