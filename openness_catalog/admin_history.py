"""Who did what to a catalogue item or entry is read by the editors of its column only.

Wagtail's site-history report lists every log entry of every model the user holds any permission on, and a 目录编辑
holds the catalogue permissions for all columns; the report below also applies the column rule
(openness_catalog.permissions). The per-object history and usage views are guarded in wagtail_hooks.py.
"""
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry

from openness_catalog import permissions
from openness_catalog.models import CatalogueItem, Entry

COLUMN_LOOKUPS = {CatalogueItem: "", Entry: "item__"}  # model -> its lookup prefix to `column`


def hidden_log_entries(user):
    """A Q matching log entries of catalogue objects outside the user's columns (and of deleted ones)."""
    hidden = []
    for model, prefix in COLUMN_LOOKUPS.items():
        visible = model.objects.filter(permissions.column_filter(user, prefix)).values(key=Cast("pk", CharField()))
        hidden.append(Q(content_type=ContentType.objects.get_for_model(model)) & ~Q(object_id__in=visible))
    return reduce(or_, hidden)


class SiteHistoryView(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = self.request.user
        if queryset.model is ModelLogEntry and not permissions.edits_all(user):
            queryset = queryset.exclude(hidden_log_entries(user))
        return queryset


def _admin_view(**initkwargs):
    return never_cache(require_admin_access(SiteHistoryView.as_view(**initkwargs)))


def site_history_urls():
    """Mounted in cms/urls.py ahead of Wagtail's admin, on the report's own paths (its URL names keep working)."""
    return [
        path("admin/reports/site-history/", _admin_view()),
        path("admin/reports/site-history/results/", _admin_view(results_only=True)),
    ]
