from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from wagtail.models import Page

from search import improvement
from search.models import QueryLog


@permission_required("gongkai_search.view_querylog", raise_exception=True)
def query_report(request):
    return render(request, "search/admin/report.html", {
        "top": QueryLog.objects.order_by("-count", "query")[:50],
        "zero": QueryLog.objects.filter(zero_count__gt=0).order_by("-zero_count", "query")[:50],
    })


QUEUE_PERMISSION = "gongkai_search.add_synonym"  # who keeps the synonyms and best bets (站点管理员)


@permission_required(QUEUE_PERMISSION, raise_exception=True)
def improvement_queue(request):
    """搜索改进待办: accept a synonym or a 推荐结果 for a query citizens did not find or did not open, or ignore it."""
    error = ""
    if request.method == "POST":
        row = get_object_or_404(QueryLog, pk=request.POST.get("row") or 0)
        action = request.POST.get("action")
        try:
            if action == "synonym":
                rule = improvement.accept_synonym(row, request.POST.get("word"), request.POST.get("target"), by=request.user)
                messages.success(request, f"已添加同义词“{rule}”：下一次搜索即生效")
            elif action == "page":
                page = get_object_or_404(Page, pk=request.POST.get("page") or 0)
                improvement.accept_page(row, page, by=request.user)
                messages.success(request, f"已将“{page.title}”设为“{row.query}”的推荐结果")
            elif action == "dismiss":
                improvement.dismiss(row, by=request.user)
                messages.success(request, f"已忽略“{row.query}”")
            else:
                error = "未知的操作"
        except improvement.Refused as exc:
            error = str(exc)
        if not error:
            return redirect("search_improvement_queue")
    rows = [(row, reason, improvement.suggestions(row)) for row, reason in improvement.waiting()]
    return render(request, "search/admin/queue.html", {"rows": rows, "error": error,
                                                        "min_searches": improvement.MIN_SEARCHES_WITHOUT_CLICK},
                  status=400 if error else 200)
