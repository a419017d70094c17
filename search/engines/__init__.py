"""One search interface, two engines: OpenSearch when OPENSEARCH_URL is set, else the embedded database engine.

The embedded engine's table is kept current in every configuration, so when OpenSearch is unreachable the
service answers from it (degraded mode) instead of failing.
"""
from django.conf import settings

from search.engines.database import DatabaseEngine
from search.engines.opensearch import OpenSearchEngine

_clients = {}


def get_engine():
    """The configured engine; OpenSearch clients are kept per process (connection pooling, keep-alive)."""
    if settings.OPENSEARCH_URL:
        key = (settings.OPENSEARCH_URL, settings.OPENSEARCH_INDEX_PREFIX, getattr(settings, "OPENSEARCH_TIMEOUT", 5))
        engine = _clients.get(key)
        if engine is None:
            engine = _clients[key] = OpenSearchEngine(key[0], prefix=key[1], timeout=key[2])
        return engine
    return database_engine()


def database_engine():
    return DatabaseEngine()


def search_health():
    if not settings.OPENSEARCH_URL:
        return {"engine": "database", "status": "ok"}
    status = get_engine().health()
    return {"engine": "opensearch", "status": "ok" if status == "ok" else "degraded"}
