"""Site-wide facts that every public page needs, kept per process until something changes them.

An uncached page view spent most of its time on queries whose answers rarely change: which Site serves this
host and its home page, the footer settings, the url_path → page lookup, the breadcrumb trail and the column
(parent) of the page, whether any page has a view restriction. They live in a per-process memo that is valid for
one *generation*: the page cache's site-wide epoch plus a structure token. When a page is saved, published,
unpublished, moved or deleted or a view restriction changes, this process forgets at once and the token is bumped
after commit (at once outside a transaction); the epoch moves when a site setting, topic or catalogue row is saved
(portal/signals.py). A request reads both in one cache round trip (Redis in production, so every worker sees a
change on its next request) and the memo starts empty when either moved.

Only facts are shared between requests; page objects handed to a view are fresh copies or fresh queries.
"""
import contextvars
import copy
import uuid

from django.core.cache import cache
from django.db import transaction

from portal import prepared
from portal.cache import EPOCH_KEY

STRUCTURE_KEY = "portal:structure"
MAX_ENTRIES = 50_000  # url paths and trails of a large site; the memo is emptied past this

_memo = {"generation": None, "facts": {}}
_current = contextvars.ContextVar("gongkai_site_memo", default=None)


def bump_structure():
    cache.set(STRUCTURE_KEY, uuid.uuid4().hex, timeout=None)


def forget_here():
    """Empty this process's memo (also for a request in flight, which holds the same dict)."""
    _memo["facts"].clear()
    _memo["generation"] = None


def structure_changed():
    """Call when a page moved, appeared, disappeared or changed title, or a view restriction changed.

    This process forgets at once, since it may read its own uncommitted changes. Other processes cannot see the
    change before the commit, so they are told then, once per transaction: an import saves thousands of pages.
    """
    forget_here()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump_structure()
    # look rather than keep a flag: a rolled-back savepoint takes its entry with it; the tail is enough
    elif not any(func is bump_structure for _, func, _ in connection.run_on_commit[-50:]):
        transaction.on_commit(bump_structure)


def facts_for_generation():
    found = cache.get_many([EPOCH_KEY, STRUCTURE_KEY])
    generation = (found.get(EPOCH_KEY), found.get(STRUCTURE_KEY))
    if _memo["generation"] != generation:
        _memo["generation"], _memo["facts"] = generation, {}
    return _memo["facts"]


def current():
    """The memo of the request being served, or None outside SiteMemoMiddleware."""
    return _current.get()


def remember(key, compute):
    """The remembered value for key, computed once per generation; without a memo just computed.

    None is never remembered: a page that is not there yet may be created without a publish (an import, a script).
    """
    facts = current()
    if facts is None:
        return compute()
    try:
        return facts[key]
    except KeyError:
        pass
    value = compute()
    if value is not None:
        if len(facts) >= MAX_ENTRIES:
            facts.clear()
        facts[key] = value
    return value


def _site_and_settings(request):
    from wagtail.models import Site

    site = Site._find_for_request(request)
    if site is None:
        return None
    home = site.root_page.specific
    site.root_page = home
    from cms.models import SiteIdentity
    from portal.models import PortalSettings

    return site, [(model, model.for_site(site)) for model in (SiteIdentity, PortalSettings)]


class SiteMemoMiddleware:
    """Resolve the Site, its home page and its settings from the memo, and make the memo current for the request."""

    SKIP = ("/static/", "/media/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.SKIP):
            return self.get_response(request)
        facts = facts_for_generation()
        token = _current.set(facts)
        try:
            self._prime(request, facts)
            return self.get_response(request)
        finally:
            _current.reset(token)

    @staticmethod
    def _prime(request, facts):
        from django.http.request import split_domain_port
        from wagtail.models import Site

        key = ("site", split_domain_port(request._get_raw_host())[0], request.get_port())
        found = facts.get(key) or _site_and_settings(request)
        if found is None:
            return
        facts[key] = found
        site, settings = found
        request._wagtail_cached_site_root_paths = remember(("root_paths",), Site.get_site_root_paths)
        # copies: views and templates may cache things on these objects; the memo keeps only the facts
        request._wagtail_site = site = copy.copy(site)
        site.root_page = copy.copy(site.root_page)
        for model, value in settings:
            value = copy.copy(value)
            value._request = request
            setattr(request, model.get_cache_attr_name(), value)


_PAGE_SQL = {}


def _page_sql(model):
    """SQL of `model.objects.filter(pk=%s, url_path=%s)`, built once per page type: building an ORM query over
    Wagtail's joined page tables costs more than running it."""
    sql = _PAGE_SQL.get(model)
    if sql is None:
        sql = _PAGE_SQL[model] = model.objects.filter(pk=0, url_path="").order_by().query.sql_with_params()[0]
    return sql


def page_at(url_path):
    """The specific page at url_path, live or not (one query when remembered), or None."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    def locate():
        return Page.objects.filter(url_path=url_path).values_list("pk", "content_type_id").first()

    found = remember(("page", url_path), locate)
    if found is None:
        return None
    page_id, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    found_pages = prepared.instances(model, _page_sql(model), [page_id, url_path])
    page = found_pages[0] if found_pages else None
    if page is None and current() is not None:  # moved since it was remembered: look again
        current().pop(("page", url_path), None)
        found = locate()
        return Page.objects.get(pk=found[0]).specific if found else None
    return page


def trail(page, request=None):
    """Breadcrumbs above page: [(url, label)] from the home page down to the parent ("首页" for the home page)."""

    def compute():
        crumbs = []
        for ancestor in page.get_ancestors():
            if ancestor.depth > 1:
                crumbs.append((ancestor.get_url(request), "首页" if ancestor.depth == 2 else ancestor.title))
        return tuple(crumbs)

    return _remember_links(page, request, "trail", compute, of_parent=True)


def children(page, request=None):
    """[(url, title)] of the page's live children in tree order: the cards of the home page and of a section."""

    def compute():
        return tuple((child.get_url(request), child.title) for child in page.get_children().live())

    return _remember_links(page, request, "children", compute)


def _remember_links(page, request, kind, compute, of_parent=False):
    """remember() for links around a page, per site (URLs are relative to it) and per tree position (the page's,
    or its parent's when every sibling shares the answer). A preview of a page not yet saved has no position."""
    if not (page.pk and page.path):
        return compute()
    site_id = getattr(getattr(request, "_wagtail_site", None), "pk", None)
    position = page.path[: -page.steplen] if of_parent else page.path
    return remember((kind, site_id, position), compute)


def column(page):
    """(title, intro) of the page's parent column, or None for a root."""

    def compute():
        parent = page.get_parent()
        if parent is None:
            return None
        return parent.title, getattr(parent.specific, "intro", "") or ""

    return remember(("column", page.path[: -page.steplen]), compute)


def any_view_restriction():
    from wagtail.models import PageViewRestriction

    return remember(("restrictions",), PageViewRestriction.objects.exists)
