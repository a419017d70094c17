"""Citizens search the way they speak and land on the right guide, bundle and policy — on BOTH engines.

Every test runs twice: on the embedded database engine and on the real OpenSearch node."""
import json

import pytest

from tests.factories.search import drop, policy_obj, refresh, search_site, use_engine


@pytest.fixture(params=["database", "opensearch"])
def engine_name(request, settings):
    use_engine(settings, request.param)
    yield request.param
    drop()


@pytest.fixture
def site(engine_name, db, django_user_model):
    search_site()
    django_user_model.objects.create_superuser("admin", "admin@example.gov.cn", "x")


def api(client, **params):
    response = client.get("/api/search", params)
    assert response.status_code == 200, response.content.decode()
    return response.json()


def titles(body):
    return [r["title"] for r in body["results"]]


def test_api_answers_in_the_design_shape(site, client, engine_name):
    body = api(client, q="新生儿出生")
    assert set(body) == {"total", "engine", "suggestion", "results", "facets"}
    assert body["engine"] == engine_name
    assert set(body["facets"]) == {"type", "department", "year", "validity", "tongban", "site"}  # site: §2.13
    assert body["total"] >= len(body["results"]) > 0
    for r in body["results"]:
        assert set(r) == {"type", "title", "url", "snippet", "bundles", "guides", "site"} | ({"tongban"} if r["type"] == "guide" else set())
        assert set(r["site"]) == {"hostname", "name"}
        assert r["type"] in {"policy", "guide", "bundle", "catalogue_entry", "interpretation"}
        assert r["url"].startswith("/")


@pytest.mark.parametrize("query, expected_first", [
    ("生孩子要办什么", "新生儿出生一件事"),
    ("上户口", "出生登记（户口登记）"),
    ("xinshengerchusheng", None),
])
def test_colloquial_questions_land_on_the_bundle_or_guide(site, client, query, expected_first):
    body = api(client, q=query)
    if expected_first is None:  # typed pinyin: nothing indexed in latin letters, but no error either
        assert body["total"] >= 0
        return
    assert titles(body)[0] == expected_first


def test_retirement_and_subsistence_questions_find_the_policies(site, client):
    assert any("退休" in t for t in titles(api(client, q="退休手续"))[:3])
    assert titles(api(client, q="低保怎么申请"))[0] == "最低生活保障申请"
    assert any("最低生活保障" in t for t in titles(api(client, q="低保怎么申请"))[:3])


def test_traditional_characters_find_simplified_content(site, client):
    simplified = titles(api(client, q="网上办理"))
    assert simplified
    assert titles(api(client, q="網上辦理")) == simplified
    assert api(client, q="網辦")["total"] > 0
    assert api(client, q="辦事指南", type="guide")["total"] > 0


def test_an_admin_synonym_takes_effect(site, client):
    from search.models import Synonym

    # a made-up word: 呱呱坠地, used before, is now found without any admin rule (坠地 = 出生 in 同义词词林)
    assert api(client, q="喵呜喵呜")["total"] == 0
    Synonym.objects.create(rule="喵呜喵呜 => 新生儿 出生")
    assert titles(api(client, q="喵呜喵呜"))[0] == "新生儿出生一件事"


def test_title_matches_rank_above_body_matches(site, client):
    # 户口登记 is in one guide's name and in other guides' and the bundle's body text
    body = api(client, q="户口登记", type="guide")
    assert titles(body)[0] == "出生登记（户口登记）"
    assert body["total"] >= 2


def test_valid_policies_rank_above_repealed_ones_which_stay_findable_and_marked(site, client, django_capture_on_commit_callbacks):
    from importers.content_loader import load_lines

    with django_capture_on_commit_callbacks(execute=True):  # the load indexes when it commits
        report = load_lines([
            json.dumps(policy_obj("长沙市城市养犬管理办法", "长政发〔2010〕9号", validity="废止", formed_on="2024-06-01",
                                  body="城市养犬登记、年检和管理规定。")),
            json.dumps(policy_obj("长沙市城市养犬管理规定", "长政发〔2021〕4号", validity="有效", formed_on="2021-01-10",
                                  body="城市养犬登记、年检和管理规定。")),
        ])
    assert not report.errors
    refresh()
    body = api(client, q="养犬管理")
    assert titles(body)[:2] == ["长沙市城市养犬管理规定", "长沙市城市养犬管理办法"]
    assert body["facets"]["validity"] == {"有效": 1, "废止": 1}
    page = client.get("/search/", {"q": "养犬管理"}).content.decode()
    assert "validity-废止" in page and "废止</span>" in page


def test_type_filter_and_facets(site, client):
    everything = api(client, q="出生")
    assert everything["facets"]["type"]["guide"] >= 3 and everything["facets"]["type"]["bundle"] >= 1
    guides = api(client, q="出生", type="guide")
    assert {r["type"] for r in guides["results"]} == {"guide"}
    assert guides["total"] == everything["facets"]["type"]["guide"]
    assert guides["facets"]["type"] == everything["facets"]["type"]  # type counts ignore the type filter
    assert sum(guides["facets"]["department"].values()) == guides["total"]


def test_snippets_highlight_the_query_terms(site, client):
    body = api(client, q="出生医学证明")
    assert any("<em>" in r["snippet"] and "出生医学证明" in r["snippet"].replace("<em>", "").replace("</em>", "")
               for r in body["results"])
    assert "<script" not in json.dumps(body)


def test_guides_show_their_bundles_and_bundles_their_guides(site, client):
    body = api(client, q="新生儿出生")
    bundle = next(r for r in body["results"] if r["type"] == "bundle")
    assert "出生登记（户口登记）" in [g["title"] for g in bundle["guides"]]
    guide = next(r for r in api(client, q="预防接种证")["results"] if r["type"] == "guide")
    assert "新生儿出生一件事" in [b["title"] for b in guide["bundles"]]
    page = client.get("/search/", {"q": "预防接种证"}).content.decode()
    assert "所属一件事" in page and bundle["url"] in page


def test_autocomplete_by_characters_full_pinyin_and_initials(site, client):
    for q in ("xsecs", "xinshenger", "新生儿"):
        items = client.get("/api/search/suggest", {"q": q}).json()["suggestions"]
        assert "新生儿出生一件事" in [i["title"] for i in items], q
    assert client.get("/api/search/suggest", {"q": "zzzzqqq"}).json()["suggestions"] == []


def test_did_you_mean_on_typos(site, client):
    typo = api(client, q="低宝")  # nothing is spelt 低宝: the results are for 低保, and the page says so
    assert typo["suggestion"] == "低保" and titles(typo)[0] == "最低生活保障申请"
    assert api(client, q="新生而出生")["suggestion"] == "新生儿出生"
    assert api(client, q="新生儿出生")["suggestion"] is None
    page = client.get("/search/", {"q": "低宝"}).content.decode()
    assert "已为您显示" in page and "/search/?q=%E4%BD%8E%E4%BF%9D" in page
    page = client.get("/search/", {"q": "新生而出生"}).content.decode()  # sounds exactly like one known term
    assert "已为您显示" in page and "新生儿出生一件事" in page


def test_zero_result_queries_are_logged_for_the_admin_report(site, client, django_user_model):
    from search.models import QueryLog

    api(client, q="量子纠缠签证")
    api(client, q="量子纠缠签证")
    api(client, q="新生儿出生")
    zero = QueryLog.objects.get(query="量子纠缠签证")
    assert (zero.count, zero.zero_count) == (2, 2)
    assert QueryLog.objects.get(query="新生儿出生").zero_count == 0
    client.force_login(django_user_model.objects.get(username="admin"))
    report = client.get("/admin/search/report/").content.decode()
    assert report.index("量子纠缠签证") < report.index("<h2>热门搜索词")


def test_best_bet_pins_a_page_for_a_query(site, client):
    from cms.guides.models import ServiceGuidePage
    from search.models import BestBet

    guide = ServiceGuidePage.objects.get(code="430100-WS-GG-0004")
    BestBet.objects.create(query="打疫苗", page=guide)
    assert titles(api(client, q="打疫苗"))[0] == guide.title


def test_bad_parameters_get_a_chinese_400_never_a_500(site, client):
    for params in ({"q": "出生", "size": "abc"}, {"q": "出生", "size": "51"}, {"q": "出生", "page": "0"},
                   {"q": "出生", "type": "video"}, {"q": ""}, {"q": "出" * 101}):
        response = client.get("/api/search", params)
        assert response.status_code == 400, params
        assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["error"])
    assert len(api(client, q="出生", size="50")["results"]) <= 50
    assert client.get("/search/", {"q": "出生", "page": "x"}).status_code == 400


def test_search_page_keeps_the_query_in_the_url_and_works_without_javascript(site, client):
    page = client.get("/search/", {"q": "生孩子要办什么"}).content.decode()
    assert 'value="生孩子要办什么"' in page
    assert '<label for="q"' in page and 'role="search"' in page and 'name="viewport"' in page
    assert "新生儿出生一件事" in page
    assert 'href="/search/?q=%E7%94%9F%E5%AD%A9%E5%AD%90%E8%A6%81%E5%8A%9E%E4%BB%80%E4%B9%88&amp;type=guide"' in page
