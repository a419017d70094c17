"""公开时限 free text becomes a rule; the rule and the newest entry decide 待更新 on the official calendar."""
from datetime import date, timedelta

import pytest

from openness_catalog import staleness, time_limits
from openness_catalog.time_limits import Rule, parse
from publishing.workdays import get_default_calendar


@pytest.mark.parametrize("text, kind, days, months", [
    ("信息形成（变更）之日起20个工作日内", "working_days", 20, None),
    ("信息形成(变更)之日起二十个工作日内", "working_days", 20, None),
    ("行政许可、行政处罚 自作出决定之日起7个工作日内", "working_days", 7, None),
    ("公告期限为5个工作日", "working_days", 5, None),
    ("实时公开", "realtime", None, None),
    ("及时公开", "timely", None, None),
    ("预算批复后20日内", "calendar_days", 20, None),
    ("每月10日前公开", "periodic", None, 1),
    ("每季度更新", "periodic", None, 3),
    ("每半年", "periodic", None, 6),
    ("每年3月底前", "periodic", None, 12),
    ("长期公开", "standing", None, None),
    ("", "unknown", None, None),
    ("按有关规定", "unknown", None, None),
])
def test_time_limit_texts_from_real_catalogues_are_parsed(text, kind, days, months):
    assert parse(text) == Rule(kind, days, months)


def test_event_rules_do_not_demand_updates_but_rhythms_do():
    assert not parse("实时公开").demands_updates and not parse("及时公开").demands_updates
    assert parse("信息形成（变更）之日起20个工作日内").demands_updates and parse("每季度").demands_updates
    assert parse("实时公开").deadline_working_days == 1
    assert parse("及时公开").deadline_working_days == time_limits.STATUTORY_WORKING_DAYS


def test_twenty_working_days_skip_the_national_day_holiday():
    calendar = get_default_calendar()
    # 2024-09-27 + 20 working days crosses 国庆 (and its 调休) and lands on 2024-10-30 (design §2.4)
    assert staleness.next_update_due(parse("20个工作日内"), date(2024, 9, 27), calendar) == date(2024, 10, 30)


def test_stale_only_after_the_due_day():
    calendar = get_default_calendar()
    rule = parse("信息形成（变更）之日起20个工作日内")
    due = staleness.next_update_due(rule, date(2024, 9, 27), calendar)
    assert not staleness.is_stale(due, due)
    assert staleness.is_stale(due, due + timedelta(days=1))
    assert staleness.next_update_due(parse("实时公开"), date(2024, 9, 27), calendar) is None


def test_periods_add_calendar_months_clamped_to_month_end():
    calendar = get_default_calendar()
    assert staleness.next_update_due(parse("每季度"), date(2024, 11, 30), calendar) == date(2025, 2, 28)
    assert staleness.next_update_due(parse("每月"), date(2024, 1, 31), calendar) == date(2024, 2, 29)
