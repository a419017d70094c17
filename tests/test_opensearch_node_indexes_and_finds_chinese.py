"""The real OpenSearch node started by scripts/services indexes and finds a Chinese document."""
import pytest
from django.conf import settings

from search.engines.opensearch import OpenSearchEngine
from search.service import titles


@pytest.fixture
def engine():
    if not settings.OPENSEARCH_URL:
        pytest.fail("OPENSEARCH_URL 未设置：请用 `make test` 运行，它会启动 OpenSearch")
    engine = OpenSearchEngine(settings.OPENSEARCH_URL, prefix=f"{settings.OPENSEARCH_INDEX_PREFIX}-foundation")
    engine.drop_index()
    yield engine
    engine.drop_index()


def test_index_and_query_a_document(engine):
    assert engine.health() == "ok"
    engine.index_document("guide-1", {"type": "guide", "title": "出生登记（户口登记）", "body": "婴儿出生后一个月以内申报出生登记", "url": "/bsfw/1/"})
    engine.index_document("guide-2", {"type": "guide", "title": "结婚登记", "body": "内地居民结婚登记", "url": "/bsfw/2/"}, refresh=True)
    found = [hit["title"] for hit in titles(engine, "户口登记")]
    assert found == ["出生登记（户口登记）"]
    assert titles(engine, "不存在的事项名称") == []
