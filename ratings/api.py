"""GET/POST /api/ratings (design §2.14): anonymous JSON, CSRF-exempt, rate-limited per client; Chinese 4xx, never
500 on bad input. GET /api/ratings/departments: the department figures as open data. Never the contact."""
import json

from django.http import JsonResponse, RawPostDataException
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from ratings import figures, services
from ratings.models import Rating
from timeliness import throttle


def _json(body, status=200):
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


@sensitive_post_parameters("contact")
@csrf_exempt
@never_cache
def ratings_api(request):
    if request.method == "POST":
        return _post(request)
    if request.method in ("GET", "HEAD"):
        return _get(request)
    response = _json({"error": "不支持该请求方法，请使用 GET 或 POST"}, status=405)
    response["Allow"] = "GET, POST"
    return response


@sensitive_variables("data")
def _post(request):
    if not throttle.allow(request, "rating_submit"):
        return _json({"error": "评价提交过于频繁，请稍后再试"}, status=429)
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        data = request.POST.dict()  # a plain HTML form posted here works too
    else:
        try:
            data = json.loads(request.body.decode("utf-8") or "null")
        except (UnicodeDecodeError, ValueError, RawPostDataException):
            return _json({"error": "请求内容不是有效的JSON"}, status=400)
    if not isinstance(data, dict):
        return _json({"error": "请求内容应为JSON对象，如 {\"guide\": \"事项编码\", \"level\": 5}"}, status=400)
    try:
        rating = services.submit(code=data.get("guide"), level=data.get("level"), comment=data.get("comment") or "",
                                 contact=data.get("contact") or "", channel=data.get("channel") or "api", kind="guide")
    except services.RatingRefused as refused:
        return _json({"error": str(refused), "reason": refused.reason}, status=400)
    return _json({"id": rating.pk}, status=201)


def _get(request):
    if not throttle.allow(request, "rating_api"):
        return _json({"error": "查询过于频繁，请稍后再试"}, status=429)
    code = request.GET.get("guide", "").strip()
    if not code:
        return _json({"error": "请用 guide 参数指明事项编码，如 /api/ratings?guide=事项编码"}, status=400)
    if len(code) > 100 or (services.find_target(code) is None and not Rating.objects.filter(target_code=code).exists()):
        return _json({"error": "未找到该办事事项，请核对事项编码"}, status=404)
    fig = figures.figures_of(figures.filtered(code=code))
    return _json({"count": fig.count, "levels": fig.levels, "satisfaction": fig.satisfaction})


@never_cache
def departments_api(request):
    """Open data: every department's figures and monthly trend (no personal data)."""
    if request.method not in ("GET", "HEAD"):
        return _json({"error": "只支持 GET 请求"}, status=405)
    if not throttle.allow(request, "rating_api"):
        return _json({"error": "查询过于频繁，请稍后再试"}, status=429)
    items = []
    for department, fig in figures.by_department():
        qs = figures.filtered(department=department)
        items.append({"department": department or "未标注部门", **fig.as_json(),
                      "by_month": [{"month": m, **f.as_json()} for m, f in figures.by_month(qs)]})
    return _json({"definitions": {"satisfaction": "评价为3至5级（基本满意、满意、非常满意）的比例",
                                  "rectification_rate": "差评（1至2级）中整改回访已办结的比例"},
                  "departments": items})
