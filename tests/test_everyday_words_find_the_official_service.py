"""A citizen's everyday words find the official service even when the site's editors wrote no synonym for them —
through general language knowledge (search.knowledge: 同义词词林, verb classes, short forms mined from the site's own
names, bigrams) — on BOTH engines; and that knowledge never pushes aside what the user literally typed, an official
name or a 发文字号."""
import pytest

from search import knowledge, vocabulary
from search.analysis import Analyzer, required
from tests.factories.search import load_indexed, policy_obj, refresh, search_site


def guide(code, name, conditions="申请人须提交有效居民身份证。", department="长沙市民政局"):
    return {"kind": "guide", "code": code, "name": name, "department": department, "conditions": conditions,
            "materials": [{"name": "居民身份证"}]}


CARD_LOST = "社会保障卡（补领）"
CARD_RENEW = "社会保障卡（换领）"
CARD_FIRST = "社会保障卡（首次申领）"
HOTEL_PERMIT = "旅馆业特种行业许可证核发（新办）"
GUEST_HOUSE = "宾馆服务质量等级评定"
HOUSING = "公共租赁住房申请"
REPAIR = "农村危房改造补助申请"
POLICY = "长沙市民政局关于调整城乡居民最低生活保障标准的通知"
PLATE_LOST = "机动车号牌、行驶证补领换领（补领号牌）"
RIDE_HAIL = "网络预约出租汽车驾驶员证核发（新办）"
TREE_FELLING = "砍伐城市树木、迁移古树名木审批（砍伐）"
STEM_CELLS = "造血干细胞捐献登记"
FUND_ON_LEAVING = "住房公积金提取（离职提取）"
FUND_ON_BUYING = "住房公积金提取（购房提取）"
DRIVING_LICENCE = "机动车驾驶证（初次申领）"
PASSPORT = "普通护照签发（首次申请）"
FIRE_CERTIFICATE = "火灾事故证明出具"
CEMETERY = "经营性公墓购墓及骨灰安放"
DOG_LICENCE = "犬类准养证核发（新办）"
FISHING_LICENCE = "渔业捕捞许可（新办）"
UNEMPLOYMENT = "失业登记"
WORKING_HOURS = "企业实行不定时工作制和综合计算工时工作制审批（新办）"
PENSION_POLICY = "长沙市人力资源和社会保障局关于提高城乡居民基本养老保险待遇的通知"
EXTRA = [
    guide("430100-RS-GG-0201", CARD_LOST, "社会保障卡遗失或损坏的持卡人。", "长沙市人力资源和社会保障局"),
    guide("430100-RS-GG-0202", CARD_RENEW, "社会保障卡有效期满的持卡人。", "长沙市人力资源和社会保障局"),
    guide("430100-RS-GG-0203", CARD_FIRST, "本市参保人员。", "长沙市人力资源和社会保障局"),
    guide("430100-GA-XK-0204", HOTEL_PERMIT, "经营旅馆业的单位和个体工商户。", "长沙市公安局"),
    guide("430100-WL-GG-0205", GUEST_HOUSE, "经营满一年的宾馆。", "长沙市文化旅游广电局"),
    guide("430100-ZJ-GG-0206", HOUSING, "本市城镇中等偏下收入住房困难家庭。", "长沙市住房和城乡建设局"),
    guide("430100-ZJ-GG-0207", REPAIR, "居住在危房中的农村低收入群体。", "长沙市住房和城乡建设局"),
    guide("430100-GA-GG-0208", PLATE_LOST, "机动车号牌灭失、丢失的机动车所有人。", "长沙市公安局"),
    guide("430100-JT-XK-0209", RIDE_HAIL, "取得相应准驾车型机动车驾驶证满3年。", "长沙市交通运输局"),
    guide("430100-ZJ-XK-0210", TREE_FELLING, "因城市建设确需砍伐城市树木的单位或个人。", "长沙市城市管理局"),
    guide("430100-HS-GG-0211", STEM_CELLS, "18至45周岁、身体健康、自愿捐献造血干细胞的公民。", "长沙市红十字会"),
    guide("430100-GJ-GG-0212", FUND_ON_LEAVING, "与单位终止劳动关系的缴存职工。", "长沙住房公积金管理中心"),
    guide("430100-GJ-GG-0213", FUND_ON_BUYING, "购买自住住房的缴存职工。", "长沙住房公积金管理中心"),
    guide("430100-GA-GG-0214", DRIVING_LICENCE, "年满18周岁，经考试合格。", "长沙市公安局"),
    guide("430100-GA-GG-0215", PASSPORT, "中国公民因私出国。", "长沙市公安局"),
    guide("430100-XF-GG-0216", FIRE_CERTIFICATE, "发生火灾的单位和个人。", "长沙市消防救援支队"),
    guide("430100-MZ-GG-0217", CEMETERY, "逝者家属。", "长沙市民政局"),
    guide("430100-GA-XK-0218", DOG_LICENCE, "在本市城区饲养犬只的个人。", "长沙市公安局"),
    guide("430100-NY-XK-0219", FISHING_LICENCE, "从事渔业生产的单位和个人。", "长沙市农业农村局"),
    guide("430100-RS-GG-0220", UNEMPLOYMENT, "法定劳动年龄内、有劳动能力和就业要求、处于无业状态的城乡劳动者。",
          "长沙市人力资源和社会保障局"),
    guide("430100-RS-XK-0221", WORKING_HOURS, "因生产特点不能实行标准工时制度的企业。", "长沙市人力资源和社会保障局"),
    policy_obj(POLICY, "长民发〔2024〕21号", issuers=("长沙市民政局",), body="城乡居民最低生活保障标准自2024年7月1日起调整。"),
    policy_obj(PENSION_POLICY, "长人社发〔2024〕9号", issuers=("长沙市人力资源和社会保障局",),
               body="自2024年1月1日起，城乡居民基础养老金每人每月提高20元。"),
]


@pytest.fixture
def site(engine_name, db):
    """The search test site plus the guides above, with the admin's synonym list switched off: what is found here is
    found by general knowledge alone (one unrelated rule stays, or the shipped list would apply instead)."""
    from search.models import Synonym

    search_site()
    load_indexed(EXTRA)
    Synonym.objects.update(enabled=False)
    Synonym.objects.create(rule="甲乙丙丁, 戊己庚辛")
    vocabulary.bump()
    refresh()


def titles(client, q):
    response = client.get("/api/search", {"q": q})
    assert response.status_code == 200, response.content.decode()
    return [r["title"] for r in response.json()["results"]]


@pytest.mark.parametrize(("query", "official"), [
    ("社保卡丢了怎么办", CARD_LOST),  # 社保卡: a short form of 社会保障卡; 丢了 → 补领 (a verb class)
    ("社保卡过期了", CARD_RENEW),  # 过期 → 换领
    ("公租房怎么申请", HOUSING),  # 公租房: 公共租赁住房
    ("危改补助", REPAIR),  # 危改: 危房改造
])
def test_an_everyday_short_form_finds_the_official_guide_without_any_admin_synonym(site, client, query, official):
    assert titles(client, query)[0] == official


@pytest.mark.parametrize(("query", "official"), [
    ("车牌掉了补一个", PLATE_LOST),  # 车牌: 机动车 号牌, two words of the name side by side
    ("跑网约车要什么证", RIDE_HAIL),  # 网约车: 网络 预约 出租汽车, though the query cuts it 网约 / 车
])
def test_a_short_form_of_words_written_side_by_side_finds_the_guide(site, client, query, official):
    assert official in titles(client, query)[:3]


def test_single_characters_a_citizen_types_count_through_the_words_they_head(site, client):
    assert titles(client, "砍门口的树")[0] == TREE_FELLING  # 砍 → 砍伐, 树 → 树木 (词林); 门口 is only a place
    # 骨髓 is nowhere on the site: rather than nothing, what 捐 means here (捐献) is offered
    found = titles(client, "捐骨髓")
    assert STEM_CELLS in found[:3]
    assert CEMETERY not in found[:3]  # 骨灰 shares the 骨 of 骨髓, but 髓 is what the word is about


@pytest.mark.parametrize(("query", "official"), [
    ("家里着火开证明", FIRE_CERTIFICATE),  # 着火: the site writes 火灾, sharing the 火 the word is about
    ("养狗要办证吗", DOG_LICENCE),  # no site word has 狗; 狗 = 犬 in 词林, and the site writes 犬类
    ("打鱼的证", FISHING_LICENCE),  # 打鱼 = 渔 in 词林, and the site writes 渔业
])
def test_a_word_the_site_never_writes_finds_the_guide_through_the_character_it_is_about(site, client, query, official):
    assert titles(client, query)[0] == official


@pytest.mark.parametrize("query", ["丢了工作去哪登记", "工作丢了怎么办"])
def test_a_verb_and_its_object_are_understood_as_the_phrase_they_make(site, client, query):
    found = titles(client, query)  # 丢 + 工作: 丢饭碗 in 词林 (饭碗 = 工作), whose group says 失业
    assert found[0] == UNEMPLOYMENT, found
    assert CARD_LOST not in found[:3]  # nothing was lost to be re-issued


def test_a_word_written_only_in_a_documents_text_is_found_as_written_not_guessed(site, client):
    found = titles(client, "养老金")  # in the policy's text only; 公积金 shares its 金
    assert found[0] == PENSION_POLICY
    assert FUND_ON_LEAVING not in found and FUND_ON_BUYING not in found


@pytest.mark.parametrize(("query", "official"), [
    ("辞职了取公积金", FUND_ON_LEAVING),  # 辞职 and 离职: one 词群 of 词林, sharing 职
    ("学车考驾照", DRIVING_LICENCE),  # 驾照 and 驾驶证 share 驾, rarer than the 照 of 护照
])
def test_a_word_of_the_same_thesaurus_family_finds_the_guide(site, client, query, official):
    found = titles(client, query)
    assert found[0] == official, found
    assert PASSPORT not in found[:3]


def test_a_thesaurus_word_finds_the_guide_named_with_another_word(site, client):
    assert HOTEL_PERMIT in titles(client, "开旅店要什么证")[:3]  # 旅店 = 旅馆 in 同义词词林


def test_the_users_own_word_outranks_an_expansion(site, client):
    found = titles(client, "宾馆")
    assert found[0] == GUEST_HOUSE  # the user's own word …
    assert HOTEL_PERMIT in found  # … above the guide found through 宾馆 = 旅馆


@pytest.mark.parametrize("query", [HOTEL_PERMIT, "旅馆业特种行业许可证核发", CARD_RENEW, "长民发〔2024〕21号"])
def test_an_official_name_or_document_number_still_ranks_its_document_first(site, client, query):
    expected = POLICY if query.startswith("长民发") else (query if "（" in query else HOTEL_PERMIT)
    assert titles(client, query)[0] == expected


# ---- the analysis (plain Python) ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def analyzer():
    a = Analyzer(synonyms=None)
    names = [CARD_LOST, CARD_RENEW, HOTEL_PERMIT, GUEST_HOUSE, HOUSING, REPAIR, PLATE_LOST, RIDE_HAIL, TREE_FELLING, FUND_ON_LEAVING,
             FUND_ON_BUYING, DRIVING_LICENCE, PASSPORT, "户口迁移", "户籍证明开具",
             "残疾等级评定"]
    a.add_words(names)
    a.add_vocabulary(names, ["持卡人须携带居民身份证。"])
    return a


def test_short_forms_are_mined_from_the_sites_own_names():
    assert {"社保卡", "社保"} <= knowledge.abbreviations(["社会", "保障", "卡"])
    assert "低保" in knowledge.abbreviations(["最低", "生活", "保障"])
    assert "残疾证" in knowledge.abbreviations(["残疾人", "证"])
    assert not {"社会", "保障卡"} & knowledge.abbreviations(["社会", "保障", "卡"])  # pieces as written are not short forms


def test_a_verb_ranks_the_variant_but_never_filters(analyzer):
    groups = analyzer.query_tokens("社保卡丢了")
    hard = required(groups)
    assert [g.soft for g in groups] == [False, True]
    assert len(hard) == 1 and ("社会保障卡",) in hard[0]  # found through the short form
    assert ("补领",) in groups[1] and ("挂失",) in groups[1]


def test_expansions_weigh_less_than_the_users_words(analyzer):
    group = analyzer.query_tokens("宾馆")[0]
    weights = {a: getattr(a, "weight", 1.0) for a in group}
    assert weights[("宾馆",)] == 1.0 and weights[("旅馆",)] == knowledge.SAME_WEIGHT < 1.0


def test_expansions_alone_never_make_a_match(analyzer):
    """户口等级 (a typo of 户口登记): 户籍 ∧ 阶段-style matches made only of expansions are not answers, so the query
    finds nothing and "did you mean" can correct it."""
    groups = analyzer.query_tokens("户口等级")
    assert ("户籍",) in groups[0]  # 户口 = 户籍 in 同义词词林
    hard = required(groups)
    assert len(hard) == 3  # 户口-or-户籍, 等级, and one of the user's own words
    assert set(hard[-1]) == {("户口",), ("等级",)}


def test_an_unknown_word_falls_back_to_the_site_words_among_its_bigrams(analyzer):
    word = "旅馆喵"
    assert not analyzer.tokenizer.FREQ.get(word) and not analyzer.vocabulary.knows(word)
    alts = analyzer._knowledge(word)
    assert alts == [("旅馆",)] and alts[0].weight == knowledge.BIGRAM_WEIGHT


def test_a_query_cut_through_a_short_form_is_joined_again(analyzer):
    groups = analyzer.query_tokens("跑网约车要什么证")
    assert ("网约车",) in groups[0]
    assert ("网络", "预约", "出租汽车") in groups[0]  # the phrase, matched as all its words
    assert not any(("网约",) in g for g in groups)


def test_a_pronoun_or_place_word_ranks_but_never_filters(analyzer):
    for query, word in (("看病自己垫的钱怎么报", "自己"), ("家里着火开证明", "家里"), ("门口的树砍伐", "门口")):
        groups = analyzer.query_tokens(query)
        assert any((word,) in g for g in groups), groups  # still counted when ranking
        assert not any((word,) in g for g in required(groups)), query
    alone = required(analyzer.query_tokens("自己"))  # the whole query is still what it asks for
    assert alone and ("自己",) in alone[0]


def test_a_lone_character_means_the_site_words_it_heads(analyzer):
    groups = analyzer.query_tokens("砍城市的树")
    trees = [g for g in groups if ("树木",) in g]  # 树 = 树木 in 词林, and the site writes 树木
    assert trees and trees[0][0].weight < 1.0  # an expansion, weaker than a word the user typed
    assert not any(("树木",) in g for g in required(groups))  # next to a real word it only ranks


def test_a_family_word_comes_only_for_a_word_the_site_never_writes(analyzer):
    group = analyzer.query_tokens("辞职")[0]
    assert ("离职",) in group and group[1].weight == knowledge.KIN_WEIGHT < 1.0
    licence = analyzer.query_tokens("驾照")[0]
    assert ("驾驶证",) in licence and ("护照",) not in licence
    assert analyzer.query_tokens("护照")[0] == [("护照",)]  # the site writes it: nothing is added


def test_the_telling_character_is_a_guess_made_only_when_asked_and_never_for_a_slip():
    a = Analyzer(synonyms=None)
    names = [FIRE_CERTIFICATE, CEMETERY, HOTEL_PERMIT, "城市管理执法"]
    a.add_words(names)
    a.add_vocabulary(names)
    assert a.query_tokens("着火") == [[("着火",)]]  # a query that finds something is not guessed at
    guessed = a.query_tokens("着火", guess=True)[0]
    assert ("火灾",) in guessed and guessed[1].weight == knowledge.CHARACTER_WEIGHT < 1.0
    assert not any(("骨灰",) in g for g in a.query_tokens("骨髓", guess=True))  # 髓, not 骨, tells what it is
    assert a.query_tokens("旅管", guess=True) == [[("旅管",)]]  # sounds like 旅馆: a slip to mend, not a new word


def test_a_verb_and_its_object_said_as_one_word_replace_the_verb():
    analyzer = Analyzer(synonyms=None)
    analyzer.add_words([UNEMPLOYMENT, CARD_LOST])
    analyzer.add_vocabulary([UNEMPLOYMENT, CARD_LOST])
    groups = analyzer.query_tokens("丢了工作")
    assert len(groups) == 1 and groups[0][0] == ("失业",) and groups[0][0].weight == 1.0
    assert groups[0][1] == ("工作",) and groups[0][1].weight == knowledge.PARAPHRASE_WEIGHT  # still found, below
    assert not any(("补领",) in g for g in groups)  # 丢 here is no lost card
    assert any(("补领",) in g for g in analyzer.query_tokens("社保卡丢了"))
