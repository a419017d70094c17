"""The officer's import inbox: documents with check results and deadline status (plain queries, no views)."""
from dataclasses import dataclass

from django.utils import timezone

from publishing import workdays
from publishing.calendar_sync import sync_calendar
from publishing.status import deadline_status


@dataclass
class InboxRow:
    doc: object
    due_on: object
    days_left: int | None
    provisional: bool
    status: object
    blocks: list
    warns: list
    reasons: list
    page: object = None


def inbox_rows(queryset, today=None):
    from publishing.services import reasons_not_to_publish

    sync_calendar()
    today = today or timezone.localdate()
    cal = workdays.get_default_calendar()
    rows = []
    for doc in queryset:
        due = days_left = None
        provisional = False
        status = None
        if doc.deadline is not None:
            due, provisional = doc.deadline.due_on, doc.deadline.provisional
            if due > today:
                try:
                    days_left = workdays.working_days_between(today, due)
                except workdays.CalendarNotAvailable:
                    days_left = cal.working_days_between_provisional(today, due)
            else:
                days_left = 0 if due == today else -1
            status = deadline_status(due, doc.deadline.done_on, today, max(days_left, 0))
        checks = doc.checks or []
        rows.append(InboxRow(
            doc=doc, due_on=due, days_left=days_left, provisional=provisional, status=status,
            blocks=[c for c in checks if c.get("severity") == "block"],
            warns=[c for c in checks if c.get("severity") == "warn"],
            reasons=reasons_not_to_publish(doc) if doc.status in ("ready", "blocked", "failed") else [],
            page=_page_of(doc) if doc.status == "published" else None,
        ))
    return rows


def _page_of(doc):
    from cms.models import PolicyDocumentPage

    return PolicyDocumentPage.objects.live().filter(source_key=doc.external_id or f"import-{doc.pk}").first()
