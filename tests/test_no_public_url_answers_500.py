"""Hostile requests to every public URL answer 4xx (or a normal page), never a 500.

Every URL pattern is taken from the resolver and every Wagtail page type of the demo site is visited; path parameters
get huge, negative, NUL, unicode, over-long, '../', SQL and <script> values, and every query parameter the site reads
(design §2: search, feeds, open-data API, timeliness, the page filters) gets the same and worse. The figures go to
tests/artifacts/attack_fuzz.json for docs/security.md.
"""
import fcntl
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from wagtail.models import Page

from cms.guides.models import BundlePage, ServiceGuidePage
from cms.policies.models import PolicyDocumentPage
from cms.site import roles
from openness_catalog.models import CatalogueItem, Column, Entry
from tests.factories.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db

ARTIFACT = Path(__file__).parent / "artifacts" / "attack_fuzz.json"
NOT_PUBLIC = ("admin/", "django-admin/")

# Path segments, already percent-encoded as they travel in a request line.
HOSTILE_SEGMENTS = [
    "0", "000000", "-1", "2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999",
    "9" * 400, "%00", "a%00b", "%01", "%1b", "%2500", "%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80", "x" * 300, "..", "..%2F..%2Fetc%2Fpasswd",
    "%27%20OR%201%3D1--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%C0%AF", "%FF%FE", "%E2%80%AE",
]
HOSTILE_VALUES = [
    "", " ", "0", "-1", "1.5", "1e309", "NaN", "abc", "²", "²²²²", "٣", "２０２４", "99999999999999999999", "9" * 5000,
    "2026-02-30", "9999-99-99", "0000-00-00", "0001-01-01", "9999-12-31", "2024-13-01", "2024/01/01",
    "\x00", "a\x00b", "\x01", "\x1b[31m", "\x7f", "%00", "\ufeff", "\u202e", "政" * 1000, "x" * 300,
    "<script>alert(1)</script>", "' OR 1=1 --", '"; DROP TABLE wagtailcore_page; --', "../../../../etc/passwd",
    "null", "[]", "{}",
]
REPEATED = [["1", "2"], ["", "\x00"], ["2024", "abc"]]

SEARCH_PARAMS = ["q", "type", "page", "size", "department", "year", "validity", "tongban", "site"]
PARAMS = {  # the query parameters each public route reads (design §2 and the views)
    "search": SEARCH_PARAMS,
    "search_api": SEARCH_PARAMS,
    "search_suggest": ["q"],
    "feed_search_atom": ["q"],
    "feed_search_rss": ["q"],
    "api_policies": ["page", "size", "year", "validity"],
    "api_guides": ["page", "size", "department"],
    "api_bundles": ["page", "size"],
    "api_entries": ["page", "size", "column", "domain"],
    "item": ["page"],
    "timeliness_public": ["year"],
    "timeliness_api": ["from", "to", "department", "doc_type"],
    "sitemap": ["p", "section"],
    "wagtailcore_login": ["next"],
}
PAGE_PARAMS = {  # Wagtail page types whose pages read query parameters
    "PolicyLibraryPage": ["year", "organ", "doc_type", "validity", "topic", "sort", "page"],
    "GuideIndexPage": ["department", "page"],
}
GENERIC = ["page", "q"]  # tried on every other route too: a view may read more than it says


def record(key, value):
    ARTIFACT.parent.mkdir(exist_ok=True)
    with open(ARTIFACT.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(ARTIFACT.read_text()) if ARTIFACT.exists() else {}
        data[key] = value
        parts = [v for k, v in data.items() if k != "total"]
        data["total"] = {f: sum(v[f] for v in parts) for f in ("paths_tried", "requests", "server_errors")}
        ARTIFACT.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


class Attack:
    """Sends requests, counts them and keeps every answer of status >= 500."""

    def __init__(self):
        self.anonymous = Client(raise_request_exception=False)
        self.statuses = Counter()
        self.paths = set()
        self.server_errors = []
        self.plain_error_pages = []  # cms.views fell back to its bare page: the error template itself failed

    def send(self, method, path, data=None, client=None):
        response = getattr(client or self.anonymous, method)(path, data)
        self.paths.add(path.split("?")[0])
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.server_errors.append(f"{method.upper()} {path[:120]!r} {str(data)[:120]} → {response.status_code}")
        if response.status_code in (400, 403, 404) and response["Content-Type"].startswith("text/html") \
                and b"site-header" not in response.content:
            self.plain_error_pages.append(f"{method.upper()} {path[:120]!r} {str(data)[:120]} → {response.status_code}")
        return response

    def query(self, path, params, client=None):
        for name in params:
            for value in HOSTILE_VALUES + REPEATED:
                self.send("get", path, {name: value}, client)
        self.send("get", path, {name: HOSTILE_VALUES[-6] for name in params}, client)  # all at once
        self.send("get", f"{path}?{'&'.join(f'{name}=%00' for name in params)}", client=client)  # raw NUL escapes

    def figures(self):
        return {"paths_tried": len(self.paths), "requests": sum(self.statuses.values()), "server_errors": len(self.server_errors),
                "by_status": {str(k): v for k, v in sorted(self.statuses.items())}}


def public_patterns():
    """(route, name) of every URL pattern outside the admin, from the resolver."""

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), p.name, isinstance(p.pattern, RegexPattern)

    return [(route, name, regex) for route, name, regex in walk(get_resolver().url_patterns, "")
            if not route.startswith(NOT_PUBLIC)]


def fill(route, value):
    """The route with every <converter:name> replaced by value."""
    return "/" + re.sub(r"<[^>]+>", value, route)


def real_ids():
    """An existing object for each route with ids, so that its query parameters reach the view."""
    item = CatalogueItem.objects.filter(column__parent=None).first()
    column = Column.objects.first().pk
    return {
        "column": item.column_id, "domain": item.domain_id, "item": item.pk, "cell": (item.column_id, item.domain_id),
        "entry": Entry.objects.filter(status=Entry.PUBLISHED).first().pk, "feed_column_atom": column, "feed_column_rss": column,
        "api_policy": PolicyDocumentPage.objects.live().first().pk, "api_guide": ServiceGuidePage.objects.live().first().pk,
        "api_bundle": BundlePage.objects.live().first().pk, "api_entry": Entry.objects.filter(status=Entry.PUBLISHED).first().pk,
    }


def test_every_public_url_pattern_answers_hostile_paths_and_parameters_without_a_500(demo):
    attack = Attack()
    evaluator = Client(raise_request_exception=False)
    make_user("fuzz-evaluator", roles.EVALUATOR)
    assert evaluator.login(username="fuzz-evaluator", password=PASSWORD)
    ids = real_ids()
    patterns = public_patterns()
    assert {"api_policy", "feed_search_atom", "search_api", "timeliness_api", "cell", "wagtail_serve"} <= {n for _, n, _ in patterns}

    for route, name, regex in patterns:
        if regex:  # Wagtail's document and page routes: visited with documents below and page by page in the next test
            continue
        for segment in HOSTILE_SEGMENTS:
            attack.send("get", fill(route, segment))
        real = ids.get(name)
        path = fill(route, "{}")
        if "{}" in path:
            if real is None:
                continue
            path = path.format(*(real if isinstance(real, tuple) else (real,)))
        client = evaluator if name == "timeliness_api" else None
        attack.query(path, PARAMS.get(name, GENERIC), client)
        for method in ("post", "put", "delete", "options", "head"):
            attack.send(method, path, client=client)
        for value in ("\x00", "x" * 5000, "<script>alert(1)</script>"):
            attack.send("post", path, {"q": value, "title": value}, client)

    for segment in HOSTILE_SEGMENTS:  # wagtaildocs: /documents/<id>/<file name>
        attack.send("get", f"/documents/{segment}/{segment}")
        attack.send("get", f"/documents/1/{segment}")

    record("url_patterns", attack.figures() | {"patterns": len(patterns)})
    assert attack.server_errors == [], "\n".join(attack.server_errors[:30])
    assert attack.plain_error_pages == [], "\n".join(attack.plain_error_pages[:30])
    assert attack.statuses[400] > 0 and attack.statuses[404] > 0  # the hostile values did reach the views


def test_every_wagtail_page_type_answers_hostile_paths_and_filters_without_a_500(demo):
    attack = Attack()
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("depth", "path"):
        pages.setdefault(type(page).__name__, page)
    assert {"PolicyLibraryPage", "PolicyDocumentPage", "ServiceGuidePage", "BundlePage", "HomePage"} <= set(pages)

    for kind, page in pages.items():
        url = page.url
        for segment in HOSTILE_SEGMENTS:
            attack.send("get", f"{url}{segment}/")
            attack.send("get", f"{url}{segment}")
        for suffix in ("checklist/", "form/", "form/docx/"):  # the routable views of guides and bundles
            attack.send("get", url + suffix)
        attack.query(url, PAGE_PARAMS.get(kind, GENERIC))
        for value in ("\x00", "x" * 5000):
            attack.send("post", url, {"q": value})

    record("page_routes", attack.figures() | {"page_types": len(pages)})
    assert attack.server_errors == [], "\n".join(attack.server_errors[:30])
    assert attack.plain_error_pages == [], "\n".join(attack.plain_error_pages[:30])


@pytest.mark.parametrize("axes", [False, True], ids=["plain", "with-login-throttling"])
def test_anonymous_fuzz_of_the_admin_login_never_answers_500(db, axes):
    make_user("officer", roles.EVALUATOR)
    attack = Attack()
    with override_settings(AXES_ENABLED=axes):
        for value in HOSTILE_VALUES + REPEATED:
            attack.send("get", "/admin/login/", {"next": value})
            attack.send("post", "/admin/login/", {"username": value, "password": value})
            attack.send("post", "/admin/login/", {"username": "officer", "password": value, "next": value})
        attack.send("get", "/admin/login/?next=%00")
        attack.send("get", "/admin/%00/")
        attack.send("post", "/admin/login/", {"username": "officer", "password": PASSWORD + "\x00"})
    record(f"admin_login_{'throttled' if axes else 'plain'}", attack.figures())
    assert attack.server_errors == [], "\n".join(attack.server_errors[:30])
    assert attack.plain_error_pages == [], "\n".join(attack.plain_error_pages[:30])
