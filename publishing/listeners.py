"""Wagtail's page signals, turned into publishing's record and events (publishing.events).

Whatever path a page takes to live — publishing.services.publish, the editor's publish button, a workflow
approval, a bulk action — Wagtail sends page_published; this is where its record is written and where the rest of
the house hears of it. Unpublishing and deletion are withdrawals.
"""
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from publishing import events, gate, services, submissions


def on_page_published(sender, instance, revision=None, **kwargs):
    services.after_page_published(instance, revision)


def on_page_created_live(sender, instance, created=False, raw=False, **kwargs):
    """A page added to the tree already live (Wagtail's default for add_child) went public without a publish
    action: the backstop checked it; here it gets its record and its announcement like any publication."""
    if created and not raw and isinstance(instance, Page) and instance.live and gate.current() is None:
        services.after_page_published(instance.specific)


def on_page_unpublished(sender, instance, **kwargs):
    submissions.mark_withdrawn(instance)
    events.announce_withdrawn(instance)


def on_page_deleted(sender, instance, **kwargs):
    events.announce_withdrawn(instance, key=f"page-{instance.pk}")


def connect():
    page_published.connect(on_page_published, dispatch_uid="gongkai-publishing-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="gongkai-publishing-page-unpublished")
    post_save.connect(on_page_created_live, dispatch_uid="gongkai-publishing-page-created-live")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="gongkai-publishing-page-deleted")
