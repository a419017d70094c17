"""Template helpers for the design system (docs/portal.md): a11y mode, metadata rows, the matrix grid, JSON-LD."""
import json
import uuid

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from cms.guides.models import BundlePage
from cms.policies.models import PolicyDocumentPage
from portal import a11y, metadata
from portal import cache as portal_cache
from sitegroup import services as group_services
from sitegroup import sharing as group_sharing

register = template.Library()


@register.simple_tag(takes_context=True)
def a11y_classes(context):
    """`class` names for <html> from the visitor's remembered 适老化 modes (the gk_a11y cookie)."""
    request = context.get("request")
    modes = a11y.modes_from_cookie(request.COOKIES.get(a11y.COOKIE) if request else None)
    return " ".join(f"a11y-{m}" for m in modes)


@register.simple_tag(takes_context=True)
def a11y_pressed(context, mode):
    request = context.get("request")
    modes = a11y.modes_from_cookie(request.COOKIES.get(a11y.COOKIE) if request else None)
    return "true" if mode in modes else "false"


@register.simple_tag
def pairs(*args):
    """{% pairs "索引号" page.index_number "主题分类" page.topic as rows %} → [(label, value), ...] for metadata_table."""
    return [(args[i], args[i + 1]) for i in range(0, len(args) - 1, 2)]


@register.simple_tag
def matrix_rows(columns, domains, cells):
    """Rows of the matrix grid: [(domain, [cell or None per column])], cells shaped as in /api/catalogue/matrix."""
    index = {(c["column"], c["domain"]): c for c in cells}
    return [(d, [index.get((col, d)) for col in columns]) for d in domains]


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """A <script type="application/ld+json"> block for a policy (Legislation) or guide (GovernmentService)."""
    request = context.get("request")
    data = metadata.json_ld(page, request)
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def gov_meta(context, page):
    """The Chinese government-site <meta> tags (ArticleTitle, PubDate, ContentSource, SiteName ...)."""
    request = context.get("request")
    tags = metadata.gov_meta(page, request)
    return mark_safe("".join(str(format_html('<meta name="{}" content="{}">', k, v)) for k, v in tags))


@register.simple_tag(takes_context=True)
def content_version(context, page):
    """Key of the cached fragments of this page ({% cache %}): see portal.cache.content_version."""
    request = context.get("request")
    if context.get("is_preview") or request is None or getattr(request, "is_preview", False):
        return uuid.uuid4().hex  # a preview shows a draft: it never shares the live page's fragments
    known = getattr(request, "gongkai_content_versions", None)
    if known is None:
        known = request.gongkai_content_versions = {}
    if page.pk not in known:  # the meta and content fragments of one page share one cache round trip
        known[page.pk] = portal_cache.content_version(page, request)
    return known[page.pk]


@register.simple_tag(takes_context=True)
def chrome_key(context):
    """Key of the cached site header: the site's version, the current navigation item and the visitor's modes."""
    request = context.get("request")
    facts = context.get("site_facts")
    current = next((href for href, _, is_current in site_nav(context) if is_current), "")
    modes = ".".join(a11y.modes_from_cookie(request.COOKIES.get(a11y.COOKIE) if request else None))
    exact = bool(request and request.path == current)
    return portal_cache.fragment_key(facts.version if facts else "", current, exact, modes)


@register.simple_tag
def fragment_key(*parts):
    return portal_cache.fragment_key(*parts)


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """[(url, label)] from 首页 down to the page's parent (one query)."""
    request = context.get("request")
    ancestors = page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "path", "depth") if page.pk else []
    return [(a.get_url(request), "首页" if a.depth == 2 else a.title) for a in ancestors]


@register.simple_tag(takes_context=True)
def child_links(context, page):
    """[(url, title)] of the page's live children in tree order: the cards of the home page and of a section."""
    request = context.get("request")
    return [(child.get_url(request), child.title) for child in page.get_children().live().only("id", "title", "url_path", "path", "depth")]


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    request = context.get("request")
    if request is None:
        return path or ""
    return request.build_absolute_uri(path) if path else request.build_absolute_uri()


@register.simple_tag(takes_context=True)
def nav_current(context, prefix):
    """` aria-current="page"` when the current path is in the navigation item's section."""
    request = context.get("request")
    path = request.path if request else ""
    hit = path == prefix if prefix == "/" else path.startswith(prefix)
    return mark_safe(' aria-current="page"') if hit else ""


def _site_root(context):
    """The root page of the site the request is on (each site of the group lists its own pages)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site is not None else None


def _on_site(qs, context):
    root = _site_root(context)
    return qs.descendant_of(root, inclusive=True) if root is not None else qs


@register.simple_tag(takes_context=True)
def latest_policies(context, count=8):
    """The site's newest live policies, for the home page (title, url and dates only)."""
    return _on_site(PolicyDocumentPage.objects.live(), context).order_by(
        "-published_at", "-first_published_at", "-id").only(
        "id", "title", "url_path", "path", "depth", "first_published_at", "published_at")[:count]


@register.simple_tag(takes_context=True)
def latest_bundles(context, count=6):
    return _on_site(BundlePage.objects.live(), context).order_by("path").only("id", "title", "url_path", "path", "depth")[:count]


SITE_NAV = [("/", "首页"), ("/zfxxgk/", "政府信息公开"), ("/zfxxgk/zcwjk/", "政策文件库"), (None, "基层政务公开"),
            ("/bsfw/", "办事服务"), ("/hdjl/zxly/", "互动交流"), ("/search/", "搜索")]


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The 政府信息公开 navigation: [(href, label, current)], current on the deepest item containing the path."""
    request = context.get("request")
    path = request.path if request else ""
    matrix = site_matrix_path(request)
    items = [(href or matrix, label) for href, label in SITE_NAV]
    matches = [href for href, _ in items if (path == href if href == "/" else path.startswith(href))]
    best = max(matches, key=len) if matches else None
    return [(href, label, href == best) for href, label in items]


def matrix_path():
    """The 基层政务公开 matrix (openness_catalog's route when it exists, else the demo section page)."""
    try:
        return reverse("catalogue:matrix")
    except NoReverseMatch:
        return "/zfxxgk/jczwgk/"


def site_matrix_path(request):
    """A district site's own column of the 1+9 matrix; the whole matrix on the city's site."""
    unit = group_services.unit_for_site(Site.find_for_request(request)) if request is not None else None
    if unit is not None and unit.parent_id and unit.column_id:
        try:
            return reverse("catalogue:column", args=[unit.column_id])
        except NoReverseMatch:
            pass
    return matrix_path()


@register.simple_tag(takes_context=True)
def catalogue_matrix_url(context):
    return site_matrix_path(context.get("request"))


@register.simple_tag(takes_context=True)
def shared_documents(context, count=50):
    """上级文件 shown on the request's site as references (sitegroup.sharing): links to the issuer's pages."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return group_sharing.shared_on_site(site, count) if site is not None else []
