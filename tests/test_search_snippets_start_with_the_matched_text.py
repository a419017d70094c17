"""A result's snippet is a window of its text that starts at the first matched word, highlighted; never the
metadata the index adds for matching (发文字号, 发文机关, “政策文件”), and never unescaped markup — on BOTH engines."""
import re

import pytest

from search.analysis import normalize
from search.snippets import METADATA_MARK, snippet
from tests.factories.search import load_indexed, policy_obj, refresh, search_site

PREFACE = "各区县（市）人民政府，市直机关各单位：为贯彻落实国家和省有关决策部署，结合本市实际，经市人民政府同意，现就有关事项通知如下。" * 2
LONG = policy_obj("长沙市人民政府关于调整城乡居民基本养老保险政策的通知", "长政发〔2024〕11号", issuers=("长沙市人民政府",),
                  body=PREFACE + "城乡居民养老保险缴费档次调整为每年200元至6000元共十四个档次。")
BARE = policy_obj("长沙市人民政府关于公布规范性文件清理结果的决定", "长政发〔2024〕12号", issuers=("长沙市人民政府",), body="")
HOSTILE = policy_obj("长沙市人民政府关于网络安全宣传周的通知", "长政发〔2024〕13号", issuers=("长沙市人民政府",),
                     body='请警惕钓鱼链接 <img src=x onerror=alert(1)> 与网络安全风险。')


@pytest.fixture
def site(engine_name, db):
    search_site()
    load_indexed((LONG, BARE, HOSTILE))
    refresh()


def result(client, q, title):
    body = client.get("/api/search", {"q": q}).json()
    return next(r for r in body["results"] if r["title"] == title)


def test_a_snippet_starts_at_the_first_match_deep_in_a_long_text(site, client):
    text = result(client, "缴费档次", LONG["title"])["snippet"]
    assert text.startswith("…<em>缴费"), text
    assert "各区县" not in text


def test_a_policy_found_by_its_number_shows_no_metadata_as_its_snippet(site, client):
    for q, policy in (("长政发〔2024〕11号", LONG), ("长政发〔2024〕12号", BARE)):
        text = re.sub(r"</?em>", "", result(client, q, policy["title"])["snippet"])
        assert "长政发" not in text and "政策文件" not in text and "长沙市人民政府 " not in text, text
    page = client.get("/search/", {"q": "长政发〔2024〕11号"}).content.decode()
    assert "长政发〔2024〕11号" in page[page.index('class="result-meta"'):]  # the number is shown as metadata instead


def test_markup_in_the_text_is_shown_escaped(site, client):
    page = client.get("/search/", {"q": "钓鱼链接"}).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<em>钓鱼</em>" in page or "<em>钓鱼链接</em>" in page


def test_snippets_escape_everything_but_their_own_highlight():
    out = snippet('低保<b onclick="x()">低保</b> & "', ["低保"], normalize)
    assert out == '<em>低保</em>&lt;b onclick=&quot;x()&quot;&gt;<em>低保</em>&lt;/b&gt; &amp; &quot;'


def test_text_after_the_metadata_mark_is_never_shown():
    body = f"正文内容。{METADATA_MARK} 长政发〔2024〕11号 政策文件"
    assert snippet(body, ["政策文件"], normalize) == "正文内容。"
    assert snippet(f"{METADATA_MARK} 长政发〔2024〕11号", ["长政发"], normalize) == ""
