"""Search across the site group (站群, design §2.13, issue #22 part 5), on BOTH engines: the city's host searches every
site of the group and says which site each result is on (with a 站点 facet); a district's host searches that district
alone; `site=<hostname>` picks one site and `site=all` the whole group; an unknown hostname is a Chinese 400. A result on
another site than the visitor's links to that site's own host."""
from datetime import date

import pytest
from django.test import TestCase
from wagtail.models import Site

from tests.factories.guides import guide_site
from tests.factories.search import load_indexed, refresh

pytestmark = pytest.mark.django_db

CITY, FURONG, TIANXIN = "localhost", "furong.localhost", "tianxin.localhost"


def _district_guide(home, code, area_name):
    from cms.guides.services import guide_index, upsert_guide
    from importers.content_loader import guide_values

    spec = {"kind": "guide", "code": code, "name": "城乡居民最低生活保障申请", "department": f"长沙市{area_name}民政局",
            "item_type": "行政给付", "conditions": f"具有{area_name}户籍，家庭人均收入低于当地最低生活保障标准。",
            "materials": [{"name": "户口簿和身份证件"}], "promised_limit_days": 15, "visits": 1}
    code, fields, materials = guide_values(spec)
    return upsert_guide(code, fields, materials, index=guide_index(home=home))[0]


def _district_policy(home, title, doc_number, issuer):
    from cms.policies.services import library, upsert_policy

    return upsert_policy(title=title, doc_number=doc_number, issuers=[issuer], formed_on=date(2025, 3, 5),
                         published_on=date(2025, 3, 12), body_html=f"<p>{title}。低保对象按月发放最低生活保障金。</p>",
                         into=library(home=home))[0]


@pytest.fixture(autouse=True)
def _fresh_group():
    """search.sites keeps the group 2 s per process: neither an earlier test's sites nor ours outlive a test."""
    from search import sites

    sites.invalidate()
    yield
    sites.invalidate()


@pytest.fixture
def group(engine_name):
    """The city (default site, 长沙市人民政府) with its own 低保 guide and policy, and two districts: 芙蓉区 with a 低保
    guide, a 低保 policy and a catalogue entry in its 1+9 column; 天心区 with a 低保 guide."""
    from search import sites
    from sitegroup.services import add_district

    guide_site()
    Site.objects.filter(is_default_site=True).update(site_name="长沙市人民政府", hostname=CITY, port=80)
    sites.invalidate()
    load_indexed([
        {"kind": "guide", "code": "430100-MZ-GG-0005", "name": "最低生活保障申请", "department": "长沙市民政局",
         "conditions": "共同生活的家庭成员人均收入低于当地最低生活保障标准。", "materials": [{"name": "居民身份证"}]},
        {"kind": "policy", "title": "长沙市最低生活保障审核确认办法", "doc_number": "长政办发〔2023〕12号",
         "issuers": ["长沙市人民政府办公厅"], "formed_on": "2023-06-16", "published_on": "2023-06-20",
         "body": "申请最低生活保障以家庭为单位，由申请人向户籍所在地乡镇人民政府（街道办事处）提出书面申请。"},
    ])
    with TestCase.captureOnCommitCallbacks(execute=True):
        furong = add_district(name="芙蓉区", full_name="长沙市芙蓉区人民政府", slug="furong").site.root_page.specific
        tianxin = add_district(name="天心区", full_name="长沙市天心区人民政府", slug="tianxin").site.root_page.specific
        _district_guide(furong, "430102-MZ-GF-0001", "芙蓉区")
        _district_policy(furong, "芙蓉区人民政府办公室关于提高城乡最低生活保障标准的通知", "芙政办发〔2025〕3号",
                         "长沙市芙蓉区人民政府办公室")
        _district_guide(tianxin, "430103-MZ-GF-0001", "天心区")
    load_indexed([{"kind": "catalogue_entry", "column": "芙蓉区", "domain": "社会救助", "item": "最低生活保障对象名单",
                   "title": "芙蓉区2025年第一季度最低生活保障对象公示", "published_on": "2025-04-01",
                   "body": "芙蓉区2025年第一季度最低生活保障对象名单公示如下。"}])
    refresh()
    return engine_name


def api(client, host=None, **params):
    extra = {"HTTP_HOST": host} if host else {}
    params.setdefault("q", "最低生活保障")
    params.setdefault("size", 50)
    return client.get("/api/search", params, **extra)


def by_site(answer):
    out = {}
    for r in answer["results"]:
        out.setdefault(r["site"]["hostname"], []).append(r)
    return out


def test_city_host_finds_district_content_with_its_site_and_facet(group, client):
    answer = api(client).json()
    found = by_site(answer)
    assert set(found) == {CITY, FURONG, TIANXIN}
    furong_titles = {r["title"] for r in found[FURONG]}
    assert "城乡居民最低生活保障申请" in furong_titles
    assert "芙蓉区人民政府办公室关于提高城乡最低生活保障标准的通知" in furong_titles
    assert "芙蓉区2025年第一季度最低生活保障对象公示" in furong_titles  # its 1+9 column is the district's
    assert {r["site"]["name"] for r in found[FURONG]} == {"芙蓉区"}
    assert {r["site"]["name"] for r in found[CITY]} == {"长沙市"}
    assert answer["facets"]["site"] == {CITY: len(found[CITY]), FURONG: len(found[FURONG]), TIANXIN: len(found[TIANXIN])}
    for r in answer["results"]:  # design §2.8 keys kept as they were
        assert {"type", "title", "url", "snippet", "bundles", "guides", "site"} <= set(r)


def test_results_on_another_site_link_to_that_sites_host(group, client):
    found = by_site(api(client).json())
    assert all(r["url"].startswith("http://furong.localhost/") for r in found[FURONG] if r["type"] != "catalogue_entry")
    assert all(r["url"].startswith("http://furong.localhost/") for r in found[FURONG])
    assert all(r["url"].startswith("/") for r in found[CITY])  # the visitor's own site: as before, relative
    guide = next(r for r in found[FURONG] if r["type"] == "guide")
    assert client.get(guide["url"].removeprefix("http://furong.localhost"), HTTP_HOST=FURONG).status_code == 200
    on_furong = by_site(api(client, host=FURONG, site="all").json())
    assert all(r["url"].startswith("/") for r in on_furong[FURONG])
    assert all(r["url"].startswith("http://localhost/") for r in on_furong[CITY])


def test_district_host_finds_only_its_own_site(group, client):
    answer = api(client, host=FURONG).json()
    assert answer["total"] == len(answer["results"]) >= 3
    assert {r["site"]["hostname"] for r in answer["results"]} == {FURONG}
    assert answer["facets"]["site"] == {FURONG: answer["total"]}
    assert sum(answer["facets"]["type"].values()) == answer["total"]
    assert {r["site"]["hostname"] for r in api(client, host=TIANXIN).json()["results"]} == {TIANXIN}


def test_site_parameter_searches_one_site_or_the_whole_group(group, client):
    only_furong = api(client, site=FURONG).json()
    assert {r["site"]["hostname"] for r in only_furong["results"]} == {FURONG}
    assert {r["site"]["hostname"] for r in api(client, site="FURONG.localhost").json()["results"]} == {FURONG}
    only_city = api(client, site=CITY).json()
    assert {r["site"]["hostname"] for r in only_city["results"]} == {CITY}
    from_district = api(client, host=FURONG, site=CITY).json()  # a district's visitor may ask the city's site
    assert {r["site"]["hostname"] for r in from_district["results"]} == {CITY}
    everything = api(client, host=FURONG, site="all").json()
    assert set(everything["facets"]["site"]) == {CITY, FURONG, TIANXIN}
    assert everything["total"] == api(client).json()["total"]
    filtered = api(client, site=FURONG, type="guide").json()
    assert [r["title"] for r in filtered["results"]] == ["城乡居民最低生活保障申请"]


def test_unknown_site_is_refused_with_a_chinese_message(group, client):
    for bad in ("nowhere.localhost", "x" * 101, "furong"):
        response = api(client, site=bad)
        assert response.status_code == 400
        assert "站" in response.json()["error"] or "site" in response.json()["error"]
    assert "站群中没有" in api(client, site="nowhere.localhost").json()["error"]
    assert client.get("/api/search/suggest", {"q": "最低", "site": "nowhere.localhost"}).status_code == 400


def test_site_facet_counts_what_each_site_holds(group, client):
    answer = api(client).json()
    counts = answer["facets"]["site"]
    assert sum(counts.values()) == answer["total"]
    for hostname, count in counts.items():
        assert api(client, site=hostname).json()["total"] == count
    guides = api(client, type="guide").json()
    assert guides["facets"]["site"] == {CITY: 1, FURONG: 1, TIANXIN: 1}


def test_cached_answers_keep_each_site_scope_apart(group, client, settings):
    settings.SEARCH_CACHE_SECONDS = 60
    city = api(client).json()
    furong = api(client, host=FURONG).json()
    assert api(client).json() == city  # repeats, now from the cache
    assert api(client, host=FURONG).json() == furong
    assert furong["total"] < city["total"]
    assert {r["site"]["hostname"] for r in furong["results"]} == {FURONG}
    assert api(client, site=TIANXIN).json()["facets"]["site"] == {TIANXIN: 1}


def test_autocomplete_on_a_district_host_offers_its_own_guides(group, client):
    city = client.get("/api/search/suggest", {"q": "城乡居民最低"}).json()["suggestions"]
    assert {s["url"].split("/")[2] for s in city if s["url"].startswith("http")} == {FURONG, TIANXIN}
    furong = client.get("/api/search/suggest", {"q": "城乡居民最低"}, HTTP_HOST=FURONG).json()["suggestions"]
    assert len(furong) == 1 and furong[0]["url"].startswith("/")


# ---- the HTML page ---------------------------------------------------------------------------------------------


def test_city_page_shows_the_site_facet_and_each_results_site(group, client):
    html = client.get("/search/", {"q": "最低生活保障"}).content.decode()
    assert "<h2>站点</h2>" in html
    assert "芙蓉区（" in html and "天心区（" in html and "长沙市（" in html
    assert 'href="/search/?q=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB%E4%BF%9D%E9%9A%9C&amp;site=furong.localhost"' in html
    assert '<span class="result-site">芙蓉区</span>' in html and '<span class="result-site">长沙市</span>' in html
    assert 'href="http://furong.localhost/' in html
    scoped = client.get("/search/", {"q": "最低生活保障", "site": FURONG}).content.decode()
    assert '<span class="result-site">长沙市</span>' not in scoped
    assert "在全市站群中搜索" in scoped


def test_district_page_searches_the_district_and_links_to_the_whole_group(group, client):
    html = client.get("/search/", {"q": "最低生活保障"}, HTTP_HOST=FURONG).content.decode()
    assert '<span class="result-site">长沙市</span>' not in html and '<span class="result-site">芙蓉区</span>' in html
    assert "在“芙蓉区”站点内" in html
    link = 'href="/search/?q=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB%E4%BF%9D%E9%9A%9C&amp;site=all">在全市站群中搜索</a>'
    assert link in html
    wide = client.get("/search/", {"q": "最低生活保障", "site": "all"}, HTTP_HOST=FURONG).content.decode()
    assert '<span class="result-site">长沙市</span>' in wide and "天心区（1）" in wide  # 天心区's guide: folded as similar
    assert 'href="http://localhost/' in wide  # the city's results lead to the city's host
    assert '<input type="hidden" name="site" value="all">' in wide  # a new query stays group-wide
    assert "只搜索芙蓉区" in wide
    bad = client.get("/search/", {"q": "最低生活保障", "site": "nowhere"}, HTTP_HOST=FURONG)
    assert bad.status_code == 400 and "站群中没有" in bad.content.decode()


# ---- speed and integrity ---------------------------------------------------------------------------------------


def test_sites_cost_no_query_per_result(group, client, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search import sites

    monkeypatch.setattr(sites, "TTL", 600.0)
    api(client, size=1, host=FURONG, site="all")  # warm: the group is read once per process, the query logged
    with CaptureQueriesContext(connection) as few:
        small = api(client, size=1, host=FURONG, site="all").json()
    with CaptureQueriesContext(connection) as many:
        large = api(client, size=50, host=FURONG, site="all").json()
    assert len(large["results"]) >= 6 > len(small["results"]) == 1
    # the same queries whatever the number of results (at most the bundle/guide links and a best-bet re-read more)
    assert len(many.captured_queries) <= len(few.captured_queries) + 2
    assert not [q for q in many.captured_queries + few.captured_queries if "wagtailcore_site" in q["sql"]]


def test_index_check_reports_a_document_without_its_site(group):
    from search import indexing, registry
    from search.documents import analysed
    from search.engines import get_engine
    from search.models import SearchDocument

    engine = get_engine()
    assert indexing.check(engine)["ok"]
    key = SearchDocument.objects.get(site=FURONG, type="guide").key
    doc = registry.document_for_key(key)
    engine.upsert([analysed(dict(doc, site=""))], refresh="wait_for")  # as indexed before the group existed
    report = indexing.check(engine)
    assert report["changed"] == [key] and "所属站点" in indexing.describe(report)


def test_the_search_feed_searches_what_the_search_page_on_that_host_searches(group, client):
    import xml.etree.ElementTree as ET

    def links(host, **params):
        response = client.get("/feeds/search.atom", {"q": "最低生活保障", **params}, HTTP_HOST=host)
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        return [e.find("{http://www.w3.org/2005/Atom}link").get("href") for e in root.findall("{http://www.w3.org/2005/Atom}entry")]

    on_furong = links(FURONG)
    assert on_furong and all(link.startswith("http://furong.localhost/") for link in on_furong)
    everything = links(FURONG, site="all")
    assert any(link.startswith("http://localhost/") for link in everything)
    assert any(link.startswith("http://tianxin.localhost/") for link in everything)
    on_city = links(CITY)
    assert {link.split("/")[2] for link in on_city} == {CITY, FURONG, TIANXIN}
    unknown = client.get("/feeds/search.atom", {"q": "最低生活保障", "site": "nowhere.localhost"}, HTTP_HOST=FURONG)
    assert unknown.status_code == 400 and "站群中没有域名为“nowhere.localhost”的站点" in unknown.content.decode()
