"""营业执照 stands for setting a business up (企业设立登记) when a citizen wants one; a citizen who writes 营业执照注销
wants to close it, and a slip of the input method (注消) must not send them to the set-up guides — on BOTH engines."""
import pytest

from tests.factories.search import api_search as search
from tests.factories.search import search_site_with

COMPANY = [
    {"kind": "guide", "code": f"430100-SJ-XK-02{i}", "name": name, "department": "长沙市市场监督管理局",
     "item_type": "行政许可", "conditions": conditions, "materials": [{"name": "营业执照正、副本"}]}
    for i, (name, conditions) in enumerate([
        ("企业设立登记（有限责任公司）", "申请设立有限责任公司，领取营业执照。"),
        ("企业设立登记（股份有限公司）", "申请设立股份有限公司，领取营业执照。"),
        ("企业变更登记（住所变更）", "公司变更住所的，应当在迁入新住所前申请变更登记，换发营业执照。"),
        ("企业注销登记（一般注销）", "公司解散，清算结束后申请注销登记，缴回营业执照。"),
    ], start=10)
]


@pytest.fixture
def site(engine_name, db):
    search_site_with(COMPANY)


def test_closing_a_business_licence_leads_to_deregistration_not_set_up(site, client):
    titles = [r["title"] for r in search(client, "营业执照注销")["results"]]
    assert titles[0] == "企业注销登记（一般注销）", titles


def test_a_slip_in_the_act_is_mended_even_when_the_licence_alone_found_something(site, client):
    """注消 is no word; 营业执照 alone finds every company guide. The query is answered as 营业执照注销."""
    body = search(client, "营业执照注消")
    assert body["results"][0]["title"] == "企业注销登记（一般注销）", [r["title"] for r in body["results"]]
    assert body["suggestion"] == "营业执照注销"


def test_getting_a_licence_still_leads_to_set_up(site, client):
    titles = [r["title"] for r in search(client, "办营业执照")["results"]]
    assert titles[0].startswith("企业设立登记"), titles


@pytest.mark.parametrize("q", ["公司要变更地址", "公司搬到新地址要变更吗"])
def test_a_guide_that_says_only_another_act_comes_after_the_one_that_does_the_act_asked_for(site, client, q):
    """公司 is written in 企业设立登记（有限责任公司）'s name and not in 企业变更登记（住所变更）'s, but the citizen asks
    to 变更: a name that says only an act the query did not name (设立) does not lead."""
    titles = [r["title"] for r in search(client, q)["results"]]
    assert titles[0] == "企业变更登记（住所变更）", titles
