"""An editor exports the published 事项清单 to Excel (admin link or `export_guides`), edits it and imports it back:
what was not edited comes back unchanged, and a text that looks like a formula stays text."""
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase
from openpyxl import load_workbook

from cms.guides.models import ServiceGuidePage
from importers.guide_excel import COLUMNS
from tests.factories.guides import excel_row, guide_site, guide_workbook

pytestmark = pytest.mark.django_db

ROWS = [
    excel_row("430100-MZ-QR-0901", "结婚登记", 生命周期阶段="婚育", 法定期限=30, 承诺期限="即办", 服务对象="个人",
              申请材料="居民身份证|原件|2|申请人自备|是|否\n户口簿|复印件||公安部门（数据共享）|否|是",
              办理流程="申请\n审查\n登记", 申请表字段="男方姓名\n女方姓名", 常见问题="问：要预约吗？\n答：建议预约。",
              网上办理地址="https://zwfw.example.gov.cn/jhdj",
              通办="全程网办；跨省通办（四川省、重庆市）；就近办：松陵街道便民服务中心"),
    excel_row("430100-MZ-QR-0902", "离婚登记", 到现场次数=None, 承诺期限=None, 收费="不收费"),
]


def _import(path):
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        try:
            call_command("import_guides", str(path), stdout=out)
        except SystemExit as exc:
            assert exc.code == 0, out.getvalue()
    return out.getvalue()


def _sheet(data):
    sheet = load_workbook(BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()], sheet


def test_the_exported_list_imports_back_unchanged_and_an_edit_comes_back_as_an_update(tmp_path):
    guide_site()
    assert "新增 2 条" in _import(guide_workbook(tmp_path / "清单.xlsx", ROWS))

    exported = tmp_path / "导出.xlsx"
    out = StringIO()
    call_command("export_guides", str(exported), stdout=out)
    assert "已导出 2 个办事指南" in out.getvalue()
    rows, _ = _sheet(exported.read_bytes())
    assert rows[0] == [label for label, _ in COLUMNS]
    marriage = dict(zip(rows[0], next(r for r in rows if r[0] == "430100-MZ-QR-0901")))
    assert marriage["申请材料"] == "居民身份证|原件|2|申请人自备|是|否\n户口簿|复印件||公安部门（数据共享）|否|是"
    assert marriage["承诺期限"] == "即办" and marriage["法定期限"] == 30
    assert marriage["通办"] == "全程网办；跨省通办：四川省、重庆市；就近办：松陵街道便民服务中心"

    assert "新增 0 条，更新 0 条，未变化 2 条" in _import(exported)

    book = load_workbook(exported)
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "430100-MZ-QR-0902":
            row[header.index("办理地点")].value = "市民中心二楼 12 号窗口"
    book.save(exported)
    assert "新增 0 条，更新 1 条，未变化 1 条" in _import(exported)
    assert ServiceGuidePage.objects.get(code="430100-MZ-QR-0902").location == "市民中心二楼 12 号窗口"


def test_a_text_that_looks_like_a_formula_is_exported_as_text(tmp_path):
    guide_site()
    _import(guide_workbook(tmp_path / "清单.xlsx", ROWS[:1]))
    ServiceGuidePage.objects.filter(code="430100-MZ-QR-0901").update(hours="=HYPERLINK(\"http://example.com\")")
    exported = tmp_path / "导出.xlsx"
    call_command("export_guides", str(exported), stdout=StringIO())
    rows, sheet = _sheet(exported.read_bytes())
    column = rows[0].index("办理时间")
    assert rows[1][column] == "=HYPERLINK(\"http://example.com\")"
    assert sheet.cell(row=2, column=column + 1).data_type == "s"


def test_the_admin_link_gives_the_list_to_editors_only(client, admin_client, tmp_path):
    guide_site()
    _import(guide_workbook(tmp_path / "清单.xlsx", ROWS))
    assert client.get("/admin/guides/export.xlsx").status_code == 302  # to the login page

    page = admin_client.get("/admin/guides/import/").content.decode()
    assert "导出已发布的事项清单" in page
    response = admin_client.get("/admin/guides/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    rows, _ = _sheet(response.content)
    assert sorted(r[0] for r in rows[1:]) == ["430100-MZ-QR-0901", "430100-MZ-QR-0902"]


def test_in_a_site_group_each_site_exports_its_own_guides(group_demo, tmp_path, admin_client):
    from wagtail.models import Site

    def codes(*options):
        path = tmp_path / "导出.xlsx"
        call_command("export_guides", str(path), *options, stdout=StringIO())
        return {row[0] for row in _sheet(path.read_bytes())[0][1:]}

    everything = codes()
    by_site = {site.hostname: codes("--site", site.hostname) for site in Site.objects.all()}
    furong = next(h for h in by_site if h.startswith("furong"))
    assert by_site[furong] == {"430102-MZ-GF-0001"}  # the district's own 低保 guide, none of the city's
    city = Site.objects.get(is_default_site=True).hostname
    assert "430102-MZ-GF-0001" not in by_site[city] and len(by_site[city]) > 10
    assert set().union(*by_site.values()) == everything
    assert sum(len(c) for c in by_site.values()) == len(everything)  # every guide in exactly one site's list

    with pytest.raises(CommandError, match="站群中没有域名为“nowhere.example”的站点"):
        call_command("export_guides", str(tmp_path / "x.xlsx"), "--site", "nowhere.example", stdout=StringIO())
    assert f"?site={furong}" in admin_client.get("/admin/guides/import/").content.decode()
    response = admin_client.get("/admin/guides/export.xlsx", {"site": furong})
    assert {row[0] for row in _sheet(response.content)[0][1:]} == {"430102-MZ-GF-0001"}
    refused = admin_client.get("/admin/guides/export.xlsx", {"site": "nowhere.example"})
    assert refused.status_code == 400 and "站群中没有域名为" in refused.content.decode()
