"""A catalogue entry found by search shows a snippet of its own text — at the first matched word, or its beginning
when only the catalogue item, column or domain matched — never that metadata in front of it. On BOTH engines."""
import re

import pytest

from tests.factories.search import load_indexed, refresh, search_site

ENTRY = {"kind": "catalogue_entry", "column": "芙蓉区", "domain": "就业", "item": "就业创业政策",
         "title": "芙蓉区2025年一次性创业补贴发放名单公示", "published_on": "2025-03-03",
         "body": "经审核，以下初创企业符合一次性创业补贴申领条件，现予公示，公示期5个工作日。"}


@pytest.fixture
def site(engine_name, db):
    search_site()
    load_indexed([ENTRY])
    refresh()


def snippet(client, q):
    body = client.get("/api/search", {"q": q, "type": "catalogue_entry"}).json()
    hit = next(r for r in body["results"] if r["title"] == ENTRY["title"])
    return hit["snippet"]


def test_a_match_in_the_text_starts_the_snippet(site, client):
    text = snippet(client, "一次性创业补贴申领条件")
    assert "就业创业政策" not in re.sub(r"</?em>", "", text) and "芙蓉区" not in text, text
    assert text.startswith("…<em>"), text


def test_an_entry_whose_text_lacks_the_words_shows_its_beginning(site, client):
    text = snippet(client, "芙蓉区")  # the column (and the title) match; the text does not
    assert re.sub(r"</?em>", "", text).startswith("经审核，以下初创企业"), text
