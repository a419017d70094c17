"""A citizen applies through the 依申请公开 form in a real browser (no script needed), keeps the 查询码, and later
sees the reply on the status page after the office has accepted the request, extended it once and replied; the
officer downloads the 答复告知书. The form and the status page pass axe-core with no serious or critical violation."""
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_citizen_applies_and_tracks_while_the_office_replies(journey, browser):
    from django.core.cache import cache

    cache.clear()
    page = journey.page
    journey.goto("/zfxxgk/ysqgk/")
    assert "政府信息公开申请" in page.title()
    journey.axe("application form")
    page.get_by_label("自然人").check()
    page.locator("#id_name").fill("赵六")
    page.locator("#id_id_type").select_option("居民身份证")
    page.locator("#id_id_number").fill("11010519491231002")  # one character short: a Chinese error, not a 500
    page.locator("#id_phone").fill("13812345678")
    page.locator("#id_address").fill("长沙市芙蓉区某路8号")
    page.locator("#id_description").fill("申请公开本区2025年道路改造工程的招标文件")
    page.get_by_label("电子", exact=True).check()
    page.get_by_label("邮寄").check()
    page.get_by_role("button", name="提交申请").click()
    assert "身份证号码不正确" in page.locator("#id_id_number_error").inner_text()
    journey.shot("field-error")
    page.locator("#id_id_number").fill("11010519491231002X")
    page.get_by_role("button", name="提交申请").click()
    code = page.locator("#query-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{12}", code)
    journey.shot("submitted")

    officer = browser.new_context(locale="zh-CN").new_page()
    officer.goto(journey.base_url + "/admin/login/")
    officer.locator("#id_username").fill("officer")
    officer.locator("#id_password").fill("gongkai-demo")
    officer.locator("#id_password").press("Enter")
    officer.wait_for_url(re.compile(r"/admin/$"))
    officer.locator("#request-work").get_by_role("link", name=re.compile("待受理")).click()
    officer.wait_for_url(re.compile(r"status=registered"))
    officer.locator("table.listing a").first.click()
    officer.wait_for_url(re.compile(r"/admin/requests/\d+/$"))
    officer.get_by_text("赵六").first.wait_for()
    officer.get_by_role("button", name="受理").click()
    officer.locator("#id_extend-approver").wait_for()
    officer.locator("#id_extend-approver").fill("办公室主任")
    officer.locator("#id_extend-reason").fill("需向档案馆调取")
    officer.locator("#id_extend-days").fill("10")
    officer.get_by_role("button", name=re.compile("延长答复期限")).click()
    officer.get_by_text("已延长答复期限").first.wait_for()
    received_on = officer.request.get(f"{journey.base_url}/api/requests/{code}").json()["received_on"]
    officer.locator("#id_reply-on").fill(received_on)  # replied on the day of receipt (today may be a weekend)
    officer.locator("#id_reply-reply_type").select_option("open")
    officer.locator("#id_reply-outcome").select_option("open")
    officer.get_by_role("button", name="答复", exact=True).click()
    officer.get_by_role("link", name=re.compile("答复告知书（DOCX）")).wait_for()
    with officer.expect_download() as download:
        officer.get_by_role("link", name=re.compile("答复告知书（DOCX）")).click()
    assert download.value.suggested_filename.endswith(".docx")
    officer.context.close()

    journey.goto(f"/zfxxgk/ysqgk/cx/?code={code}")
    assert page.locator("#request-status").inner_text() == "已答复"
    body = page.locator("body").inner_text()
    assert "延长答复期限" in body and "10个工作日" in body and "赵六" not in body and "13812345678" not in body
    journey.shot("tracked")
    journey.axe("status page")
