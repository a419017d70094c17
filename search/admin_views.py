from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from search.models import QueryLog


@permission_required("gongkai_search.view_querylog", raise_exception=True)
def query_report(request):
    return render(request, "search/admin/report.html", {
        "top": QueryLog.objects.order_by("-count", "query")[:50],
        "zero": QueryLog.objects.filter(zero_count__gt=0).order_by("-zero_count", "query")[:50],
    })
