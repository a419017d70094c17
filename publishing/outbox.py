"""Drains the search outbox. A row is deleted only after the engine accepted it."""
import logging

from django.db import transaction

logger = logging.getLogger("gongkai.publishing")


def drain(limit=500):
    from publishing.models import SearchOutbox
    from search.indexing import apply_outbox_row

    done = 0
    for row_id in list(SearchOutbox.objects.order_by("id").values_list("id", flat=True)[:limit]):
        with transaction.atomic():
            row = SearchOutbox.objects.select_for_update(skip_locked=True).filter(pk=row_id).first()
            if row is None:
                continue
            try:
                apply_outbox_row(row)
            except Exception as exc:  # noqa: BLE001 — engine down: keep the row, count the attempt
                SearchOutbox.objects.filter(pk=row.pk).update(attempts=row.attempts + 1, last_error=str(exc)[:1000])
                logger.warning("outbox row %s failed: %s", row.pk, exc)
                continue
            row.delete()
            done += 1
    return done
