"""Admin uploads: 公文 (several files at once, each imported on its own) and the Excel 事项清单 of guides."""
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin.auth import permission_denied

from importers import guide_excel
from importers.filenames import safe_name, shorten
from importers.services import import_file
from search import sites


def _import_upload(upload, user):
    if upload.size > settings.IMPORT_MAX_FILE_BYTES:
        return {"source": upload.name, "error": f"文件超过{settings.IMPORT_MAX_FILE_BYTES // (1024 * 1024)}MB上限，未导入。", "checks": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / shorten(safe_name(upload.name))  # a 100-character Chinese name is 300 bytes: too long on disk
        with open(path, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        result = import_file(path, source="upload", user=user, original_name=Path(upload.name).name)
    data = result.as_json()
    data["source"] = upload.name
    if result.document is not None:
        data["url"] = reverse("wagtailsnippets_importers_importeddocument:inspect", args=[result.document.pk])
        data["status"] = result.document.get_status_display()
    return data


@permission_required("importers.add_importeddocument", raise_exception=True)
@require_http_methods(["GET", "POST"])
def upload(request):
    if request.method == "POST":
        results = [_import_upload(f, request.user) for f in request.FILES.getlist("files")]
        if request.headers.get("Accept", "").startswith("application/json"):
            return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
        return render(request, "importers/upload.html", {"results": results})
    return render(request, "importers/upload.html", {"results": None})


GUIDE_IMPORT_PERMISSION = "guides.add_serviceguidepage"
MAX_SHEET_BYTES = 20 * 1024 * 1024


def import_guides_view(request):
    """Upload a 事项清单 .xlsx; each row is validated and loaded on its own; errors are listed by row number."""
    if not request.user.has_perm(GUIDE_IMPORT_PERMISSION):
        return permission_denied(request)
    context = {"report": None, "error": None, "sites": _sites()}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "请选择要导入的 .xlsx 文件。"
        elif upload.size > MAX_SHEET_BYTES:
            context["error"] = f"文件超过 {MAX_SHEET_BYTES // (1024 * 1024)}MB 上限，未导入。"
        elif not upload.name.lower().endswith((".xlsx", ".csv")):
            context["error"] = "只支持 Excel 2007 及以上格式（.xlsx）或 CSV 格式的事项清单。"
        else:
            try:
                context["report"] = guide_excel.import_workbook(upload)
            except guide_excel.SheetError as exc:
                context["error"] = str(exc)
    return render(request, "importers/guide_import.html", context, status=400 if context["error"] else 200)


def import_template_view(request):
    if not request.user.has_perm(GUIDE_IMPORT_PERMISSION):
        return permission_denied(request)
    return _xlsx(guide_excel.template_workbook_bytes(), "%E4%BA%8B%E9%A1%B9%E6%B8%85%E5%8D%95%E6%A8%A1%E6%9D%BF.xlsx")


def export_guides_view(request):
    """The published 事项清单 as .xlsx, in the template's columns: edit it and import it back. ``?site=<hostname>``:
    one site of the group only."""
    if not request.user.has_perm(GUIDE_IMPORT_PERMISSION):
        return permission_denied(request)
    try:
        guides = guide_excel.published_guides((request.GET.get("site") or "").strip() or None)
    except LookupError as exc:
        return render(request, "importers/guide_import.html", {"report": None, "error": str(exc), "sites": _sites()},
                      status=400)
    return _xlsx(guide_excel.export_workbook_bytes(guides), "%E4%BA%8B%E9%A1%B9%E6%B8%85%E5%8D%95.xlsx")


def _xlsx(data, quoted_name):
    """An .xlsx download; ``quoted_name``: the file name, percent-encoded UTF-8."""
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quoted_name}"
    return response


def _sites():
    """The sites of the group, for per-site export links (none for a single site)."""
    group = sites.group()
    return list(group.sites) if group.is_group else []
