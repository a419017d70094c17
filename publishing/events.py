"""What publishing tells the rest of the house. Side effects (search index, page cache, reminders) are listeners.

* ``published``  — an object went live or its live content changed: sender=its class, instance, key, mode, by, record.
* ``withdrawn``  — an object left the public site (unpublished, withdrawn, deleted): sender, instance, key.
* ``bulk_finished`` — a bulk operation ended: published and withdrawn keys of everything it touched.
* ``batch_ended`` — a batch of publications in one transaction ended (``with batch():``): buffers listeners filled.

Bulk mode (``with bulk():``) is the same publication path with deferred side effects: listeners look at
``in_bulk()`` and keep per-object work cheap (write an outbox row, skip the per-page purge); at the end one
``bulk_finished`` lets them do the batched work. Nobody disconnects anybody's signals.
"""
import contextvars
from contextlib import contextmanager

from django.dispatch import Signal
from wagtail.models import Page

published = Signal()
withdrawn = Signal()
bulk_finished = Signal()
batch_ended = Signal()

_bulk = contextvars.ContextVar("gongkai_bulk", default=None)
_batch = contextvars.ContextVar("gongkai_batch", default=None)


def key_of(obj):
    """The stable key of a public object: page-<id> for pages, <app.model>:<pk> otherwise (overridable)."""
    if hasattr(obj, "public_key"):
        return obj.public_key()
    if isinstance(obj, Page):
        return f"page-{obj.pk}"
    return f"{obj._meta.label_lower}:{obj.pk}"


def in_bulk():
    return _bulk.get() is not None


@contextmanager
def bulk():
    """Defer side effects of many publications to one ``bulk_finished`` at the end (nested blocks join the outer)."""
    if _bulk.get() is not None:
        yield _bulk.get()
        return
    touched = {"published": set(), "withdrawn": set()}
    token = _bulk.set(touched)
    try:
        yield touched
    finally:
        _bulk.reset(token)
    # reached only when the block succeeded; listeners act after the surrounding commit
    bulk_finished.send(sender=None, published=sorted(touched["published"]), withdrawn=sorted(touched["withdrawn"] - touched["published"]))


@contextmanager
def batch():
    """Many publications inside one transaction (publishing.services.publish_new_pages): a listener may put its
    per-object work in ``batch_buffer(name)`` and do it once at ``batch_ended``, still inside the transaction, so
    it is stored or rolled back with the publications. Nested blocks join the outer."""
    if _batch.get() is not None:
        yield
        return
    buffers = {}
    token = _batch.set(buffers)
    try:
        yield
    finally:
        _batch.reset(token)
    batch_ended.send(sender=None, buffers=buffers)  # reached only when the block succeeded


def batch_buffer(name):
    """The list a listener collects into during a batch(), or None outside one."""
    buffers = _batch.get()
    return None if buffers is None else buffers.setdefault(name, [])


def announce_published(obj, *, mode="editor", by=None, record=None):
    touched = _bulk.get()
    key = key_of(obj)
    if touched is not None:
        touched["published"].add(key)
    published.send(sender=type(obj), instance=obj, key=key, mode=mode, by=by, record=record)


def announce_withdrawn(obj, key=None):
    touched = _bulk.get()
    key = key or key_of(obj)
    if touched is not None:
        touched["withdrawn"].add(key)
        touched["published"].discard(key)
    withdrawn.send(sender=type(obj), instance=obj, key=key)
