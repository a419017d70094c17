"""The public side of 好差评: the form endpoint behind the widget on every guide and 一件事 page (plain HTML, works
without JavaScript, no CSRF token so cached pages can carry it; a honeypot and the per-client limit keep spam out),
the thank-you page, and the figures per department (/hcp/) and per guide."""
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from cms.guides.models import BundlePage
from ratings import figures, rules, services
from ratings.models import Rating
from timeliness import throttle


def _target_context(code):
    target = services.find_target(code)
    fig = figures.figures_of(figures.filtered(code=target.code)) if target else None
    return {"target": target, "figures": fig, "levels": sorted(rules.LEVELS.items(), reverse=True),
            "code": target.code if target else "", "is_bundle": isinstance(target, BundlePage),
            "department": (target.lead_department if isinstance(target, BundlePage) else target.department) if target else ""}


@sensitive_post_parameters("contact")  # error reports never carry the contact
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def rate(request):
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("code", "").strip()[:100]
    context = _target_context(code)
    if context["target"] is None:
        context["refused"] = services.REASONS["no_target" if not code else "unknown_target"]
        return render(request, "ratings/rate.html", context, status=404 if code else 400)
    if request.method == "GET":
        return render(request, "ratings/rate.html", context)
    context.update(comment=data.get("comment", "")[:services.COMMENT_MAX], contact=data.get("contact", "")[:services.CONTACT_MAX],
                   chosen=data.get("level", ""))
    if data.get("website"):  # the honeypot: people never see it
        context["refused"] = "提交未通过校验，请刷新页面后重新评价"
        return render(request, "ratings/rate.html", context, status=400)
    if not throttle.allow(request, "rating_submit"):
        context["refused"] = "评价提交过于频繁，请稍后再试"
        return render(request, "ratings/rate.html", context, status=429)
    try:
        rating = services.submit(code=code, level=data.get("level"), comment=data.get("comment", ""),
                                 contact=data.get("contact", ""), channel="web")
    except services.RatingRefused as refused:
        context["refused"] = str(refused)
        return render(request, "ratings/rate.html", context, status=400)
    query = {"code": rating.target_code}
    if rating.is_bad:
        query["followup"] = "contact" if rating.contact else "1"
    return redirect(reverse("ratings_thanks") + "?" + urlencode(query), permanent=False)


@never_cache
@require_GET
def thanks(request):
    context = _target_context(request.GET.get("code", "").strip()[:100])
    if context["target"] is None:
        raise Http404("未找到该办事事项")
    context["followup"] = request.GET.get("followup", "")
    context["verify_days"] = services.step_days(rules.VERIFY)
    return render(request, "ratings/thanks.html", context)


@require_GET
def index(request):
    rows = figures.by_department()
    total = figures.figures_of(Rating.objects.all())
    return render(request, "ratings/index.html", {"rows": rows, "total": total})


@require_GET
def department(request, department):
    qs = figures.filtered(department=department)
    if not qs.exists():
        raise Http404("该部门暂无评价")
    return render(request, "ratings/department.html", {
        "department": department, "figures": figures.figures_of(qs), "months": figures.by_month(qs),
        "targets": figures.by_target(qs)})


@require_GET
def target(request, code):
    qs = figures.filtered(code=code)
    found = services.find_target(code)
    if found is None and not qs.exists():
        raise Http404("未找到该办事事项")
    first = qs.first()
    return render(request, "ratings/target.html", {
        "code": code, "target": found, "title": found.title if found else first.target_title,
        "department": first.department if first else (getattr(found, "department", "") or getattr(found, "lead_department", "")),
        "figures": figures.figures_of(qs), "months": figures.by_month(qs)})
