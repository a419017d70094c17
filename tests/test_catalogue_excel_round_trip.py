"""The standard catalogue table in Excel: a 200-row file with 5 bad rows loads 195 rows and reports the 5 by row
number in Chinese; an exported file re-imports unchanged; the admin upload and the command agree."""
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from openness_catalog import standard
from openness_catalog.excel import WorkbookUnreadable, export_bytes, import_workbook
from openness_catalog.models import CatalogueItem
from tests.factories import catalogue as f
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

DOMAINS = ["就业", "社会救助", "保障性住房", "义务教育"]
LIMITS = ["信息形成（变更）之日起20个工作日内", "实时公开", "及时公开", "每季度", "预算批复后20日内"]
BAD = {  # row number in the sheet (header is row 1) -> (column to spoil, value, expected message)
    12: ("一级事项", "", "缺少“一级事项”"),
    47: ("栏目", "火星区", "栏目“火星区”不存在"),
    88: ("公开渠道和载体", "政府网站、飞鸽传书", "不在标准清单内的项：飞鸽传书"),
    130: ("公开对象", "部分群众", "“公开对象”应为 全社会 或 特定群体"),
    171: ("序号", "第三", "“序号”应为正整数"),
}


def good_row(i):
    column = ["芙蓉区", "天心区"][i % 2]
    return {
        "栏目": column, "领域": DOMAINS[i % len(DOMAINS)], "序号": i, "一级事项": f"事项{i // 3}", "二级事项": f"子项{i}",
        "公开内容（要素）": "政策文件、办理条件、结果", "公开依据": "《中华人民共和国政府信息公开条例》",
        "公开时限": LIMITS[i % len(LIMITS)], "公开主体": f"{column}民政局",
        "公开渠道和载体": "■政府网站 □政府公报 ■政务服务中心" if i % 7 == 0 else "政府网站、两微一端",
        "公开对象": "全社会" if i % 5 else "特定群体", "公开方式": "主动" if i % 4 else "依申请公开", "公开层级": "县级、乡级",
    }


def workbook(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(standard.EXCEL_HEADERS)
    for row in rows:
        ws.append([row[h] for h in standard.EXCEL_HEADERS])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.fixture
def place():
    f.column("芙蓉区", sort_order=1), f.column("天心区", sort_order=2)
    for order, name in enumerate(DOMAINS):
        f.domain(name, sort_order=order)


def two_hundred_rows():
    rows = []
    for sheet_row in range(2, 202):
        row = good_row(sheet_row)
        if sheet_row in BAD:
            header, value, _ = BAD[sheet_row]
            row[header] = value
        rows.append(row)
    return rows


def test_two_hundred_rows_with_five_bad_ones(place):
    report = import_workbook(workbook(two_hundred_rows()))
    assert report.created == 195 and report.updated == 0
    assert [n for n, _ in report.errors] == sorted(BAD)
    for number, message in report.errors:
        assert BAD[number][2] in message
    assert CatalogueItem.objects.count() == 195
    item = CatalogueItem.objects.get(level2="子项7")
    assert item.channels == ["政府网站", "政务服务中心"]  # the ■/□ checklist form
    assert item.time_limit_kind == "timely"
    quarterly = CatalogueItem.objects.get(level2="子项8")
    assert quarterly.time_limit_kind == "periodic" and quarterly.time_limit_months == 3
    assert quarterly.mode == "依申请"
    assert CatalogueItem.objects.get(level2="子项9").levels == ["县级", "乡级"]


def test_export_reimports_unchanged_and_exports_the_same_table(place):
    import_workbook(workbook(two_hundred_rows()))
    first = export_bytes(CatalogueItem.objects.all())
    sheet = load_workbook(io.BytesIO(first)).active
    assert [c.value for c in sheet[1]] == standard.EXCEL_HEADERS
    assert sheet.max_row == 196
    report = import_workbook(io.BytesIO(first))
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 0, 195, [])
    second = export_bytes(CatalogueItem.objects.all())
    rows = lambda data: [[c.value for c in r] for r in load_workbook(io.BytesIO(data)).active.iter_rows()]  # noqa: E731
    assert rows(first) == rows(second)


def test_changed_rows_update_in_place(place):
    import_workbook(workbook([good_row(3)]))
    row = good_row(3)
    row["公开时限"] = "自作出决定之日起7个工作日内"
    report = import_workbook(workbook([row]))
    assert (report.created, report.updated) == (0, 1)
    item = CatalogueItem.objects.get()
    assert item.time_limit_days == 7 and item.time_limit_kind == "working_days"


def test_duplicate_rows_and_wrong_headers_are_reported(place):
    report = import_workbook(workbook([good_row(3), good_row(3)]))
    assert report.created == 1 and report.errors == [(3, "与第2行重复（同一栏目、领域下的一级事项和二级事项相同）")]
    wb = Workbook()
    wb.active.append(["栏目", "名称"])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    with pytest.raises(WorkbookUnreadable, match="第1行表头应为"):
        import_workbook(buffer)
    with pytest.raises(WorkbookUnreadable, match="无法读取该文件"):
        import_workbook(io.BytesIO(b"not an excel file"))


def test_management_commands_round_trip(place, tmp_path):
    source = tmp_path / "in.xlsx"
    source.write_bytes(workbook(two_hundred_rows()).getvalue())
    out = StringIO()
    call_command("catalogue_import", str(source), "--dry-run", stdout=out)
    assert "第47行：栏目“火星区”不存在" in out.getvalue() and "新增195条" in out.getvalue()
    assert CatalogueItem.objects.count() == 0
    call_command("catalogue_import", str(source), stdout=StringIO())
    exported = tmp_path / "out.xlsx"
    call_command("catalogue_export", str(exported), "--column", "芙蓉区", stdout=StringIO())
    out = StringIO()
    call_command("catalogue_import", str(exported), stdout=out)
    assert "新增0条，更新0条，未变化" in out.getvalue() and "错误0行" in out.getvalue()
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("catalogue_import", str(tmp_path / "missing.xlsx"))


def test_admin_upload_reports_rows_and_export_downloads(client, place):
    editor = f.editor("both_ed", *[f.column("芙蓉区"), f.column("天心区")])
    assert client.login(username=editor.username, password=PASSWORD)
    upload = workbook(two_hundred_rows())
    upload.name = "目录.xlsx"
    html = client.post(reverse("catalogue_admin_import"), {"file": upload}).content.decode()
    assert "新增195条" in html and "第12行" in html and "缺少“一级事项”" in html and "第171行" in html
    response = client.get(reverse("catalogue_admin_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 196
    bad = io.BytesIO(b"plain text")
    bad.name = "目录.txt"
    html = client.post(reverse("catalogue_admin_import"), {"file": bad}).content.decode()
    assert "请上传 .xlsx 格式的文件" in html
