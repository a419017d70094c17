"""Content-Security-Policy: public pages forbid inline script and plugins, so even a script that slipped into a page
would not run; the Wagtail admin, which still needs inline script, is the only place with a looser policy."""
import re

import pytest
from django.contrib.staticfiles import finders

from cms.guides.models import BundlePage, ServiceGuidePage
from cms.policies.models import PolicyDocumentPage

pytestmark = pytest.mark.django_db


def policy_of(response):
    header = response.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def inline_scripts(html):
    """<script> elements that run inline code: neither a static file nor a JSON (or JSON-LD) data block."""
    return [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag and not re.search(r"type=\"application/(ld\+)?json\"", tag)]


def inline_handlers(html):
    return [m for tag in re.findall(r"<[a-zA-Z][^>]*>", html) for m in re.findall(r"\son[a-z]+\s*=", tag)]


def public_urls():
    policy = PolicyDocumentPage.objects.live().first()
    guide = ServiceGuidePage.objects.live().first()
    bundle = BundlePage.objects.live().first()
    return ["/", policy.url, "/search/?q=低保", "/search/", guide.url, guide.url + "checklist/", bundle.url + "form/",
            "/zfxxgk/zcwjk/", "/zfxxgk/"]


def test_public_pages_forbid_inline_script_plugins_foreign_bases_and_framing(client, demo):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        policy = policy_of(response)
        assert policy["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["default-src"] == ["'self'"]


def test_public_pages_still_work_under_the_policy_they_send(client, demo):
    """No page relies on what its own policy blocks: no inline script, no inline event handler."""
    for url in public_urls():
        html = client.get(url).content.decode()
        assert inline_scripts(html) == [], url
        assert inline_handlers(html) == [], url


def test_search_suggestions_and_print_buttons_come_from_static_files(client, demo):
    search = client.get("/search/").content.decode()
    assert 'src="/static/js/search-suggest.js"' in search and 'id="search-suggestions"' in search
    checklist = client.get(ServiceGuidePage.objects.live().first().url + "checklist/").content.decode()
    assert 'src="/static/js/print-button.js"' in checklist and "data-print" in checklist
    assert finders.find("js/search-suggest.js") and finders.find("js/print-button.js")


def test_a_page_served_from_the_page_cache_carries_the_policy_too(client, demo, settings):
    from portal import cache as page_cache

    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    page_cache.purge_all()
    try:
        first, second = client.get("/"), client.get("/")
        assert (first.get("X-Page-Cache"), second.get("X-Page-Cache")) == ("miss", "hit")
        assert policy_of(second)["script-src"] == ["'self'"]
    finally:
        page_cache.purge_all()


def test_the_admin_still_renders_and_only_it_gets_inline_script(client, demo, django_user_model):
    """Wagtail 8's page editor writes inline scripts (date and page choosers): /admin/ alone allows them."""
    client.force_login(django_user_model.objects.create_superuser("csp-admin", "a@example.org", "pw-12345678"))
    policy = PolicyDocumentPage.objects.live().first()
    for url in ["/admin/", f"/admin/pages/{policy.pk}/edit/", f"/admin/pages/{policy.get_parent().pk}/", "/admin/inbox/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        admin_policy = policy_of(response)
        assert admin_policy["script-src"] == ["'self'", "'unsafe-inline'"], url
        assert admin_policy["object-src"] == ["'none'"] and admin_policy["frame-ancestors"] == ["'self'"]
    editor = client.get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    assert inline_scripts(editor), "the editor no longer needs inline script: drop 'unsafe-inline' for /admin/"
    public = client.get(policy.url)  # the same signed-in editor on the public site: the strict policy
    assert policy_of(public)["script-src"] == ["'self'"]
    assert inline_scripts(public.content.decode()) == []
