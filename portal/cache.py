"""The anonymous page cache: whole public responses in the Django cache (Redis in production).

A cached response is keyed by host, full path (query included) and the visitor's 适老化 mode, under two
version tokens: one per path (bumped when that path's content changes, which drops every query variant of
it) and one site-wide epoch (bumped when something shown on every page changes, such as the footer).
Logged-in users neither read nor fill the cache. Only 200 responses without cookies are stored, so the
410 notice of a withdrawn policy and error pages are always rendered fresh.
"""
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache

from portal import a11y

EPOCH_KEY = "portal:epoch"
SKIP_PREFIXES = ("/admin", "/django-admin", "/search", "/api/search", "/api/timeliness", "/healthz", "/static/", "/media/", "/documents/")
CACHEABLE_TYPES = ("text/html", "application/atom+xml", "application/rss+xml", "application/xml", "text/plain")
HEADER = "X-Page-Cache"


def timeout():
    return getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 300)


def _path_key(path):
    return "portal:pathv:" + hashlib.sha1(path.encode()).hexdigest()


def _versions(path):
    keys = [EPOCH_KEY, _path_key(path)]
    found = cache.get_many(keys)
    return found.get(EPOCH_KEY, "0"), found.get(keys[1], "0")


def response_key(request):
    epoch, path_version = _versions(request.path)
    modes = ".".join(a11y.modes_from_cookie(request.COOKIES.get(a11y.COOKIE)))
    digest = hashlib.sha1(f"{request.get_host()}|{request.get_full_path()}|{modes}".encode()).hexdigest()
    return f"portal:page:{epoch}:{path_version}:{digest}"


def purge_paths(paths):
    """Drop every cached variant (any query string, any mode) of these paths."""
    paths = {p for p in paths if p}
    if paths:
        cache.set_many({_path_key(p): uuid.uuid4().hex for p in paths}, timeout=None)


def purge_all():
    cache.set(EPOCH_KEY, uuid.uuid4().hex, timeout=None)


def request_is_cacheable(request):
    if timeout() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIP_PREFIXES):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def response_is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    return response.get("Content-Type", "").split(";")[0].strip() in CACHEABLE_TYPES


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the cache; store what is safe to share. Goes after authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        key = response_key(request)
        stored = cache.get(key)
        if stored is not None:
            return self._rebuild(stored)
        response = self.get_response(request)
        if response_is_cacheable(response):
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            headers = {k: v for k, v in response.items() if k.lower() not in ("vary", "set-cookie")}
            cache.set(key, (response.status_code, response.content, headers), timeout())
            response[HEADER] = "miss"
        return response

    @staticmethod
    def _rebuild(stored):
        from django.http import HttpResponse

        status, content, headers = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response[HEADER] = "hit"
        return response
