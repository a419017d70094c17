"""What each role has to do today, read from the apps' own models (read only; nothing here changes anything).

Deadlines count working days on the official calendar (publishing.workdays); years without a schedule fall back
to the calendar's weekends-only estimate, as the officer's inbox does.
"""
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from importers.models import ImportedDocument
from openness_catalog import permissions, staleness
from openness_catalog.models import CatalogueItem, Entry
from publishing import figures, inbox, workdays
from publishing.calendar_sync import sync_calendar
from publishing.models import PublicationRecord, Submission
from search.engines import search_health
from search.models import SearchDocument, SearchOutbox
from timeliness import kpis

SOON_WORKING_DAYS = 5  # "due within 5 working days" on the officer's and the editor's home
LIST_LIMIT = 5


def soon_limit(today: date) -> date:
    """The last day that is still "due soon": today + 5 working days."""
    sync_calendar()
    return workdays.get_default_calendar().add_working_days_provisional(today, SOON_WORKING_DAYS)[0]


# --- 文件管理员 ---------------------------------------------------------------------------------------------------

@dataclass
class OfficerWork:
    waiting: int
    due_soon: int
    overdue: int
    blocked: int  # blocked and not yet reviewed (publishing.inbox.awaiting_review)
    failed: int
    urgent: list = field(default_factory=list)  # the open submissions due first: overdue, then due soon


def officer_work(today: date | None = None) -> OfficerWork:
    today = today or timezone.localdate()
    until = soon_limit(today)
    open_subs = Submission.objects.filter(status__in=Submission.OPEN)
    overdue = open_subs.filter(deadline__due_on__lt=today)
    due_soon = open_subs.filter(deadline__due_on__gte=today, deadline__due_on__lte=until)
    urgent = (open_subs.filter(deadline__due_on__lte=until).select_related("deadline")
              .order_by("deadline__due_on", "id")[:LIST_LIMIT])
    return OfficerWork(
        waiting=open_subs.filter(status=Submission.READY).count(),
        due_soon=due_soon.count(),
        overdue=overdue.count(),
        blocked=inbox.awaiting_review().count(),
        failed=failed_imports().count(),
        urgent=[(s, s.deadline.due_on, s.deadline.due_on < today) for s in urgent],
    )


def failed_imports():
    """Files that could not be read or parsed: no submission was made from them (ImportedDocument.status)."""
    return ImportedDocument.objects.filter(Q(submission__isnull=True) | ~Q(error=""))


# --- 目录编辑 ---------------------------------------------------------------------------------------------------

@dataclass
class EditorWork:
    stale_count: int
    stale_items: list
    entries_overdue: int
    entries_due_soon: int
    entries: list  # [(entry, due_on, overdue)] draft entries due first


def editor_work(user, today: date | None = None) -> EditorWork:
    """Stale items in the user's columns (CatalogueItem.update_due_on passed) and draft entries whose publication
    deadline under their item's 公开时限 is past or within 5 working days."""
    today = today or timezone.localdate()
    until = soon_limit(today)
    stale = (CatalogueItem.objects.filter(permissions.column_filter(user), update_due_on__lt=today)
             .select_related("column", "domain").order_by("update_due_on", "id"))
    calendar = workdays.get_default_calendar()
    due = []
    drafts = (Entry.objects.filter(permissions.column_filter(user, "item__"), status=Entry.DRAFT, formed_on__isnull=False)
              .select_related("item", "item__column"))
    for entry in drafts:
        due_on, _provisional = staleness.entry_deadline(entry.item.rule, entry.formed_on, calendar)
        if due_on <= until:
            due.append((entry, due_on, due_on < today))
    due.sort(key=lambda row: (row[1], row[0].pk))
    return EditorWork(
        stale_count=stale.count(), stale_items=list(stale[:LIST_LIMIT]),
        entries_overdue=sum(1 for row in due if row[2]), entries_due_soon=sum(1 for row in due if not row[2]),
        entries=due[:LIST_LIMIT],
    )


# --- 评估员 -----------------------------------------------------------------------------------------------------

@dataclass
class EvaluatorWork:
    month: str
    count: int
    published: int
    on_time_rate: str
    avg_days: str
    overdue: int
    due_soon: int
    overdue_records: list


def evaluator_work(today: date | None = None) -> EvaluatorWork:
    """This month's cohort (records formed this month, timeliness.kpis) and every record still unpublished past its
    deadline, whatever its month."""
    today = today or timezone.localdate()
    report = kpis.compute(kpis.Filters(date_from=today.replace(day=1), date_to=today), today=today)
    overall = report.overall
    overdue = (PublicationRecord.objects.filter(published_at__isnull=True, due_on__lt=today)
               .select_related("department").order_by("due_on", "id"))
    return EvaluatorWork(
        month=f"{today.year}年{today.month}月", count=overall.count, published=overall.published,
        on_time_rate=figures.percent(overall.on_time_rate), avg_days=figures.number(overall.avg_working_days),
        overdue=overdue.count(), due_soon=overall.due_soon, overdue_records=list(overdue[:LIST_LIMIT]),
    )


# --- 站点管理员 -------------------------------------------------------------------------------------------------

@dataclass
class SiteAdminWork:
    failed_count: int
    failed: list
    search_engine: str
    search_ok: bool
    indexed: int
    pending: int
    retrying: int


ENGINE_NAMES = {"database": "内置数据库检索", "opensearch": "OpenSearch"}


def site_admin_work() -> SiteAdminWork:
    failed = failed_imports().order_by("-received_at", "-id")
    health = search_health()
    return SiteAdminWork(
        failed_count=failed.count(), failed=list(failed[:LIST_LIMIT]),
        search_engine=ENGINE_NAMES.get(health["engine"], health["engine"]), search_ok=health["status"] == "ok",
        indexed=SearchDocument.objects.count(), pending=SearchOutbox.objects.count(),
        retrying=SearchOutbox.objects.filter(attempts__gt=0).count(),
    )
