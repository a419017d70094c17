"""Anonymous visitors get cached pages; publishing, withdrawing and edits show up at once; logged-in users never see cache."""
import time

import pytest

from tests.factories.importers import import_fixture
from cms.site.skeleton import default_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    from portal import cache as page_cache

    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    page_cache.purge_all()  # the cache outlives test transactions: start from a new epoch
    yield page_cache
    page_cache.purge_all()


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    return response, response.get("X-Page-Cache"), response.content.decode()


def test_second_anonymous_request_is_served_from_the_cache(client, demo, page_cache):
    _, first, html = get(client, "/zfxxgk/zcwjk/")
    _, second, html2 = get(client, "/zfxxgk/zcwjk/")
    assert (first, second) == ("miss", "hit")
    assert html2 == html
    # each filter combination is its own entry
    assert get(client, "/zfxxgk/zcwjk/?validity=失效")[1] == "miss"


def test_logged_in_users_never_read_or_fill_the_cache(client, demo, page_cache):
    from tests.factories.accounts import make_user

    get(client, "/")
    client.force_login(make_user("cache-editor", is_superuser=True, is_staff=True))
    for _ in range(2):
        response, state, _ = get(client, "/")
        assert response.status_code == 200 and state is None
    client.logout()
    assert get(client, "/")[1] == "hit"


def test_one_click_publish_shows_on_listing_home_and_feed_within_five_seconds(client, demo, page_cache):
    from cms.policies.models import PolicyDocumentPage
    from tests.factories.importers import publish_document as publish

    for url in ["/", "/zfxxgk/zcwjk/", "/feeds/policies.atom"]:
        get(client, url)
        assert get(client, url)[1] == "hit"
    count = PolicyDocumentPage.objects.live().descendant_of(default_home()).count()  # the city library lists its own
    doc = import_fixture("01_tongzhi_basic.docx")
    started = time.monotonic()
    page = publish(doc)
    for url in ["/", "/feeds/policies.atom", page.url, "/zfxxgk/zcwjk/?year=2024&sort=title"]:
        response, state, html = get(client, url)
        assert response.status_code == 200 and page.title in html, url
    assert f"共 {count + 1} 件" in get(client, "/zfxxgk/zcwjk/")[2]
    assert time.monotonic() - started < 5


def test_withdrawn_policy_gets_the_410_notice_not_the_cached_page(client, demo, page_cache):
    from cms.policies.models import PolicyDocumentPage
    from cms.policies.services import change_validity
    from publishing.services import withdraw

    page = PolicyDocumentPage.objects.live().first()
    url = page.url
    get(client, url)
    assert get(client, url)[1] == "hit"
    withdraw(page, reason="内容有误，已撤回")
    for _ in range(2):
        response, state, html = get(client, url)
        assert response.status_code == 410 and state is None
        assert "内容有误，已撤回" in html


def test_validity_change_and_new_interpretation_reach_the_cached_policy_page(client, demo, page_cache):
    from cms.policies.models import InterpretationPage, PolicyDocumentPage, PolicyLibraryPage
    from cms.policies.services import change_validity
    from publishing.services import withdraw

    page = PolicyDocumentPage.objects.live().filter(validity="有效").first()
    get(client, page.url)
    change_validity(page, "废止", reason="已被新文件替代")
    assert "本文件已废止" in get(client, page.url)[2]
    library = PolicyLibraryPage.objects.descendant_of(default_home()).first()
    interp = InterpretationPage(title="一图读懂：缓存测试解读", slug="jd-cache-test", policy=page, body="<p>解读</p>")
    library.add_child(instance=interp)
    interp.save_revision().publish()
    assert "一图读懂：缓存测试解读" in get(client, page.url)[2]


def test_footer_setting_change_purges_every_page(client, demo, page_cache):
    from wagtail.models import Site

    from cms.site.models import SiteIdentity

    get(client, "/bsfw/")
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.icp_number = "湘ICP备99999999号"
    identity.save()
    assert "湘ICP备99999999号" in get(client, "/bsfw/")[2]


def test_reading_mode_cookie_gets_its_own_cached_variant(client, demo, page_cache):
    get(client, "/")
    client.cookies["gk_a11y"] = "contrast.large"
    _, state, html = get(client, "/")
    assert state == "miss" and 'class="a11y-large a11y-contrast"' in html
    del client.cookies["gk_a11y"]
    assert 'class=""' in get(client, "/")[2]
