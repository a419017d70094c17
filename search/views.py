from django.http import JsonResponse
from django.shortcuts import render

from search.engines import get_engine


def _run(query, size):
    if not query:
        return []
    return get_engine().search(query, size=size)


def search_page(request):
    query = request.GET.get("q", "").strip()
    return render(request, "search/search.html", {"query": query, "results": _run(query, 20)})


def search_api(request):
    query = request.GET.get("q", "").strip()
    try:
        size = max(1, min(50, int(request.GET.get("size", 10))))
    except ValueError:
        size = 10
    engine = get_engine()
    results = _run(query, size)
    return JsonResponse(
        {"total": len(results), "engine": engine.name, "suggestion": None,
         "results": [{"type": "page", "title": r["title"], "url": r["url"], "snippet": "", "bundles": [], "guides": []} for r in results],
         "facets": {"type": {}, "department": {}, "year": {}, "validity": {}}},
        json_dumps_params={"ensure_ascii": False},
    )
