"""Provincial 政务服务网 portals also export 事项清单 as CSV — in GBK as often as in UTF-8 with a BOM. Both load like
the .xlsx (same headers, same row numbers in errors); an old .xls gets a clear Chinese request to re-save it."""
import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command

from cms.guides.models import ServiceGuidePage
from tests.factories.guides import guide_site

pytestmark = pytest.mark.django_db

HEADERS = ["序号", "*事项名称", "实施编码", "实施机构", "事项类型", "法定办结时限（工作日）", "承诺办结时限(天)",
           "到办事现场次数", "是否收费", "咨询方式", "申请条件", "申请材料"]
ROWS = [
    ["1", "结婚登记", "430100-MZ-QR-7001", "长沙市民政局", "行政确认", "20个工作日", "即办", "1次", "否", "0731-88880000",
     "双方均无配偶", "居民身份证|原件|1\n户口簿|原件|1"],
    ["2", "", "430100-MZ-QR-7002", "长沙市民政局", "行政确认", "30", "5", "1", "否", "0731-88880000", "", ""],
    ["3", "收养登记", "430100-MZ-QR-7003", "长沙市民政局", "行政确认", "30", "5", "2", "否", "0731-88880000",
     "收养人年满三十周岁", "收养申请书"],
]


def csv_bytes(encoding):
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(HEADERS)
    writer.writerows(ROWS)
    return text.getvalue().encode(encoding)


def run(path):
    out = StringIO()
    try:
        call_command("import_guides", str(path), stdout=out, stderr=StringIO())
        return 0, out.getvalue()
    except SystemExit as exited:
        return exited.code, out.getvalue()


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_a_csv_export_loads_in_either_encoding(tmp_path, encoding):
    guide_site()
    path = tmp_path / "事项清单.csv"
    path.write_bytes(csv_bytes(encoding))
    status, output = run(path)
    assert status == 1 and "第3行：缺少“事项名称”" in output and "新增 2 条" in output
    marriage = ServiceGuidePage.objects.get(code="430100-MZ-QR-7001")
    assert marriage.live and marriage.title == "结婚登记" and marriage.department == "长沙市民政局"
    assert (marriage.legal_limit_days, marriage.promised_limit_days, marriage.visits) == (20, 0, 1)
    assert [m.name for m in marriage.materials.all()] == ["居民身份证", "户口簿"]
    assert ServiceGuidePage.objects.get(code="430100-MZ-QR-7003").visits == 2


def test_an_old_xls_file_is_refused_with_a_chinese_reason_and_nothing_loads(tmp_path):
    guide_site()
    path = tmp_path / "事项清单.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(Exception, match="另存为 .xlsx 或 CSV"):
        call_command("import_guides", str(path), stdout=StringIO(), stderr=StringIO())
    assert not ServiceGuidePage.objects.exists()
