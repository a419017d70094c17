"""Each role signs in and finds its own work on the admin home (in Chinese, under the site's name), follows the
panel to the page where that work is done, and both pages pass axe-core with no serious or critical violation."""
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROLES = {
    # role: (panel heading, link in the panel, heading of the page it leads to)
    "officer": ("公文公开待办", "打开公文收件箱", "公文收件箱"),
    "editor": ("目录维护待办", "事项待更新", "目录覆盖与待更新"),
    "evaluator": (re.compile(r"\d{4}年\d{1,2}月发布时效"), "查看发布时效统计", "发布时效统计"),
    "siteadmin": ("系统运行状况", "导入失败的文件", "公文收件箱"),
}


def sign_in(journey, username):
    page = journey.page
    journey.goto("/admin/login/")
    assert "Wagtail" not in page.title() and "长沙市人民政府" in page.title()
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("gongkai-demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))


@pytest.mark.parametrize("role", list(ROLES))
def test_role_finds_its_work_on_the_admin_home(journey, role):
    heading, link, destination = ROLES[role]
    page = journey.page
    sign_in(journey, role)
    assert page.title() == "控制面板 - 长沙市人民政府政务公开管理后台"
    panel = page.locator("section.gk-role-panel")
    assert panel.count() == 1
    assert panel.get_by_role("heading", name=heading).is_visible()
    assert "Wagtail" not in page.locator("body").inner_text()
    journey.shot(f"{role}-home")
    journey.axe(f"{role} home")
    panel.get_by_role("link", name=link).first.click()
    page.wait_for_load_state()
    assert destination in page.title()
    journey.shot(f"{role}-work")
    journey.axe(f"{role} work page")
