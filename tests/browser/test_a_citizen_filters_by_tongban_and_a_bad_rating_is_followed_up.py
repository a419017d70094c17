"""Issue 23 in a real browser: a citizen (JavaScript off) searches 新生儿, narrows the results to 跨省通办 with the
facet, opens the guide and rates it 非常不满意 with a contact; the officer finds the 差评 case and takes it through
核实 (情况属实，整改), 整改 and 回访 until it is closed, each step with its deadline on the official calendar."""
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


def test_tongban_filter_then_a_bad_rating_is_taken_to_the_return_visit(no_script, journey):
    from ratings.models import FollowUpCase

    page = no_script.page
    no_script.goto("/search/?q=新生儿")
    before = page.locator("ol.results > li").count()
    page.get_by_role("link", name=re.compile(r"^跨省通办（\d+）")).first.click()
    page.wait_for_load_state()
    assert "tongban=" in page.url
    results = page.locator("ol.results > li")
    assert 0 < results.count() < before
    assert all("跨省通办" in results.nth(i).inner_text() for i in range(results.count()))
    no_script.shot("search-filtered-by-tongban")
    title = results.first.locator("h3").inner_text().strip()
    results.first.locator("h3 a").click()
    page.wait_for_load_state()
    assert "跨省通办" in page.content()

    page.get_by_label("非常不满意", exact=True).check()
    page.get_by_label("评价内容（选填，500字以内）").fill("跨省办理时窗口说不能办")
    page.get_by_label("联系方式（选填：手机号码、固定电话或电子邮箱）").fill("13812345678")
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_url(re.compile(r"/hcp/xiexie/"))
    assert "感谢您的评价" in page.locator("h1").inner_text()

    case = FollowUpCase.objects.filter(rating__target_title=title).order_by("-pk").first()
    assert case is not None and case.step == "verify"

    officer = journey.page
    journey.goto("/admin/login/")
    officer.locator("#id_username").fill("officer")
    officer.locator("#id_password").fill("gongkai-demo")
    officer.locator("#id_password").press("Enter")
    officer.wait_for_load_state()
    journey.goto("/admin/ratings/cases/")
    assert title in officer.content()
    journey.goto(f"/admin/ratings/cases/{case.pk}/")
    assert "期限" in officer.locator("#case-step").inner_text()
    officer.get_by_label("情况属实，整改").check()
    officer.locator("#case-note").fill("经核实，窗口人员对跨省通办业务不熟悉。")
    officer.get_by_role("button", name="提交核实").click()
    officer.wait_for_load_state()
    assert "整改" in officer.locator("#case-step").inner_text()
    officer.locator("#case-note").fill("已对窗口人员开展跨省通办业务培训。")
    officer.get_by_role("button", name="提交整改").click()
    officer.wait_for_load_state()
    assert "回访" in officer.locator("#case-step").inner_text()
    officer.locator("input[name=outcome]").first.check()
    officer.locator("#case-note").fill("电话回访，评价人认可整改结果。")
    officer.get_by_role("button", name="提交回访").click()
    officer.wait_for_load_state()
    assert "已办结" in officer.locator("#case-step").inner_text()
    journey.shot("case-closed")
    case.refresh_from_db()
    assert case.is_closed
