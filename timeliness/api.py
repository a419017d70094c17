"""GET /api/timeliness (design §2.9): evaluators and administrators only."""
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from timeliness import kpis

PERMISSION = "publishing.view_timeliness"


def _error(status, message):
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
def timeliness_api(request):
    if not request.user.is_authenticated:
        return _error(401, "请先登录：时效统计接口仅向评估员和站点管理员开放")
    if not request.user.has_perm(PERMISSION):
        return _error(403, "无权访问：时效统计接口仅向评估员和站点管理员开放")
    try:
        filters = kpis.parse_filters(request.GET)
    except kpis.FilterError as exc:
        return _error(400, str(exc))
    report = kpis.compute(filters)
    return JsonResponse(report.api(), json_dumps_params={"ensure_ascii": False})
