"""The 全生命周期 page groups bundles and guides under the personal and enterprise life events."""
import re

import pytest
from django.db import transaction

from cms.guides.models import LifeEventPage
from importers.content_loader import load_bundle, load_guide
from tests.factories.guides import bundle_obj, guide_obj, guide_site

pytestmark = pytest.mark.django_db


def section(html, event):
    match = re.search(rf'<section class="life-event" id="event-{event}".*?</section>', html, re.S)
    assert match, event
    return match.group(0)


def test_every_stage_is_listed_and_items_sit_under_their_stage(client):
    _, index = guide_site()
    page = LifeEventPage(title="全生命周期服务", slug="smzq")
    index.add_child(instance=page)
    page.save_revision().publish()
    with transaction.atomic():
        load_guide(guide_obj(code="430100-RS-GF-0601", name="养老金申领", life_event="退休"))
        load_guide(guide_obj(code="430100-SC-XK-0602", name="企业设立登记", life_event="开办", service_object="法人"))
        load_guide(guide_obj(code="430100-JY-GG-0603", name="没有阶段的事项"))
        load_bundle(bundle_obj("YJS-TX", ["430100-RS-GF-0601"], life_event="退休"))
    html = client.get(page.url).content.decode()
    assert "个人全生命周期" in html and "企业全生命周期" in html
    assert html.index("个人全生命周期") < html.index("出生") < html.index("身后") < html.index("企业全生命周期") < html.index("注销")
    retire = section(html, "退休")
    assert "YJS-TX一件事" in retire and "养老金申领" in retire
    assert "企业设立登记" in section(html, "开办")
    assert "暂无事项" in section(html, "婚育")
    assert "没有阶段的事项" not in html
    assert f'href="{page.url}"' in client.get(index.url).content.decode()


def test_guide_index_lists_bundles_with_gains_and_filters_guides_by_department(client):
    _, index = guide_site()
    with transaction.atomic():
        load_guide(guide_obj(code="430100-RS-GF-0611", name="甲局事项", department="甲局", materials=["身份证", "户口簿"], visits=2))
        load_guide(guide_obj(code="430100-RS-GF-0612", name="乙局事项", department="乙局", materials=["身份证"], visits=1))
        load_bundle(bundle_obj("YJS-IDX", ["430100-RS-GF-0611", "430100-RS-GF-0612"], visits=1))
    html = client.get(index.url).content.decode()
    assert "YJS-IDX一件事" in html and "申请材料整体减少33%" in html and "跑动次数压缩至1次" in html
    assert "甲局事项" in html and "乙局事项" in html
    filtered = client.get(index.url, {"department": "乙局"}).content.decode()
    assert "乙局事项" in filtered and "甲局事项" not in filtered
