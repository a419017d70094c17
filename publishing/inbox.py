"""The officer's inbox rows: submissions with the gate's findings and their deadline status (plain queries)."""
from dataclasses import dataclass, field

from django.utils import timezone

from publishing import reviews, submissions, workdays
from publishing.calendar_sync import sync_calendar
from publishing.models import Submission
from publishing.status import deadline_status, held_status


def awaiting_review():
    """Blocked documents nobody has reviewed yet (the officer's dashboard counts them)."""
    return Submission.objects.filter(status=Submission.BLOCKED, reviews__isnull=True)


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
    held: object = None  # why an open document is not going live (status.held_status), shown instead of a countdown
    deadline_status: object = None  # the statutory deadline's own status, shown beside a held state
    review: object = None  # the 保密审查 in force


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
        row.status = row.deadline_status = deadline_status(deadline.due_on, deadline.done_on, today, max(row.days_left, 0))
    if sub.is_open or sub.status == sub.SUPERSEDED:
        row.review = reviews.latest(sub)
    if sub.is_open:
        row.blocks, row.warns = submissions.blocks_and_warnings(sub)
        row.reasons = submissions.refusals(sub)
    row.held = held_status(blocked=bool(row.blocks), review=getattr(row.review, "conclusion", None),
                           duplicate_undecided=sub.is_open and submissions.undecided_number(sub),
                           superseded=sub.status == sub.SUPERSEDED)
    if row.held is not None:
        row.status = row.held
    return row


def inbox_rows(queryset, today=None):
    sync_calendar()
    today = today or timezone.localdate()
    cal = workdays.get_default_calendar()
    return [row_for(sub, today, cal) for sub in queryset]
