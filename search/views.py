"""/search/ (HTML, works without JavaScript) and the JSON API of design §2.8, plus autocomplete."""
import logging
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from search import improvement, service

logger = logging.getLogger("gongkai.search")
JSON = {"ensure_ascii": False}
FACET_LABELS = {"type": "类型", "department": "部门", "year": "年份", "validity": "有效性", "tongban": "通办"}


def _error(message, status=400):
    return JsonResponse({"error": message}, status=status, json_dumps_params=JSON)


def search_api(request):
    try:
        query, kind, page, size = service.parse_params(request.GET)
    except service.BadRequest as exc:
        return _error(str(exc))
    if not query:
        return _error("请输入搜索词（参数 q）")
    try:
        outcome = service.search(query, type=kind, page=page, size=size, filters=service.parse_filters(request.GET))
    except Exception:
        logger.exception("search failed for %r", query)
        return _error("搜索服务暂时不可用，请稍后再试", status=503)
    return JsonResponse(outcome.as_api(), json_dumps_params=JSON)


def suggest_api(request):
    q = (request.GET.get("q") or "").strip()
    if len(q) > 50:
        return _error("输入过长，请控制在50个字以内")
    try:
        items = service.suggest(q) if q else []
    except Exception:
        logger.exception("suggest failed for %r", q)
        items = []
    return JsonResponse({"query": q, "suggestions": items}, json_dumps_params=JSON)


def _link(query, kind=None, page=None, filters=None, **extra):
    params = {"q": query}
    if kind:
        params["type"] = kind
    if page and page > 1:
        params["page"] = page
    params.update({k: v for k, v in (filters or {}).items() if v})
    params.update({k: v for k, v in extra.items() if v})
    return "/search/?" + urlencode(params)


def _anchor(key):
    return "r-" + "".join(ch if ch.isalnum() else "-" for ch in key)


def _shown(outcome, query, kind, filters, expand):
    """The page's results: each group's best result, with a link that unfolds its near-duplicates (no JavaScript)."""
    shown = []
    for r in outcome.results:
        similar = r.get("similar") or []
        expanded = bool(similar) and r["key"] == expand
        link = _link(query, kind, outcome.page, filters, **({} if expanded else {"expand": r["key"]}))
        shown.append(dict(r, anchor=_anchor(r["key"]), expanded=expanded, toggle_link=f"{link}#{_anchor(r['key'])}"))
    return shown


def search_page(request):
    error = None
    outcome = None
    query = (request.GET.get("q") or "").strip()
    kind = None
    filters = {}
    expand = (request.GET.get("expand") or "").strip()
    try:
        query, kind, page, _ = service.parse_params(request.GET)
        filters = service.parse_filters(request.GET)
        if len(expand) > 100:
            raise service.BadRequest("参数 expand 过长")
        if query:
            outcome = service.search(query, type=kind, page=page, size=10, filters=filters, collapse=True)
    except service.BadRequest as exc:
        error = str(exc)
    except Exception:
        logger.exception("search page failed for %r", query)
        error = "搜索服务暂时不可用，请稍后再试。"
    context = {"query": query, "kind": kind, "error": error, "outcome": outcome, "search_page": True,
               "kind_label": service.TYPE_LABELS.get(kind or ""), "all_link": _link(query, filters=filters), "filters": filters}
    if outcome:
        context["results"] = _shown(outcome, query, kind, filters, expand)
        context["filtered"] = bool(kind or filters)
        context["type_facets"] = [
            {"label": service.TYPE_LABELS.get(t, t), "count": n, "url": _link(query, t, filters=filters), "current": t == kind}
            for t, n in outcome.facets.get("type", {}).items()]
        context["other_facets"] = []
        for f in service.FILTERS:
            values = []
            for value, count in list(outcome.facets.get(f, {}).items())[:10]:
                current = filters.get(f) == value
                chosen = {k: v for k, v in filters.items() if k != f}
                if not current:
                    chosen[f] = value
                values.append({"value": value, "count": count, "current": current, "url": _link(query, kind, filters=chosen)})
            if values:
                context["other_facets"].append({"label": FACET_LABELS[f], "values": values})
        pages = max(1, -(-min(outcome.shown_total, 1000) // 10))
        context["pages"] = pages
        context["prev_link"] = _link(query, kind, outcome.page - 1, filters) if outcome.page > 1 else None
        context["next_link"] = _link(query, kind, outcome.page + 1, filters) if outcome.page < pages else None
        context["suggestion_link"] = _link(outcome.suggestion, kind) if outcome.suggestion else None
    return render(request, "search/search.html", context, status=400 if error and "不可用" not in error else 200)


CLICKS_PER_MINUTE = 60  # per client: the click counts feed the editors' queue, not a figure anyone is ranked by


@csrf_exempt  # an anonymous beacon (search-click.js) that only counts; no state a forged request could harm
@require_POST
def click_beacon(request):
    """A citizen opened a result of this query (POST q=…): queries nobody opens go to the editors' queue."""
    client = request.META.get("REMOTE_ADDR", "")
    key = f"gongkai:search:clicks:{client}"
    count = cache.get_or_set(key, 0, 60)
    if count >= CLICKS_PER_MINUTE:
        return HttpResponse(status=429)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, 60)
    improvement.record_click((request.POST.get("q") or "")[:200])
    return HttpResponse(status=204)
