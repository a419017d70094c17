"""The evaluator's timeliness export (XLSX and CSV) carries the 好差评 figures per department for the same period
(issue 23 part 3), each number counted from the ratings themselves."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cms.site import roles
from tests.factories.accounts import make_user
from tests.factories.ratings import published_guide, rate

pytestmark = pytest.mark.django_db


def test_the_dashboard_export_has_a_rating_section_that_counts_the_ratings(client):
    published_guide("11430100MB0000001A4000000000000001", department="市市场监管局")
    published_guide("11430100MB0000001A4000000000000002", department="市民政局")
    for level in (5, 5, 4, 1):
        rate("11430100MB0000001A4000000000000001", level)
    rate("11430100MB0000001A4000000000000002", 3)
    client.force_login(make_user("ev", roles.EVALUATOR))

    wb = load_workbook(io.BytesIO(client.get(reverse("timeliness_dashboard"), {"format": "xlsx"}).content))
    sheet = next(ws for ws in wb.worksheets if ws.title.startswith("好差评"))
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["合计"][1:7] == (5, 2, 1, 1, 0, 1)  # count, then 非常满意 … 非常不满意
    assert str(rows["合计"][7]).startswith("80")  # levels 3-5: four of five
    assert rows["市市场监管局"][1] == 4 and rows["市市场监管局"][6] == 1  # four ratings, one 非常不满意
    assert rows["市民政局"][1] == 1

    csv_text = client.get(reverse("timeliness_dashboard"), {"format": "csv"}).content.decode("utf-8-sig")
    assert "好差评（按部门，评价日期在期间内）" in csv_text and "市民政局,1," in csv_text
