import logging

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from cms.health import tasks_health
from search.engines import search_health

logger = logging.getLogger("gongkai.errors")


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


# --- error pages (handler400/403/404/500 in cms.urls): Chinese, and JSON like the rest of the API under /api/ ---

MESSAGES = {
    400: "请求有误，无法处理：请检查网址或填写的内容",
    403: "无权访问该页面",
    404: "未找到您要访问的内容",
    500: "服务器处理请求时出错，请稍后再试",
}
# Shown when even the error template cannot be rendered (a broken template or database): no template, no context.
PLAIN_PAGE = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{status} - {message}</title></head>'
              '<body><h1>{message}</h1><p><a href="/">返回首页</a></p></body></html>')


def _wants_json(request):
    return request.path.startswith("/api/")


def _plain(status):
    return HttpResponse(PLAIN_PAGE.format(status=status, message=MESSAGES[status]), status=status)


def _answer(request, status, message=None):
    message = message or MESSAGES[status]
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})
    try:
        return render(request, f"{status}.html", {"message": message}, status=status)
    except Exception:
        logger.exception("the %s page could not be rendered", status)
        return _plain(status)


def bad_request(request, exception):
    return _answer(request, 400)


def refuse(request, message):
    """A 400 with its own Chinese message (cms.middleware)."""
    return _answer(request, 400, message)


def permission_denied(request, exception):
    return _answer(request, 403)


def page_not_found(request, exception):
    return _answer(request, 404)


def server_error(request):
    """Django has already logged the exception (logger django.request). The page needs no database or context."""
    if _wants_json(request):
        return JsonResponse({"error": MESSAGES[500]}, status=500, json_dumps_params={"ensure_ascii": False})
    try:
        return HttpResponse(loader.get_template("500.html").render(), status=500)
    except Exception:
        logger.exception("the 500 page could not be rendered")
        return _plain(500)
