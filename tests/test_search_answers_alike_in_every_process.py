"""A process that has just loaded or published content answers a citizen exactly as a process started afterwards
does: the new documents' titles, conditions, materials and FAQ join the query analyzer of the process that indexed
them at its next search (search.vocabulary.for_queries), not only at its next restart."""
import pytest

from search import vocabulary
from tests.factories.guides import guide_obj
from tests.factories.search import api_search, search_site_with

pytestmark = pytest.mark.django_db

SERVICES = [
    guide_obj(code="430100-FG-XK-0911", name="分布式光伏发电项目备案", department="长沙市发展和改革委员会",
              conditions="在自有住宅屋顶安装太阳能电池板、并网发电的居民和企业。"),
    guide_obj(code="430100-ZJ-XK-0912", name="城市建筑垃圾处置核准", department="长沙市城市管理局",
              conditions="装修产生的渣土、废弃砖瓦需外运消纳的单位和个人。"),
    guide_obj(code="430100-MZ-QR-0913", name="养犬登记", department="长沙市公安局",
              conditions="在城区饲养宠物狗的居民，须为犬只注射狂犬疫苗。", faq="问：狗证到期怎么办？答：办理延续。"),
]
QUERIES = ["屋顶装太阳能电池板", "装修渣土外运", "狗打疫苗办证", "养狗要办什么证"]


def _fresh_process():
    """What a process started now holds: nothing built yet."""
    vocabulary._state.update(analyzer=None, version=None, behind=False)


def test_the_texts_of_a_new_guide_join_the_search_vocabulary_at_once(settings):
    settings.OPENSEARCH_URL = None
    vocabulary.analyzer()  # this process had its analyzer before the guides came
    search_site_with(SERVICES)
    known = vocabulary.for_queries().vocabulary
    assert all(known.knows(w) for w in ("太阳能", "渣土", "狂犬")), "conditions and FAQ words of the new guides"


def test_a_process_that_loaded_the_guides_answers_as_a_fresh_one(client, settings):
    settings.OPENSEARCH_URL = None
    vocabulary.analyzer()
    search_site_with(SERVICES)
    loaded = {q: [r["title"] for r in api_search(client, q)["results"]] for q in QUERIES}
    _fresh_process()
    fresh = {q: [r["title"] for r in api_search(client, q)["results"]] for q in QUERIES}
    assert loaded == fresh
    assert any(loaded.values())
