"""Timeliness KPIs over PublicationRecords, aggregated in the database.

The cohort of a period is the records *formed or changed* (formed_on) inside it, so that every record is
counted once: formed → published on time, published late, or still unpublished (overdue or not).

One GROUP BY query returns the number of records per (department, month of formed_on, working days taken,
state), the state being published / overdue / due soon / not yet due; the overall figures, the per-department table and the monthly trend all follow
from that small histogram (its size is departments × months × distinct day counts, never the number of
records), so the work stays in the database and scales to millions of rows.

- working days taken: formed_on → date of published_at, working_days_between (stored on the record);
- on time: taken ≤ 20 working days (条例第二十六条); within 7: taken ≤ 7 (the seed city's average);
- overdue unpublished: not published and due_on before today;
- due soon: not published and due within 3 working days (today … add_working_days(today, 3)).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, DateField, Func, IntegerField, Max, Q, Value, When
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from publishing import figures, workdays
from publishing.deadlines import explain_text
from publishing.models import Organ, PublicationRecord, Submission
from publishing.status import DUE_SOON_WORKING_DAYS
from timeliness import stats
from sitegroup.scope import SiteScope, scope_by_hostname

NO_DEPARTMENT = "未指定部门"
MIN_RANKING_SAMPLE = 5  # default of settings.TIMELINESS_MIN_RANKING_SAMPLE


def min_ranking_sample() -> int:
    """Published documents (with a measured time) a department needs before it is ranked: one or two documents
    make a 100% on-time rate that says nothing next to a department with fifty."""
    return max(1, int(getattr(settings, "TIMELINESS_MIN_RANKING_SAMPLE", MIN_RANKING_SAMPLE)))

DOC_TYPE_LABELS = {"policy": "政策文件", "catalogue_entry": "目录信息", "interpretation": "政策解读", "guide": "办事指南"}


class FilterError(ValueError):
    """Bad filter input; the message is Chinese and safe to show."""


@dataclass
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    department: Organ | None = None
    doc_type: str = ""
    site: SiteScope | None = None  # one site of the group (站群); None: the whole group

    def queryset(self):
        qs = PublicationRecord.objects.all()
        if self.site is not None:
            qs = qs.filter(self.site.records_q())
        if self.date_from:
            qs = qs.filter(formed_on__gte=self.date_from)
        if self.date_to:
            qs = qs.filter(formed_on__lte=self.date_to)
        if self.department is not None:
            qs = qs.filter(department=self.department)
        if self.doc_type:
            qs = qs.filter(doc_type=self.doc_type)
        return qs

    def describe(self) -> list[tuple[str, str]]:
        """The filters as (label, value) lines, written into exports' headers."""
        return [
            ("统计口径", "形成/变更日期在期间内的发布记录"),
            ("开始日期", self.date_from.isoformat() if self.date_from else "不限"),
            ("结束日期", self.date_to.isoformat() if self.date_to else "不限"),
            ("站点", self.site.name if self.site else "全部站点"),
            ("部门", self.department.name if self.department else "全部"),
            ("类型", DOC_TYPE_LABELS.get(self.doc_type, self.doc_type) if self.doc_type else "全部"),
        ]

    def as_query(self) -> dict[str, str]:
        out = {}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.department is not None:
            out["department"] = str(self.department.pk)
        if self.doc_type:
            out["doc_type"] = self.doc_type
        if self.site is not None:
            out["site"] = self.site.site.hostname
        return out


def _parse_date(value: str, label: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{label}「{value}」格式不正确，应为 YYYY-MM-DD，例如 2025-03-01") from None


def parse_filters(params, *, default_year: int | None = None) -> Filters:
    """Filters from query parameters from / to / department (name or id) / doc_type."""
    date_from = _parse_date(params.get("from", ""), "开始日期")
    date_to = _parse_date(params.get("to", ""), "结束日期")
    if default_year and not date_from and not date_to:
        date_from, date_to = date(default_year, 1, 1), date(default_year, 12, 31)
    if date_from and date_to and date_from > date_to:
        raise FilterError(f"开始日期 {date_from} 晚于结束日期 {date_to}")
    department = None
    dept = (params.get("department") or "").strip()
    if dept:
        by_id = dept.isascii() and dept.isdigit() and len(dept) <= 18  # an id, not ² or 5000 digits int() refuses
        department = Organ.objects.filter(pk=int(dept)).first() if by_id else None
        department = department or Organ.objects.filter(name=dept).first()
        if department is None:
            raise FilterError(f"未找到部门「{dept}」")
    doc_type = (params.get("doc_type") or "").strip()
    site = None
    hostname = (params.get("site") or "").strip().lower()
    if hostname:
        site = scope_by_hostname(hostname[:255])
        if site is None:
            raise FilterError(f"未找到站点「{hostname[:60]}」")
    return Filters(date_from, date_to, department, doc_type, site)


@dataclass
class Counters:
    """The figures of one group (overall, one department or one month)."""

    count: int = 0
    published: int = 0
    overdue_unpublished: int = 0
    due_soon: int = 0
    hist: dict = field(default_factory=dict)

    def add(self, days, n, published, overdue, due_soon):
        self.count += n
        self.published += published
        self.overdue_unpublished += overdue
        self.due_soon += due_soon
        if days is not None and published:
            stats.merge(self.hist, days, published)

    @property
    def measured(self):
        return stats.total(self.hist)

    @property
    def on_time(self):
        return stats.at_most(self.hist, stats.LIMIT_DAYS)

    @property
    def late(self):
        return self.measured - self.on_time

    @property
    def within_7(self):
        return stats.at_most(self.hist, stats.TARGET_DAYS)

    @property
    def avg_working_days(self):
        value = stats.mean(self.hist)
        return round(value, 2) if value is not None else None

    @property
    def median_working_days(self):
        return stats.percentile(self.hist, 0.5)

    @property
    def p90_working_days(self):
        return stats.percentile(self.hist, 0.9)

    @property
    def on_time_rate(self):
        return stats.rate(self.on_time, self.measured)

    @property
    def within_7_rate(self):
        return stats.rate(self.within_7, self.measured)

    def api(self) -> dict:
        """Exactly the counters of design §2.9."""
        return {
            "count": self.count, "published": self.published, "on_time": self.on_time, "late": self.late,
            "overdue_unpublished": self.overdue_unpublished, "avg_working_days": self.avg_working_days,
            "median_working_days": self.median_working_days, "p90_working_days": self.p90_working_days,
        }

    def full(self) -> dict:
        return {**self.api(), "within_7": self.within_7, "on_time_rate": self.on_time_rate,
                "within_7_rate": self.within_7_rate, "due_soon": self.due_soon}


@dataclass
class Report:
    filters: Filters
    today: date
    due_soon_until: date
    overall: Counters
    departments: list  # [(department_id|None, name, Counters)]
    months: list  # [("YYYY-MM", Counters)]

    def api(self) -> dict:
        """Design §2.9, numbers rounded (figures.rounded) so that no float noise reaches a client."""
        return {
            **_rounded(self.overall.api()),
            "by_department": [{"department": name, **_rounded(c.api())} for _, name, c in self.departments],
            "by_month": [{"month": month, **_rounded(c.api())} for month, c in self.months],
        }

    def ranking(self, min_sample: int | None = None):
        """(ranked, under_sampled): departments with at least `min_sample` measured publications in ranking order,
        and the others (listed apart as 样本不足), each in the order of self.departments."""
        min_sample = min_ranking_sample() if min_sample is None else min_sample
        return split_by_sample(self.departments, min_sample)


ROUNDED_FIELDS = ("avg_working_days", "median_working_days", "p90_working_days")


def _rounded(counters: dict) -> dict:
    return {k: figures.rounded(v) if k in ROUNDED_FIELDS else v for k, v in counters.items()}


def split_by_sample(departments, min_sample: int):
    """Split [(pk, name, Counters)] into (ranked, under_sampled) keeping order; ranked ones have measured ≥ min_sample."""
    ranked = [d for d in departments if d[2].measured >= min_sample]
    under = [d for d in departments if d[2].measured < min_sample]
    return ranked, under


def data_as_of(filters: Filters, today: date | None = None) -> date | None:
    """The 截至 date of a view: the last day with data (formation or publication) under the filters, never after
    today; None when there are no records."""
    today = today or timezone.localdate()
    last = filters.queryset().aggregate(formed=Max("formed_on"), published=Max(TruncDate("published_at")))
    days = [d for d in last.values() if d is not None]
    if not days:
        return None
    days = [date.fromisoformat(str(d)[:10]) if isinstance(d, str) else d for d in days]
    return min(max(days), today)


def due_soon_limit(today: date) -> date:
    try:
        return workdays.add_working_days(today, DUE_SOON_WORKING_DAYS)
    except workdays.CalendarNotAvailable:
        return workdays.add_working_days_provisional(today, DUE_SOON_WORKING_DAYS)[0]


class MonthOf(Func):
    """First day of the month of a date. On PostgreSQL computed without the session time zone (Django's
    TruncMonth casts a date to timestamptz, which costs a time-zone conversion per row)."""

    output_field = DateField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="date_trunc('month', %(expressions)s::timestamp)::date", **extra)

    def as_sql(self, compiler, connection, **extra):
        if connection.vendor != "postgresql":
            return TruncMonth(*self.source_expressions).resolve_expression(compiler.query).as_sql(compiler, connection)
        return super().as_sql(compiler, connection, **extra)


PUBLISHED, OVERDUE, DUE_SOON, NOT_YET_DUE = 0, 1, 2, 3


def histogram_rows(filters: Filters, today: date, soon_until: date):
    """The one aggregate query: record counts per department, month, working days taken and state."""
    state = Case(
        When(published_at__isnull=False, then=Value(PUBLISHED)),
        When(due_on__lt=today, then=Value(OVERDUE)),
        When(due_on__lte=soon_until, then=Value(DUE_SOON)),
        default=Value(NOT_YET_DUE), output_field=IntegerField(),
    )
    return (
        filters.queryset()
        .annotate(month=MonthOf("formed_on"), state=state)
        .values("department_id", "month", "working_days_taken", "state")
        .annotate(n=Count("*"))
        .order_by()
    )


def _fetch(qs):
    """Run the aggregate; on PostgreSQL without JIT compilation (it costs more than it saves on this query)."""
    if connection.vendor != "postgresql":
        return list(qs)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        return list(qs)


NOT_OBLIGED = ("不予公开", "依申请公开")  # 公开属性 without a proactive-disclosure duty


def _waiting(filters: Filters):
    """(submission, department id) of every document handed to publishing with a running 20-working-day clock and
    no publication yet (the officer's inbox) that the filters keep."""
    if filters.doc_type and filters.doc_type != "policy":
        return
    qs = (Submission.objects.filter(status__in=Submission.OPEN, deadline__isnull=False, deadline__done_on__isnull=True,
                                    record__isnull=True, page__isnull=True)
          .exclude(disclosure__in=NOT_OBLIGED).select_related("deadline").order_by("deadline__due_on", "id"))
    organs = dict(Organ.objects.values_list("name", "pk"))
    for sub in qs:
        formed = sub.deadline.start_on
        if (filters.date_from and formed < filters.date_from) or (filters.date_to and formed > filters.date_to):
            continue
        department_id = organs.get((sub.issuers or [None])[0])
        if filters.department is not None and department_id != filters.department.pk:
            continue
        if filters.site is not None and not filters.site.owns_organ(department_id):
            continue
        yield sub, department_id


def _waiting_state(due, today, soon_until):
    return OVERDUE if due < today else DUE_SOON if due <= soon_until else NOT_YET_DUE


def waiting_rows(filters: Filters, today: date, soon_until: date):
    """The inbox's documents (_waiting) counted like histogram_rows, so a document overdue in the inbox is overdue on
    the dashboard too."""
    counts = {}
    for sub, department_id in _waiting(filters):
        key = (department_id, sub.deadline.start_on.replace(day=1), _waiting_state(sub.deadline.due_on, today, soon_until))
        counts[key] = counts.get(key, 0) + 1
    return [{"department_id": d, "month": m, "working_days_taken": None, "state": st, "n": n} for (d, m, st), n in counts.items()]


def compute(filters: Filters, today: date | None = None) -> Report:
    today = today or timezone.localdate()
    soon_until = due_soon_limit(today)
    overall, by_dept, by_month = Counters(), {}, {}
    for row in _fetch(histogram_rows(filters, today, soon_until)) + waiting_rows(filters, today, soon_until):
        state, n = row["state"], row["n"]
        args = (row["working_days_taken"], n, n if state == PUBLISHED else 0, n if state == OVERDUE else 0, n if state == DUE_SOON else 0)
        overall.add(*args)
        by_dept.setdefault(row["department_id"], Counters()).add(*args)
        month = row["month"]
        if isinstance(month, str):  # SQLite returns text
            month = date.fromisoformat(month[:10])
        key = f"{month.year:04d}-{month.month:02d}"
        by_month.setdefault(key, Counters()).add(*args)
    names = dict(Organ.objects.filter(pk__in=[k for k in by_dept if k is not None]).values_list("pk", "name"))
    departments = [(pk, names.get(pk, NO_DEPARTMENT) if pk else NO_DEPARTMENT, c) for pk, c in by_dept.items()]
    departments.sort(key=ranking_key)
    months = sorted(by_month.items())
    return Report(filters, today, soon_until, overall, departments, months)


def ranking_key(item):
    """Rank by on-time rate (high first), then average days (low first); unmeasured last."""
    _, name, c = item
    rate = c.on_time_rate
    avg = c.avg_working_days
    return (rate is None, -(rate or 0), avg if avg is not None else 10**6, name)


SORTABLE = {
    "department": lambda item: item[1],
    "count": lambda item: item[2].count,
    "published": lambda item: item[2].published,
    "avg": lambda item: (item[2].avg_working_days is None, item[2].avg_working_days or 0),
    "median": lambda item: (item[2].median_working_days is None, item[2].median_working_days or 0),
    "p90": lambda item: (item[2].p90_working_days is None, item[2].p90_working_days or 0),
    "on_time_rate": lambda item: (item[2].on_time_rate is None, item[2].on_time_rate or 0),
    "within_7_rate": lambda item: (item[2].within_7_rate is None, item[2].within_7_rate or 0),
    "overdue": lambda item: item[2].overdue_unpublished,
    "due_soon": lambda item: item[2].due_soon,
}


def sort_departments(departments, sort: str):
    """sort is a key of SORTABLE, '-' prefix for descending; unknown keys keep the ranking order."""
    key = sort.lstrip("-")
    if key not in SORTABLE:
        return list(departments)
    return sorted(departments, key=SORTABLE[key], reverse=sort.startswith("-"))


# --- drill-down ----------------------------------------------------------------------------------
METRICS = {
    "count": ("形成/变更", Q()),
    "published": ("已发布", Q(published_at__isnull=False)),
    "on_time": ("按时发布（≤20个工作日）", Q(published_at__isnull=False, working_days_taken__lte=stats.LIMIT_DAYS)),
    "late": ("超期发布（>20个工作日）", Q(published_at__isnull=False, working_days_taken__gt=stats.LIMIT_DAYS)),
    "within_7": ("7个工作日内发布", Q(published_at__isnull=False, working_days_taken__lte=stats.TARGET_DAYS)),
    "overdue": ("已超期未发布", None),
    "due_soon": ("3个工作日内到期未发布", None),
}


def _year_month(month: str):
    """(year, month) of a drill-down's ``month`` parameter (YYYY-MM), None when absent."""
    if not month:
        return None
    try:
        year, mon = (int(x) for x in month.split("-"))
    except ValueError:
        raise FilterError(f"月份「{month}」格式不正确，应为 YYYY-MM") from None
    return year, mon


def drilldown(filters: Filters, metric: str, *, department="all", month: str = "", today: date | None = None):
    """The records behind one number: metric in METRICS, department an Organ id, None (no department) or 'all'."""
    if metric not in METRICS:
        raise FilterError(f"未知的统计项「{metric}」")
    today = today or timezone.localdate()
    qs = filters.queryset()
    condition = METRICS[metric][1]
    if metric == "overdue":
        condition = Q(published_at__isnull=True, due_on__lt=today)
    elif metric == "due_soon":
        condition = Q(published_at__isnull=True, due_on__gte=today, due_on__lte=due_soon_limit(today))
    qs = qs.filter(condition)
    if department is None:
        qs = qs.filter(department__isnull=True)
    elif department != "all":
        qs = qs.filter(department_id=department)
    year_month = _year_month(month)
    if year_month is not None:
        qs = qs.filter(formed_on__year=year_month[0], formed_on__month=year_month[1])
    return qs.select_related("department", "deadline").order_by("-working_days_taken", "formed_on", "id")


@dataclass
class WaitingDocument:
    """A document still in the officer's inbox, listed in a drill-down beside the publication records (the numbers
    it is counted in include it): the fields the list and its exports read."""

    title: str
    department: object
    formed_on: date
    due_on: date
    deadline: object
    state: int
    doc_type: str = "policy"
    published_at: None = None
    working_days_taken: None = None

    @property
    def department_id(self):
        return self.department.pk if self.department is not None else None

    @property
    def deadline_id(self):
        return self.deadline.pk

    def get_status_display(self):
        return "在收件箱，已超期未公开" if self.state == OVERDUE else "在收件箱，待公开"


WAITING_METRICS = ("count", "overdue", "due_soon")  # the numbers the inbox's documents are counted in


def waiting_drilldown(filters: Filters, metric: str, *, department="all", month: str = "", today: date | None = None):
    """The inbox's documents behind one number (drilldown gives the publication records), overdue first."""
    if metric not in WAITING_METRICS:
        return []
    today = today or timezone.localdate()
    soon_until = due_soon_limit(today)
    wanted = {"overdue": {OVERDUE}, "due_soon": {DUE_SOON}}.get(metric)
    year_month = _year_month(month)
    kept = []
    for sub, department_id in _waiting(filters):
        state = _waiting_state(sub.deadline.due_on, today, soon_until)
        formed = sub.deadline.start_on
        if wanted is not None and state not in wanted:
            continue
        if department != "all" and department_id != department:
            continue
        if year_month is not None and (formed.year, formed.month) != year_month:
            continue
        kept.append((sub, department_id, state))
    organs = Organ.objects.in_bulk({d for _, d, _ in kept if d is not None})
    return [WaitingDocument(title=sub.title, department=organs.get(department_id), formed_on=sub.deadline.start_on,
                            due_on=sub.deadline.due_on, deadline=sub.deadline, state=state)
            for sub, department_id, state in kept]


def deadline_explanation(record) -> str:
    """The Chinese explanation of a record's 20-working-day deadline (stored, or recomputed for display)."""
    if record.deadline_id and record.deadline.explanation:
        return explain_text(record.deadline.explanation)
    try:
        detail = workdays.explain_add(record.formed_on, stats.LIMIT_DAYS)
    except workdays.CalendarNotAvailable as exc:
        return str(exc)
    return explain_text({
        "start": detail["start"], "working_days": stats.LIMIT_DAYS, "due_on": detail["result"],
        "holidays": detail["holidays"], "makeup_days": detail["makeup_days"],
        "provisional": detail["provisional"], "reason": detail["reason"] or "",
    })
