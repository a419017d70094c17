"""One search interface, two engines: OpenSearch when OPENSEARCH_URL is set, else the embedded database engine.

The embedded engine's table is kept current in every configuration, so when OpenSearch is unreachable the
service answers from it (degraded mode) instead of failing.
"""
from django.conf import settings


def get_engine():
    if settings.OPENSEARCH_URL:
        from .opensearch import OpenSearchEngine

        return OpenSearchEngine(settings.OPENSEARCH_URL, prefix=settings.OPENSEARCH_INDEX_PREFIX,
                                timeout=getattr(settings, "OPENSEARCH_TIMEOUT", 5))
    return database_engine()


def database_engine():
    from .database import DatabaseEngine

    return DatabaseEngine()


def search_health():
    if not settings.OPENSEARCH_URL:
        return {"engine": "database", "status": "ok"}
    status = get_engine().health()
    return {"engine": "opensearch", "status": "ok" if status == "ok" else "degraded"}
