"""“住房公基金提取” is how a pinyin input method misspells 住房公积金提取. Its words still find something (a
维修基金 guide that writes 住房 and 基金), but the citizen meant the provident-fund guide: a query that sounds
exactly like one known term is answered for that term, with the correction shown — on BOTH engines."""
import pytest

from tests.factories.guides import guide_obj
from tests.factories.search import load_indexed, refresh, search_site


@pytest.fixture
def site(engine_name, db):
    search_site()
    load_indexed([
        guide_obj(name="住房公积金提取", department="长沙住房公积金管理中心", conditions="职工购房、租房或离职时提取。"),
        guide_obj(name="住宅专项维修资金使用", department="长沙市住房和城乡建设局",
                  conditions="业主申请使用住房专项维修基金，提取前须经业主大会同意。"),
        guide_obj(name="居民身份证办理（首次申领）", department="长沙市公安局", conditions="年满十六周岁的公民。"),
        guide_obj(name="居民身份证办理（到期换领）", department="长沙市公安局", conditions="居民身份证有效期满的公民。"),
    ])
    refresh()


def test_a_query_that_sounds_like_a_known_term_is_answered_for_it(site, client):
    body = client.get("/api/search", {"q": "住房公基金提取"}).json()
    assert body["results"][0]["title"] == "住房公积金提取", [r["title"] for r in body["results"]]
    assert body["suggestion"] == "住房公积金提取"


def test_a_query_written_right_is_left_alone(site, client):
    body = client.get("/api/search", {"q": "住房维修基金"}).json()
    assert body["results"][0]["title"] == "住宅专项维修资金使用"
    assert body["suggestion"] in (None, "")



def test_a_slip_inside_a_longer_query_is_mended_from_the_sites_words(site, client):
    """题取 sounds like the site's 提取 but is no word, and no name writes 提取 alone. The query as typed finds nothing
    better, so it is answered as mended, and the mending is shown."""
    body = client.get("/api/search", {"q": "我想办住房公积金题取"}).json()
    assert body["results"] and body["results"][0]["title"] == "住房公积金提取", body
    assert body["suggestion"] == "我想办住房公积金提取"


def test_characters_the_segmenter_had_to_leave_one_by_one_are_mended_when_they_sound_like_a_word(site, client):
    """到其 is no word: the segmenter leaves 到 and 其 alone, and 身份证 alone finds the first-time guide. They sound
    exactly like 到期, an act the site's guides name: the query is answered as mended."""
    body = client.get("/api/search", {"q": "身份证到其了"}).json()
    assert body["results"][0]["title"] == "居民身份证办理（到期换领）", [r["title"] for r in body["results"]]
    assert body["suggestion"] == "身份证到期了"
    assert client.get("/api/search", {"q": "身份证到期了"}).json()["suggestion"] in (None, "")  # written right
