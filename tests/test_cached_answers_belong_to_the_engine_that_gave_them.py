"""A cached search answer belongs to the engine (and index) that gave it: once the site switches from OpenSearch to
the embedded engine, or to another OpenSearch index, the very next answer comes from the engine now configured — it is
never the other engine's answer from the hot-answer cache (search/hot_cache.py)."""
import uuid

import pytest

from tests.factories.search import drop, search_site, use_engine

Q = {"q": "预防接种证"}


@pytest.fixture
def both(settings, db):
    """The site indexed in both engines (the embedded table is always written), OpenSearch configured."""
    settings.SEARCH_CACHE_SECONDS = 60
    use_engine(settings, "opensearch")
    url, prefix = settings.OPENSEARCH_URL, settings.OPENSEARCH_INDEX_PREFIX
    search_site()
    yield url
    settings.OPENSEARCH_URL, settings.OPENSEARCH_INDEX_PREFIX = url, prefix
    drop()


def test_switching_from_opensearch_to_the_embedded_engine(both, settings, client):
    first = client.get("/api/search", Q).json()
    assert first["engine"] == "opensearch" and first["total"] > 0
    assert client.get("/api/search", Q).json() == first  # a repeat is served from the cache
    settings.OPENSEARCH_URL = None
    answer = client.get("/api/search", Q).json()
    assert answer["engine"] == "database" and answer["total"] == first["total"]


def test_switching_from_the_embedded_engine_to_another_opensearch_index(both, settings, client):
    settings.OPENSEARCH_URL = None
    first = client.get("/api/search", Q).json()
    assert first["engine"] == "database" and first["total"] > 0
    settings.OPENSEARCH_URL = both
    settings.OPENSEARCH_INDEX_PREFIX = f"gk-empty-{uuid.uuid4().hex[:8]}"  # nothing indexed there yet
    answer = client.get("/api/search", Q).json()
    assert answer["engine"] == "opensearch" and answer["total"] == 0 and answer["results"] == []
