"""The results page on a phone: one search box (the header's gives way to the page's), facets folded behind a 筛选
button that works without JavaScript, results rendered by the server — on BOTH engines.
(tests/browser/test_search_results_fit_the_first_screen_of_a_phone.py measures the layout in a real browser.)"""
import re

import pytest

from tests.factories.search import search_site


@pytest.fixture
def site(engine_name, db):
    search_site()


def search_inputs(page):
    return re.findall(r'<input[^>]*type="search"[^>]*>', page)


def test_the_results_page_has_exactly_one_search_box(site, client):
    for params in ({"q": "新生儿出生"}, {}, {"q": "出生", "type": "guide"}):
        page = client.get("/search/", params).content.decode()
        assert len(search_inputs(page)) == 1, params
        assert 'id="site-q"' not in page
    assert 'id="site-q"' in client.get("/").content.decode()  # other pages keep the header's box


def test_facets_fold_behind_a_filter_button_that_opens_when_a_filter_is_on(site, client):
    page = client.get("/search/", {"q": "出生"}).content.decode()
    folded = re.search(r'<details class="facets">\s*<summary>筛选</summary>(.*?)</details>', page, re.DOTALL)
    assert folded and "按类型" in folded.group(1) and "type=guide" in folded.group(1)
    assert page.index("<details") < page.index('class="results"')
    filtered = client.get("/search/", {"q": "出生", "type": "guide"}).content.decode()
    assert '<details class="facets" open>' in filtered


def test_results_are_in_the_html_without_javascript(site, client):
    page = client.get("/search/", {"q": "生孩子要办什么"}).content.decode()
    assert re.search(r'<ol class="results">\s*<li id="r-page-\d+"', page)
    assert "新生儿出生一件事" in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert all("defer" in s and "src=" in s for s in scripts), scripts  # scripts only enhance (autocomplete, 适老化)
