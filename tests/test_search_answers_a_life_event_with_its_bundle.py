"""“去世了要办什么” asks for everything a life event needs: the 一件事 bundle that groups those services answers it,
though its name (身后一件事) shares no word with the question — on BOTH engines. A question about one service keeps
that service first."""
import pytest

from search.intent import asks_for_everything
from tests.factories.guides import bundle_obj, guide_obj
from tests.factories.search import api_search, search_site_with

DEATH = [
    guide_obj(code="430100-GA-QR-0801", name="户籍注销", department="长沙市公安局",
              conditions="公民死亡后，由其亲属持死亡证明办理户口注销。"),
    guide_obj(code="430100-RS-GF-0802", name="丧葬补助金和抚恤金申领", department="长沙市人力资源和社会保障局",
              conditions="参保人员因病或非因工死亡的，其遗属可申领丧葬补助金和抚恤金。"),
    guide_obj(code="430100-MZ-GG-0803", name="基本殡葬服务费用减免", department="长沙市民政局",
              conditions="本市户籍居民死亡后，遗体火化的，减免基本殡葬服务费用。"),
    bundle_obj("YJS-SH", ["430100-GA-QR-0801", "430100-RS-GF-0802", "430100-MZ-GG-0803"], name="身后一件事",
               lead_department="长沙市民政局", intro="亲人死亡后，户籍注销、丧葬补助金申领、殡葬费用减免一次办。"),
]


@pytest.fixture
def site(engine_name, db):
    search_site_with(DEATH)


def titles(client, q):
    return [r["title"] for r in api_search(client, q)["results"]]


@pytest.mark.parametrize("q", ["去世了要办什么", "死亡后要办哪些手续"])
def test_asking_what_a_life_event_needs_leads_to_its_bundle(site, client, q):
    assert titles(client, q)[0] == "身后一件事", titles(client, q)


def test_asking_for_one_service_keeps_the_service_first(site, client):
    assert titles(client, "户籍注销怎么办")[0] == "户籍注销"


@pytest.mark.parametrize("q, everything", [
    ("生孩子要办什么", True), ("开公司要办哪些手续", True), ("退休要办什么手续", True), ("公司关门有哪些手续", True),
    ("去香港要办什么证", False), ("身份证要带什么", False), ("低保怎么办", False), ("办什么卡能坐公交", False),
])
def test_a_question_about_everything_an_event_needs_is_told_from_one_about_a_thing(q, everything):
    assert asks_for_everything(q) is everything
