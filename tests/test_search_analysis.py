"""Chinese analysis behind both search engines, as a citizen typing into the search box would notice it.

Runs without Django: .venv/bin/python -m pytest -p no:django tests/test_search_analysis.py
"""
import re
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.analysis import (
    GOV_DICT,
    SINGLE_CHAR_ALLOWLIST,
    SYNONYMS_FILE,
    Analyzer,
    flatten,
    get_analyzer,
    normalize,
    parse_synonyms,
    read_gov_dict,
    required,
    levenshtein,
    to_fts5_match,
    to_tsquery,
    within_edits,
)


@pytest.fixture(scope="module")
def analyzer():
    return get_analyzer()


def alternatives(groups):
    return [alt for group in groups for alt in group]


# ---- segmentation -----------------------------------------------------------------------------
def test_newborn_birth_is_one_index_token_plus_its_parts(analyzer):
    tokens = analyzer.index_tokens("新生儿出生")
    assert "新生儿出生" in tokens
    assert "新生儿" in tokens and "出生" in tokens


@pytest.mark.parametrize("text", ["新生儿出生", "出生", "办理新生儿出生医学证明", "新生儿出生一件事一次办"])
def test_a_lone_character_never_becomes_an_index_token(analyzer, text):
    tokens = analyzer.index_tokens(text)
    assert "出" not in tokens
    assert all(len(t) > 1 or t in SINGLE_CHAR_ALLOWLIST or t.isascii() for t in tokens), tokens


def test_one_character_text_is_still_searchable(analyzer):
    assert analyzer.index_tokens("税") == ["税"]
    assert analyzer.query_tokens("税") == [[("税",)]]


@pytest.mark.parametrize(
    "traditional, simplified",
    [("網辦", "网办"), ("辦事指南", "办事指南"), ("戶口登記", "户口登记"), ("網上辦理營業執照", "网上办理营业执照")],
)
def test_traditional_input_gives_the_same_tokens_as_simplified(analyzer, traditional, simplified):
    assert normalize(traditional) == simplified
    assert analyzer.index_tokens(traditional) == analyzer.index_tokens(simplified)
    assert analyzer.query_tokens(traditional) == analyzer.query_tokens(simplified)
    assert set(analyzer.index_tokens(traditional)) & {"网办", "办事指南", "户口登记", "网上办理"}


@given(st.text(alphabet="低保社卡证户口登记ab", max_size=10), st.text(alphabet="低保社卡证户口登记ab", max_size=10),
       st.integers(min_value=0, max_value=3))
def test_the_banded_edit_distance_agrees_with_the_full_one_up_to_its_limit(a, b, limit):
    full = levenshtein(a, b)
    assert within_edits(a, b, limit) == (full if full <= limit else limit + 1)


def test_normalize_folds_width_case_and_whitespace():
    assert normalize("ＡＢＣ　１２３\n\t Covid") == "abc 123 covid"
    assert normalize(None) == ""


def test_index_tokens_are_whitespace_safe_for_every_engine(analyzer):
    text = "国办发〔2024〕12号 关于印发《政府信息公开指南》的通知 COVID-19 ＡＢＣ"
    tokens = analyzer.index_tokens(text)
    assert {"2024", "12", "covid", "19", "abc", "政府信息公开指南", "政府信息公开"} <= set(tokens)
    assert all(re.fullmatch(r"[\u3400-\u9fff]+|[a-z0-9]+", t) for t in tokens), tokens
    assert analyzer.segment_for_index(text) == " ".join(tokens)
    assert "的" not in tokens and "关于" not in tokens


def test_stopwords_are_dropped_but_content_words_stay(analyzer):
    tokens = analyzer.index_tokens("我们在哪里办理最低生活保障和医疗保险的手续")
    assert "最低生活保障" in tokens and "医疗保险" in tokens and "办理" in tokens
    assert not {"我们", "在", "哪里", "和", "的"} & set(tokens)


def test_gov_dictionary_words_come_out_whole(analyzer):
    required = """一件事一次办 一件事 新生儿出生 新生儿 户口登记 落户 最低生活保障 低保 公积金 住房公积金 不动产登记
    营业执照 社会保障卡 社保卡 养老保险 医疗保险 医保 退休 出生医学证明 预防接种 入学 义务教育 企业开办 企业注销
    政府信息公开 政务公开 办事指南 一网通办 网上办理 网办 残疾人 失业保险 生育津贴 居住证 身份证 结婚登记 婚姻登记
    死亡医学证明 殡葬 丧葬补助 公租房 保障性住房 廉租房 危房改造 涉农补贴 城乡规划 公共资源交易 财政预决算 行政许可
    行政处罚 规范性文件 政策解读""".split()
    words = {w for w, _, _ in read_gov_dict(GOV_DICT)}
    assert len(words) >= 300
    missing = [w for w in required if w not in words]
    assert not missing
    split = [w for w in words if analyzer.cut(w) != [w]]
    assert not split


def test_the_analyzer_has_its_own_tokenizer(analyzer):
    import jieba

    assert analyzer.tokenizer is not jieba.dt
    assert "新生儿出生" not in jieba.dt.FREQ or jieba.dt.FREQ is not analyzer.tokenizer.FREQ


def test_added_guide_name_becomes_one_token():
    a = Analyzer()
    name = "灵活就业人员参保登记"
    assert name not in a.index_tokens(name)
    a.add_words([name, "  ", "", "灵活就业人员参保登记"])
    tokens = a.index_tokens("办理灵活就业人员参保登记需要的材料")
    assert name in tokens
    assert "参保登记" in tokens and "灵活就业" in tokens  # the parts still find it
    assert a.query_tokens(name)[0][0] == (name,)


# ---- queries & synonyms -----------------------------------------------------------------------
def test_having_a_baby_question_expands_to_newborn_birth(analyzer):
    groups = analyzer.query_tokens("生孩子要办什么")
    assert groups, groups
    alts = alternatives(groups)
    assert ("新生儿", "出生") in alts
    flat = flatten(groups)
    assert not {"要", "什么", "办", "要办"} & set(flat)


def test_dibao_question_includes_the_official_name(analyzer):
    groups = analyzer.query_tokens("低保怎么申请")
    hard = required(groups)
    assert len(hard) == 1  # 怎么 is a stopword; 申请, a verb next to a content word, only ranks (a soft group)
    assert ("低保",) in hard[0] and ("最低生活保障",) in hard[0]
    assert [g.soft for g in groups] == [False, True] and ("申请",) in groups[1]


@pytest.mark.parametrize(("query", "way", "other_way"), [("养老保险转到外地", "转出", "转入"), ("户口迁到外地", "迁出", "迁入")])
def test_a_verb_split_in_two_characters_keeps_its_direction(analyzer, query, way, other_way):
    """转 到 is 转到 (move out): the act group must not hold 转入 too, or 转到外地 ranks （转入） like （转出）."""
    acts = [a for g in analyzer.query_tokens(query) if g.soft for a in g]
    assert (way,) in acts and (other_way,) not in acts, acts


def test_a_lone_character_next_to_words_ranks_but_never_filters(analyzer):
    groups = analyzer.query_tokens("港澳通行证要办什么证")  # 证: vague on its own; the guide writes 港澳通行证
    assert any(("证",) in g for g in groups)  # still there, for the title coverage
    hard = required(groups)
    assert hard and not any(("证",) in g for g in hard), hard
    alone = required(analyzer.query_tokens("税"))  # a one-character query is still what it asks for
    assert alone and ("税",) in alone[0]


def test_query_groups_shape_and_long_word_cover(analyzer):
    groups = analyzer.query_tokens("新生儿出生 户口登记")
    assert isinstance(groups, list) and all(isinstance(g, list) for g in groups)
    assert all(isinstance(alt, tuple) and all(isinstance(t, str) for t in alt) for g in groups for alt in g)
    assert groups[0][0] == ("新生儿出生",)
    assert ("新生儿", "出生") in groups[0]  # documents that wrote the parts apart still match


@pytest.mark.parametrize(
    "query, expected",
    [
        ("上户口", ("户口登记",)),
        ("社保卡丢了", ("社会保障卡",)),
        ("我要开公司", ("企业开办",)),
        ("注销公司", ("企业注销",)),
        ("看病报销", ("医疗保险", "报销")),
        ("孩子上学", ("义务教育",)),
        ("结婚", ("婚姻登记",)),
        ("离婚", ("离婚登记",)),
        ("房产证", ("不动产权证书",)),
        ("过户", ("转移登记",)),  # a house or a car alike
        ("人走了要办什么", ("死亡",)),
        ("網辦", ("网上办理",)),
        ("退休", ("养老保险",)),
        ("执照", ("营业执照",)),
    ],
)
def test_everyday_words_find_official_names(analyzer, query, expected):
    assert expected in alternatives(analyzer.query_tokens(query))


def test_a_procedural_word_alone_is_kept(analyzer):
    assert analyzer.query_tokens("办理") == [[("办理",)]]
    assert analyzer.query_tokens("怎么 的 吗") == []
    assert analyzer.query_tokens("") == []


def test_admin_synonyms_extend_the_map():
    a = Analyzer()
    a.add_synonyms("搬砖补贴 => 就业补贴\n犬证, 养狗登记")
    assert ("就业补贴",) in alternatives(a.query_tokens("搬砖补贴"))
    assert ("养狗登记",) in alternatives(a.query_tokens("犬证"))
    assert ("犬证",) in alternatives(a.query_tokens("养狗登记"))


def test_seed_synonyms_file_parses_with_non_empty_targets():
    rules = parse_synonyms(SYNONYMS_FILE.read_text(encoding="utf-8"))
    assert len(rules) >= 100
    pairs = sum(len(r.sources) * len(r.targets) for r in rules)
    assert pairs >= 100
    for rule in rules:
        assert rule.sources and all(rule.sources)
        assert rule.targets and all(t and all(t) for t in rule.targets)


@pytest.mark.parametrize("bad", ["=> 新生儿", "生孩子 =>", "低保", "a => b => c", " , "])
def test_malformed_synonym_rules_are_rejected(bad):
    with pytest.raises(ValueError):
        parse_synonyms(bad)


# ---- autocomplete & did-you-mean --------------------------------------------------------------
def test_pinyin_keys_for_autocomplete(analyzer):
    keys = analyzer.pinyin_keys("新生儿出生")
    assert keys[:2] == ["xinshengerchusheng", "xsecs"]
    assert "chusheng" in keys and "xinshenger" in keys
    assert analyzer.pinyin_keys("新生兒出生")[:2] == keys[:2]  # traditional title
    assert analyzer.pinyin_keys("") == []


VOCAB = ["低保", "最低生活保障", "新生儿出生", "新生儿出生一件事", "住房公积金提取"]


@pytest.mark.parametrize(
    "typo, meant",
    [
        ("低宝", "低保"),
        ("新生而出生", "新生儿出生"),
        ("dibao", "低保"),
        ("最低生活报障", "最低生活保障"),
        ("低宝怎么申请", "低保怎么申请"),
        ("低寶", "低保"),
    ],
)
def test_did_you_mean_corrects_typos(analyzer, typo, meant):
    assert analyzer.suggest(typo, VOCAB) == meant


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("gongzhufang", "公租房"),  # 模糊音: zh typed for z
        ("shipingjingyingxuke", "食品经营许可"),  # ing typed for in
        ("jujuzheng", "居住证"),  # one letter off in a long string
        ("shebaokabuling", "社保卡补领"),  # two terms spelt one after the other
        ("dibao shenqing", "低保申请"),
    ],
)
def test_typed_pinyin_is_understood_the_way_input_methods_understand_it(typed, meant):
    a = Analyzer(synonyms=None)
    a.add_vocabulary(["公共租赁住房申请", "社会保障卡补领", "最低生活保障申请"])
    names = ["公租房", "食品经营许可", "居住证", "社保卡", "低保", "住房公积金提取"]
    assert a.suggest(typed, names) == meant


@pytest.fixture(scope="module")
def site_analyzer():
    a = Analyzer(synonyms=None)
    a.add_vocabulary(["居住证（申领）", "居民身份证（补领）", "最低生活保障对象认定（申请）", "残疾人证（新办）",
                      "机动车驾驶证（期满换证）", "企业设立登记（营业执照）", "营业性演出审批（新办）",
                      "关于开展政策实证评估的通知"])
    return a


@pytest.mark.parametrize(
    "slip, meant",
    [
        ("办理居往证", "办理居住证"),  # one character off a site word, inside a longer query
        ("身份正丢了", "身份证丢了"),
        ("低保申清", "低保申请"),  # sounds like a site word (申请), though no name writes it alone
    ],
)
def test_a_slip_inside_a_query_is_mended_from_the_sites_own_words(site_analyzer, slip, meant):
    assert site_analyzer.suggest(slip, ["居住证"]) == meant


def test_a_slip_is_mended_around_words_written_right_never_inside_them(site_analyzer):
    assert site_analyzer.suggest("驾驶证换正", ["居住证"]) == "驾驶证换证"  # not 驶证 → 实证 (驾实证换证)
    assert not (site_analyzer.suggest("营业执照变根", ["居住证"]) or "").startswith("营业性")  # not 营业执 → 营业性


@pytest.fixture(scope="module")
def service_analyzer():
    a = Analyzer(synonyms=None)
    a.add_vocabulary(["社会保障卡（补领）", "居民身份证办理（补领）", "机动车驾驶证（期满换证）", "企业变更登记（住所变更）",
                      "企业注销登记（一般注销）"])
    return a


@pytest.mark.parametrize(
    "slip, meant",
    [
        ("身分证补办", "身份证补办"),  # 身分证: a rare variant spelling the site never writes
        ("驾驶正换证", "驾驶证换证"),  # 驾驶 + a lone 正: together they sound like the site's 驾驶证
        ("营业执照变根", "营业执照变更"),  # gen for geng: 模糊音, as input methods allow
    ],
)
def test_a_slip_in_a_query_that_found_something_is_mended_to_the_site_word_it_sounds_like(service_analyzer, slip, meant):
    assert service_analyzer.homophone(slip) == meant


@pytest.mark.parametrize("query", ["社保卡补领", "营业执照变更", "领证要带什么", "身份证在哪办", "不办营业执照会怎样",
                                   "社保卡不领会怎样"])  # 不办, 不领: negated verbs, not slips of 补办, 补领
def test_a_query_written_right_is_not_mended_by_sound(service_analyzer, query):
    assert service_analyzer.homophone(query) is None


@pytest.mark.parametrize(
    "query",
    ["退休要办什么",  # not 退休证办什么: 要 holds the sentence together
     "结婚要带什么",
     "农村老人领养老金",  # not 农村部人: 老 belongs to 老人, written right
     "办离婚手续",  # not 办理婚手续: 离 belongs to 离婚
     "宝宝出生后办什么"],  # not …半身么: 什 belongs to 什么
)
def test_a_query_written_right_is_not_mended_into_a_site_word(query):
    a = Analyzer(synonyms=None)
    a.add_vocabulary(["退休证补办", "结婚证补领", "离婚登记", "农业农村部 农村部 政务公开", "居住证（申领）"])
    assert a.suggest(query, ["居住证", "退休证补办", "办理", "半身"]) is None
    assert a.suggest("办理居往证", ["居住证"]) == "办理居住证"  # a real slip still is


@pytest.mark.parametrize(
    "query",
    ["农村交的养老保险转到单位的",  # not 农村部的: 交 stands beside 农村, written right, and sounds nothing like 部
     "残疾人买轮椅能补贴吗",  # not 残疾人证轮椅
     "开个辅导班教小学生",  # not 中小学生: 教小学 would cut 小学生
     "租房住要去派出所登记吗",  # not 租房主要: 住 and 要 are a verb and a modal, no slip of 主要
     "公司改名字",  # not 公司改名: every word is written right
     "高龄津贴发放标准",
     "外地孩子在这上学",
     "离婚证丢了"],  # not 结婚证丢了: 离婚证 is written right
)
def test_a_word_beside_a_word_written_right_is_not_mended_into_a_longer_one(query):
    a = Analyzer(synonyms=None)
    a.add_vocabulary(["农业农村部 农村部 残疾人证 中小学生 主要 政务公开", "公司改名 高龄津贴发放 外地孩子上学"])
    assert a.suggest(query, ["残疾人证", "中小学生", "公司改名", "高龄津贴发放", "外地孩子上学", "结婚证丢了"]) is None


def test_a_verb_and_a_modal_are_not_mended_by_sound_into_a_function_word():
    a = Analyzer(synonyms=None)
    a.add_vocabulary(["主要 政务公开 派出所 居住登记"], ["居住登记主要办理地点为派出所。"])
    assert a.homophone("租房住要去派出所登记吗") is None  # not 租房主要去…
    assert a.suggest("租房住要去派出所登记吗", ["居住登记"]) is None


@pytest.mark.parametrize("query, meant", [("身份正丢了", "身份证丢了"), ("高林津贴", "高龄津贴"), ("低保申情", "低保申请"),
                                          ("办理居往证", "办理居住证")])
def test_a_slip_beside_a_word_is_still_mended_when_it_sounds_alike(query, meant):
    a = Analyzer(synonyms=None)
    a.add_vocabulary(["居民身份证 身份证 高龄津贴 低保 申请 居住证（申领）"])
    assert a.suggest(query, ["身份证", "高龄津贴", "居住证"]) == meant


@pytest.mark.parametrize("query", ["办理居住证", "身份证丢了", "居民身份证补领"])
def test_a_query_of_site_words_is_never_mended(site_analyzer, query):
    assert site_analyzer.suggest(query, ["居住证"]) is None


@pytest.mark.parametrize("query", ["asdfgh", "哈哈哈哈哈", "量子纠缠", "", "   ", "低保", "download", "wifi"])
def test_did_you_mean_stays_quiet_when_nothing_is_close(analyzer, query):
    assert analyzer.suggest(query, VOCAB) is None


# ---- end to end through SQLite FTS5 (the embedded engine's shape) -------------------------------
DOCS = {
    1: "新生儿出生一件事：出生医学证明、预防接种证、户口登记、社会保障卡一次办",
    2: "城乡居民最低生活保障审核确认办法",
    3: "企业开办一网通办：营业执照、公章刻制、税务登记",
    4: "不动产转移登记办事指南",
    5: "出差人员管理办法",
}


@pytest.fixture(scope="module")
def fts(analyzer):
    db = sqlite3.connect(":memory:")
    db.execute("create virtual table docs using fts5(body, tokenize='unicode61')")
    for pk, text in DOCS.items():
        db.execute("insert into docs(rowid, body) values (?, ?)", (pk, analyzer.segment_for_index(text)))

    def search(q):
        groups = analyzer.query_tokens(q)
        for require_all in (True, False):
            expr = to_fts5_match(groups, require_all)
            if not expr:
                return []
            rows = [r[0] for r in db.execute("select rowid from docs where docs match ? order by rank", (expr,))]
            if rows:
                return rows
        return []

    return search


@pytest.mark.parametrize(
    "query, expected",
    [
        ("生孩子要办什么", 1),
        ("新生兒出生", 1),
        ("低保怎么申请", 2),
        ("我要开公司", 3),
        ("卖房过户", 4),
        ("社保卡", 1),
    ],
)
def test_citizen_queries_find_the_right_page(fts, query, expected):
    assert fts(query)[:1] == [expected]


def test_a_single_character_does_not_match_everything(fts):
    assert 5 not in fts("新生儿出生")
    assert fts("出") == []


def test_tsquery_shape(analyzer):
    q = to_tsquery(analyzer.query_tokens("生孩子"))
    assert q.startswith("(") and "'新生儿' & '出生'" in q and " | " in q
    assert to_tsquery([]) == ""


# ---- properties -------------------------------------------------------------------------------
text_strategy = st.lists(
    st.sampled_from(list("新生儿出生户口登記網辦的了吗？！ ，。ＡＢ12ab-\"'()*:^") + ["最低生活保障", "低保", "AND", "OR", "NOT", "NEAR"]),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=text_strategy)
def test_any_input_gives_safe_tokens_and_valid_fts5_queries(analyzer, text):
    tokens = analyzer.index_tokens(text)
    assert all(re.fullmatch(r"[\u3400-\u9fff]+|[a-z0-9]+", t) for t in tokens)
    assert analyzer.index_tokens(normalize(text)) == tokens
    db = sqlite3.connect(":memory:")
    db.execute("create virtual table d using fts5(body)")
    db.execute("insert into d(body) values (?)", (" ".join(tokens),))
    groups = analyzer.query_tokens(text)
    for require_all in (True, False):
        expr = to_fts5_match(groups, require_all)
        if expr:
            db.execute("select rowid from d where d match ?", (expr,)).fetchall()  # no syntax error
    analyzer.suggest(text, VOCAB)
    analyzer.pinyin_keys(text)


# ---- spoken forms and the act a query names ------------------------------------------------------------
def test_a_separable_word_with_its_aspect_inside_is_read_as_the_word(analyzer):
    """结过婚, 离了婚, 退了休: the aspect 过/了 sits inside the word (离合词); the word is what was said."""
    assert ("结婚",) in alternatives(analyzer.query_tokens("开个没结过婚的证明"))
    assert ("退休",) in alternatives(analyzer.query_tokens("退了休怎么领钱"))
    assert ("家里",) in alternatives(analyzer.query_tokens("独生子女去世了家里有补助吗"))  # not 世 + 家 → 世家


def test_a_repeated_verb_is_the_verb(analyzer):
    """查查 / 查一查 ask to 查: an act, which ranks, never a content word (检查) the answer must contain."""
    for query in ("查查公积金余额", "查一查公积金余额"):
        groups = analyzer.query_tokens(query)
        assert all(("检查",) not in g for g in groups if not g.soft), groups
        assert any(g.soft and ("查询",) in g for g in groups), groups


def test_an_expansion_that_says_another_act_is_left_out_when_the_query_names_its_act(analyzer):
    """营业执照 stands for 企业设立登记 when it is to be got; 营业执照注销 is about closing, not setting up."""
    closing = alternatives(analyzer.query_tokens("营业执照注销"))
    assert ("营业执照",) in closing
    assert not any("设立" in "".join(a) or "开办" in "".join(a) for a in closing), closing
    assert ("企业", "设立登记") in alternatives(analyzer.query_tokens("办营业执照"))


@pytest.mark.parametrize("query, age", [("孩子满十六岁办身份证", "16"), ("八十岁老人补贴", "80"), ("一百零五岁老人", "105"),
                                        ("年满十八周岁", "18")])
def test_an_age_in_chinese_numerals_is_searched_in_digits_as_documents_write_it(analyzer, query, age):
    """Conditions write 年满16周岁, 80周岁以上; a citizen types 十六岁, 八十岁."""
    assert (age,) in alternatives(analyzer.query_tokens(query))


def test_numerals_that_are_no_age_stay_words(analyzer):
    assert ("一件事",) in alternatives(analyzer.query_tokens("新生儿出生一件事"))
    assert ("二手车",) in alternatives(analyzer.query_tokens("二手车过户"))


def test_a_modal_verb_glued_to_an_act_leaves_the_act(analyzer):
    """能交, 能取出: jieba's HMM glues 能 (can) to the act; the act ranks, and no document has to contain 能交."""
    groups = analyzer.query_tokens("自己做生意能交公积金吗")
    assert not any(("能交",) in g for g in groups), groups
    assert any(g.soft and ("缴纳",) in g for g in groups), groups
    groups = analyzer.query_tokens("得了重病公积金能取吗")  # jieba has seen 能取 three times: still a modal and an act
    assert not any(("能取",) in g for g in groups), groups
    assert any(g.soft and ("提取",) in g for g in groups), groups
