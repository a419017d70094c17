"""On a 390×844 phone the first search result is in the first screen, there is one search box, and the facets
open from the 筛选 button — with JavaScript and without."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREEN = {"width": 390, "height": 844}


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone_390(browser, demo_site, request):
    context = browser.new_context(viewport=SCREEN, device_scale_factor=3, is_mobile=True, has_touch=True, locale="zh-CN",
                                  java_script_enabled=request.param)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page, demo_site
    context.close()


@pytest.mark.parametrize("query", ["低保怎么申请", "生孩子要办什么", "出生"])
def test_the_first_result_is_in_the_first_screen_and_there_is_one_search_box(phone_390, query):
    from tests.browser.conftest import ARTIFACTS

    page, base = phone_390
    page.goto(f"{base}/search/?q={query}")
    first = page.locator("ol.results > li").first
    box = first.bounding_box()
    assert box is not None
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-phone-390-{query}.png"))
    assert box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"], box
    assert page.locator("input[type=search]").count() == 1
    assert page.locator("input[type=search]").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_filter_button_opens_the_facets(phone_390):
    page, base = phone_390
    page.goto(f"{base}/search/?q=出生")
    facet = page.locator(".facets").get_by_role("link", name="全部")
    assert not facet.is_visible()
    page.locator(".facets > summary").click()
    assert facet.is_visible()
    page.locator(".facets").get_by_role("link", name="办事指南", exact=False).click()
    page.wait_for_url("**type=guide**")
    assert page.locator(".facets").get_by_role("link", name="全部").is_visible()  # a chosen filter keeps them open


def test_on_a_wide_screen_the_facets_stay_open_beside_the_results(journey):
    page = journey.page
    journey.goto("/search/?q=出生")
    facets = page.locator(".facets").get_by_role("link", name="全部")
    assert facets.is_visible()
    assert facets.bounding_box()["x"] < page.locator("ol.results > li").first.bounding_box()["x"]
    assert page.locator("input[type=search]").count() == 1
    journey.shot("search-wide")
