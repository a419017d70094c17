"""Wagtail's admin search index for the site's pages, kept by a listener that reads publishing's bulk flag.

The page models set ``search_auto_update = False`` (Wagtail's documented switch), so this module updates the admin
index instead: at once for an ordinary save, and in one batch per model when a bulk operation (a loader, the demo)
ends. Nobody disconnects Wagtail's own handlers."""
import logging

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from publishing import events

logger = logging.getLogger("gongkai.site")


def _ours(sender):
    return issubclass(sender, Page) and sender is not Page and not getattr(sender, "search_auto_update", True)


def on_save(sender, instance, raw=False, **kwargs):
    if raw or not _ours(sender) or events.in_bulk():
        return
    index.insert_or_update_object(instance)


def on_delete(sender, instance, **kwargs):
    if _ours(sender):
        index.remove_object(instance)


def on_bulk_finished(sender, published=(), **kwargs):
    ids = [int(key[5:]) for key in published if key.startswith("page-") and key[5:].isdigit()]
    by_model = {}
    for page in Page.objects.filter(pk__in=ids).specific().iterator(chunk_size=200):
        if _ours(type(page)):
            by_model.setdefault(type(page), []).append(page)
    for backend in get_search_backends(with_auto_update=True):
        for model, pages in by_model.items():
            try:
                backend.add_bulk(model, pages)
            except Exception:  # noqa: BLE001 — the admin search index is a convenience; the pages are saved
                logger.warning("admin search index not updated for %s %s", len(pages), model.__name__)


def connect():
    post_save.connect(on_save, dispatch_uid="gongkai-admin-search-save")
    post_delete.connect(on_delete, dispatch_uid="gongkai-admin-search-delete")
    events.bulk_finished.connect(on_bulk_finished, dispatch_uid="gongkai-admin-search-bulk")
