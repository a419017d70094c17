"""A 事项清单 .xlsx imports one guide per row; bad rows are reported by Excel row number in Chinese, good rows still load."""
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase

from cms.guides.models import ServiceGuidePage
from importers.guide_excel import COLUMNS
from search.models import SearchOutbox
from tests.factories.guides import excel_row, guide_site, guide_workbook

pytestmark = pytest.mark.django_db

ROWS = [
    excel_row("430100-MZ-QR-0801", "结婚登记", 生命周期阶段="婚育", 法定期限=30, 承诺期限="即办",
              申请材料="居民身份证|原件|2|申请人自备|是|否\n户口簿|原件|2||是|是\n合影照片|电子||||",
              办理流程="申请\n审查\n登记", 申请表字段="男方姓名\n女方姓名", 常见问题="问：要预约吗？\n答：建议预约。",
              网上办理地址="https://zwfw.example.gov.cn/jhdj", 服务对象="个人"),
    excel_row("430100-MZ-XX-0802", "类型代码错误"),                       # row 3
    excel_row("430100-MZ-QR-0803", "期限错误", 承诺期限="很快"),           # row 4
    excel_row("430100-MZ-QR-0804", "材料形式错误", 申请材料="身份证|扫描件|1"),  # row 5
    [None] * len(COLUMNS),                                               # row 6: blank, skipped silently
    excel_row("430100-MZ-QR-0807", "", ),                                # row 7: no name
    excel_row("430100-MZ-QR-0808", "离婚登记", 设定依据=None),             # row 8: loads, flagged
]


def test_command_loads_good_rows_and_lists_bad_rows_by_number(tmp_path):
    guide_site()
    path = guide_workbook(tmp_path / "清单.xlsx", ROWS)
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(SystemExit) as exited:  # the batched indexing
        call_command("import_guides", str(path), stdout=out)
    assert exited.value.code == 1  # some rows were refused; the good ones loaded
    output = out.getvalue()
    assert "新增 2 条" in output
    assert "第3行：事项编码“430100-MZ-XX-0802”中的事项类型代码“XX”无效" in output
    assert "第4行：“承诺期限”应为“即办”或工作日数" in output
    assert "第5行：第1项材料“身份证”的形式应为 原件/复印件/电子：扫描件" in output
    assert "第7行：缺少“事项名称”" in output
    assert "第6行" not in output
    marriage = ServiceGuidePage.objects.get(code="430100-MZ-QR-0801")
    assert marriage.live and marriage.promised_limit_days == 0 and marriage.legal_limit_days == 30
    assert marriage.life_event == "婚育" and marriage.item_type == "行政确认" and marriage.step_list == ["申请", "审查", "登记"]
    assert [(m.name, m.form, m.copies, m.deferrable) for m in marriage.materials.all()] == [
        ("居民身份证", "原件", 2, False), ("户口簿", "原件", 2, True), ("合影照片", "电子", None, False)]
    assert marriage.faq_pairs == [("要预约吗？", "建议预约。")]
    assert ServiceGuidePage.objects.get(code="430100-MZ-QR-0808").missing_elements == "设定依据"
    assert not SearchOutbox.objects.exists()

    again = StringIO()
    with pytest.raises(SystemExit):
        call_command("import_guides", str(path), stdout=again)
    assert "新增 0 条，更新 0 条，未变化 2 条" in again.getvalue()


def test_a_file_that_is_not_a_workbook_or_lacks_headers_is_refused(tmp_path):
    guide_site()
    bogus = tmp_path / "x.xlsx"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="请上传 Excel 2007 及以上格式"):
        call_command("import_guides", str(bogus), stdout=StringIO())
    headless = guide_workbook(tmp_path / "h.xlsx", [["x"]], headers=["名称", "部门"])
    with pytest.raises(CommandError, match="缺少必需的列：事项编码、事项名称"):
        call_command("import_guides", str(headless), stdout=StringIO())


def test_admin_upload_shows_row_errors_and_template_downloads(tmp_path, client, django_user_model):
    guide_site()
    path = guide_workbook(tmp_path / "清单.xlsx", ROWS[:3])
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pw"))
    with open(path, "rb") as fh:
        response = client.post("/admin/guides/import/", {"file": fh})
    assert response.status_code == 200
    html = response.content.decode()
    assert "新增 1 条" in html and "第3行" in html and "事项类型代码“XX”无效" in html
    template = client.get("/admin/guides/import/template.xlsx")
    assert template.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    headers = [c.value for c in next(load_workbook(BytesIO(template.content)).active.iter_rows(max_row=1))]
    assert headers == [label for label, _ in COLUMNS]
    wrong = tmp_path / "清单.txt"
    wrong.write_text("事项编码,事项名称", encoding="utf-8")
    with open(wrong, "rb") as fh:
        refused = client.post("/admin/guides/import/", {"file": fh})
    assert refused.status_code == 400 and "只支持 Excel 2007 及以上格式（.xlsx）或 CSV" in refused.content.decode()
    csv_list = tmp_path / "清单.csv"
    csv_list.write_text("事项编码,事项名称\n430100-MZ-QR-7101,收养登记\n", encoding="gb18030")
    with open(csv_list, "rb") as fh:
        accepted = client.post("/admin/guides/import/", {"file": fh})
    assert accepted.status_code == 200 and "新增 1 条" in accepted.content.decode()


def test_users_without_the_permission_are_turned_away(client, django_user_model):
    guide_site()
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("clerk", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/guides/import/").status_code == 302


def test_a_publication_date_column_cannot_date_a_guide(tmp_path):
    """发布日期 is the system's record of going live: a 发布日期 column (future or back-dated) changes nothing."""
    from datetime import date

    from django.utils import timezone

    guide_site()
    headers = [label for label, _ in COLUMNS] + ["发布日期", "成文日期"]
    rows = [excel_row("430100-MZ-QR-0901", "收养登记") + [date(2099, 1, 1), date(2024, 5, 6)],
            excel_row("430100-MZ-QR-0902", "婚姻登记补领") + ["2001-01-01", "2024-05-06"]]
    path = guide_workbook(tmp_path / "dated.xlsx", rows, headers=headers)
    call_command("import_guides", str(path), stdout=StringIO())
    for code in ("430100-MZ-QR-0901", "430100-MZ-QR-0902"):
        guide = ServiceGuidePage.objects.get(code=code)
        assert guide.live and timezone.localdate(guide.first_published_at) == timezone.localdate()
