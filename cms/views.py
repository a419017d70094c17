from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from cms.health import tasks_health
from search.engines import search_health


@never_cache
def healthz(request):
    """design §2.3: HTTP 200 whenever pages can be served, even with search degraded."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # noqa: BLE001 — any database failure means "down"
        database = "down"
    body = {"database": database, "search": search_health(), "tasks": tasks_health()}
    return JsonResponse(body, status=200 if database == "ok" else 503, json_dumps_params={"ensure_ascii": False})
