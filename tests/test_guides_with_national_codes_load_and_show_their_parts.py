"""A guide with a real-shaped national 实施编码 loads (with a warning when its credit code's check character is wrong),
and its public page shows the decoded parts."""
import json
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from cms.guides.models import ServiceGuidePage
from importers.content_loader import load_guide
from tests.factories.guides import guide_obj, guide_site
from tests.factories.item_codes import national_code, wrong_check

pytestmark = pytest.mark.django_db


def test_load_content_loads_national_codes_and_warns_about_a_bad_check_character(tmp_path):
    guide_site()
    rng = random.Random(31)
    good, bad = national_code(rng), national_code(rng)
    bad.uscc, expected = wrong_check(bad.uscc)
    path = tmp_path / "g.jsonl"
    lines = [guide_obj(code=good.code, name="国家编码事项"), guide_obj(code=bad.code, name="校验码错误的事项")]
    path.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in lines), encoding="utf-8")
    out = StringIO()
    call_command("load_content", str(path), stdout=out)  # exit status 0: a warning is not a refusal
    text = out.getvalue()
    assert "第2行：" in text and f"第18位应为 {expected}" in text
    assert "第1行：" not in text
    assert set(ServiceGuidePage.objects.filter(live=True).values_list("code", flat=True)) == {good.code, bad.code}


def test_a_garbage_code_is_still_refused_by_the_loader(tmp_path):
    guide_site()
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(guide_obj(code="办理居民身份证"), ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("load_content", str(path), stdout=out)
    assert exited.value.code == 1
    assert "第1行：事项编码“办理居民身份证”含有不能出现在编码中的字符" in out.getvalue()
    assert not ServiceGuidePage.objects.exists()


def test_the_guide_page_shows_the_decoded_national_code(client):
    guide_site()
    made = national_code(random.Random(32), area=("520102", "贵州省"))
    with transaction.atomic():
        load_guide(guide_obj(code=made.code, name="国家编码事项"))
    page = ServiceGuidePage.objects.get(code=made.code)
    html = client.get(page.url).content.decode()
    for shown in (f"基本编码：{made.basic}", f"行政区划代码：{made.area12}（贵州省）", f"区划内码/扩展段：{made.segment}",
                  f"实施机构统一社会信用代码：{made.uscc}", f"业务办理项：{made.business}"):
        assert shown in html


def test_the_admin_accepts_a_national_code_and_shows_its_warnings(client, django_user_model):
    _, index = guide_site()
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pw"))
    made = national_code(random.Random(33))
    made.uscc, expected = wrong_check(made.uscc)
    data = {
        "title": "后台新增国家编码事项", "slug": "admin-national", "code": made.code.lower(),
        "materials-TOTAL_FORMS": "0", "materials-INITIAL_FORMS": "0", "materials-MIN_NUM_FORMS": "0", "materials-MAX_NUM_FORMS": "1000",
        "fee": "不收费",
    }
    response = client.post(f"/admin/pages/add/guides/serviceguidepage/{index.pk}/", data)
    assert response.status_code == 302
    page = ServiceGuidePage.objects.get(slug="admin-national")
    assert page.code == made.code
    assert f"第18位应为 {expected}" in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_the_excel_import_loads_national_codes_and_lists_their_warnings(tmp_path):
    from importers.guide_excel import import_workbook
    from tests.factories.guides import excel_row, guide_workbook

    guide_site()
    rng = random.Random(34)
    good, bad = national_code(rng), national_code(rng, type_letters="XK")
    bad.uscc, expected = wrong_check(bad.uscc)
    path = guide_workbook(tmp_path / "清单.xlsx", [excel_row(good.code, "国家编码事项"),
                                                   excel_row(bad.code, "校验码错误的事项", 事项类型="行政确认")])
    report = import_workbook(str(path))
    assert report.errors == [] and report.created == 2
    row3 = [message for number, message in report.warnings if number == 3]
    assert any(f"第18位应为 {expected}" in m for m in row3)
    assert "事项编码表明为行政许可（XK），但事项类型填写为行政确认" in row3
    assert not [m for number, m in report.warnings if number == 2]


def test_a_long_code_of_an_unknown_layout_loads_with_a_warning():
    guide_site()
    made = national_code(random.Random(35))
    code = f"{made.uscc}-{made.code}-{made.area12}"  # 85 characters, a layout nobody published
    warnings = []
    with transaction.atomic():
        load_guide(guide_obj(code=code, name="长编码事项"), warnings)
    assert ServiceGuidePage.objects.get(code=code).live
    assert len(warnings) == 1 and "未能识别" in warnings[0]
