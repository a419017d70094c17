"""事项清单 exported from provincial 政务服务网 portals load as they are: their header spellings (实施编码/基本编码,
实施机构, 法定办结时限（工作日）, 办件类型, 是否收费, 咨询方式, 在线办理 …, with 必填 stars and units) are understood,
limits such as “20个工作日” and “即办” become working days, unknown columns are reported (not fatal), and a row without
事项名称 or 编码 is refused with its Excel row number."""
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from cms.guides.models import ServiceGuidePage
from importers.guide_excel import normalise_header
from tests.factories.guides import guide_site

pytestmark = pytest.mark.django_db

HEADERS = ["序号", "*事项名称", "实施编码", "基本编码", "实施机构", "事项类型", "法定办结时限（工作日）", "承诺办结时限(天)",
           "办件类型", "到办事现场次数", "是否收费", "收费标准", "办理地点", "咨询方式", "设定依据", "申请条件", "申请材料",
           "在线办理", "服务对象", "备注", "数据来源"]


def row(**values):
    base = {"实施机构": "长沙市民政局", "事项类型": "行政确认", "办理地点": "市政务服务中心", "咨询方式": "0731-88880000",
            "设定依据": "《婚姻登记条例》", "申请条件": "双方均无配偶", "申请材料": "居民身份证|原件|1", "备注": "无",
            "数据来源": "湖南省政务服务网"}
    base.update(values)
    return [base.get(h) for h in HEADERS]


def sheet(path, rows):
    wb = Workbook()
    wb.active.append(HEADERS)
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def run(*args):
    out = StringIO()
    try:
        call_command("import_guides", *args, stdout=out, stderr=StringIO())
        return 0, out.getvalue()
    except SystemExit as exited:
        return exited.code, out.getvalue()


def test_header_spellings_are_normalised():
    assert normalise_header(" * 法定办结时限（工作日）") == "法定办结时限"
    assert normalise_header("承诺办结时限(天)＊") == "承诺办结时限"
    assert normalise_header("到办事现场次数（次）") == "到办事现场次数"
    assert normalise_header("事项名称（必填）") == "事项名称"
    assert normalise_header("咨询 方式") == "咨询方式"


def test_a_provincial_export_loads_and_reports_its_unknown_columns(tmp_path):
    guide_site()
    path = sheet(tmp_path / "湖南省事项清单.xlsx", [
        row(序号=1, **{"*事项名称": "结婚登记", "实施编码": "430100-MZ-QR-6001", "基本编码": "430100-MZ-QR-6901",
                     "法定办结时限（工作日）": "20个工作日", "承诺办结时限(天)": "即办", "到办事现场次数": "1次",
                     "是否收费": "否", "在线办理": "https://zwfw.hunan.gov.cn/jhdj", "服务对象": "自然人"}),
        row(序号=2, **{"*事项名称": "离婚登记", "实施编码": None, "基本编码": "430100-MZ-QR-6002",
                     "法定办结时限（工作日）": 30, "办件类型": "即办件", "到办事现场次数": 2, "是否收费": "是",
                     "收费标准": "工本费9元", "在线办理": "否", "服务对象": "自然人,法人"}),
        row(序号=3, **{"*事项名称": None, "实施编码": "430100-MZ-QR-6003"}),
        row(序号=4, **{"*事项名称": "补领婚姻登记证", "实施编码": None, "基本编码": None}),
        row(序号=5, **{"*事项名称": "撤销婚姻登记", "实施编码": "511Z07001006-511602000000-000-11511301008778183N"}),
    ])
    status, output = run(str(path))

    assert status == 1
    assert "提醒：第1行：以下列未识别，未导入：序号、备注、数据来源" in output
    assert "第4行：缺少“事项名称”" in output and "第5行：缺少“事项编码”" in output
    assert "新增 3 条" in output
    assert "提醒：第6行：" in output and "业务办理项" in output  # a national code with no 办理项 loads with a warning

    marriage = ServiceGuidePage.objects.get(code="430100-MZ-QR-6001")  # 实施编码 is preferred to 基本编码
    assert marriage.live and marriage.title == "结婚登记" and marriage.department == "长沙市民政局"
    assert (marriage.legal_limit_days, marriage.promised_limit_days, marriage.visits) == (20, 0, 1)
    assert marriage.fee == "不收费" and marriage.phone == "0731-88880000" and marriage.service_object == "个人"
    assert marriage.online_url == "https://zwfw.hunan.gov.cn/jhdj" and marriage.conditions == "双方均无配偶"
    assert marriage.basis == "《婚姻登记条例》" and [m.name for m in marriage.materials.all()] == ["居民身份证"]

    divorce = ServiceGuidePage.objects.get(code="430100-MZ-QR-6002")  # an empty 实施编码 falls back to 基本编码
    assert (divorce.legal_limit_days, divorce.promised_limit_days, divorce.visits) == (30, 0, 2)  # 即办件 → 0
    assert divorce.fee == "工本费9元" and divorce.online_url == "" and divorce.service_object == "个人和法人"
    assert not ServiceGuidePage.objects.filter(title="补领婚姻登记证").exists()

    status, output = run(str(path))  # the same file again: nothing changes
    assert "新增 0 条，更新 0 条，未变化 3 条" in output
