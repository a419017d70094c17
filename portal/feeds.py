"""Atom and RSS feeds: the latest policies, the latest entries per openness column, and search results."""
import copy
import re
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.models import Site

from cms.policies.models import PolicyDocumentPage
from openness_catalog.models import Column
from portal.api import entry_url, published_entries
from portal.models import PortalSettings
from search import service, sites

XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 cannot carry these: the feed would fail


def _xml_text(text):
    return XML_FORBIDDEN.sub("", text or "")


def _feed_size(request):
    try:
        return PortalSettings.for_request(request).feed_items
    except Exception:  # no Site matches the request host
        return 20


def _site_name(request):
    try:
        return PortalSettings.for_request(request).site_name
    except Exception:
        return "政府门户网站"


class _Base(Feed):
    feed_type = Atom1Feed
    language = "zh-CN"

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request (the URLconf holds it): the request goes on a copy, not on the shared one.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def item_link(self, item):
        return item["url"]

    def item_title(self, item):
        return _xml_text(item["title"])

    def item_description(self, item):
        return _xml_text(item.get("description", ""))

    def item_pubdate(self, item):
        return item.get("pubdate")

    def item_updateddate(self, item):
        return item.get("pubdate")

    def item_guid(self, item):
        return self.request.build_absolute_uri(item["url"])

    item_guid_is_permalink = True


class PolicyFeed(_Base):
    """最新政策文件."""

    def title(self):
        return f"{_site_name(self.request)} - 最新政策文件"

    def link(self):
        return "/zfxxgk/zcwjk/"

    def subtitle(self):
        return "按发布时间排列的最新政策文件"

    description = subtitle

    def items(self):
        site = Site.find_for_request(self.request)  # each site of the group (站群) has its own feed
        pages = PolicyDocumentPage.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page)
        pages = (pages.prefetch_related("issuers")
                 .order_by("-published_at", "-first_published_at", "-id")[: _feed_size(self.request)])
        return [
            {"title": p.title, "url": p.get_url(self.request),
             "description": "；".join(x for x in (p.doc_number, p.issuer_names, f"成文日期 {p.formed_on:%Y-%m-%d}" if p.formed_on else "", p.validity) if x),
             "pubdate": p.published_at or p.first_published_at}
            for p in pages
        ]


class PolicyRssFeed(PolicyFeed):
    feed_type = Rss201rev2Feed


class ColumnEntriesFeed(_Base):
    """最新公开信息 of one openness column (the 1+9 matrix), children included."""

    def get_object(self, request, column_id):
        column = Column.objects.filter(pk=column_id).first()
        if column is None:
            raise Http404("栏目不存在")
        return column

    def title(self, column):
        return f"{_site_name(self.request)} - {column.name} 最新公开信息"

    def link(self, column):
        return "/zfxxgk/jczwgk/"

    def subtitle(self, column):
        return f"{column.name}基层政务公开标准目录下最新发布的信息"

    description = subtitle

    def items(self, column):
        entries = published_entries().filter(Q(item__column=column) | Q(item__column__parent=column))[: _feed_size(self.request)]
        return [{"title": e.title, "url": entry_url(e), "description": f"{e.item.domain.name}：{e.item}",
                 "pubdate": e.published_at} for e in entries]


class ColumnEntriesRssFeed(ColumnEntriesFeed):
    feed_type = Rss201rev2Feed


class SearchFeed(_Base):
    """Search results as a feed: subscribe to a query (搜索订阅). It searches what the search page on the same host
    searches (design §2.13): a district's host its own site, the city's host the whole group, ``site=`` one site or
    ``all``; an unknown site is a Chinese 400."""

    def __call__(self, request, *args, **kwargs):
        try:
            service.parse_site(request.GET, sites.of_request(request))
        except service.BadRequest as exc:
            return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        here = sites.of_request(request)
        scope, asked = service.parse_site(request.GET, here)
        return {"q": request.GET.get("q", "").strip()[:100], "site": scope, "asked": asked,
                "viewer": here.hostname if here else None}

    def title(self, asked):
        return f"{_site_name(self.request)} - 搜索“{asked['q']}”"

    def link(self, asked):
        return "/search/?" + urlencode({"q": asked["q"], **({"site": asked["asked"]} if asked["asked"] else {})})

    def subtitle(self, asked):
        return f"站内搜索“{asked['q']}”的结果"

    description = subtitle

    def items(self, asked):
        if not asked["q"]:
            return []
        try:
            results = service.search(asked["q"], size=_feed_size(self.request), log=False, site=asked["site"],
                                     viewer=asked["viewer"]).results
        except Exception:  # noqa: BLE001 — search down: an empty feed rather than a 500
            return []
        now = timezone.now()
        return [{"title": r.get("title", ""), "url": r.get("url") or "/", "description": r.get("snippet", ""), "pubdate": now}
                for r in results if r.get("url")]


class SearchRssFeed(SearchFeed):
    feed_type = Rss201rev2Feed
