"""Admin: 推送到区县站点 — the city's site administrators show a live policy on district sites as a reference."""
from django.contrib import messages as flash
from django.shortcuts import get_object_or_404, redirect, render
from wagtail.admin.auth import permission_required
from wagtail.models import Page, Site

from sitegroup import sharing
from sitegroup.models import SharedDocument, SiteUnit

SHARE = "sitegroup.add_shareddocument"


@permission_required(SHARE)
def share_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    issuer = page.get_site()
    units = list(SiteUnit.objects.filter(parent=issuer).select_related("site")) if issuer else []
    shared = set(SharedDocument.objects.filter(page=page).values_list("site_id", flat=True))
    error = ""
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("site") if v.isdigit()}
        sites = list(Site.objects.filter(pk__in=chosen))
        try:
            added = sharing.share(page, sites, by=request.user)
        except sharing.ShareRefused as exc:
            error = str(exc)
        else:
            for unit in units:
                if unit.site_id in shared and unit.site_id not in chosen:
                    sharing.unshare(page, unit.site)
            flash.success(request, f"已推送到 {len(added)} 个区县站点；共 {len(chosen)} 个站点引用此文件")
            return redirect("sitegroup_share", page_id=page.pk)
    return render(request, "sitegroup/admin/share.html", {
        "title": "推送到区县站点", "page": page, "units": units, "shared": shared, "error": error,
        "can_share": bool(units) and page.live,
    }, status=400 if error else 200)
