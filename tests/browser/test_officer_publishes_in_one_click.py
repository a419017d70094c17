"""A document officer logs in, sees the inbox with deadlines, publishes one document with one click, and a
citizen (another browser, not logged in, with the page cache warm) sees it on the site within 5 seconds."""
import re
import time

import pytest

from tests.factories.importers import import_fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_officer_publishes_one_document_and_citizens_see_it(browser, journey):
    doc = import_fixture("01_tongzhi_basic.docx")
    assert doc.status == "ready"
    # A citizen has the library open already: it is now in the page cache.
    citizen = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    citizen.goto(journey.base_url + "/zfxxgk/zcwjk/?sort=title")
    assert doc.title not in citizen.content()
    cached = citizen.request.get(journey.base_url + "/zfxxgk/zcwjk/?sort=title")
    assert cached.headers.get("x-page-cache") == "hit"

    page = journey.page
    journey.goto("/admin/login/")
    page.locator("#id_username").fill("officer")
    page.locator("#id_password").fill("gongkai-demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    journey.goto("/admin/inbox/")
    row = page.locator("tbody tr").filter(has_text=doc.title)
    assert row.count() == 1
    deadline = row.locator(".deadline")
    assert deadline.inner_text() in {"未到期", "即将到期", "已超期"}
    assert re.search(r"到期 \d{4}-\d{2}-\d{2}", row.inner_text())
    journey.shot("inbox")
    journey.axe("officer inbox")
    row.get_by_role("button", name="一键公开").click()
    page.wait_for_url(re.compile(r"/admin/inbox/"))
    published_at = time.monotonic()
    assert page.get_by_text(re.compile(f"《{re.escape(doc.title)}》已公开")).is_visible()
    journey.shot("published")

    doc.refresh_from_db()
    assert doc.status == "published"
    from cms.policies.models import PolicyDocumentPage

    live = PolicyDocumentPage.objects.get(title=doc.title)
    while True:
        citizen.goto(journey.base_url + "/zfxxgk/zcwjk/?sort=title")
        if doc.title in citizen.content() or time.monotonic() - published_at > 5:
            break
        time.sleep(0.2)
    assert doc.title in citizen.content(), "the published policy must reach the cached library within 5 s"
    citizen.get_by_role("link", name=doc.title).click()
    citizen.wait_for_load_state()
    assert citizen.url.endswith(live.url)
    assert citizen.locator("h1").inner_text() == doc.title
    assert citizen.locator("table.meta").get_by_text(live.index_number).is_visible()
    assert time.monotonic() - published_at < 5 + 5  # the page itself is rendered fresh (never cached before)
    citizen.screenshot(path=str(journey.artifact("public-page-citizen.png")), full_page=True)
    citizen.context.close()
