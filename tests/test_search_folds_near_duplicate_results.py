"""The same 公示 published by nine districts shows once on the results page, with “另有 8 条相似结果” and a link
(no JavaScript) that unfolds them — on BOTH engines. The JSON API keeps listing every result (design §2.8)."""
import re

import pytest

from search.grouping import collapse
from tests.factories.catalogue import column
from tests.factories.search import load_indexed, refresh, search_site

DISTRICTS = ["芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县", "浏阳市", "宁乡市"]
TITLE = "{}2024年第三季度城乡最低生活保障对象公示"


@pytest.fixture
def site(engine_name, db):
    search_site()
    for i, name in enumerate(DISTRICTS):
        column(name, sort_order=i)
    lines = [{"kind": "catalogue_entry", "column": name, "domain": "社会救助", "item": "最低生活保障", "title": TITLE.format(name),
              "published_on": "2024-10-08", "body": f"经{name}民政局审核，以下家庭符合城乡最低生活保障条件，现予公示，公示期7天。"}
             for name in DISTRICTS]
    load_indexed(lines)
    refresh()


def shown_titles(page):
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<h3><a [^>]*>(.*?)</a></h3>", page)]


def test_nine_district_lists_show_as_one_with_a_count_of_the_others(site, client):
    page = client.get("/search/", {"q": "最低生活保障"}).content.decode()
    lists = [t for t in shown_titles(page) if t.endswith("最低生活保障对象公示")]
    assert len(lists) == 1, shown_titles(page)
    assert "另有 8 条相似结果" in page
    assert "最低生活保障申请" in shown_titles(page)  # a different result is never folded in


def test_the_expand_link_shows_every_similar_result_without_javascript(site, client):
    page = client.get("/search/", {"q": "最低生活保障"}).content.decode()
    link = re.search(r'<a href="([^"]+)">另有 8 条相似结果</a>', page).group(1).replace("&amp;", "&")
    assert "expand=" in link and link.startswith("/search/?")
    expanded = re.sub(r"</?em>", "", client.get(link.split("#")[0]).content.decode())
    for name in DISTRICTS:
        assert TITLE.format(name) in expanded
    assert "收起相似结果" in expanded and "另有 8 条相似结果" not in expanded
    assert client.get("/search/", {"q": "最低生活保障", "expand": "x" * 101}).status_code == 400


def test_the_api_still_lists_every_result(site, client):
    body = client.get("/api/search", {"q": "最低生活保障", "size": 20}).json()
    listed = [r["title"] for r in body["results"]]
    assert all(TITLE.format(name) in listed for name in DISTRICTS)


def test_pages_count_groups_not_folded_results(site, client):
    page = client.get("/search/", {"q": "最低生活保障"}).content.decode()
    assert "下一页" not in page  # nine lists and two other results would need two pages; folded they fit on one


def hit(title, kind="catalogue_entry", department=""):
    return {"title": title, "type": kind, "department": department}


def test_titles_that_differ_in_more_than_the_place_or_organ_are_not_folded():
    groups = collapse([hit("城市最低生活保障标准"), hit("农村最低生活保障标准"), hit("芙蓉区2023年低保公示"), hit("芙蓉区2024年低保公示"),
                       hit("天心区2024年低保公示"), hit("天心区2024年低保公示", kind="policy")])
    assert [(g[0]["title"], len(g[1])) for g in groups] == [
        ("城市最低生活保障标准", 0), ("农村最低生活保障标准", 0), ("芙蓉区2023年低保公示", 0), ("芙蓉区2024年低保公示", 1),
        ("天心区2024年低保公示", 0)]


def test_the_publishing_organ_is_taken_out_of_the_title_before_comparing():
    groups = collapse([hit("长沙市芙蓉区民政局关于2024年临时救助对象的公示", department="芙蓉区民政局"),
                       hit("长沙市天心区民政局关于2024年临时救助对象的公示", department="天心区民政局")])
    assert len(groups) == 1 and len(groups[0][1]) == 1
