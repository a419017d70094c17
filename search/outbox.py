"""Writing search outbox rows (publishing.models.SearchOutbox) in the caller's transaction."""
from django.db import transaction


def enqueue(key, action="index", page=None):
    """One pending row per key and action: applying a row always reads the current state."""
    from publishing.models import SearchOutbox

    last = SearchOutbox.objects.filter(object_key=key).order_by("-id").first()
    if last is not None and last.action == action:
        return last
    return SearchOutbox.objects.create(page=page, object_key=key, action=action)


def kick():
    """Ask the worker to drain after the commit (the beat retry catches anything missed)."""
    def _go():
        from publishing.services import _kick_outbox

        _kick_outbox()

    transaction.on_commit(_go)
