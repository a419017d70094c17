"""Every public page shares one accessible layout, and policy/guide pages carry machine-readable metadata."""
import json
import re

import pytest
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def page_urls():
    from cms.guides.models import BundlePage, ServiceGuidePage
    from cms.policies.models import InterpretationPage, PolicyDocumentPage

    return ["/", "/zfxxgk/", "/zfxxgk/zcwjk/", "/bsfw/", "/feeds/", "/api/",
            PolicyDocumentPage.objects.live().first().url, InterpretationPage.objects.live().first().url,
            ServiceGuidePage.objects.live().first().url, BundlePage.objects.live().first().url]


def test_every_page_has_skip_link_landmarks_search_toolbar_and_footer_facts(client, demo):
    from wagtail.models import Site

    from cms.site.models import SiteIdentity
    from portal.models import PortalSettings

    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    portal = PortalSettings.for_site(site)
    portal.organizer = "长沙市政务服务中心"
    portal.save()
    for url in page_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="zh-CN"' in html
        assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html, url
        for landmark in ("<header", "<nav class=\"site-nav\" aria-label=", "<footer"):
            assert landmark in html, (url, landmark)
        assert '<label for="site-q"' in html and 'action="/search/"' in html
        for mode in ("large", "contrast", "guide"):
            assert f'data-a11y="{mode}"' in html
        for fact in (identity.sponsor, identity.site_code, identity.icp_number, identity.police_number, "长沙市政务服务中心"):
            assert fact in html, (url, fact)
        assets = re.findall(r'src="([^"]*)"', html) + re.findall(r'<link [^>]*href="([^"]*)"', html)
        assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets), ("no CDN", url, assets)
        for img in re.findall(r"<img[^>]*>", html):
            assert "alt=" in img, (url, img)
        for field_id in re.findall(r'<(?:input|select|textarea)[^>]*id="([^"]+)"', html):
            assert f'for="{field_id}"' in html, (url, field_id)


def test_remembered_reading_mode_is_rendered_by_the_server(client, demo):
    client.cookies["gk_a11y"] = "guide.large.bogus"
    html = client.get("/bsfw/").content.decode()
    assert '<html lang="zh-CN" class="a11y-large a11y-guide">' in html
    assert 'data-a11y="large" aria-pressed="true"' in html and 'data-a11y="contrast" aria-pressed="false"' in html


def test_policy_page_has_gov_meta_tags_and_legislation_json_ld(client, demo):
    from cms.policies.models import PolicyDocumentPage

    page = PolicyDocumentPage.objects.live().exclude(doc_number="").first()
    html = client.get(page.url).content.decode()
    meta = dict(re.findall(r'<meta name="([A-Za-z]+)" content="([^"]*)">', html))
    assert meta["ArticleTitle"] == page.title
    assert meta["ContentSource"] == page.issuer_names
    assert meta["ColumnName"] == "政策文件库" and meta["ColumnType"] == "政策文件"
    assert meta["SiteIDCode"] == "4301000001" and meta["SiteName"] and meta["SiteDomain"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta["PubDate"])
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Legislation" and data["legislationIdentifier"] == page.doc_number
    assert data["legislationDate"] == page.formed_on.isoformat() and data["legislationLegalForce"] == "InForce"


def test_guide_page_has_government_service_json_ld(client, demo):
    from cms.guides.models import ServiceGuidePage

    guide = ServiceGuidePage.objects.live().first()
    html = client.get(guide.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "GovernmentService" and data["name"] == guide.title and data["identifier"] == guide.code


def test_404_and_500_are_chinese_pages_with_search(client, demo):
    from django.views.defaults import server_error

    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in html and 'action="/search/"' in html and "skip-link" in html
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500 and "服务暂时不可用" in html and 'action="/search/"' in html
