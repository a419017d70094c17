"""A guide page offers a printable “what to bring” checklist and a server-side QR code to the online service."""
import pytest
from django.db import transaction

from cms.guides.models import ServiceGuidePage
from importers.content_loader import load_guide
from tests.factories.guides import guide_obj, guide_site

pytestmark = pytest.mark.django_db


def make(**extra):
    guide_site()
    with transaction.atomic():
        load_guide(guide_obj(code="430100-MZ-QR-0501", name="婚姻登记", materials=[
            {"name": "居民身份证", "form": "原件", "copies": 2},
            {"name": "户口簿", "form": "原件", "copies": 1, "deferrable": True},
            {"name": "近期半身免冠合影照片", "form": "电子", "paper_required": False},
        ], **extra))
    return ServiceGuidePage.objects.get(code="430100-MZ-QR-0501")


def test_checklist_lists_every_material_with_form_and_copies(client):
    page = make(online_url="https://zwfw.example.gov.cn/hydj")
    html = client.get(page.url).content.decode()
    assert f'href="{page.url}checklist/"' in html
    response = client.get(page.url + "checklist/")
    assert response.status_code == 200
    checklist = response.content.decode()
    assert "携带材料清单" in checklist
    assert "居民身份证（原件，2份）" in checklist
    assert "户口簿（原件，1份，可容缺后补）" in checklist
    assert "近期半身免冠合影照片（电子，可提供电子版）" in checklist
    assert 'class="no-print"' in checklist  # navigation is hidden when printed


def test_qr_code_is_inline_svg_encoding_the_online_link(client):
    page = make(online_url="https://zwfw.example.gov.cn/hydj")
    html = client.get(page.url).content.decode()
    assert '<figure role="img" aria-label="网上办理二维码"><svg' in html
    assert "<script src=" not in html.split("<figure", 1)[1].split("</figure>", 1)[0]
    import qrcode

    # the SVG is what the pure-Python encoder makes for this exact URL
    from cms.guides.qr import qr_svg

    assert qr_svg("https://zwfw.example.gov.cn/hydj") in html
    assert qr_svg("https://zwfw.example.gov.cn/other") not in html
    assert qrcode.__name__ == "qrcode"


def test_no_online_link_means_no_qr_code(client):
    page = make(online_url="")
    html = client.get(page.url).content.decode()
    assert "网上办理二维码" not in html
