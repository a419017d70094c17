"""Admin upload: several files at once, each imported on its own with its own result."""
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from importers.services import import_file


def _import_upload(upload, user):
    if upload.size > settings.IMPORT_MAX_FILE_BYTES:
        return {"source": upload.name, "error": f"文件超过{settings.IMPORT_MAX_FILE_BYTES // (1024 * 1024)}MB上限，未导入。", "checks": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        with open(path, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        result = import_file(path, source="upload", user=user)
    data = result.as_json()
    data["source"] = upload.name
    if result.document is not None:
        from django.urls import reverse

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
