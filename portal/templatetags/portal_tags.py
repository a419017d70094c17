"""Template helpers for the design system (docs/portal.md): a11y mode, metadata rows, the matrix grid, JSON-LD."""
import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal import a11y, metadata, prepared, site_memo

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
def site_chrome(context, part):
    """The site header (with navigation and the 适老化 bar) or footer.

    They are the same on every page but for the current navigation item and the visitor's modes, so each variant
    is rendered once per site generation (portal/site_memo.py) instead of on every request. The search page,
    whose header repeats the query, renders its own.
    """
    request = context.get("request")
    name = f"components/site_{part}.html"
    if request is None or context.get("query"):
        return _render_part(context, name)
    if part == "header":
        current = [href for href, _, is_current in site_nav(context) if is_current]
        modes = tuple(a11y.modes_from_cookie(request.COOKIES.get(a11y.COOKIE)))
        variant = (current[0] if current else None, bool(current) and request.path == current[0], modes)
    else:
        variant = None
    site = getattr(request, "_wagtail_site", None)
    key = ("chrome", part, site.pk if site else request._get_raw_host(), variant)
    return site_memo.remember(key, lambda: _render_part(context, name))


def _render_part(context, name):
    with context.push():
        return mark_safe(context.template.engine.get_template(name).render(context))


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """[(url, label)] from 首页 down to the page's parent, remembered per column (portal/site_memo.py)."""
    return site_memo.trail(page, context.get("request"))


@register.simple_tag(takes_context=True)
def child_links(context, page):
    """[(url, title)] of the page's live children, remembered until the site's structure changes."""
    return site_memo.children(page, context.get("request"))


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


LATEST_POLICIES_SQL = """
    SELECT p.id, d.page_ptr_id, p.title, p.url_path, p.path, p.depth, p.first_published_at, d.published_at
      FROM wagtailcore_page p JOIN cms_policydocumentpage d ON d.page_ptr_id = p.id
     WHERE p.live = %(live)s
     ORDER BY d.published_at DESC, p.first_published_at DESC, p.id DESC
     LIMIT %(count)s
"""

LATEST_BUNDLES_SQL = """
    SELECT p.id, p.title, p.url_path, p.path, p.depth
      FROM wagtailcore_page p JOIN cms_bundlepage b ON b.page_ptr_id = p.id
     WHERE p.live = %(live)s ORDER BY p.path LIMIT %(count)s
"""


@register.simple_tag
def latest_policies(count=8):
    """The newest live policies, for the home page (title, url and dates only; prepared, see portal/prepared.py)."""
    from cms.models import PolicyDocumentPage

    return prepared.instances(PolicyDocumentPage, LATEST_POLICIES_SQL, {"live": True, "count": count})


@register.simple_tag
def latest_bundles(count=6):
    from wagtail.models import Page

    return prepared.instances(Page, LATEST_BUNDLES_SQL, {"live": True, "count": count})


SITE_NAV = [("/", "首页"), ("/zfxxgk/", "政府信息公开"), ("/zfxxgk/zcwjk/", "政策文件库"), (None, "基层政务公开"),
            ("/bsfw/", "办事服务"), ("/search/", "搜索")]


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The 政府信息公开 navigation: [(href, label, current)], current on the deepest item containing the path."""
    request = context.get("request")
    path = request.path if request else ""
    items = [(href or matrix_path(), label) for href, label in SITE_NAV]
    matches = [href for href, _ in items if (path == href if href == "/" else path.startswith(href))]
    best = max(matches, key=len) if matches else None
    return [(href, label, href == best) for href, label in items]


def matrix_path():
    """The 基层政务公开 matrix (openness_catalog's route when it exists, else the demo section page)."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("catalogue:matrix")
    except NoReverseMatch:
        return "/zfxxgk/jczwgk/"


@register.simple_tag
def catalogue_matrix_url():
    return matrix_path()
