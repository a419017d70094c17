"""A guide whose stated 事项类型 contradicts the type its 事项编码 carries is flagged in the admin (listing column,
filter, edit-page warning) and when loaded; it is still published."""
import json
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from cms.guides.models import ServiceGuidePage
from importers.content_loader import load_guide
from tests.factories.guides import guide_obj, guide_site
from tests.factories.item_codes import national_code

pytestmark = pytest.mark.django_db
MESSAGE = "事项编码表明为行政许可（XK），但事项类型填写为行政确认"


@pytest.fixture
def guides(db):
    guide_site()
    rng = random.Random(21)
    codes = {
        "local_conflict": "430100-MZ-XK-0801",
        "local_ok": "430100-MZ-QR-0802",
        "national_conflict": national_code(rng, type_letters="XK").code,
        "national_no_type": national_code(rng).code,
    }
    with transaction.atomic():
        load_guide(guide_obj(code=codes["local_conflict"], name="编码与类型矛盾的事项", item_type="行政确认"))
        load_guide(guide_obj(code=codes["local_ok"], name="编码与类型一致的事项", item_type="行政确认"))
        load_guide(guide_obj(code=codes["national_conflict"], name="国家编码矛盾的事项", item_type="行政确认"))
        load_guide(guide_obj(code=codes["national_no_type"], name="国家编码无类型的事项", item_type="行政确认"))
    return {key: ServiceGuidePage.objects.get(code=code) for key, code in codes.items()}


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pw"))
    return client


def test_the_contradiction_is_computed_and_the_guide_is_still_published(guides):
    assert guides["local_conflict"].code_type_conflict == MESSAGE
    assert guides["national_conflict"].code_type_conflict == MESSAGE
    assert guides["local_ok"].code_type_conflict is None
    assert guides["national_no_type"].code_type_conflict is None
    assert all(g.live for g in guides.values())


def test_admin_listing_shows_the_flag_and_filters_on_it(guides, admin_client):
    html = admin_client.get("/admin/service_guides/").content.decode()
    assert html.count(MESSAGE) == 2
    only = admin_client.get("/admin/service_guides/?code_check=conflict").content.decode()
    assert "编码与类型矛盾的事项" in only and "国家编码矛盾的事项" in only
    assert "编码与类型一致的事项" not in only and "国家编码无类型的事项" not in only


def test_edit_page_warns_and_the_warning_clears_once_the_type_is_corrected(guides, admin_client):
    page = guides["local_conflict"]
    assert MESSAGE in admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert MESSAGE not in admin_client.get(f"/admin/pages/{guides['local_ok'].pk}/edit/").content.decode()
    page.item_type = "行政许可"
    page.save_revision().publish()
    assert MESSAGE not in admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_load_content_prints_the_contradiction_as_a_warning_and_loads_the_line(tmp_path):
    guide_site()
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(guide_obj(code="430100-MZ-XK-0811", item_type="行政确认"), ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("load_content", str(path), stdout=out)  # no SystemExit: nothing was refused
    assert f"第1行：{MESSAGE}" in out.getvalue()
    assert ServiceGuidePage.objects.filter(code="430100-MZ-XK-0811", live=True).exists()
