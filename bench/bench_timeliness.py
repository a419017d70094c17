"""Timeliness KPIs (overall, per department, per month) over 1,000,000 PublicationRecords on PostgreSQL
Target: ≤ 1 s per full KPI computation; ratio against one hand-written SQL aggregate (GROUPING SETS + percentile_cont) in the same run.

Rows are generated with realistic working days (about 7 on average, a few late, ~2% unpublished) over 2025–2026 for
30 departments and loaded with COPY. The hand-written SQL computes the same figures, and the script checks they match.
"""
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, datetime
from datetime import timezone as dt_timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchenv import django_setup  # noqa: E402

N = 1_000_000
DEPARTMENTS = 30
RUNS = 5
TODAY = date(2026, 11, 23)

BASELINE_SQL = """
WITH base AS (
  SELECT department_id, date_trunc('month', formed_on)::date AS month, working_days_taken AS d,
         published_at IS NOT NULL AS pub, due_on
  FROM publishing_publicationrecord
  WHERE formed_on BETWEEN %(lo)s AND %(hi)s
)
SELECT GROUPING(department_id) AS g_dept, GROUPING(month) AS g_month, department_id, month,
       count(*) AS count,
       count(*) FILTER (WHERE pub) AS published,
       count(*) FILTER (WHERE pub AND d <= 20) AS on_time,
       count(*) FILTER (WHERE pub AND d > 20) AS late,
       count(*) FILTER (WHERE NOT pub AND due_on < %(today)s) AS overdue_unpublished,
       round(avg(d) FILTER (WHERE pub), 2) AS avg_working_days,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FILTER (WHERE pub) AS median_working_days,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY d) FILTER (WHERE pub) AS p90_working_days
FROM base
GROUP BY GROUPING SETS ((), (department_id), (month))
"""


def generate(organ_ids):
    """Yield COPY rows: title, doc_type, department_id, source_key, version, formed_on, published_at, due_on, taken, status."""
    from publishing import workdays

    cal = workdays.get_default_calendar()
    cum, ords, origin = cal._cum, cal._workday_ordinals, cal._origin
    rng = random.Random(7)
    lo, hi = date(2025, 1, 2).toordinal(), date(2026, 11, 20).toordinal()
    today = TODAY.toordinal()
    pace = [rng.uniform(0.7, 1.6) for _ in organ_ids]
    for i in range(N):
        k = i % len(organ_ids)
        formed = rng.randint(lo, hi)
        base = cum[formed - origin]
        due = ords[base + 19]
        r = rng.random()
        taken = rng.randint(1, 4) if r < 0.35 else rng.randint(5, 9) if r < 0.8 else rng.randint(10, 20) if r < 0.97 else rng.randint(21, 30)
        taken = max(1, min(40, round(taken * pace[k])))
        published = ords[base + taken - 1]
        if published > today or rng.random() < 0.02:
            yield ("记录", "policy", organ_ids[k], "", 1, date.fromordinal(formed), None, date.fromordinal(due), None,
                   "overdue" if due < today else "pending")
        else:
            at = datetime(*date.fromordinal(published).timetuple()[:3], 2, 0, tzinfo=dt_timezone.utc)
            yield ("记录", "policy", organ_ids[k], "", 1, date.fromordinal(formed), at, date.fromordinal(due), taken,
                   "on_time" if taken <= 20 else "late")


def load_rows():
    from django.db import connection

    from publishing.models import Organ

    organs = Organ.objects.bulk_create([Organ(name=f"基准部门{i:02d}") for i in range(DEPARTMENTS)])
    ids = [o.pk for o in organs]
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(
            "COPY publishing_publicationrecord (title, doc_type, department_id, source_key, version, formed_on, published_at,"
            " due_on, working_days_taken, status) FROM STDIN"
        ) as copy:
            for row in generate(ids):
                copy.write_row(row)
        cursor.execute("VACUUM ANALYZE publishing_publicationrecord")
    return time.perf_counter() - t0


def kpi_run(filters):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from timeliness import kpis

    with CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        report = kpis.compute(filters, today=TODAY)
        elapsed = time.perf_counter() - t0
    return report, elapsed, len(ctx.captured_queries)


def baseline_run(lo, hi):
    from django.db import connection

    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(BASELINE_SQL, {"lo": lo, "hi": hi, "today": TODAY})
        cols = [c.name for c in cursor.description]
        rows = [dict(zip(cols, r)) for r in cursor.fetchall()]
    return rows, time.perf_counter() - t0


def same_figures(report, rows):
    """Compare every counter of the overall, per-department and per-month groups."""
    keys = ["count", "published", "on_time", "late", "overdue_unpublished", "avg_working_days", "median_working_days", "p90_working_days"]

    def norm(d):
        return {k: (round(float(d[k]), 4) if d[k] is not None else None) for k in keys}

    by_dept = {pk: c for pk, _, c in report.departments}
    by_month = dict(report.months)
    mismatches = 0
    for r in rows:
        if r["g_dept"] and r["g_month"]:
            mine = report.overall
        elif not r["g_dept"]:
            mine = by_dept.get(r["department_id"])
        else:
            mine = by_month.get(r["month"].strftime("%Y-%m"))
        if mine is None or norm(mine.api()) != norm(r):
            mismatches += 1
    return mismatches == 0 and len(rows) == 1 + len(by_dept) + len(by_month)


def main():
    django_setup("postgres", "timeliness")
    from timeliness import kpis

    load_seconds = load_rows()
    lo, hi = date(2025, 1, 1), date(2026, 12, 31)
    full = kpis.Filters(lo, hi)
    kpi_run(full)  # warm the cache
    baseline_run(lo, hi)
    kpi_times, sql_times = [], []
    for _ in range(RUNS):
        report, elapsed, queries = kpi_run(full)
        kpi_times.append(elapsed)
        rows, sql_elapsed = baseline_run(lo, hi)
        sql_times.append(sql_elapsed)
    from publishing.models import Organ

    one = Organ.objects.order_by("pk").first()
    dept_times = [kpi_run(kpis.Filters(lo, hi, one))[1] for _ in range(RUNS)]
    quarter_times = [kpi_run(kpis.Filters(date(2026, 4, 1), date(2026, 6, 30)))[1] for _ in range(RUNS)]
    kpi_median, sql_median = statistics.median(kpi_times), statistics.median(sql_times)
    print(json.dumps({
        "records": N,
        "departments": DEPARTMENTS,
        "load_seconds": round(load_seconds, 1),
        "kpis_seconds": round(kpi_median, 3),
        "kpis_seconds_max": round(max(kpi_times), 3),
        "queries": queries,
        "baseline_sql_seconds": round(sql_median, 3),
        "ratio_vs_sql": round(kpi_median / sql_median, 2),
        "figures_match": same_figures(report, rows),
        "one_department_seconds": round(statistics.median(dept_times), 3),
        "one_quarter_seconds": round(statistics.median(quarter_times), 3),
        "target_seconds": 1.0,
        "meets_target": kpi_median <= 1.0,
        "published": report.overall.published,
        "avg_working_days": report.overall.avg_working_days,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
