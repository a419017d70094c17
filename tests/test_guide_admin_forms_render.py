"""Editors can open the add/edit forms of guides, bundles and the life-event page, and the guide listing."""
import pytest
from django.db import transaction

from cms.guides.models import BundlePage
from importers.content_loader import load_bundle, load_guide
from tests.factories.guides import bundle_obj, guide_obj, guide_site

pytestmark = pytest.mark.django_db


def test_add_and_edit_forms_render(client, django_user_model):
    _, index = guide_site()
    with transaction.atomic():
        load_guide(guide_obj(code="430100-WS-GG-0901"))
        load_bundle(bundle_obj("YJS-ADM", ["430100-WS-GG-0901"], material_merges=[{"name": "甲", "merged_into": "乙"}]))
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pw"))
    for model in ("serviceguidepage", "bundlepage", "lifeeventpage"):
        response = client.get(f"/admin/pages/add/guides/{model}/{index.pk}/")
        assert response.status_code == 200, model
    bundle = BundlePage.objects.get(code="YJS-ADM")
    html = client.get(f"/admin/pages/{bundle.pk}/edit/").content.decode()
    assert "确认合并的材料" in html and "确认合并的申请表字段" in html
    listing = client.get("/admin/service_guides/")
    assert listing.status_code == 200 and "430100-WS-GG-0901" in listing.content.decode()
