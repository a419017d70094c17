"""Whether each link target answers. Every distinct target is resolved once, however many pages carry it.

* A Wagtail page link, or a path that is a reachable page's URL, answers when the page and every ancestor are live
  (exactly what Wagtail serves); a document link when the document and its file exist; a /media/ or /static/ path
  when the file exists in its storage.
* Any other internal path (a catalogue route, a guide's 清单, the search page, /documents/…) is requested through
  Django's test client — no server needed — or, when INSPECT_BASE_URL names a served copy, from that copy (then
  every target, pages included, is requested over HTTP).
* External URLs only when asked (the nightly task): a bounded, polite client — one request at a time, a pause
  between two requests to the same host, a timeout, at most INSPECTION_EXTERNAL_LIMIT URLs per run.
"""
import time
from urllib.parse import unquote, urlsplit

import requests
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http.request import validate_host
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Site

from inspection import indicators
from inspection.site_map import build as build_site_map

USER_AGENT = "Gongkai-SelfInspection/1.0 (government website self-inspection)"


def site_hosts(site=None):
    """The hosts whose links are internal: the inspected site's (the default site unless given); other sites of a group
    are other websites."""
    if site is not None:
        return {site.hostname.lower()}
    sites = Site.objects.all()
    if len(sites) > 1:
        sites = [s for s in sites if s.is_default_site]
    return {s.hostname.lower() for s in sites}


def _client_host(site=None):
    site = site or Site.objects.filter(is_default_site=True).first()
    hosts = [site.hostname] if site else []
    hosts += [h for h in settings.ALLOWED_HOSTS if "*" not in h and not h.startswith(".")]
    return next((h for h in hosts if validate_host(h, settings.ALLOWED_HOSTS)), "localhost")


class Prober:
    """Answers "does this internal path answer 200?" through the test client or a served copy."""

    def __init__(self, base_url=None, timeout=None, site=None):
        self.base_url = (base_url or "").rstrip("/")
        self.timeout = timeout or getattr(settings, "INSPECTION_HTTP_TIMEOUT", 15)
        self.requests = 0
        if self.base_url:
            self.session = requests.Session()
            self.session.headers["User-Agent"] = USER_AGENT
            if site is not None and not site.is_default_site:
                self.session.headers["Host"] = site.hostname  # the served copy answers for every site of the group
        else:
            self.client = Client(raise_request_exception=False)
            self.host = _client_host(site)

    def status(self, path):
        self.requests += 1
        if self.base_url:
            try:
                with self.session.get(self.base_url + path, timeout=self.timeout, stream=True, allow_redirects=True) as r:
                    return r.status_code, ""
            except requests.RequestException as exc:
                return None, type(exc).__name__
        response = self.client.get(path, follow=True, secure=True, headers={"host": self.host})
        return response.status_code, ""


def _file_exists(path):
    media, static = settings.MEDIA_URL or "/media/", settings.STATIC_URL or "/static/"
    name = unquote(path.split("?", 1)[0])
    try:
        if media.startswith("/") and name.startswith(media):
            return default_storage.exists(name[len(media):])
        if static.startswith("/") and name.startswith(static):
            return staticfiles_storage.exists(name[len(static):])
    except Exception:  # noqa: BLE001 — a storage that cannot answer is a dead link, not a crash
        return False
    return None  # not a stored file


class LinkChecker:
    def __init__(self, site_map, *, base_url=None, site=None):
        self.site_map = site_map
        self.prober = Prober(base_url, site=site)
        self.base_url = base_url
        self.site = site
        self._documents = None
        self._elsewhere = None

    def _live_on_another_site(self, pk):
        """Whether a page outside the inspected site is live on another site of the group (another website that
        answers, not a dead link)."""
        if self._elsewhere is None:
            self._elsewhere = set()
            others = Site.objects.exclude(pk=self.site.pk) if self.site is not None else Site.objects.none()
            for other in others.select_related("root_page"):
                self._elsewhere |= set(build_site_map(other).pages)
        return pk in self._elsewhere

    def _document(self, pk):
        if self._documents is None:
            self._documents = {}
        if pk not in self._documents:
            doc = get_document_model().objects.filter(pk=pk).first()
            self._documents[pk] = doc
        return self._documents[pk]

    def problem(self, link):
        """None when the target answers, else a Chinese sentence naming the target and what went wrong."""
        if link.kind == "page":
            url = self.site_map.url_of(int(link.target))
            if not url:
                if self._live_on_another_site(int(link.target)):
                    return None
                return f"链接指向的页面（ID {link.target}）已删除或未发布"
            return self._path_problem(url, f"页面“{url}”")
        if link.kind == "document":
            doc = self._document(int(link.target))
            if doc is None:
                return f"链接指向的附件（ID {link.target}）已删除"
            try:
                exists = bool(doc.file) and doc.file.storage.exists(doc.file.name)
            except Exception:  # noqa: BLE001
                exists = False
            if not exists:
                return f"附件《{doc.title}》的文件不存在"
            return self._path_problem(doc.url, f"附件《{doc.title}》") if self.base_url else None
        return self._path_problem(link.target, f"“{link.target}”")

    def _path_problem(self, path, label):
        if not self.base_url:
            if unquote(indicators.normal_path(path)) in self.site_map.by_url:
                return None
            exists = _file_exists(path)
            if exists is not None:
                return None if exists else f"链接{label}指向的文件不存在"
        status, error = self.prober.status(path)
        if status == 200:
            return None
        return f"链接{label}无法访问（{'HTTP ' + str(status) if status else error or '无响应'}）"


class ExternalChecker:
    """A bounded, polite HTTP client for links to other sites (the nightly task only)."""

    def __init__(self, *, limit=None, timeout=None, per_host_pause=None, sleep=time.sleep, clock=time.monotonic):
        self.limit = limit if limit is not None else getattr(settings, "INSPECTION_EXTERNAL_LIMIT", 500)
        self.timeout = timeout or getattr(settings, "INSPECTION_HTTP_TIMEOUT", 15)
        self.pause = per_host_pause if per_host_pause is not None else getattr(settings, "INSPECTION_EXTERNAL_PAUSE", 1.0)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.sleep, self.clock = sleep, clock
        self.last = {}
        self.checked = 0

    def problem(self, url):
        if self.checked >= self.limit:
            return None
        host = urlsplit(url).netloc.lower()
        wait = self.last.get(host, -1e9) + self.pause - self.clock()
        if wait > 0:
            self.sleep(wait)
        self.checked += 1
        try:
            response = self.session.head(url, timeout=self.timeout, allow_redirects=True)
            if response.status_code in (403, 405, 501):  # some servers refuse HEAD; ask as a browser would
                with self.session.get(url, timeout=self.timeout, stream=True, allow_redirects=True) as got:
                    response = got
            status, error = response.status_code, ""
        except requests.RequestException as exc:
            status, error = None, type(exc).__name__
        finally:
            self.last[host] = self.clock()
        if status is not None and status < 400:
            return None
        return f"外部链接“{url}”无法访问（{'HTTP ' + str(status) if status else error or '无响应'}）"


def check(found, site_map, *, base_url=None, external=False, site=None):
    """Items for every (page, dead target) pair; returns (items, external_checked)."""
    checker = LinkChecker(site_map, base_url=base_url, site=site)
    outside = ExternalChecker() if external else None
    items = []
    for link, sources in found.targets.items():
        if link.kind == "external":
            if outside is None:
                continue
            problem = outside.problem(link.target)
        else:
            problem = checker.problem(link)
        if problem:
            items += [indicators.Item(url, problem, page_id) for url, page_id in sources]
    return items, outside is not None
