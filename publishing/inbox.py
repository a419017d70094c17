"""The officer's inbox rows: submissions with the gate's findings and their deadline status (plain queries)."""
from dataclasses import dataclass, field

from django.utils import timezone

from publishing import submissions, workdays
from publishing.calendar_sync import sync_calendar
from publishing.status import deadline_status


@dataclass
class InboxRow:
    submission: object
    due_on: object = None
    days_left: int | None = None
    provisional: bool = False
    status: object = None
    blocks: list = field(default_factory=list)
    warns: list = field(default_factory=list)
    reasons: list = field(default_factory=list)


def row_for(sub, today, cal):
    row = InboxRow(submission=sub)
    deadline = sub.deadline
    if deadline is not None:
        row.due_on, row.provisional = deadline.due_on, deadline.provisional
        if deadline.due_on > today:
            try:
                row.days_left = workdays.working_days_between(today, deadline.due_on)
            except workdays.CalendarNotAvailable:
                row.days_left = cal.working_days_between_provisional(today, deadline.due_on)
        else:
            row.days_left = 0 if deadline.due_on == today else -1
        row.status = deadline_status(deadline.due_on, deadline.done_on, today, max(row.days_left, 0))
    if sub.is_open:
        row.blocks, row.warns = submissions.blocks_and_warnings(sub)
        row.reasons = submissions.refusals(sub)
    return row


def inbox_rows(queryset, today=None):
    sync_calendar()
    today = today or timezone.localdate()
    cal = workdays.get_default_calendar()
    return [row_for(sub, today, cal) for sub in queryset]
