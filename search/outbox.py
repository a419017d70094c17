"""The search outbox: index work written in the caller's transaction, applied by the worker after the commit.

``enqueue`` keeps one pending row per key and action (applying a row always reads the current state); ``drain``
applies rows one by one (deleting a row only after every engine accepted it); ``apply_pending`` applies many rows
in one batched write per engine (after a bulk load). search.tasks.kick asks the worker to drain once the
transaction commits; the beat retry (every 30 s) catches anything a kick missed.
"""
import logging

from django.db import transaction

from search import indexing
from search.models import SearchOutbox

logger = logging.getLogger("gongkai.search")


def enqueue(key, action="index", dedupe=True):
    """One pending row for key; dedupe=False (bulk loads) skips the look-up: apply_pending keeps the newest per key."""
    if dedupe:
        last = SearchOutbox.objects.filter(object_key=key).order_by("-id").first()
        if last is not None and last.action == action:
            return last
    return SearchOutbox.objects.create(object_key=key, action=action)


def drain(limit=500):
    done = 0
def enqueue_many(pairs):
    """Rows for many (key, action) pairs in one insert (a batch of publications), without the look-up."""
    SearchOutbox.objects.bulk_create([SearchOutbox(object_key=key, action=action) for key, action in pairs])


    for row_id in list(SearchOutbox.objects.order_by("id").values_list("id", flat=True)[:limit]):
        with transaction.atomic():
            row = SearchOutbox.objects.select_for_update(skip_locked=True).filter(pk=row_id).first()
            if row is None:
                continue
            try:
                indexing.apply(row.object_key, row.action)
            except Exception as exc:  # noqa: BLE001 — engine down: keep the row, count the attempt
                SearchOutbox.objects.filter(pk=row.pk).update(attempts=row.attempts + 1, last_error=str(exc)[:1000])
                logger.warning("outbox row %s failed: %s", row.pk, exc)
                continue
            row.delete()
            done += 1
    return done


def apply_pending(limit=2000):
    """Apply up to `limit` pending rows with one upsert/delete call per engine; rows whose write fails stay."""
    rows = list(SearchOutbox.objects.order_by("id")[:limit])
    if not rows:
        return 0
    latest = {}
    for row in rows:  # the newest row per key decides
        latest[row.object_key] = row.action
    try:
        indexing.apply_many(latest)
    except Exception as exc:  # noqa: BLE001 — engine down: keep the rows, the beat retry applies them one by one
        logger.warning("batch indexing failed, rows kept in the outbox: %s", exc)
        return 0
    SearchOutbox.objects.filter(pk__in=[r.pk for r in rows]).delete()
    return len(rows)


def apply_all_pending():
    total = 0
    while True:
        done = apply_pending()
        total += done
        if not done:
            return total
