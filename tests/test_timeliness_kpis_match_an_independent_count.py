"""Every KPI of the timeliness dashboard, checked against a count done here by walking calendar days
over the 2025 official schedule (国办发明电〔2024〕12号: 春节 with make-up Sundays/Saturdays, 劳动节, 国庆)."""
import random
from datetime import date, timedelta

import pytest

from tests.factories import timeliness as f
from timeliness import kpis

# The 2025 schedule, typed in from the State Council notice (independent of publishing/holiday_data).
HOLIDAYS = {date(2025, 1, 1)}
for start, end in [((1, 28), (2, 4)), ((4, 4), (4, 6)), ((5, 1), (5, 5)), ((5, 31), (6, 2)), ((10, 1), (10, 8))]:
    d = date(2025, *start)
    while d <= date(2025, *end):
        HOLIDAYS.add(d)
        d += timedelta(days=1)
MAKEUP = {date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28), date(2025, 10, 11)}
TODAY = date(2025, 10, 9)  # 3 working days later is 10-13, crossing the make-up Saturday 10-11


def working(d):
    return d in MAKEUP or (d.weekday() < 5 and d not in HOLIDAYS)


def days_between(a, b):
    n, d = 0, a
    while d < b:
        d += timedelta(days=1)
        n += working(d)
    return n


def nth_working_day_after(a, n):
    d = a
    while n:
        d += timedelta(days=1)
        n -= working(d)
    return d


def percentile_cont(values, p):
    values = sorted(values)
    rank = p * (len(values) - 1)
    lo = int(rank)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (rank - lo)


def expected(rows):
    """rows: (formed, published or None). The figures as an evaluator would count them by hand."""
    taken = [days_between(fo, pu) for fo, pu in rows if pu]
    unpublished = [nth_working_day_after(fo, 20) for fo, pu in rows if pu is None]
    soon_until = nth_working_day_after(TODAY, 3)
    return {
        "count": len(rows), "published": len(taken),
        "on_time": sum(t <= 20 for t in taken), "late": sum(t > 20 for t in taken),
        "within_7": sum(t <= 7 for t in taken),
        "overdue_unpublished": sum(due < TODAY for due in unpublished),
        "due_soon": sum(TODAY <= due <= soon_until for due in unpublished),
        "avg_working_days": round(sum(taken) / len(taken), 2) if taken else None,
        "median_working_days": percentile_cont(taken, 0.5) if taken else None,
        "p90_working_days": percentile_cont(taken, 0.9) if taken else None,
    }


def actual(c):
    return {**c.api(), "within_7": c.within_7, "due_soon": c.due_soon}


@pytest.fixture
def records(db):
    rng = random.Random(2025)
    depts = [f.organ("市发展和改革委员会"), f.organ("市教育局"), f.organ("市卫生健康委员会")]
    rows = []
    # Published records formed around 春节, 清明/劳动节 and 国庆, 0–50 calendar days to publication.
    for base in (date(2025, 1, 15), date(2025, 4, 20), date(2025, 9, 15)):
        for i in range(30):
            formed = base + timedelta(days=rng.randint(0, 20))
            published = formed + timedelta(days=rng.choice([1, 3, 5, 8, 10, 12, 15, 20, 28, 35, 45]))
            if published > TODAY:
                published = None
            rows.append((formed, published, depts[i % 3], "policy" if i % 4 else "catalogue_entry"))
    # Still unpublished: some overdue, some due within 3 working days of TODAY, some later.
    for formed in (date(2025, 8, 20), date(2025, 8, 29), date(2025, 9, 4), date(2025, 9, 5), date(2025, 9, 8),
                   date(2025, 9, 9), date(2025, 9, 10), date(2025, 9, 12), date(2025, 9, 22)):
        rows.append((formed, None, depts[formed.day % 3], "policy"))
    rows.append((date(2025, 3, 3), date(2025, 3, 10), None, "policy"))  # a record with no department
    for formed, published, dept, doc_type in rows:
        f.record(formed, published, department=dept, doc_type=doc_type)
    return rows, depts


def test_overall_kpis_equal_the_hand_count(records):
    rows, _ = records
    report = kpis.compute(kpis.Filters(), today=TODAY)
    exp = expected([(fo, pu) for fo, pu, _, _ in rows])
    assert exp["late"] > 0 and exp["overdue_unpublished"] > 0 and exp["due_soon"] > 0  # the data exercises every counter
    assert actual(report.overall) == exp
    assert report.due_soon_until == date(2025, 10, 13)


def test_each_department_and_month_equal_the_hand_count(records):
    rows, depts = records
    report = kpis.compute(kpis.Filters(), today=TODAY)
    by_name = {name: c for _, name, c in report.departments}
    for dept in depts + [None]:
        mine = [(fo, pu) for fo, pu, d, _ in rows if d == dept]
        assert actual(by_name[dept.name if dept else kpis.NO_DEPARTMENT]) == expected(mine)
    months = dict(report.months)
    assert sorted(months) == sorted({fo.strftime("%Y-%m") for fo, _, _, _ in rows})
    for month, c in months.items():
        mine = [(fo, pu) for fo, pu, _, _ in rows if fo.strftime("%Y-%m") == month]
        assert actual(c) == expected(mine)


def test_period_department_and_type_filters(records):
    rows, depts = records
    dept = depts[1]
    filters = kpis.Filters(date(2025, 1, 20), date(2025, 5, 10), dept, "policy")
    report = kpis.compute(filters, today=TODAY)
    mine = [(fo, pu) for fo, pu, d, t in rows if d == dept and t == "policy" and date(2025, 1, 20) <= fo <= date(2025, 5, 10)]
    assert mine
    assert actual(report.overall) == expected(mine)


def test_departments_are_ranked_by_on_time_rate_then_average(records):
    report = kpis.compute(kpis.Filters(), today=TODAY)
    keys = [(-(c.on_time_rate or 0), c.avg_working_days) for _, _, c in report.departments if c.on_time_rate is not None]
    assert keys == sorted(keys)
    by_avg = kpis.sort_departments(report.departments, "avg")
    avgs = [c.avg_working_days for _, _, c in by_avg]
    assert avgs == sorted(avgs)


def test_drilldown_lists_exactly_the_records_behind_a_number(records):
    rows, depts = records
    dept = depts[0]
    late = kpis.drilldown(kpis.Filters(), "late", department=dept.pk, today=TODAY)
    hand = [(fo, pu) for fo, pu, d, _ in rows if d == dept and pu and days_between(fo, pu) > 20]
    assert sorted((r.formed_on, r.published_at.date()) for r in late) == sorted(hand)
    overdue = kpis.drilldown(kpis.Filters(), "overdue", today=TODAY)
    assert overdue.count() == expected([(fo, pu) for fo, pu, _, _ in rows])["overdue_unpublished"]
    record = late.first()
    explanation = kpis.deadline_explanation(record)
    assert f"起算日：{record.formed_on}" in explanation and f"到期日：{record.due_on}" in explanation


def test_deadline_explanation_names_the_holidays_and_make_up_days_crossed(db):
    record = f.record(date(2025, 1, 20), date(2025, 2, 20), department=f.organ("市教育局"))
    text = kpis.deadline_explanation(record)
    assert "跨越节假日：2025-01-28" in text and "跨越调休上班日：2025-02-08" in text
    assert record.working_days_taken == days_between(date(2025, 1, 20), date(2025, 2, 20))


def test_filters_reject_bad_input_in_chinese(db):
    with pytest.raises(kpis.FilterError, match="格式不正确"):
        kpis.parse_filters({"from": "2025-13-01"})
    with pytest.raises(kpis.FilterError, match="晚于"):
        kpis.parse_filters({"from": "2025-05-01", "to": "2025-04-01"})
    with pytest.raises(kpis.FilterError, match="未找到部门"):
        kpis.parse_filters({"department": "不存在的局"})
