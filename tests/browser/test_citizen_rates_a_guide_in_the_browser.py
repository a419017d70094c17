"""A citizen rates a guide from its page in a real browser, with JavaScript switched off (the form is plain HTML),
is thanked in Chinese, and finds the new figure on the guide page at once although the page cache is on. axe-core
finds no serious or critical violation on the guide page with its widget or on the thank-you page."""
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def no_script(browser, demo_site, request):
    from tests.browser.conftest import Journey

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Journey(page, request.node.name.removeprefix("test_"), demo_site)
    context.close()


def test_rating_from_the_guide_page_without_javascript(no_script, journey):
    from cms.guides.models import ServiceGuidePage

    guide = ServiceGuidePage.objects.live().order_by("code").first()
    page = no_script.page
    no_script.goto(guide.url)
    widget = page.locator("#hcp")
    assert "好差评" in widget.inner_text()
    page.get_by_label("不满意", exact=True).check()
    page.get_by_label("评价内容（选填，500字以内）").fill("材料清单与窗口要求不一致")
    page.get_by_label("联系方式（选填：手机号码、固定电话或电子邮箱）").fill("13812345678")
    no_script.shot("guide-rating-filled")
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_url(re.compile(r"/hcp/xiexie/"))
    assert "感谢您的评价" in page.locator("h1").inner_text()
    assert "个工作日内核实" in page.locator("#rating-thanks").inner_text()
    no_script.shot("thanks")
    page.get_by_role("link", name=f"返回{guide.title}").click()
    page.wait_for_load_state()
    assert "已有 1 条评价" in page.locator("#rating-figure").inner_text()
    assert "13812345678" not in page.content()

    # with JavaScript on (the site's own scripts), the same page passes axe-core with its widget
    journey.goto(guide.url)
    journey.axe("guide with rating widget")
    journey.goto(f"/hcp/sx/{guide.code}/")
    journey.axe("guide figures")
    assert '<th scope="row">不满意</th><td>1</td>' in journey.page.content()
