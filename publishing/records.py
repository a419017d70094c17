"""Publication records: one per published version of a piece of information, measured against its deadline.

The record is written where every publication passes (publishing.services for objects, the page-published
listener for pages), from the facts the object states (``publication_facts()``) and the publication under way.
``published_at`` is the system clock; only a loader carrying information already published elsewhere may give an
earlier day, and never a later one (publishing.services checks that before anything is written).
"""
from django.utils import timezone

from publishing import deadlines, workdays
from publishing.models import PublicationRecord
from publishing.status import deadline_status


def working_days_taken(formed_on, day):
    try:
        return workdays.working_days_between(formed_on, day)
    except workdays.CalendarNotAvailable:
        return workdays.get_default_calendar().working_days_between_provisional(formed_on, day)


def write(obj, facts, publication, page=None):
    """The record of this publication, or None when the object states no facts (it is not measured).

    Idempotent per (source_key, version): publishing the same version again (an editor's correction) keeps the
    first record."""
    if not facts or not facts.get("formed_on"):
        return None
    extra = publication.record if publication is not None else {}
    source_key, version = facts["source_key"], extra.get("version", facts.get("version", 1))
    existing = PublicationRecord.objects.filter(source_key=source_key, version=version).first()
    if existing is not None:
        return existing
    now = timezone.now()
    published_at = (publication.published_at if publication is not None else None) or now
    day = timezone.localdate(published_at)
    formed = extra.get("formed_on") or facts["formed_on"]
    deadline = extra.get("deadline") or facts.get("deadline")
    if deadline is None and facts.get("due_on") is None:
        deadline = deadlines.create_proactive(formed)
    if deadline is not None:
        deadline.done_on = day
        deadline.save(update_fields=["done_on"])
    due_on = deadline.due_on if deadline is not None else facts["due_on"]
    return PublicationRecord.objects.create(
        title=str(getattr(obj, "title", obj))[:300], doc_type=facts.get("doc_type", "policy"), department=facts.get("department"),
        page=page, source_key=source_key, version=version, formed_on=formed, received_at=extra.get("received_at"),
        checks_passed_at=now, published_at=published_at, deadline=deadline, due_on=due_on,
        working_days_taken=working_days_taken(formed, day), status=deadline_status(due_on, day, day).code,
        mode=publication.mode if publication is not None else "editor",
        published_by=publication.by if publication is not None and getattr(publication.by, "pk", None) else None,
    )
