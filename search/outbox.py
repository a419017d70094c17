"""The search outbox: index work written in the caller's transaction, applied by the worker after the commit.

``enqueue`` keeps one pending row per key and action (applying a row always reads the current state); ``drain``
applies rows one by one (deleting a row only after every engine accepted it); ``apply_pending`` applies many rows
in one batched write per engine (after a bulk load). search.tasks.kick asks the worker to drain once the
transaction commits; the beat retry (every 30 s) catches anything a kick missed.
"""
import logging

from django.db import transaction
from django.db.models import F

from search import indexing, registry
from search.engines.base import EngineUnavailable
from search.models import SearchOutbox

logger = logging.getLogger("gongkai.search")


def enqueue(key, action="index", dedupe=True):
    """One pending row for key; dedupe=False (bulk loads) skips the look-up: apply_pending keeps the newest per key."""
    if dedupe:
        last = SearchOutbox.objects.filter(object_key=key).order_by("-id").first()
        if last is not None and last.action == action:
            return last
    return SearchOutbox.objects.create(object_key=key, action=action)


def enqueue_many(pairs):
    """Rows for many (key, action) pairs in one insert (a batch of publications), without the look-up."""
    SearchOutbox.objects.bulk_create([SearchOutbox(object_key=key, action=action) for key, action in pairs])


def drain(limit=500):
    done = 0
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
    """Apply up to `limit` pending rows with one upsert/delete call per engine. A batch an engine refuses is split
    until the documents it refuses are alone: the others are indexed, each refused one stays in the outbox with its
    error and attempt count (the beat retry and the site administrator's dashboard see it). Rows that already
    failed are left to the beat retry, so a bulk load never retries them in a loop."""
    rows = list(SearchOutbox.objects.filter(attempts=0).order_by("id")[:limit])
    if not rows:
        return 0
    latest = {}
    for row in rows:  # the newest row per key decides
        latest[row.object_key] = row.action
    try:
        refused = _apply_split(latest)
    except EngineUnavailable as exc:  # engine down: keep the rows, the beat retry applies them one by one
        logger.warning("batch indexing failed, rows kept in the outbox: %s", exc)
        return 0
    for key, exc in refused.items():
        logger.error("search index refused %s, kept in the outbox for retry: %s", key, exc)
        SearchOutbox.objects.filter(pk__in=[r.pk for r in rows if r.object_key == key]).update(
            attempts=F("attempts") + 1, last_error=_message(exc))
    done = [r for r in rows if r.object_key not in refused]
    # older rows of an applied key (a failed earlier attempt) are settled too: applying reads the current state
    SearchOutbox.objects.filter(object_key__in={r.object_key for r in done}, id__lte=rows[-1].pk).delete()
    return len(done)


def _apply_split(actions):
    """{key: action} applied in halves until each refusal is alone; returns {key: exception} of the refused keys.
    EngineUnavailable (nothing can be written now) propagates."""
    try:
        with transaction.atomic():  # a refused row must not abort the caller's transaction
            indexing.apply_many(actions)
        return {}
    except EngineUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 — a document an engine refuses, whatever the reason
        if len(actions) == 1:
            return {next(iter(actions)): exc}
        items = list(actions.items())
        half = len(items) // 2
        return {**_apply_split(dict(items[:half])), **_apply_split(dict(items[half:]))}


def _message(exc):
    return (f"{type(exc).__name__}: {exc}".strip())[:1000]


def failures(keys):
    """[(title, error)] of the given keys whose index write failed and waits for a retry (the loaders report them)."""
    keys = set(keys)  # a load may touch more keys than one SQL statement takes: the (few) failed rows are read instead
    rows = SearchOutbox.objects.filter(attempts__gt=0).order_by("id").values_list("object_key", "last_error")
    errors = {key: error for key, error in rows if key in keys}
    out = []
    for key, error in errors.items():
        obj = registry.object_for_key(key)
        out.append((getattr(obj, "title", None) or key, (error or "").splitlines()[0][:200] if error else ""))
    return out


def apply_all_pending():
    total = 0
    while True:
        done = apply_pending()
        total += done
        if not done:
            return total
