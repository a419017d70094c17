"""The anonymous page cache: whole public responses in the Django cache (Redis in production).

A cached response is keyed by host, full path (query included) and the visitor's 适老化 mode, and stored with
two version tokens: one per path (bumped when that path's content changes, which drops every query variant of
it) and one site-wide epoch (bumped when something shown on every page changes, such as the footer). A lookup
reads the entry and both tokens in one round trip. Visitors with a session cookie (everyone logged in) neither
read nor fill the cache. Only 200 responses without cookies are stored, so the
410 notice of a withdrawn policy and error pages are always rendered fresh.
"""
import hashlib
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from portal import a11y

EPOCH_KEY = "portal:epoch"
SKIP_PREFIXES = ("/admin", "/django-admin", "/search", "/api/search", "/api/timeliness", "/healthz", "/static/", "/media/", "/documents/")
CACHEABLE_TYPES = ("text/html", "application/atom+xml", "application/rss+xml", "application/xml", "text/plain")
HEADER = "X-Page-Cache"


def timeout():
    return getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 300)


def fragment_timeout():
    return getattr(settings, "PORTAL_FRAGMENT_CACHE_SECONDS", 86400)


def content_version(page, request=None):
    """A key for cached fragments of one page's rendering (portal_tags.content_version): it changes whenever the
    page cache would drop the page — its own path version (a publication of it or of a page it shows), the site-wide
    epoch — and whenever a new revision goes live. One cache round trip. Previews never share it."""
    if not page.pk or fragment_timeout() <= 0 or (request is not None and getattr(request, "is_preview", False)):
        return uuid.uuid4().hex
    url = page.get_url()
    version_key = url_key(url) if url else None
    found = cache.get_many([EPOCH_KEY, version_key] if version_key else [EPOCH_KEY])
    return f"{page.pk}.{page.live_revision_id}.{found.get(EPOCH_KEY, '0')}.{found.get(version_key, '0')}"


def fragment_key(*parts):
    """A {% cache %} key from parts, or one that never repeats when fragment caching is off (the tag still reads)."""
    if fragment_timeout() <= 0:
        return uuid.uuid4().hex
    return "|".join(str(p) for p in parts)


def path_key(path, site=""):
    """The version key of a path on one site of the group ("" is the default site, which also answers unknown hosts)."""
    return "portal:pathv:" + hashlib.sha1(f"{site}|{path}".encode()).hexdigest()


# hostname -> label of the group's other sites, reloaded whenever the site-wide epoch moves (a Site change bumps it)
_site_hosts = {"epoch": None, "labels": {}}


def _labels(epoch):
    if _site_hosts["epoch"] != epoch or _site_hosts["epoch"] is None:
        from wagtail.models import Site  # noqa: PLC0415 — the middleware module loads before the app registry

        rows = Site.objects.values_list("hostname", "is_default_site")
        _site_hosts["labels"] = {host.lower(): host.lower() for host, default in rows if not default}
        _site_hosts["epoch"] = epoch
    return _site_hosts["labels"]


def site_label(hostname, epoch=None):
    """Which site's pages a host serves, as the cache keys name it: its hostname for a site of the group other than the
    default, else "" (the default site answers every other host, as Wagtail routes it)."""
    if epoch is None:
        epoch = cache.get(EPOCH_KEY, "0")
    return _labels(epoch).get((hostname or "").split(":")[0].lower(), "")


def url_key(url, epoch=None):
    """The version key of a page URL: absolute (a page of another site, as Wagtail gives it in a group) or a path."""
    parts = urlsplit(url)
    return path_key(parts.path or "/", site_label(parts.hostname, epoch) if parts.hostname else "")


def _page_key(request):
    modes = ".".join(a11y.modes_from_cookie(request.COOKIES.get(a11y.COOKIE)))
    digest = hashlib.sha1(f"{request.get_host()}|{request.get_full_path()}|{modes}".encode()).hexdigest()
    return "portal:page:" + digest


def lookup(request):
    """(stored response or None, versions now, page key) in one cache round trip.

    The stored response carries the versions it was rendered under; it counts only if they are still current.
    """
    page_key = _page_key(request)
    label = site_label(request.get_host(), _site_hosts["epoch"] or "0")
    version_key = path_key(request.path, label)
    found = cache.get_many([EPOCH_KEY, version_key, page_key])
    epoch = found.get(EPOCH_KEY, "0")
    if epoch != _site_hosts["epoch"] and site_label(request.get_host(), epoch) != label:  # the group changed
        label = site_label(request.get_host(), epoch)
        version_key = path_key(request.path, label)
        found.update(cache.get_many([version_key]))
    versions = (epoch, found.get(version_key, "0"))
    stored = found.get(page_key)
    if stored is not None and stored[0] == versions:
        return stored[1], versions, page_key
    return None, versions, page_key


def purge_paths(paths):
    """Drop every cached variant (any query string, any mode) of these paths: root-relative paths of the default site,
    or absolute URLs of any site of the group (only that site's page is dropped)."""
    paths = {p.split("?")[0] for p in paths if p}
    if paths:
        epoch = cache.get(EPOCH_KEY, "0")
        cache.set_many({url_key(p, epoch): uuid.uuid4().hex for p in paths}, timeout=None)


def purge_all():
    cache.set(EPOCH_KEY, uuid.uuid4().hex, timeout=None)


def _maybe_logged_in(request):
    """Anonymous visitors have no session cookie; anyone with one (logged in or not) bypasses the cache."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def request_is_cacheable(request):
    if timeout() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIP_PREFIXES):
        return False
    return not _maybe_logged_in(request)


def response_is_cacheable(request, response):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:  # logged in during this request
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    return response.get("Content-Type", "").split(";")[0].strip() in CACHEABLE_TYPES


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the cache; store what is safe to share.

    It sits right after WhiteNoise, so a hit skips sessions, CSRF, auth and the URL resolver altogether.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        stored, versions, key = lookup(request)
        if stored is not None:
            return self._rebuild(stored)
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            headers = {k: v for k, v in response.items() if k.lower() not in ("vary", "set-cookie")}
            cache.set(key, (versions, (response.status_code, response.content, headers)), timeout())
            response[HEADER] = "miss"
        return response

    @staticmethod
    def _rebuild(stored):
        status, content, headers = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response[HEADER] = "hit"
        return response
