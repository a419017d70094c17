"""信息报送 in the browser: 芙蓉区's site editor logs in and reports a 工作动态 article; the city's 站点管理员 adopts it
from the queue; a citizen reads the adopted article on the city site with its source; the statistics show 1 报送 and
1 采用 for 芙蓉区 this month."""
import re

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "芙蓉区政务服务中心推出“一件事一次办”延时服务"


def login(journey, username):
    page = journey.page
    journey.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("gongkai-demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))


def test_a_district_reports_news_and_the_city_adopts_it(browser, journey):
    from reporting.models import Report

    page = journey.page
    login(journey, "furong")
    journey.goto("/admin/reporting/")
    assert page.locator("h1").first.inner_text().strip() == "信息报送"
    option = page.locator("#report-page option").filter(has_text=TITLE)
    assert option.count() == 1
    page.select_option("#report-page", value=option.get_attribute("value"))
    journey.shot("district-chooses")
    journey.axe("district reporting page")
    page.get_by_role("button", name="报送上级").click()
    page.wait_for_url(re.compile(r"/admin/reporting/$"))
    assert page.get_by_text(f"已报送《{TITLE}》至长沙市，等待审核").is_visible()
    row = page.locator("#report-list tbody tr").filter(has_text=TITLE)
    assert row.locator(".report-status").inner_text() == "待审核"
    journey.shot("district-submitted")
    report = Report.objects.get(title=TITLE)

    page.context.clear_cookies()
    login(journey, "siteadmin")
    journey.goto("/admin/reporting/")
    queue_row = page.locator("#report-queue tbody tr").filter(has_text=TITLE)
    assert queue_row.count() == 1 and "芙蓉区" in queue_row.inner_text()
    journey.shot("city-queue")
    journey.axe("city reporting queue")
    queue_row.get_by_role("link", name=re.compile("审核")).click()
    page.wait_for_url(re.compile(rf"/admin/reporting/{report.pk}/$"))
    page.get_by_role("button", name="采用", exact=True).click()
    page.wait_for_url(re.compile(rf"/admin/reporting/{report.pk}/$"))
    assert page.get_by_text(f"已采用《{TITLE}》").first.is_visible()
    assert page.locator("#report-status").inner_text() == "已采用"
    journey.shot("city-adopted")

    report.refresh_from_db()
    adopted = report.adopted_page.specific
    citizen = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    citizen.goto(journey.base_url + adopted.get_url_parts()[2])
    assert citizen.locator("h1").inner_text() == TITLE
    assert "来源：芙蓉区" in citizen.locator(".meta").inner_text()
    assert citizen.get_by_role("link", name=TITLE).get_attribute("href") == report.source_url
    citizen.screenshot(path=str(journey.artifact("adopted-on-the-city-site.png")), full_page=True)
    citizen.context.close()

    journey.goto(f"/admin/reporting/stats/?month={timezone.localdate():%Y-%m}")
    row = page.locator(f'#report-stats tbody tr[data-unit="芙蓉区"][data-month="{timezone.localdate():%Y-%m}"]')
    assert row.locator(".n-submitted").inner_text() == "1"
    assert row.locator(".n-accepted").inner_text() == "1"
    assert row.locator(".n-rate").inner_text() == "100%"
    journey.shot("stats")
