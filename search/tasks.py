"""Search work for the Celery worker. Each task is small and idempotent."""
import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction

from search import dense, outbox

logger = logging.getLogger("gongkai.search")


@shared_task
def process_outbox(limit=500):
    """Send pending outbox rows to the search engines; rows that fail stay for the next run (beat retries). On a
    worker, the names of new services are then embedded (search.dense), so no citizen's search waits for them."""
    done = outbox.drain(limit=limit)
    if done and not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        dense.warm()
    return done


def kick():
    """Ask the worker to drain the outbox once the current transaction commits."""
    transaction.on_commit(_send_drain)


def _send_drain():
    try:
        process_outbox.delay()
    except Exception:  # noqa: BLE001 — broker down: the beat retry picks the rows up later
        logger.warning("could not enqueue outbox processing; beat will retry")
