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
    with pytest.raises(SystemExit) as exited:  # refused rows: exit status 1, the good rows still load
        call_command("catalogue_import", str(source), "--dry-run", stdout=out)
    assert exited.value.code == 1
    assert "第47行：栏目“火星区”不存在" in out.getvalue() and "新增195条" in out.getvalue()
    assert CatalogueItem.objects.count() == 0
    with pytest.raises(SystemExit):
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


# --- The editor's own export goes back in unchanged -------------------------------------------------------------

EDITOR_ROWS = [  # what 芙蓉区 editors type in the admin, including the awkward bits of real catalogues
    {"domain": "就业", "serial": 1, "level1": "就业创业政策", "level2": "", "content": "政策文件、补贴标准",
     "channels": ["政府网站", "政务服务中心"], "levels": ["县级", "乡级"]},
    {"domain": "就业", "serial": 2, "level1": "就业创业政策", "level2": "2024", "content": "第一行\r\n第二行\r\n",
     "channels": ["社区/村公示栏(电子屏)", "发布会/听证会"], "levels": ["县级"], "mode": "依申请", "audience": "特定群体"},
    {"domain": "社会救助", "serial": 0, "level1": "007", "level2": "1.0", "content": "=依申请提供（此格以等号开头）",
     "basis": "+《社会救助暂行办法》第十条\n-《湖南省实施办法》", "channels": ["其他"], "levels": ["乡级"]},
    {"domain": "社会救助", "serial": 30, "level1": "低保", "level2": "2024-01-05", "content": "50%、3/4、0731",
     "basis": "《条例》\n第十条", "channels": ["政府网站"], "levels": ["市级", "村级"]},
    {"domain": "保障性住房", "serial": 4, "level1": "公租房", "level2": "分配结果", "content": "长" * 5000,
     "time_limit_text": "每季度", "channels": ["纸质媒体", "广播电视", "入户/现场"], "levels": ["县级"]},
]


def editor_post(column, domains, row):
    data = {"column": column.pk, "domain": domains[row["domain"]].pk, "serial": row["serial"], "level1": row["level1"],
            "level2": row["level2"], "content": row["content"], "basis": row.get("basis", "《中华人民共和国政府信息公开条例》"),
            "time_limit_text": row.get("time_limit_text", "信息形成（变更）之日起20个工作日内"), "subject": "芙蓉区民政局",
            "channels": row["channels"], "audience": row.get("audience", "全社会"), "mode": row.get("mode", "主动"),
            "levels": row["levels"]}
    return data


def snapshot():
    fields = ["column_id", "domain_id", "serial", "level1", "level2", "content", "basis", "time_limit_text", "subject",
              "channels", "audience", "mode", "levels"]
    return [tuple(str(getattr(i, name)) for name in fields) for i in CatalogueItem.objects.order_by("pk")]


@pytest.fixture
def furong_editor_items(client, place):
    furong = f.column("芙蓉区")
    street = f.column("定王台街道", parent=furong, sort_order=5)
    domains = {d: f.domain(d) for d in DOMAINS}
    editor = f.editor("furong_ed", furong)
    assert client.login(username=editor.username, password=PASSWORD)
    add = reverse("wagtailsnippets_openness_catalog_catalogueitem:add")
    for n, row in enumerate(EDITOR_ROWS):
        response = client.post(add, editor_post(street if n % 2 else furong, domains, row))
        assert response.status_code == 302, n
    assert CatalogueItem.objects.count() == len(EDITOR_ROWS)
    return {"furong": furong, "street": street, "domains": domains}


def test_every_row_of_the_editors_own_export_reimports_with_no_change(client, furong_editor_items):
    before = snapshot()
    exported = client.get(reverse("catalogue_admin_export"))
    assert exported.status_code == 200
    upload = io.BytesIO(exported.content)
    upload.name = "芙蓉区目录.xlsx"
    html = client.post(reverse("catalogue_admin_import"), {"file": upload}).content.decode()
    assert f"新增0条，更新0条，未变化{len(EDITOR_ROWS)}条，错误0行" in html
    assert snapshot() == before
    sheet = load_workbook(io.BytesIO(exported.content)).active
    [cell] = [c for c in sheet["F"] if str(c.value).startswith("=")]
    assert cell.value == "=依申请提供（此格以等号开头）" and cell.data_type == "s"  # text, not a formula


def test_text_with_control_characters_from_other_loaders_still_exports(place):
    """Word's manual line break (\v) pasted through a loader that kept it: the export does not crash, the line
    break comes back as a newline and nothing else changes."""
    item = f.item(f.column("芙蓉区"), f.domain("就业"), basis="《条例》\u000b第十条\u0007")
    report = import_workbook(io.BytesIO(export_bytes(CatalogueItem.objects.all())))
    assert (report.updated, report.errors) == (1, [])
    item.refresh_from_db()
    assert item.basis == "《条例》\n第十条" and item.content == "政策文件、补贴标准"


def test_the_admin_refuses_items_the_table_could_not_carry_back(client, furong_editor_items):
    furong, domains = furong_editor_items["furong"], furong_editor_items["domains"]
    add = reverse("wagtailsnippets_openness_catalog_catalogueitem:add")
    blank = editor_post(furong, domains, {**EDITOR_ROWS[0], "level2": "新事项"}) | {"subject": "", "time_limit_text": "", "channels": []}
    errors = client.post(add, blank).context["form"].errors
    assert {"subject", "time_limit_text", "channels"} <= set(errors)
    twin = editor_post(furong, domains, EDITOR_ROWS[0])
    response = client.post(add, twin)
    assert "该栏目、领域下已有相同的一级事项和二级事项" in response.content.decode()
    assert CatalogueItem.objects.count() == len(EDITOR_ROWS)


def test_demo_catalogue_exports_and_reimports_with_no_change(demo):
    before = snapshot()
    report = import_workbook(io.BytesIO(export_bytes(CatalogueItem.objects.all())))
    assert (report.created, report.updated, report.errors) == (0, 0, [])
    assert report.unchanged == len(before) > 0
    assert snapshot() == before


def test_a_cell_cut_at_the_excel_limit_is_refused_not_saved(place):
    item = f.item(f.column("芙蓉区"), f.domain("就业"), content="短")
    row = {"栏目": "芙蓉区", "领域": "就业", "序号": "", "一级事项": item.level1, "二级事项": "", "公开内容（要素）": "长" * 40000,
           "公开依据": "", "公开时限": item.time_limit_text, "公开主体": item.subject, "公开渠道和载体": "政府网站",
           "公开对象": "全社会", "公开方式": "主动", "公开层级": "县级"}
    report = import_workbook(workbook([row]))
    assert report.errors and "Excel 单元格上限" in report.errors[0][1]
    item.refresh_from_db()
    assert item.content == "短"


def test_a_sheet_with_a_publication_date_column_is_refused_as_a_whole(place):
    """Catalogue items carry no publication date; a 发布日期 column means a different table, and nothing loads."""
    wb = Workbook()
    wb.active.append(standard.EXCEL_HEADERS + ["发布日期"])
    wb.active.append([good_row(2)[h] for h in standard.EXCEL_HEADERS] + ["2099-01-01"])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    with pytest.raises(WorkbookUnreadable, match="第1行表头应为"):
        import_workbook(buffer)
    assert not CatalogueItem.objects.exists()
