"""A repeated search is answered from the hot-answer cache (search/hot_cache.py), yet publishing, withdrawing or
editing a synonym changes the very next answer, and every repeat still counts in the query report."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.search import drop, refresh, search_site, use_engine


@pytest.fixture(params=["database", "opensearch"])
def site(request, settings, db):
    use_engine(settings, request.param)
    settings.SEARCH_CACHE_SECONDS = 60
    yield search_site()
    drop()


def titles(client, q):
    refresh()
    return [r["title"] for r in client.get("/api/search", {"q": q}).json()["results"]]


def test_a_repeat_costs_a_fraction_of_the_first_answer(site, client):
    with CaptureQueriesContext(connection) as first:
        answer = client.get("/api/search", {"q": "预防接种证"}).json()
    with CaptureQueriesContext(connection) as repeat:
        again = client.get("/api/search", {"q": "预防接种证"}).json()
    assert again == answer and answer["total"] > 0
    assert len(repeat.captured_queries) <= 3 < len(first.captured_queries)  # generation read + query log


def test_publication_and_withdrawal_show_in_the_next_answer(site, client, django_capture_on_commit_callbacks):
    from publishing.services import withdraw
    from tests.factories.importers import import_fixture
    from tests.factories.importers import publish_document as publish

    before = titles(client, "财政资金管理")
    assert titles(client, "财政资金管理") == before  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(import_fixture("02_yijian_joint2.docx"))
    assert page.title in titles(client, "财政资金管理")
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(page, reason="误发")
    assert page.title not in titles(client, "财政资金管理")


def test_a_new_synonym_changes_the_next_answer(site, client):
    from search.models import Synonym

    assert titles(client, "喵呜喵呜") == []
    assert titles(client, "喵呜喵呜") == []  # the empty answer is now cached
    Synonym.objects.create(rule="喵呜喵呜 => 新生儿 出生")
    assert titles(client, "喵呜喵呜")[0] == "新生儿出生一件事"


def test_cached_repeats_still_count_in_the_query_report(site, client):
    from search.models import QueryLog

    for _ in range(3):
        client.get("/api/search", {"q": "预防接种证"})
    assert QueryLog.objects.get(query="预防接种证").count == 3
