"""In the admin, every number of the 好差评 figures links to the ratings it counts, and the XLSX export carries the
department figures and those ratings — never a contact. Lists show contacts masked."""
import re
from io import BytesIO

import pytest
from openpyxl import load_workbook

from cms.site.roles import EVALUATOR
from tests.factories.accounts import make_user
from tests.factories.ratings import published_guide, rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated():
    published_guide("430100-SJ-XK-0401", department="市市场监管局")
    published_guide("430100-GA-GG-0402", department="市公安局")
    for level in (5, 4, 4, 2):
        rate("430100-SJ-XK-0401", level, contact="13812345678" if level == 2 else "")
    rate("430100-GA-GG-0402", 1, contact="someone@example.com")


def test_each_figure_links_to_exactly_the_ratings_it_counts(client, rated):
    client.force_login(make_user("hcp-eval", role=EVALUATOR))
    overview = client.get("/admin/ratings/").content.decode()
    assert 'id="ratings-total">5<' in overview
    links = re.findall(r'<a href="(/admin/ratings/list/\?[^"]+)">(\d+)</a>', overview)
    assert len(links) == 2 * 8  # per department: count, five levels, 差评, closed
    for url, shown in links:
        listing = client.get(url.replace("&amp;", "&")).content.decode()
        rows = listing.count("<tr><td>") if "没有符合条件的评价" not in listing else 0
        assert rows == int(shown), url
        assert f'id="ratings-count">{shown}<' in listing
    listing = client.get("/admin/ratings/list/?department=市市场监管局&bad=1").content.decode()
    assert "138****5678" in listing and "13812345678" not in listing


def test_the_export_has_the_figures_and_the_ratings_but_no_contacts(client, rated):
    client.force_login(make_user("hcp-eval2", role=EVALUATOR))
    response = client.get("/admin/ratings/list/export.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    figures = [row for row in book["部门统计"].iter_rows(values_only=True)]
    assert figures[0][:2] == ("部门", "评价数")
    by_name = {row[0]: row for row in figures[1:]}
    assert by_name["市市场监管局"][1] == 4 and by_name["市市场监管局"][7] == 0.75 and by_name["市公安局"][7] == 0
    detail = list(book["评价明细"].iter_rows(values_only=True))
    assert len(detail) == 6 and "联系方式" not in detail[0]
    text = repr(figures + detail)
    assert "13812345678" not in text and "someone@example.com" not in text and "138****5678" not in text
    one = load_workbook(BytesIO(client.get("/admin/ratings/list/export.xlsx?department=市公安局").content))
    assert len(list(one["评价明细"].iter_rows(values_only=True))) == 2


def test_people_without_the_role_do_not_see_the_figures_admin(client, rated):
    client.force_login(make_user("hcp-editor2", role="目录编辑"))
    assert client.get("/admin/ratings/").status_code in (302, 403)
    assert client.get("/admin/ratings/list/export.xlsx").status_code in (302, 403)
