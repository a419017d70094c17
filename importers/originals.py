"""Archived originals, for the people who handle imports only: a download from private storage, every access logged.

    /admin/imports/<pk>/original/              the document's original
    /admin/imports/<pk>/files/<file_pk>/       one of its attachments or interpretations (OA pull)

Anonymous visitors are sent to the admin login (register_admin_urls); signed-in users without the import
permission get 403. Each download writes a "查看原始文件" entry (who, when, which file) to the document's history.
"""
from functools import wraps

from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.log_actions import log

from importers.models import ImportedDocument

VIEW_PERMISSION = "importers.view_importeddocument"  # the officer's inbox uses it too (cms.site.roles: 文件管理员)
LOG_ACTION = "gongkai.view_original"


def original_url(doc):
    return reverse("importers_original", args=[doc.pk]) if doc.original else ""


def file_url(stored):
    return reverse("importers_original_file", args=[stored.document_id, stored.pk])


def officers_only(view):
    """403 before any lookup, so nobody can probe which documents exist. (Wagtail would turn PermissionDenied into a
    redirect to the dashboard; a download link answers plainly.)"""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            return HttpResponseForbidden("没有查看原始文件的权限。", content_type="text/plain; charset=utf-8")
        return view(request, *args, **kwargs)

    return checked


def _download(request, doc, field_file, name, role):
    if not field_file.name or not field_file.storage.exists(field_file.name):
        raise Http404("原始文件不存在或已丢失，请联系管理员")
    log(instance=doc, action=LOG_ACTION, user=request.user, data={"file": name, "role": role, "stored_as": field_file.name})
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@officers_only
def original(request, pk):
    doc = get_object_or_404(ImportedDocument, pk=pk)
    return _download(request, doc, doc.original, doc.original_name or "原始文件", "original")


@officers_only
def original_file(request, pk, file_pk):
    doc = get_object_or_404(ImportedDocument, pk=pk)
    stored = get_object_or_404(doc.files, pk=file_pk)
    return _download(request, doc, stored.file, stored.name, stored.role)
