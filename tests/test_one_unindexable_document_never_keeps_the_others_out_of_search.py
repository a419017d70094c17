"""Loading content indexes every document it can: a long Chinese title (whose percent-encoded URL passes 500
characters) is indexed and found; a document an engine refuses stays in the search outbox with its error — on the
site administrator's dashboard and in `search_index check` — while the rest of its batch is found; and
`load_content` then exits 1 naming it. On BOTH engines."""
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from search.models import SearchOutbox
from tests.factories.search import drop, load_indexed, policy_obj, refresh, search_site, use_engine

LONG_TITLE = ("长沙市人民政府办公厅关于印发《长沙市进一步深化城乡居民基本养老保险制度改革推动城乡居民养老保险待遇"
              "确定和基础养老金正常调整机制建设促进城乡居民养老保险高质量可持续发展的若干措施（试行）》的通知")
LONG = policy_obj(LONG_TITLE, "长政办发〔2024〕31号", body="城乡居民养老保险基础养老金正常调整机制。")
FELLOW = policy_obj("长沙市人民政府关于加强农村饮水安全工程管理的通知", "长政发〔2024〕32号", body="农村饮水安全工程实行县级统管。")


def _word(i):
    out = ""
    for _ in range(4):
        i, r = divmod(i, 26)
        out += chr(ord("a") + r)
    return out


# A real document PostgreSQL cannot index: its analysed text exceeds the 1 MB a tsvector may hold (an appendix of
# codes pasted as text). It is a valid policy and is published; only the embedded engine's write fails. (Loaded outside
# a transaction only: inside one, Wagtail's own admin search index fails on it too and aborts the transaction.)
HUGE = policy_obj("长沙市统计局关于公布全市统计调查对象代码名录的通知", "长统发〔2024〕33号",
                  body="统计调查对象代码名录如下：" + " ".join(_word(i) for i in range(160_000)))


def found(client, q):
    refresh()
    return [r["title"] for r in client.get("/api/search", {"q": q}).json()["results"]]


def test_a_long_chinese_title_is_indexed_with_its_whole_url(engine_name, db, client):
    from cms.policies.models import PolicyDocumentPage

    search_site()
    load_indexed([LONG, FELLOW])
    page = PolicyDocumentPage.objects.get(doc_number="长政办发〔2024〕31号")
    assert len(page.url) > 500  # what the old 500-character column refused, taking the whole batch with it
    body = client.get("/api/search", {"q": "基础养老金正常调整机制"}).json()
    assert [r["url"] for r in body["results"] if r["title"] == LONG_TITLE] == [page.url]
    assert found(client, "农村饮水安全") == [FELLOW["title"]]
    assert not SearchOutbox.objects.exists()


def _load_content(tmp_path, objs):
    path = tmp_path / "content.jsonl"
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), encoding="utf-8")
    out = StringIO()
    try:
        call_command("load_content", str(path), stdout=out, stderr=StringIO())
        return 0, out.getvalue()
    except SystemExit as exited:
        return exited.code, out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("name", ["database", "opensearch"])
def test_load_content_exits_1_naming_the_document_it_could_not_index(name, settings, tmp_path, client, admin_client):
    from search import indexing
    from search.engines import get_engine

    use_engine(settings, name)
    try:
        search_site()
        status, output = _load_content(tmp_path, [LONG, HUGE, FELLOW])
        assert status == 1, output
        assert f"《{HUGE['title']}》：未能写入搜索索引" in output
        assert "未能写入搜索索引（已留待自动重试）：1 行" in output
        assert found(client, "农村饮水安全") == [FELLOW["title"]]
        assert LONG_TITLE in found(client, "基础养老金正常调整机制")
        assert found(client, "统计调查对象代码名录") == []
        row = SearchOutbox.objects.get()  # kept for the beat retry, with what went wrong
        assert row.attempts == 1 and "tsvector" in row.last_error
        dashboard = admin_client.get("/admin/").content.decode()
        assert re.search(r"<strong>1</strong><span>索引写入失败待重试</span>", dashboard)
        report = indexing.describe(indexing.check(get_engine()))
        assert "写入失败、等待重试 1 条" in report and "tsvector" in report

        status, output = _load_content(tmp_path, [LONG, FELLOW])  # the same good lines again: nothing is wrong
        assert status == 0, output
    finally:
        drop()
