"""Search listens to publishing's events (publishing.events), one channel for every path to live.

A publication or withdrawal writes outbox rows for the object and its neighbours in the same transaction and asks
the worker to drain after the commit. In bulk mode only the rows are written; the end of the bulk operation applies
them in batches. Synonym and best-bet edits reload every process's analyzer.
"""
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from publishing import events
from search import hot_cache, outbox, registry, service, tasks, vocabulary
from search.models import BestBet, Synonym


def _queue(instance, key, action):
    if registry.for_object(instance) is None:
        return
    pending = events.batch_buffer("search")
    if pending is not None:  # written once at the end of the batch, in its transaction
        pending.append((instance, key, action))
        return
    bulk = events.in_bulk()
    outbox.enqueue(key, action, dedupe=not bulk)
    for neighbour in registry.neighbours(instance):
        outbox.enqueue(neighbour, "index", dedupe=not bulk)
    if not bulk:
        tasks.kick()


def on_published(sender, instance, key, **kwargs):
    _queue(instance, key, "index")


def on_withdrawn(sender, instance, key, **kwargs):
    _queue(instance, key, "delete")


def on_batch_ended(sender, buffers, **kwargs):
    pending = buffers.get("search")
    if not pending:
        return
    pairs = [(key, action) for _, key, action in pending]
    pairs += [(key, "index") for key in registry.neighbours_of_many([instance for instance, _, _ in pending])]
    outbox.enqueue_many(pairs)
    if not events.in_bulk():
        tasks.kick()


def on_bulk_finished(sender, published, withdrawn, **kwargs):
    transaction.on_commit(outbox.apply_all_pending)


def on_synonyms_changed(sender, **kwargs):
    vocabulary.bump()
    hot_cache.bump()


def connect():
    events.published.connect(on_published, dispatch_uid="gongkai-search-published")
    events.withdrawn.connect(on_withdrawn, dispatch_uid="gongkai-search-withdrawn")
    events.bulk_finished.connect(on_bulk_finished, dispatch_uid="gongkai-search-bulk")
    events.batch_ended.connect(on_batch_ended, dispatch_uid="gongkai-search-batch")
    post_save.connect(service.invalidate_best_bets, sender=BestBet, dispatch_uid="gongkai-search-bestbet-saved")
    post_delete.connect(service.invalidate_best_bets, sender=BestBet, dispatch_uid="gongkai-search-bestbet-deleted")
    post_save.connect(hot_cache.bump, sender=BestBet, dispatch_uid="gongkai-search-bestbet-saved-answers")
    post_delete.connect(hot_cache.bump, sender=BestBet, dispatch_uid="gongkai-search-bestbet-deleted-answers")
    post_save.connect(on_synonyms_changed, sender=Synonym, dispatch_uid="gongkai-search-synonym-saved")
    post_delete.connect(on_synonyms_changed, sender=Synonym, dispatch_uid="gongkai-search-synonym-deleted")
