"""A guide missing 名称/依据/条件/材料 is flagged in the admin (list column, filter, edit-page warning) but can still be published."""
import pytest
from django.db import transaction

from cms.guides.models import ServiceGuidePage
from importers.content_loader import load_guide
from tests.factories.guides import guide_obj, guide_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides(db):
    guide_site()
    with transaction.atomic():
        load_guide(guide_obj(code="430100-WS-GG-0701", name="要素齐全的事项"))
        load_guide(guide_obj(code="430100-WS-GG-0702", name="缺依据和材料的事项", basis="", materials=()))
        load_guide(guide_obj(code="430100-WS-GG-0703", name="缺条件的事项", conditions=""))
    return {g.code: g for g in ServiceGuidePage.objects.all()}


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pw"))
    return client


def test_missing_elements_are_stored_and_the_guide_is_still_published(guides):
    assert guides["430100-WS-GG-0701"].missing_elements == ""
    assert guides["430100-WS-GG-0702"].missing_elements == "设定依据、申请材料"
    assert guides["430100-WS-GG-0703"].missing_elements == "受理条件"
    assert all(g.live for g in guides.values())


def test_admin_listing_shows_the_flag_and_filters_on_it(guides, admin_client):
    html = admin_client.get("/admin/service_guides/").content.decode()
    assert "缺少：设定依据、申请材料" in html and "缺少：受理条件" in html and "齐全" in html
    only_missing = admin_client.get("/admin/service_guides/?key_elements=missing").content.decode()
    assert "缺依据和材料的事项" in only_missing and "缺条件的事项" in only_missing
    assert "要素齐全的事项" not in only_missing
    complete = admin_client.get("/admin/service_guides/?key_elements=complete").content.decode()
    assert "要素齐全的事项" in complete and "缺条件的事项" not in complete


def test_edit_page_warns_and_the_flag_clears_once_completed(guides, admin_client):
    page = guides["430100-WS-GG-0703"]
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "本指南缺少重点要素：受理条件" in html
    page.conditions = "本市居民。"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.missing_elements == ""
    assert "本指南缺少重点要素" not in admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_the_flag_follows_materials_edited_in_the_admin(guides, admin_client):
    page = guides["430100-WS-GG-0701"]
    url = f"/admin/pages/{page.pk}/edit/"
    data = {
        "title": page.title, "slug": page.slug, "code": page.code, "basis": page.basis, "conditions": page.conditions,
        "fee": "不收费", "materials-TOTAL_FORMS": "1", "materials-INITIAL_FORMS": "1", "materials-MIN_NUM_FORMS": "0",
        "materials-MAX_NUM_FORMS": "1000", "materials-0-id": str(page.materials.first().pk), "materials-0-name": "居民身份证",
        "materials-0-DELETE": "1", "materials-0-ORDER": "1", "materials-0-paper_required": "on", "action-publish": "publish",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.live and page.missing_elements == "申请材料"
