"""A citizen who asks how to do something gets the guide first; one who names a policy (发文字号 or title) gets that
policy first — on BOTH engines, through the same re-ranking."""

import pytest

from search.intent import DOCUMENT, HOWTO, classify
from tests.factories.search import load_indexed, policy_obj, refresh, search_site

GUIDE = "居住证签发"
POLICY = "长沙市公安局关于居住证申请有关事项的通知"
EXTRA = [
    {"kind": "guide", "code": "430100-GA-XK-0101", "name": GUIDE, "department": "长沙市公安局",
     "conditions": "在本市居住半年以上，符合合法稳定就业、合法稳定住所、连续就读条件之一的，可以申请居住证。",
     "materials": [{"name": "居民身份证"}, {"name": "居住证明"}]},
    policy_obj(POLICY, "长公发〔2024〕7号", issuers=("长沙市公安局",),
               body="居住证申请的受理、审核和签发，按照本通知办理。居住证申请人应当如实提供材料。"),
    *[{"kind": "guide", "code": f"430100-GA-QT-010{i + 1}", "name": f"普通护照签发（{variant}）", "department": "长沙市公安局",
       "conditions": "中国公民因私出国申请普通护照。", "materials": [{"name": "居民身份证"}]}
      for i, variant in enumerate(("补发", "换发", "首次申请"), start=1)],
    *[{"kind": "guide", "code": f"430100-RS-GG-011{i}", "name": f"养老保险关系转移接续（{variant}）",
       "department": "长沙市人力资源和社会保障局", "conditions": "参保人员跨统筹地区流动就业。",
       "materials": [{"name": "居民身份证"}]}
      for i, variant in enumerate(("转入", "转出"))],
    *[{"kind": "guide", "code": f"430100-GA-GG-012{i}", "name": f"机动车驾驶证（{variant}）", "department": "长沙市公安局",
       "conditions": "持有本市核发的机动车驾驶证。", "materials": [{"name": "机动车驾驶证"}]}
      for i, variant in enumerate(("损毁换证", "期满换证"))],
    {"kind": "guide", "code": "430100-JY-GG-0130", "name": "义务教育阶段新生入学（小学一年级入学）",
     "department": "长沙市教育局", "conditions": "年满六周岁的适龄儿童，由父母或其他法定监护人为其报名。",
     "materials": [{"name": "户口簿"}, {"name": "房产证明"}]},
    {"kind": "guide", "code": "430100-JY-GG-0131", "name": "学生资助（义务教育家庭经济困难学生生活补助）",
     "department": "长沙市教育局", "conditions": "义务教育阶段家庭经济困难的在校学生，小学、初中均可申请。",
     "materials": [{"name": "学生资助申请表"}]},
    policy_obj("长沙市城市养犬管理办法", "长政发〔2010〕9号", validity="废止", formed_on="2010-06-01", body="城市养犬登记、年检和管理规定。"),
    policy_obj("长沙市城市养犬管理规定", "长政发〔2021〕4号", formed_on="2021-01-10", body="城市养犬登记、年检和管理规定。"),
]


@pytest.fixture
def site(engine_name, db):
    search_site()
    load_indexed(EXTRA)
    refresh()


def titles(client, q, **params):
    response = client.get("/api/search", {"q": q, **params})
    assert response.status_code == 200, response.content.decode()
    return [r["title"] for r in response.json()["results"]]


def test_a_service_named_without_an_act_leads_with_getting_it_the_first_time(site, client):
    assert titles(client, "办护照")[0] == "普通护照签发（首次申请）"  # not 补发 or 换发, listed before it
    assert titles(client, "护照丢了")[0] == "普通护照签发（补发）"  # an act named (丢了 → 补发) is what counts


@pytest.mark.parametrize(("query", "variant"), [("养老保险转到外地", "转出"), ("养老保险转回本市", "转入")])
def test_the_act_the_query_names_leads_where_the_items_name_says_it_for_every_variant(site, client, query, variant):
    assert titles(client, query)[0] == f"养老保险关系转移接续（{variant}）"  # the name says 转移 for both


def test_the_variant_that_says_more_of_the_named_acts_leads(site, client):
    assert titles(client, "驾驶证到期换证")[0] == "机动车驾驶证（期满换证）"  # 期满 and 换证; 损毁换证 only 换证


def test_a_word_for_people_counts_less_than_what_they_ask_to_do(site, client):
    """孩子 says whom the service is for; the 入学 guide's name leaves it out, the 学生资助 one writes 学生."""
    assert titles(client, "孩子上小学报名")[0] == "义务教育阶段新生入学（小学一年级入学）"


@pytest.mark.parametrize("query", ["居住证怎么申请", "如何申请居住证", "居住证申请要带什么材料"])
def test_a_how_to_question_puts_the_guide_above_a_policy_with_the_same_words(site, client, query):
    found = titles(client, query)
    assert GUIDE in found, found
    assert POLICY not in found or found.index(GUIDE) < found.index(POLICY), found


@pytest.mark.parametrize("query", ["长公发〔2024〕7号", "长公发[2024]7号", "居住证申请有关事项的通知"])
def test_naming_a_policy_by_number_or_title_puts_that_policy_first(site, client, query):
    assert titles(client, query)[0] == POLICY


def test_a_repealed_policy_asked_for_by_its_number_comes_first_and_stays_marked(site, client):
    assert titles(client, "长政发〔2010〕9号")[0] == "长沙市城市养犬管理办法"
    page = client.get("/search/", {"q": "长政发〔2010〕9号"}).content.decode()
    assert "validity-废止" in page


@pytest.mark.parametrize("query", ["护照丢了怎么办", "营业执照去哪办", "结婚登记要什么材料", "如何办理残疾人证", "公积金提取流程",
                                   "驾驶证补办", "医保卡遗失", "出租车可以网上预约吗", "社保断缴了有什么办法"])
def test_questions_about_doing_something_read_as_how_to(query):
    assert classify(query)[0] == HOWTO


@pytest.mark.parametrize("query", ["关于做好2024年春季农业生产工作的通知", "《长沙市物业管理条例》", "住房公积金管理办法",
                                   "创业有哪些补贴政策"])
def test_policy_shaped_queries_read_as_documents(query):
    assert classify(query)[0] == DOCUMENT


@pytest.mark.parametrize("query", ["公积金", "新生儿", "养老保险"])
def test_plain_topics_express_no_preference(query):
    assert classify(query)[0] == ""


def test_a_document_number_is_recognised_against_the_candidates_own_numbers():
    hit = {"type": "policy", "key": "page-1", "doc_number": "湘政办发〔2023〕15号", "title": "关于某事的通知"}
    assert classify("湘政办发（2023）15号", [hit]) == (DOCUMENT, {"page-1"})
    assert classify("湘政办发 2023 15号", [hit]) == (DOCUMENT, {"page-1"})
    assert classify("湘政办发〔2023〕16号", [hit])[1] == set()
