"""Writing search outbox rows (publishing.models.SearchOutbox) in the caller's transaction."""
from functools import partial

from django.db import transaction


def enqueue(key, action="index", page=None):
    """One pending row per key and action: applying a row always reads the current state."""
    from publishing.models import SearchOutbox

    last = SearchOutbox.objects.filter(object_key=key).order_by("-id").first()
    if last is not None and last.action == action:
        return last
    return SearchOutbox.objects.create(page=page, object_key=key, action=action)


def kick(key=None, dedupe=False):
    """Ask the worker to drain after the commit (the beat retry catches anything missed).

    With ``dedupe``, nothing is registered when the page-publish signal already registered a drain for the same
    key in this block (publishing.services publishes through Wagtail, so both would otherwise fire).
    """
    conn = transaction.get_connection()
    if dedupe and key is not None:
        current = set(conn.savepoint_ids)
        for sids, func, *_ in conn.run_on_commit:
            if isinstance(func, partial) and func.func is _drain_after_commit and func.args == (key,) and current <= set(sids):
                return
    transaction.on_commit(partial(_drain_after_commit, key))


def _drain_after_commit(key=None):
    from publishing.services import _kick_outbox

    _kick_outbox()
