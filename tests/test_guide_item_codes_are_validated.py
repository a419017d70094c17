"""事项编码 is validated and parsed into its parts; a bad code is refused with a Chinese message in the loader and the admin."""
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from cms.guides.item_codes import InvalidItemCode, item_code_error, parse_item_code
from cms.guides.models import ServiceGuidePage
from tests.factories.guides import guide_obj, guide_site


def test_a_local_code_is_parsed_into_area_department_type_and_serial():
    code = parse_item_code("62052400MZ-XK-0001")
    assert (code.area, code.department, code.type_code, code.serial) == ("62052400", "MZ", "XK", "0001")
    assert code.item_type == "行政许可"
    dashed = parse_item_code(" 430100-ws-gg-0001-02 ")
    assert dashed.code == "430100-WS-GG-0001-02"
    assert dict(dashed.parts()) == {"区划代码": "430100", "部门代码": "WS", "事项类型": "GG（公共服务）", "序号": "0001", "子项/办理项": "02"}
    assert parse_item_code("430100-GG-0007").department == ""


@pytest.mark.parametrize(
    "value, words",
    [
        ("", "不能为空"),
        ("T-0001", "格式不正确"),
        ("430100-WS-ZZ-0001", "事项类型代码“ZZ”无效"),
        ("990100-WS-GG-0001", "区划代码“990100”"),
        ("430100-WS-GG-01", "格式不正确"),
        ("430100 WS-GG-0001", "不能包含空格"),
    ],
)
def test_bad_codes_get_a_chinese_reason(value, words):
    with pytest.raises(InvalidItemCode) as exc:
        parse_item_code(value)
    assert words in str(exc.value)
    assert item_code_error(value) == str(exc.value)


@pytest.mark.django_db
def test_loader_reports_the_bad_code_with_its_line_number_and_loads_the_rest(tmp_path):
    guide_site()
    lines = [guide_obj(code="430100-WS-GG-0101"), guide_obj(code="430100-WS-XX-0102"), guide_obj(code="430100-WS-GG-0103")]
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in lines), encoding="utf-8")
    out = StringIO()
    with pytest.raises(SystemExit) as exited:  # a refused line makes the exit status 1 (design §2.7)
        call_command("load_content", str(path), stdout=out)
    assert exited.value.code == 1
    assert "第2行：事项编码“430100-WS-XX-0102”中的事项类型代码“XX”无效" in out.getvalue()
    assert sorted(ServiceGuidePage.objects.values_list("code", flat=True)) == ["430100-WS-GG-0101", "430100-WS-GG-0103"]


@pytest.mark.django_db
def test_the_page_model_refuses_a_bad_code_on_the_code_field():
    _, index = guide_site()
    page = ServiceGuidePage(title="某事项", slug="bad", code="NOT-A-CODE")
    with pytest.raises(ValidationError) as exc:
        index.add_child(instance=page)
    assert "事项编码“NOT-A-CODE”格式不正确" in exc.value.message_dict["code"][0]


@pytest.mark.django_db
def test_admin_edit_form_shows_the_code_error_and_saves_nothing(client, django_user_model):
    _, index = guide_site()
    admin = django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pw")
    client.force_login(admin)
    url = f"/admin/pages/add/guides/serviceguidepage/{index.pk}/"
    data = {
        "title": "管理后台新增事项", "slug": "admin-new", "code": "430100-WS-QQ-0001",
        "materials-TOTAL_FORMS": "0", "materials-INITIAL_FORMS": "0", "materials-MIN_NUM_FORMS": "0", "materials-MAX_NUM_FORMS": "1000",
        "fee": "不收费",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "事项类型代码“QQ”无效" in response.content.decode()
    assert not ServiceGuidePage.objects.filter(slug="admin-new").exists()
    data["code"] = "430100-WS-GG-0009"
    response = client.post(url, data)
    assert response.status_code == 302
    assert ServiceGuidePage.objects.get(slug="admin-new").code == "430100-WS-GG-0009"
