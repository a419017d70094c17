"""One search interface, two engines: OpenSearch when OPENSEARCH_URL is set, else the embedded database engine.

The search issue deepens both; this module is the seam the rest of Gongkai calls.
"""
from django.conf import settings


def get_engine():
    if settings.OPENSEARCH_URL:
        from .opensearch import OpenSearchEngine

        return OpenSearchEngine(settings.OPENSEARCH_URL, prefix=settings.OPENSEARCH_INDEX_PREFIX)
    from .database import DatabaseEngine

    return DatabaseEngine()


def search_health():
    if not settings.OPENSEARCH_URL:
        return {"engine": "database", "status": "ok"}
    status = get_engine().health()
    return {"engine": "opensearch", "status": "ok" if status == "ok" else "degraded"}
