"""Publishing, editing, unpublishing and withdrawal reach the index through the outbox; rebuilds swap with
zero downtime; the integrity check reports drift; an unreachable OpenSearch degrades, never fails."""
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories.search import drop, refresh, search_site, use_engine


@pytest.fixture(params=["database", "opensearch"])
def engine_name(request, settings):
    use_engine(settings, request.param)
    yield request.param
    drop()


@pytest.fixture
def site(engine_name, db):
    return search_site()


def found(client, q):
    refresh()
    return [r["title"] for r in client.get("/api/search", {"q": q}).json()["results"]]


def test_editor_edits_unpublishes_and_republishes_a_guide(site, client, django_capture_on_commit_callbacks):
    guide = site
    with django_capture_on_commit_callbacks(execute=True):
        guide.title = "儿童预防接种证办理"
        guide.save_revision().publish()
    assert "儿童预防接种证办理" in found(client, "预防接种证")
    with django_capture_on_commit_callbacks(execute=True):
        guide.unpublish()
    assert found(client, "预防接种证") == []  # the guide left, and the bundle no longer lists it
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert found(client, "预防接种证") == ["儿童预防接种证办理", "新生儿出生一件事"]
    from search.models import SearchOutbox

    assert not SearchOutbox.objects.exists()


def test_published_policy_is_found_and_withdrawn_policy_is_gone(site, client, django_capture_on_commit_callbacks):
    from cms.policies.services import change_validity
    from publishing.services import withdraw
    from tests.factories.importers import import_fixture
    from tests.factories.importers import publish_document as publish

    with django_capture_on_commit_callbacks(execute=True):
        page = publish(import_fixture("02_yijian_joint2.docx"))
    assert page.title in found(client, "财政资金管理")
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(page, reason="误发")
    assert page.title not in found(client, "财政资金管理")


def test_validity_change_is_reflected_in_results(site, client, django_capture_on_commit_callbacks):
    from cms.policies.models import PolicyDocumentPage
    from cms.policies.services import change_validity
    from publishing.services import withdraw

    policy = PolicyDocumentPage.objects.get(doc_number="长政发〔2024〕3号")
    with django_capture_on_commit_callbacks(execute=True):
        change_validity(policy, "废止", reason="被新文件替代")
    refresh()
    body = client.get("/api/search", {"q": "营商环境"}).json()
    assert body["facets"]["validity"] == {"废止": 1}


def test_rebuild_swaps_with_zero_downtime(site, engine_name):
    from search import indexing
    from search.engines import get_engine
    from search.service import run_engine

    engine = get_engine()
    before = {h["key"] for h in run_engine(engine, "出生", size=50)}
    assert before
    answers, stop = [], threading.Event()

    def keep_searching():
        while not stop.is_set():
            answers.append(engine.match([[("出生",)]]).total if engine_name == "opensearch" else 1)

    during = []
    if engine_name == "opensearch":
        old_indexes = engine._concrete()
        searcher = threading.Thread(target=keep_searching)
        searcher.start()
        try:
            engine.rebuild(iter(list(indexing.prepared_documents())),
                           on_ready=lambda name: during.append(engine.match([[("出生",)]]).total))
        finally:
            stop.set()
            searcher.join()
        assert answers and min(answers) > 0  # every search during the rebuild was answered with results
        assert during and during[0] > 0
        assert engine._concrete() != old_indexes and len(engine._concrete()) == 1
    else:
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))
    assert {h["key"] for h in run_engine(engine, "出生", size=50)} == before


def test_integrity_check_reports_drift_in_chinese(site, capsys):
    from search import indexing
    from search.engines import get_engine

    engine = get_engine()
    call_command("search_index", "check")
    assert "索引与数据库一致" in capsys.readouterr().out
    from cms.guides.models import BundlePage

    bundle = BundlePage.objects.get(code="YJS-XSECS")
    engine.delete([f"page-{bundle.pk}"], refresh=True)
    engine.upsert([{"key": "page-999999", "type": "guide", "title": "早已删除的事项", "title_tokens": "删除", "body": "",
                    "body_tokens": "", "url": "/x/", "updated": None}], refresh=True)
    report = indexing.check(engine)
    assert report["missing"] == [f"page-{bundle.pk}"] and report["stale"] == ["page-999999"]
    with pytest.raises(CommandError, match="不一致"):
        call_command("search_index", "check")
    out = capsys.readouterr().out
    assert "缺失 1 条" in out and "新生儿出生一件事" in out and "多余 1 条" in out
    call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))
    assert indexing.check(engine)["ok"]


def test_unreachable_opensearch_degrades_to_the_embedded_engine(engine_name, db, settings, client):
    if engine_name == "database":
        pytest.skip("degraded mode is about losing OpenSearch")
    search_site()
    live = settings.OPENSEARCH_URL
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens here
    try:
        body = client.get("/api/search", {"q": "生孩子要办什么"}).json()
        page = client.get("/search/", {"q": "生孩子要办什么"})
        health = client.get("/healthz")
    finally:
        settings.OPENSEARCH_URL = live
    assert body["engine"] == "database" and body["results"][0]["title"] == "新生儿出生一件事"
    assert page.status_code == 200 and "备用检索" in page.content.decode()
    assert health.status_code == 200 and health.json()["search"] == {"engine": "opensearch", "status": "degraded"}


def test_catalogue_entries_reach_the_index_through_their_outbox_key(site, client):
    from search.models import SearchOutbox
    from search.outbox import drain
    from tests.factories.catalogue import published_entry

    entry = published_entry(title="芙蓉区2024年道路提质改造工程批准结果")
    SearchOutbox.objects.create(object_key=f"catalogue_entry:{entry.pk}", action="index")
    assert drain() == 1
    refresh()
    body = client.get("/api/search", {"q": "道路提质改造", "type": "catalogue_entry"}).json()
    assert [r["title"] for r in body["results"]] == [entry.title]
    assert body["facets"]["department"] == {"芙蓉区发展和改革局": 1}
    pk = entry.pk
    entry.delete()
    SearchOutbox.objects.create(object_key=f"catalogue_entry:{pk}", action="index")
    drain()
    refresh()
    assert client.get("/api/search", {"q": "道路提质改造"}).json()["total"] == 0
