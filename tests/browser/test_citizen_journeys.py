"""Citizens use the public site in a real browser: search → bundle → guide → printed checklist; the policy
library with filters → a policy → its 解读; the 1+9 matrix on a phone; the 适老化 toolbar. axe-core checks
every page type on the way and must find no serious or critical violation."""
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_search_bundle_guide_and_print_the_checklist(journey):
    page = journey.page
    journey.goto("/")
    journey.axe("home")
    page.get_by_label("站内搜索").fill("生孩子")
    page.get_by_label("站内搜索").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    journey.shot("search-results")
    journey.axe("search results")
    page.get_by_role("main").get_by_role("link", name=re.compile("新生儿出生")).first.click()
    page.wait_for_load_state()
    assert "新生儿出生" in page.locator("h1").inner_text()
    journey.shot("bundle")
    journey.axe("bundle")
    guide_link = page.get_by_role("main").locator("ol a, ul a").filter(has_text=re.compile("出生|新生儿|户口|参保|接种")).first
    guide_title = guide_link.inner_text()
    guide_link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == guide_title
    assert page.get_by_text("申请材料").first.is_visible()
    journey.shot("guide")
    journey.axe("service guide")
    # Print the checklist: navigation and toolbars disappear, link targets and the page address are printed.
    page.emulate_media(media="print")
    for selector in (".site-nav", ".site-search", ".a11y-bar", ".site-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("table").filter(has_text="材料名称").first.is_visible()
    assert journey.base_url in page.locator(".print-only").inner_text()
    link = page.locator("main a[href^='/'], main a[href^='http']").first
    if link.count():
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert link.get_attribute("href") in after
    journey.shot("guide-print")
    page.pdf(path=str(journey.artifact("guide-print.pdf")))


def test_filter_policy_library_and_read_the_interpretation(journey):
    from cms.policies.models import InterpretationPage

    interp = InterpretationPage.objects.live().exclude(policy=None).first()
    policy = interp.policy
    page = journey.page
    journey.goto("/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政策文件库").click()
    page.wait_for_load_state()
    journey.axe("policy library")
    page.get_by_label("年份").select_option(str(policy.formed_on.year))
    page.get_by_label("有效性").select_option("有效")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"year=%d.*validity=" % policy.formed_on.year))
    rows = page.locator("table.listing tbody tr")
    assert rows.count() >= 1
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert str(policy.formed_on.year) in cells.nth(2).inner_text() and cells.nth(3).inner_text() == "有效"
    journey.shot("library-filtered")
    journey.axe("policy library (filtered)")
    page.get_by_role("link", name=policy.title).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == policy.title
    assert page.locator("table.meta").get_by_text(policy.doc_number).is_visible()
    journey.shot("policy")
    journey.axe("policy")
    page.get_by_role("link", name=interp.title).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == interp.title
    assert page.get_by_role("link", name=policy.title).is_visible()
    journey.shot("interpretation")
    journey.axe("interpretation")
    # printing a policy: no navigation, URL shown
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert page.locator(".print-only").is_visible()


def test_matrix_page_on_a_375px_phone(phone):
    from cms.guides.models import BundlePage, ServiceGuidePage
    from cms.policies.models import PolicyDocumentPage

    page = phone.page
    # The smallest phones first: nothing scrolls sideways at 320 px.
    page.set_viewport_size({"width": 320, "height": 640})
    for url in ["/", "/zfxxgk/zcwjk/", PolicyDocumentPage.objects.live().first().url, ServiceGuidePage.objects.live().first().url,
                BundlePage.objects.live().first().url, "/search/?q=%E5%87%BA%E7%94%9F"]:
        phone.goto(url)
        assert no_horizontal_scroll(page), f"{url} scrolls sideways at 320 px"
    phone.shot("policy-320px")
    page.set_viewport_size({"width": 375, "height": 812})
    phone.goto("/")
    assert no_horizontal_scroll(page), "home page scrolls sideways at 375 px"
    phone.shot("home")
    page.get_by_role("main").get_by_role("link", name="基层政务公开").first.click()
    page.wait_for_load_state()
    assert "基层政务公开" in page.locator("h1").inner_text()
    phone.shot("matrix")
    phone.axe("matrix")
    assert no_horizontal_scroll(page), "the page itself must not scroll sideways; a wide matrix scrolls inside its box"
    main = page.get_by_role("main")
    cells = main.locator("a:visible").filter(has_text=re.compile(r"\d+\s*条"))
    if cells.count() == 0:
        pytest.xfail("基层政务公开 has no matrix yet: the catalogue issue builds the matrix view behind this link")
    # On a phone the 1+9 columns are readable without zooming: the city column and a district column are visible.
    for column in ("长沙市", "芙蓉区"):
        assert main.get_by_text(column, exact=True).filter(visible=True).count() >= 1, column
    cell = cells.first
    box = cell.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= 375
    cell.click()
    page.wait_for_load_state()
    assert no_horizontal_scroll(page)
    phone.shot("matrix-cell")
    phone.axe("matrix cell")


def test_reading_aids_are_remembered_and_work_by_keyboard(journey):
    page = journey.page
    journey.goto("/bsfw/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement") and skip.is_visible()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    base = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
    large = page.get_by_role("button", name="大字号")
    large.focus()
    page.keyboard.press("Enter")
    assert large.get_attribute("aria-pressed") == "true"
    bigger = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
    assert bigger >= 1.5 * base - 0.01
    page.get_by_role("button", name="高对比度").click()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    journey.axe("high contrast + large text")
    page.get_by_role("button", name="阅读辅助线").click()
    assert page.locator(".reading-guide").is_visible()
    journey.shot("reading-aids")
    # Remembered: a new page is rendered by the server already in this mode (no flash before the script runs).
    html = page.request.get(journey.base_url + "/zfxxgk/").text()
    assert 'class="a11y-large a11y-contrast a11y-guide"' in html
    journey.goto("/zfxxgk/")
    assert page.evaluate("document.documentElement.className") == "a11y-large a11y-contrast a11y-guide"
    page.get_by_role("button", name="恢复默认").click()
    journey.goto("/zfxxgk/")
    assert page.evaluate("document.documentElement.className") == ""


def test_error_page_is_in_the_design_system(journey):
    response = journey.goto("/no-such-page/")
    assert response.status == 404
    page = journey.page
    assert "页面不存在" in page.locator("h1").inner_text()
    journey.axe("404")
    page.get_by_label("搜索词").fill("营商环境")
    page.get_by_label("搜索词").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
