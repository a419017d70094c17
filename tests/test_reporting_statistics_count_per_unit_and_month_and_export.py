"""报送统计: per unit and month of submission — 报送, 采用, 退回, 待审核 and 采用率 — the same figures in the admin,
the XLSX and the CSV export; a district sees only its own; bad input gets a Chinese message, never a 500."""
import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from reporting import services, stats
from reporting.models import Report
from tests.factories import reporting as factory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def sg():
    sg = factory.site_group()
    fr, tx = sg.furong.site.root_page.specific, sg.tianxin.site.root_page.specific
    plan = [  # (home, slug, outcome, submitted at)
        (fr, "a", "accept", datetime(2026, 10, 8, 10, tzinfo=TZ)),
        (fr, "b", "return", datetime(2026, 10, 31, 23, 30, tzinfo=TZ)),  # still October in Beijing
        (fr, "c", "accept", datetime(2026, 11, 2, 9, tzinfo=TZ)),
        (tx, "a", "accept", datetime(2026, 11, 3, 9, tzinfo=TZ)),
        (tx, "b", None, datetime(2026, 11, 20, 9, tzinfo=TZ)),
    ]
    for home, slug, outcome, at in plan:
        page = factory.news(home, slug, f"{home.title}动态{slug}")
        editor = sg.furong_editor if home == fr else sg.tianxin_editor
        report = services.submit(page, editor)
        if outcome == "accept":
            services.accept(report, sg.site_admin)
        elif outcome == "return":
            services.return_report(report, sg.site_admin, "请补充")
        Report.objects.filter(pk=report.pk).update(submitted_at=at)
    return sg


def cells(rows):
    return [(r.unit, r.month, r.submitted, r.accepted, r.returned, r.pending, r.rate_text) for r in rows]


def test_figures_per_unit_and_month(sg, settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    monthly, totals, grand = stats.rows(Report.objects.all())
    assert cells(monthly) == [
        ("芙蓉区", "2026-11", 1, 1, 0, 0, "100%"),
        ("芙蓉区", "2026-10", 2, 1, 1, 0, "50%"),
        ("天心区", "2026-11", 2, 1, 0, 1, "50%"),
    ]
    assert cells(totals) == [("芙蓉区", "合计", 3, 2, 1, 0, "67%"), ("天心区", "合计", 2, 1, 0, 1, "50%")]
    assert cells([grand]) == [("全部单位", "合计", 5, 3, 1, 1, "60%")]
    # An independent count of the same reports.
    assert grand.accepted == Report.objects.filter(status="accepted").count()
    monthly, _, grand = stats.rows(Report.objects.all(), month=(2026, 10))
    assert cells(monthly) == [("芙蓉区", "2026-10", 2, 1, 1, 0, "50%")]


def test_the_admin_table_and_both_exports_carry_the_same_figures(sg, client):
    assert client.login(username="city-admin", password=PASSWORD)
    response = client.get("/admin/reporting/stats/")
    text = response.content.decode()
    assert response.status_code == 200 and "报送统计" in text and "采用率" in text
    assert 'data-unit="天心区" data-month="2026-11"' in text

    response = client.get("/admin/reporting/stats/export.xlsx?month=2026-11")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = [list(row) for row in book["报送统计"].iter_rows(values_only=True)]
    assert sheet[0] == stats.HEADER
    assert ["芙蓉区", "2026-11", 1, 1, 0, 0, "100%"] in sheet and ["天心区", "2026-11", 2, 1, 0, 1, "50%"] in sheet
    assert sheet[-1] == ["全部单位", "合计", 3, 2, 0, 1, "67%"]
    assert ["芙蓉区", "合计", 1, 1, 0, 0, "100%"] in sheet
    detail = list(book["报送明细"].iter_rows(values_only=True))
    assert len(detail) == 1 + 3

    response = client.get("/admin/reporting/stats/export.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == stats.HEADER
    assert ["芙蓉区", "2026-10", "2", "1", "1", "0", "50%"] in rows
    assert rows[-1] == ["全部单位", "合计", "5", "3", "1", "1", "60%"]


def test_a_unit_that_reported_nothing_shows_as_zero(sg, client):
    from tests.factories.accounts import make_user
    from sitegroup import services as group

    group.add_district(name="岳麓区", full_name="长沙市岳麓区人民政府", slug="yuelu")
    make_user("yl-editor", "岳麓区站点编辑")
    assert client.login(username="city-admin", password=PASSWORD)
    rows = list(csv.reader(io.StringIO(client.get("/admin/reporting/stats/export.csv?month=2026-10").content.decode("utf-8-sig"))))
    assert ["岳麓区", "合计", "0", "0", "0", "0", "—"] in rows and ["天心区", "合计", "0", "0", "0", "0", "—"] in rows
    assert ["芙蓉区", "合计", "2", "1", "1", "0", "50%"] in rows
    assert not any(row[0] == "长沙市" for row in rows)  # the city reports to no one


def test_a_district_reads_only_its_own_figures(sg, client):
    assert client.login(username="fr-editor", password=PASSWORD)
    text = client.get("/admin/reporting/stats/").content.decode()
    assert "芙蓉区" in text and "天心区" not in text
    rows = list(csv.reader(io.StringIO(client.get("/admin/reporting/stats/export.csv").content.decode("utf-8-sig"))))
    assert rows[-1] == ["全部单位", "合计", "3", "2", "1", "0", "67%"]


@pytest.mark.parametrize("month", ["2026-13", "abc", "2026-1", "２０２６-11", "x" * 500])
def test_a_bad_month_gets_a_chinese_message(sg, client, month):
    assert client.login(username="city-admin", password=PASSWORD)
    response = client.get("/admin/reporting/stats/", {"month": month})
    assert response.status_code == 400 and "月份格式应为" in response.content.decode()
    for export in ("xlsx", "csv"):
        response = client.get(f"/admin/reporting/stats/export.{export}", {"month": month})
        assert response.status_code == 400 and "月份格式应为" in response.content.decode()


@pytest.mark.parametrize("data", [{}, {"page": "abc"}, {"page": "-1"}, {"page": "99999999"}, {"page": "9" * 40}])
def test_bad_submissions_get_chinese_errors_never_500(sg, client, data):
    assert client.login(username="fr-editor", password=PASSWORD)
    for response in (client.post("/admin/reporting/submit/", data), client.get("/admin/reporting/submit/", data)):
        assert response.status_code == 400
        assert "请选择要报送的信息" in response.content.decode()


def test_bad_decisions_get_chinese_errors_never_500(sg, client):
    assert client.login(username="city-admin", password=PASSWORD)
    pending = Report.objects.get(status="pending")
    response = client.post(f"/admin/reporting/{pending.pk}/", {"action": "bogus"})
    assert response.status_code == 400 and "请选择采用或退回" in response.content.decode()
    done = Report.objects.filter(status="accepted").first()
    response = client.post(f"/admin/reporting/{done.pk}/", {"action": "return", "reason": "x"})
    assert response.status_code == 400 and "该报送已处理（已采用），不能再次审核" in response.content.decode()
    assert client.get("/admin/reporting/999999/").status_code == 404
    assert client.get("/admin/reporting/?status=nonsense").status_code == 200
    assert client.get(f"/admin/reporting/{timezone.now():%Y}/").status_code == 404
