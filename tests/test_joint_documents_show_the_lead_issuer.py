"""A joint document is shown under its lead issuer (牵头, the first 发文机关), not whichever co-issuer sorts first
— on BOTH engines, in the facets and on the results page."""

import pytest

from search.issuers import lead_issuer
from tests.factories.search import load_indexed, policy_obj, refresh, search_site

LEAD = "长沙市卫生健康委员会"
JOINT = policy_obj(f"{LEAD} 长沙市公安局 长沙市医疗保障局关于推行新生儿出生一件事联办的通知", "长卫联〔2024〕2号",
                   issuers=("长沙市公安局", "长沙市医疗保障局", LEAD), body="决定在全市推行新生儿出生一件事联办。")


@pytest.fixture
def site(engine_name, db):
    search_site()
    load_indexed([JOINT])
    refresh()


def test_the_department_of_a_joint_notice_is_its_lead_issuer(site, client):
    body = client.get("/api/search", {"q": "新生儿出生一件事联办", "type": "policy"}).json()
    assert body["facets"]["department"] == {LEAD: 1}
    page = client.get("/search/", {"q": "新生儿出生一件事联办", "type": "policy"}).content.decode()
    meta = page[page.index('class="result-meta"'):]
    meta = meta[:meta.index("</p>")]
    assert LEAD in meta and "长沙市公安局" not in meta


def test_without_names_in_the_title_the_document_number_tells_the_lead():
    organs = [("长沙市公安局", ""), ("长沙市卫生健康委员会", ""), ("长沙市医疗保障局", "")]
    assert lead_issuer(organs, "关于推行新生儿出生一件事联办的通知", "长卫联〔2024〕2号") == "长沙市卫生健康委员会"
    assert lead_issuer(organs, "关于推行新生儿出生一件事联办的通知", "长医保发〔2024〕2号") == "长沙市医疗保障局"
    with_short = [("长沙市公安局", "长公"), ("长沙市卫生健康委员会", "长卫")]
    assert lead_issuer(with_short, "关于联合开展检查的通知", "长公通〔2024〕5号") == "长沙市公安局"
    assert lead_issuer([("长沙市民政局", "")], "任意标题", "") == "长沙市民政局"
    assert lead_issuer([], "任意标题", "") == ""
