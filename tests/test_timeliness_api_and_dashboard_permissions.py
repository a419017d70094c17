"""GET /api/timeliness (design §2.9) and the admin dashboard: evaluators and administrators only; the evaluator
reads everything and changes nothing; bad input gives a Chinese 400, never a 500; exports carry the filters."""
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.site import roles
from tests.factories import timeliness as f
from tests.factories.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db
COUNTERS = {"count", "published", "on_time", "late", "overdue_unpublished", "avg_working_days", "median_working_days", "p90_working_days"}


def login(client, username, role):
    make_user(username, role)
    assert client.login(username=username, password=PASSWORD)
    return client


def menu_labels(client):
    """The labels of the admin menu as the logged-in user's request sees it."""
    from wagtail.admin.menu import admin_menu

    request = client.get(reverse("wagtailadmin_home")).wsgi_request
    return [item.label for item in admin_menu.menu_items_for_request(request)]


@pytest.fixture
def data(db):
    edu, health = f.organ("市教育局"), f.organ("市卫生健康委员会")
    f.record(date(2025, 3, 3), date(2025, 3, 12), department=edu)  # 7 working days
    f.record(date(2025, 3, 5), date(2025, 4, 15), department=edu)  # late
    f.record(date(2025, 4, 1), date(2025, 4, 3), department=health)
    f.record(date(2024, 12, 2), date(2024, 12, 4), department=health)  # outside 2025
    return edu, health


def test_evaluator_gets_exactly_the_designed_json(client, data):
    edu, _ = data
    login(client, "ev", roles.EVALUATOR)
    response = client.get("/api/timeliness", {"from": "2025-01-01", "to": "2025-12-31"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == COUNTERS | {"by_department", "by_month"}
    assert body["count"] == 3 and body["published"] == 3 and body["on_time"] == 2 and body["late"] == 1
    assert body["median_working_days"] == 7.0
    for row in body["by_department"]:
        assert set(row) == COUNTERS | {"department"}
    assert {r["department"]: r["count"] for r in body["by_department"]} == {"市教育局": 2, "市卫生健康委员会": 1}
    assert [m["month"] for m in body["by_month"]] == ["2025-03", "2025-04"]
    assert all(set(m) == COUNTERS | {"month"} for m in body["by_month"])
    only_edu = client.get("/api/timeliness", {"from": "2025-01-01", "to": "2025-12-31", "department": "市教育局"}).json()
    assert only_edu["count"] == 2 and [d["department"] for d in only_edu["by_department"]] == ["市教育局"]
    assert client.get("/api/timeliness", {"department": str(edu.pk)}).json()["count"] == 2


def test_administrator_may_call_the_api(client, data):
    login(client, "adm", roles.SITE_ADMIN)
    assert client.get("/api/timeliness").status_code == 200


@pytest.mark.parametrize("role", [roles.OFFICER, roles.CATALOGUE_EDITOR, None])
def test_other_users_get_403_json(client, data, role):
    login(client, "u", role)
    response = client.get("/api/timeliness")
    assert response.status_code == 403
    assert "评估员" in response.json()["error"]


def test_anonymous_gets_401_json(client, data):
    response = client.get("/api/timeliness")
    assert response.status_code == 401
    assert "登录" in response.json()["error"]


@pytest.mark.parametrize("params, words", [
    ({"from": "2025/01/01"}, "格式不正确"), ({"to": "yesterday"}, "格式不正确"),
    ({"from": "2025-05-01", "to": "2025-01-01"}, "晚于"), ({"department": "不存在的局"}, "未找到部门"),
])
def test_bad_input_is_a_chinese_400(client, data, params, words):
    login(client, "ev", roles.EVALUATOR)
    response = client.get("/api/timeliness", params)
    assert response.status_code == 400
    assert words in response.json()["error"]


def test_evaluator_sees_the_dashboard_officer_and_editor_do_not(client, data):
    login(client, "ev", roles.EVALUATOR)
    page = client.get(reverse("timeliness_dashboard"), {"from": "2025-01-01", "to": "2025-12-31"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "市教育局" in html and "<svg" in html and "法定时限 20 个工作日" in html and "目标 7 个工作日" in html
    assert "发布时效统计" in menu_labels(client)
    for role in (roles.OFFICER, roles.CATALOGUE_EDITOR):
        client.logout()
        login(client, f"x-{role}", role)
        assert client.get(reverse("timeliness_dashboard")).status_code == 302  # Wagtail's permission denial
        assert client.get(reverse("timeliness_records")).status_code == 302
        assert "发布时效统计" not in menu_labels(client)


def test_evaluator_reads_registers_but_cannot_add(client, data):
    login(client, "ev", roles.EVALUATOR)
    assert client.get(reverse("wagtailsnippets_timeliness_disclosurerequest:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_timeliness_disclosurerequest:add")).status_code != 200
    assert client.get(reverse("wagtailsnippets_timeliness_reviewcase:add")).status_code != 200


def test_drilldown_page_shows_deadline_explanations(client, data):
    edu, _ = data
    login(client, "ev", roles.EVALUATOR)
    page = client.get(reverse("timeliness_records"), {"from": "2025-01-01", "to": "2025-12-31", "metric": "late", "dept": edu.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert "共 1 件" in html and "起算日：2025-03-05" in html and "到期日：2025-04-02" in html


def test_dashboard_bad_dates_show_a_message_not_a_500(client, data):
    login(client, "ev", roles.EVALUATOR)
    page = client.get(reverse("timeliness_dashboard"), {"from": "not-a-date"})
    assert page.status_code == 200 and "格式不正确" in page.content.decode()
    page = client.get(reverse("timeliness_records"), {"metric": "nonsense", "month": "2025-99x"})
    assert page.status_code == 200 and "未知的统计项" in page.content.decode()


def test_exports_write_the_filters_into_the_header(client, data):
    edu, _ = data
    login(client, "ev", roles.EVALUATOR)
    params = {"from": "2025-01-01", "to": "2025-06-30", "department": edu.pk}
    csv_text = client.get(reverse("timeliness_dashboard"), {**params, "format": "csv"}).content.decode("utf-8-sig")
    assert "# 开始日期,2025-01-01" in csv_text and "# 结束日期,2025-06-30" in csv_text and "# 部门,市教育局" in csv_text
    assert "合计,2,2,1,1" in csv_text
    xlsx = client.get(reverse("timeliness_dashboard"), {**params, "format": "xlsx"})
    wb = load_workbook(io.BytesIO(xlsx.content))
    sheet = wb["总体"]
    cells = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert cells["部门"] == "市教育局" and cells["开始日期"] == "2025-01-01"
    assert cells["合计"] == 2
    drill = client.get(reverse("timeliness_records"), {**params, "metric": "late", "dept": edu.pk, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(drill.content)).active.iter_rows(values_only=True))
    assert ("统计项", "超期发布（>20个工作日）") in [r[:2] for r in rows]
    assert any(r[0] and "2025-03-05" in r[0] for r in rows)


def test_public_transparency_page_shows_monthly_figures_and_can_be_switched_off(client, data, demo):
    from wagtail.models import Site

    from cms.site.models import SiteIdentity

    page = client.get(reverse("timeliness_public"), {"year": 2025})
    html = page.content.decode()
    assert page.status_code == 200 and "2025-03" in html and "2025-04" in html
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    identity.public_timeliness = False
    identity.save()
    assert client.get(reverse("timeliness_public")).status_code == 404
