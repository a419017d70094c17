"""The site group (站群, design §2.13) as search sees it: Wagtail's own ``Site`` rows, nothing from the layers above.

Every index document carries the hostname of its site (``site``): a page's is the Site whose root the page is under
(Wagtail's ``get_url_parts``, which reads the cached ``Site.get_site_root_paths()``), and its stored ``url`` is the
path within that site; a catalogue entry's is the site whose short name is its 1+9 column (a district's column is
named after the district), else the default site's. At query time a result's URL stays relative on its own site and
becomes absolute (``http://furong.localhost/…``) on any other, as ``page.get_url(request)`` would make it.

Display names are short (芙蓉区, not 长沙市芙蓉区人民政府): a higher layer may register them
(``search.registry.register_site_names``, e.g. the 站群 units' names); otherwise they are derived from the
``site_name`` (“长沙市芙蓉区人民政府” → “芙蓉区”: the government suffix and the default site's own name are dropped).

The group is read once per process and kept for ``TTL`` seconds (and dropped at once when a Site is saved or
deleted in this process), so a search costs no query for it and results never query per result.
"""
import hashlib
import time
from dataclasses import dataclass, field

from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site

from search import registry

TTL = 2.0
ALL = "all"  # site=all: the whole group, even on a district's host
_SUFFIXES = ("人民政府门户网站", "政府门户网站", "门户网站", "政府网站", "人民政府", "政府", "网站")


@dataclass(frozen=True)
class SiteInfo:
    id: int
    hostname: str
    name: str  # short: 芙蓉区
    full_name: str  # the site_name: 长沙市芙蓉区人民政府
    root_url: str  # http://furong.localhost
    path: str  # the root page's tree path
    is_default: bool
    port: int = 80

    def as_api(self):
        return {"hostname": self.hostname, "name": self.name}


@dataclass
class Group:
    sites: tuple = ()
    by_id: dict = field(default_factory=dict)
    by_host: dict = field(default_factory=dict)  # lower-case hostname → SiteInfo (the default site first on a tie)
    default: SiteInfo = None
    stamp: str = ""

    @property
    def is_group(self):
        """More than one site (with distinct homes): only then do results show their site and the page a 站点 facet."""
        return len({s.path for s in self.sites}) > 1

    def get(self, hostname):
        return self.by_host.get((hostname or "").strip().lower()) if hostname else None

    def of_path(self, path):
        """The Site whose root page is the deepest ancestor (or self) of a page's tree path."""
        best = None
        for s in self.sites:
            if path.startswith(s.path) and (best is None or len(s.path) > len(best.path)):
                best = s
        return best

    def for_hostname(self, hostname):
        """A document's site; a document without one (indexed before the group) belongs to the default site."""
        return self.get(hostname) or self.default

    def for_column(self, column):
        """The site of a 1+9 column: the non-default site of that short name, else the default site."""
        for s in self.sites:
            if not s.is_default and column and s.name == column:
                return s
        return self.default


def short_name(full, city=""):
    """长沙市芙蓉区人民政府 → 芙蓉区 (with city 长沙市); 长沙市人民政府 → 长沙市."""
    name = (full or "").strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    if city and name.startswith(city) and len(name) > len(city):
        name = name[len(city):]
    return name


_memo = {"at": 0.0, "group": None}


def invalidate(**kwargs):
    _memo["at"] = 0.0
    _memo["group"] = None


def _read():
    rows = list(Site.objects.select_related("root_page").order_by("-is_default_site", "hostname", "port", "id"))
    registered = registry.site_names()
    default_row = next((s for s in rows if s.is_default_site), None)
    city = short_name(default_row.site_name or default_row.root_page.title) if default_row else ""
    infos = []
    for s in rows:
        full = s.site_name or s.root_page.title
        name = registered.get(s.hostname) or (city if s.is_default_site else short_name(full, city)) or s.hostname
        infos.append(SiteInfo(id=s.pk, hostname=s.hostname, name=name, full_name=full, root_url=s.root_url,
                              path=s.root_page.path, is_default=s.is_default_site, port=s.port))
    by_host = {}
    for info in infos:  # default first: it wins a hostname that two ports share
        by_host.setdefault(info.hostname.lower(), info)
    text = "|".join(f"{i.id},{i.hostname},{i.name},{i.root_url},{i.path},{i.is_default}" for i in infos)
    return Group(sites=tuple(infos), by_id={i.id: i for i in infos}, by_host=by_host,
                 default=next((i for i in infos if i.is_default), None),
                 stamp=hashlib.sha1(text.encode()).hexdigest()[:12])


def group():
    now = time.monotonic()
    if _memo["group"] is None or now - _memo["at"] > TTL:
        _memo["group"] = _read()
        _memo["at"] = now
    return _memo["group"]


def of_request(request):
    """The SiteInfo a request came in on, matched as Wagtail's ``Site.find_for_request`` matches (hostname and port,
    then hostname on the default site, then the default site unless exactly one other site has the hostname) but
    against the group read once per process: no query per request."""
    hostname, _ = split_domain_port(request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME") or "")
    try:
        port = int(request.get_port())
    except (TypeError, ValueError):
        port = 80
    g = group()
    same = [s for s in g.sites if s.hostname.lower() == hostname.lower()]
    for s in same:
        if s.port == port:
            return s
    for s in same:
        if s.is_default:
            return s
    if len(same) == 1:
        return same[0]
    return g.default


def page_location(page):
    """(hostname, path within the site) of a page, or ("", "") when it is under no site."""
    parts = page.get_url_parts()
    if parts is None:
        return "", ""
    site_id, _root_url, path = parts
    info = group().by_id.get(site_id)
    if info is None:
        invalidate()
        info = group().by_id.get(site_id)
    if info is None:
        return "", page.url or ""
    return info.hostname, path or ""


def url_for(url, hostname, viewer=None):
    """A result's URL as a visitor of ``viewer`` (hostname; None: the default site) should follow it: the path on
    its own site, absolute on another."""
    if not url or not url.startswith("/") or url.startswith("//"):
        return url or ""
    g = group()
    target = g.for_hostname(hostname)
    here = g.get(viewer) if viewer else g.default
    if target is None or here is None or target.path == here.path:
        return url
    return target.root_url.rstrip("/") + url


def connect():
    post_save.connect(invalidate, sender=Site, dispatch_uid="gongkai-search-site-saved")
    post_delete.connect(invalidate, sender=Site, dispatch_uid="gongkai-search-site-deleted")
