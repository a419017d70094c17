"""/search/ (HTML, works without JavaScript) and the JSON API of design §2.8, plus autocomplete."""
import logging
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from search import improvement, service, sites

logger = logging.getLogger("gongkai.search")
JSON = {"ensure_ascii": False}
FACET_LABELS = {"type": "类型", "department": "部门", "year": "年份", "validity": "有效性", "tongban": "通办", "site": "站点"}


def _error(message, status=400):
    return JsonResponse({"error": message}, status=status, json_dumps_params=JSON)


def search_api(request):
    here = sites.of_request(request)
    try:
        query, kind, page, size = service.parse_params(request.GET)
        scope, _ = service.parse_site(request.GET, here)
    except service.BadRequest as exc:
        return _error(str(exc))
    if not query:
        return _error("请输入搜索词（参数 q）")
    try:
        outcome = service.search(query, type=kind, page=page, size=size, filters=service.parse_filters(request.GET),
                                 site=scope, viewer=here.hostname if here else None)
    except Exception:
        logger.exception("search failed for %r", query)
        return _error("搜索服务暂时不可用，请稍后再试", status=503)
    return JsonResponse(outcome.as_api(), json_dumps_params=JSON)


def suggest_api(request):
    q = (request.GET.get("q") or "").strip()
    if len(q) > 50:
        return _error("输入过长，请控制在50个字以内")
    here = sites.of_request(request)
    try:
        scope, _ = service.parse_site(request.GET, here)
    except service.BadRequest as exc:
        return _error(str(exc))
    try:
        items = service.suggest(q, site=scope, viewer=here.hostname if here else None) if q else []
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
    here = sites.of_request(request)
    group = sites.group()
    scope, asked = None, ""
    try:
        query, kind, page, _ = service.parse_params(request.GET)
        filters = service.parse_filters(request.GET)
        scope, asked = service.parse_site(request.GET, here)
        if len(expand) > 100:
            raise service.BadRequest("参数 expand 过长")
        if query:
            outcome = service.search(query, type=kind, page=page, size=10, filters=filters, collapse=True, site=scope,
                                     viewer=here.hostname if here else None)
    except service.BadRequest as exc:
        error = str(exc)
    except Exception:
        logger.exception("search page failed for %r", query)
        error = "搜索服务暂时不可用，请稍后再试。"
    kept = dict(filters, **({"site": asked} if asked else {}))  # what every link and the form carry on
    context = {"query": query, "kind": kind, "error": error, "outcome": outcome, "search_page": True,
               "kind_label": service.TYPE_LABELS.get(kind or ""), "all_link": _link(query, filters=kept), "filters": kept}
    context.update(_scope_context(query, kind, filters, scope, here, group))
    if outcome:
        context["results"] = _shown(outcome, query, kind, kept, expand)
        context["filtered"] = bool(kind or filters or asked and asked != sites.ALL)
        context["type_facets"] = [
            {"label": service.TYPE_LABELS.get(t, t), "count": n, "url": _link(query, t, filters=kept), "current": t == kind}
            for t, n in outcome.facets.get("type", {}).items()]
        context["other_facets"] = []
        if context["show_sites"]:
            context["other_facets"].append(_site_facet(outcome, query, kind, kept, scope, here, group))
        for f in service.FILTERS:
            values = []
            for value, count in list(outcome.facets.get(f, {}).items())[:10]:
                current = filters.get(f) == value
                chosen = {k: v for k, v in kept.items() if k != f}
                if not current:
                    chosen[f] = value
                values.append({"value": value, "count": count, "current": current, "url": _link(query, kind, filters=chosen)})
            if values:
                context["other_facets"].append({"label": FACET_LABELS[f], "values": values})
        pages = max(1, -(-min(outcome.shown_total, 1000) // 10))
        context["pages"] = pages
        context["prev_link"] = _link(query, kind, outcome.page - 1, kept) if outcome.page > 1 else None
        context["next_link"] = _link(query, kind, outcome.page + 1, kept) if outcome.page < pages else None
        context["suggestion_link"] = (_link(outcome.suggestion, kind, filters={"site": asked} if asked else None)
                                      if outcome.suggestion else None)
    return render(request, "search/search.html", context, status=400 if error and "不可用" not in error else 200)


def _is_district(here, group):
    return here is not None and group.default is not None and here.path != group.default.path


def _scope_context(query, kind, filters, scope, here, group):
    """Which sites the page searches (design §2.13) and the link that widens or narrows it (no JavaScript): a
    district's host searches the district, with “在全市站群中搜索” (site=all); the city's host searches the group."""
    out = {"show_sites": group.is_group, "scope_name": None, "scope_links": []}
    if not group.is_group:
        return out
    district = _is_district(here, group)
    info = group.get(scope) if scope else None
    out["scope_name"] = info.name if info else None
    out["group_name"] = group.default.name if group.default else ""
    if info is not None:
        widened = dict(filters, site=sites.ALL) if district else dict(filters)
        out["scope_links"].append({"label": "在全市站群中搜索", "url": _link(query, kind, filters=widened)})
        if district and info.hostname != here.hostname:
            out["scope_links"].append({"label": f"只搜索{here.name}", "url": _link(query, kind, filters=filters)})
    elif district:
        out["scope_links"].append({"label": f"只搜索{here.name}", "url": _link(query, kind, filters=filters)})
    return out


def _site_facet(outcome, query, kind, kept, scope, here, group):
    """站点: each site's name and count; choosing one searches it alone, choosing it again widens to the group."""
    values = []
    for hostname, count in outcome.facets.get("site", {}).items():
        info = group.get(hostname)
        current = scope == hostname
        chosen = {k: v for k, v in kept.items() if k != "site"}
        if not current:
            chosen["site"] = hostname
        elif _is_district(here, group):
            chosen["site"] = sites.ALL
        values.append({"value": info.name if info else hostname, "count": count, "current": current,
                       "url": _link(query, kind, filters=chosen)})
    return {"label": FACET_LABELS["site"], "values": values}


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
