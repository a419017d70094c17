"""A 一件事 page shows gains computed from its guides; guides and bundles link both ways; the 一表申请 prints and downloads."""
from io import BytesIO

import pytest
from django.db import transaction

from cms.guides.models import BundlePage, ServiceGuidePage
from importers.content_loader import load_bundle, load_guide
from tests.factories.guides import bundle_obj, guide_obj, guide_site

pytestmark = pytest.mark.django_db


def make_bundle(**bundle_extra):
    guide_site()
    guides = [
        guide_obj(code="430100-WS-GG-0401", name="出生医学证明", department="卫健委", promised_limit_days=5, visits=2,
                  materials=["父母身份证", "分娩记录", "结婚证"], form_fields=["新生儿姓名", "母亲姓名", "联系电话"]),
        guide_obj(code="430100-GA-XK-0402", name="户口登记", department="公安局", promised_limit_days=10, visits=2,
                  materials=["出生医学证明", "父母身份证（原件）", "户口本", "结婚证复印件"], form_fields=["新生儿姓名", "户主姓名", "手机号码"]),
        guide_obj(code="430100-YB-GG-0403", name="医保参保", department="医保局", promised_limit_days=5, visits=1,
                  materials=["户口簿", "出生医学证明（复印件）", "父母身份证"], form_fields=["参保人姓名", "联系电话"]),
    ]
    with transaction.atomic():
        for g in guides:
            load_guide(g)
        load_bundle(bundle_obj("YJS-T9", [g["code"] for g in guides], promised_limit_days=10, visits=1, **bundle_extra))
    return BundlePage.objects.get(code="YJS-T9")


def test_gains_come_from_the_guides_and_are_shown_as_a_headline(client):
    bundle = make_bundle()
    gains = bundle.gains
    # 10 materials; distinct after normalising: 父母身份证, 分娩记录, 结婚证, 出生医学证明, 户口本, 户口簿 → 6
    assert (gains.materials_before, gains.materials_after, gains.materials_reduction) == (10, 6, 40)
    assert (gains.days_before, gains.days_after, gains.days_reduction) == (20, 10, 50)
    assert (gains.visits_before, gains.visits_after, gains.visits_reduction) == (5, 1, 80)
    assert gains.departments == ("卫健委", "公安局", "医保局")
    html = client.get(bundle.url).content.decode()
    assert "申请材料整体减少40%，办理时限压缩50%，跑动次数压缩至1次" in html
    assert "3 个（卫健委、公安局、医保局）" in html


def test_an_editor_merge_reduces_the_material_set_further(client):
    bundle = make_bundle(material_merges=[{"name": "户口本", "merged_into": "户口簿"}])
    assert bundle.gains.materials_after == 5 and bundle.gains.materials_reduction == 50
    assert [name for name, _ in bundle.material_list] == ["父母身份证", "分娩记录", "结婚证", "出生医学证明", "户口簿"]
    assert "申请材料整体减少50%" in client.get(bundle.url).content.decode()


def test_changing_a_guide_changes_the_bundle_gains():
    bundle = make_bundle()
    guide = ServiceGuidePage.objects.get(code="430100-YB-GG-0403")
    guide.promised_limit_days = 15
    guide.save_revision().publish()
    assert BundlePage.objects.get(pk=bundle.pk).gains.days_before == 30


def test_guide_and_bundle_link_both_ways(client):
    bundle = make_bundle()
    guide = ServiceGuidePage.objects.get(code="430100-GA-XK-0402")
    guide_html = client.get(guide.url).content.decode()
    assert "本事项可在以下一件事中一次办理" in guide_html and f'href="{bundle.url}"' in guide_html
    bundle_html = client.get(bundle.url).content.decode()
    for g in bundle.guides:
        assert f'href="{g.url}"' in bundle_html
    lonely = ServiceGuidePage.objects.get(code="430100-WS-GG-0401")
    bundle.unpublish()
    assert "本事项可在以下一件事中一次办理" not in client.get(lonely.url).content.decode()


def test_combined_form_is_the_union_of_fields_with_merges_and_prints_and_downloads(client):
    bundle = make_bundle(field_merges=[{"name": "手机号码", "merged_into": "联系电话"}, {"name": "参保人姓名", "merged_into": "新生儿姓名"}])
    labels = [label for label, _ in bundle.combined_form]
    assert labels == ["新生儿姓名", "母亲姓名", "联系电话", "户主姓名"]
    assert dict(bundle.combined_form)["新生儿姓名"] == ("出生医学证明", "户口登记", "医保参保")
    printable = client.get(bundle.url + "form/")
    assert printable.status_code == 200
    html = printable.content.decode()
    assert "新生儿出生" not in html and "YJS-T9一件事申请表" in html and "户主姓名" in html and "手机号码" not in html
    download = client.get(bundle.url + "form/docx/")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    import docx

    document = docx.Document(BytesIO(download.content))
    cells = [row.cells[0].text for row in document.tables[0].rows[1:]]
    assert cells == labels
