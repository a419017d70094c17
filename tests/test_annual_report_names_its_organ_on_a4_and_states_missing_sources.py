"""The annual report speaks for the site's organ by its real name, prints on A4, and states which table-two rows have
no data source (“无数据来源”) instead of printing 0 and announcing that every check passed."""
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from docx.shared import Mm
from wagtail.models import Page, Site

from cms.site import roles
from tests.factories import timeliness as f
from tests.factories.accounts import PASSWORD, make_user
from timeliness import annual_report, report_render
from timeliness.models import AnnualReport

pytestmark = pytest.mark.django_db
YEAR = 2025
ORGAN = "某某市人民政府"


@pytest.fixture
def site_organ(db):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=Page.get_first_root_node(), is_default_site=True)
    site.site_name = ORGAN
    site.save()
    f.disclosure_request(date(2025, 3, 2), outcome="open", replied_on=date(2025, 3, 20))
    return ORGAN


def table_two_value(document, label):
    two = document.tables[0]
    return next(row.cells[1].text for row in two.rows if row.cells[0].text == label)


def test_the_report_is_headed_with_the_sites_organ_and_printed_on_a4(site_organ, tmp_path):
    data = annual_report.build(YEAR)
    assert data["title"] == f"{ORGAN}{YEAR}年政府信息公开工作年度报告" and f"{YEAR}年，{ORGAN}主动公开" in data["sections"]["overview"]
    out = tmp_path / "report.docx"
    call_command("annual_report", str(YEAR), format="docx", output=str(out), stdout=io.StringIO(), stderr=io.StringIO())
    document = Document(str(out))
    assert "本级人民政府" not in "\n".join(p.text for p in document.paragraphs)
    for section in document.sections:
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297  # A4, not US Letter
        text_width = section.page_width - section.left_margin - section.right_margin
        for table in document.tables:
            assert sum(c.width for c in table.columns) <= text_width + Mm(0.5)  # tables fit the type area (twip rounding)


def test_rows_without_a_data_source_are_stated_not_passed(site_organ, client):
    data = annual_report.build(YEAR)
    assert annual_report.missing_sources(data) == ["行政许可", "行政处罚", "行政强制", "行政事业性收费"]
    document = Document(io.BytesIO(report_render.to_docx(data)))
    assert table_two_value(document, "行政许可") == "无数据来源" and table_two_value(document, "行政事业性收费") == "无数据来源"
    assert any("无数据来源（未填报）" in p.text for p in document.paragraphs)
    assert "无数据来源" in report_render.to_html(data)
    make_user("ev", roles.EVALUATOR)
    client.login(username="ev", password=PASSWORD)
    page = client.get(reverse("timeliness_annual_report"), {"year": YEAR}).content.decode()
    assert "勾稽检查全部通过" not in page and "本级" not in page
    assert "4 行无数据来源" in page and "行政许可、行政处罚、行政强制、行政事业性收费" in page
    assert f"{ORGAN}（全部机关）" in page
    err = io.StringIO()
    call_command("annual_report", str(YEAR), format="json", stdout=io.StringIO(), stderr=err)
    assert "无数据来源：表二「行政许可」" in err.getvalue()

    # Entered zeros are a source: then every check passes, and the report prints 0.
    AnnualReport.objects.create(year=YEAR, organ=None, licensing_decisions=0, penalty_decisions=0, enforcement_decisions=0,
                                fees_wan_yuan=0)
    data = annual_report.build(YEAR)
    assert annual_report.missing_sources(data) == []
    assert table_two_value(Document(io.BytesIO(report_render.to_docx(data))), "行政许可") == "0"
    assert "勾稽检查全部通过" in client.get(reverse("timeliness_annual_report"), {"year": YEAR}).content.decode()
