"""A department with only a handful of published documents is listed apart as 样本不足, never ranked above one with
fifty; the evaluator's dashboard reads its figures without float noise and dates its data no later than today."""
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cms.site import roles
from publishing import workdays
from tests.factories import timeliness as f
from tests.factories.accounts import PASSWORD, make_user
from timeliness import kpis

histograms = st.dictionaries(st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=30), max_size=6)


def counters(hist):
    c = kpis.Counters()
    for days, n in hist.items():
        c.add(days, n, n, 0, 0)
    return c


@given(st.lists(histograms, max_size=8), st.integers(min_value=1, max_value=20))
def test_no_under_sampled_department_is_ranked(hists, min_sample):
    departments = [(i, f"部门{i}", counters(h)) for i, h in enumerate(hists)]
    departments.sort(key=kpis.ranking_key)
    ranked, under = kpis.split_by_sample(departments, min_sample)
    assert all(c.measured >= min_sample for _, _, c in ranked)
    assert all(c.measured < min_sample for _, _, c in under)
    assert sorted(ranked + under) == sorted(departments)  # nobody lost, nobody twice
    assert ranked == [d for d in departments if d in ranked]  # ranking order kept


def published_after(formed, taken):
    """The date on which a document formed on `formed` is published after exactly `taken` working days."""
    day = formed
    while workdays.working_days_between(formed, day) < taken:
        day += timedelta(days=1)
    return day


@pytest.fixture
def evaluator(client, db):
    make_user("ev", roles.EVALUATOR)
    assert client.login(username="ev", password=PASSWORD)
    return client


def test_a_one_document_department_is_listed_apart_from_the_ranking(evaluator, settings):
    settings.TIMELINESS_MIN_RANKING_SAMPLE = 5
    small, big = f.organ("市档案馆"), f.organ("市发展和改革委员会")
    f.record(date(2025, 3, 3), published_after(date(2025, 3, 3), 1), department=small)  # 1 document, 100% on time
    for i in range(50):
        formed = date(2025, 4, 1) + timedelta(days=i)
        f.record(formed, published_after(formed, 25 if i % 10 == 0 else 3), department=big)  # 90% on time
    html = evaluator.get(reverse("timeliness_dashboard"), {"from": "2025-01-01", "to": "2025-12-31"}).content.decode()
    ranked = html.split('id="departments"')[1].split("</table>")[0]
    apart = html.split('id="under-sampled"')[1].split("</table>")[0]
    assert "市发展和改革委员会" in ranked and "市档案馆" not in ranked
    assert "市档案馆" in apart and "样本不足（已发布少于 5 件，不参与排名）" in html
    export = evaluator.get(reverse("timeliness_dashboard"), {"from": "2025-01-01", "to": "2025-12-31", "format": "csv"})
    text = export.content.decode("utf-8-sig")
    assert "【分部门排名】" in text and "【样本不足（少于5件）】" in text
    assert text.split("【分部门排名】")[1].split("【样本不足")[0].count("市档案馆") == 0
    settings.TIMELINESS_MIN_RANKING_SAMPLE = 1
    html = evaluator.get(reverse("timeliness_dashboard"), {"from": "2025-01-01", "to": "2025-12-31"}).content.decode()
    assert 'id="under-sampled"' not in html  # the threshold is a setting


def test_the_dashboard_shows_no_float_noise_and_rates_as_percentages(evaluator):
    dept = f.organ("市教育局")
    # nine 1-day documents and one each of 15 and 19 days: P90 is 15.399999999999999 in floating point
    for i, taken in enumerate([1] * 8 + [15, 19]):
        formed = date(2025, 5, 5) + timedelta(days=i)
        f.record(formed, published_after(formed, taken), department=dept)
    report = kpis.compute(kpis.Filters(date(2025, 1, 1), date(2025, 12, 31)))
    assert report.overall.p90_working_days != round(report.overall.p90_working_days, 2)  # the noise is really there
    html = evaluator.get(reverse("timeliness_dashboard"), {"from": "2025-01-01", "to": "2025-12-31"}).content.decode()
    assert "15.4" in html and "15.399999" not in html
    assert not re.search(r"\d\.\d{5,}", html)  # no long decimals anywhere
    assert "100.0%" in html and "80.0%" in html  # on time 10 of 10, within 7 days 8 of 10
    assert not re.search(r">\s*[01]\.\d{4}\s*<", html)  # no raw rates such as 0.8000
    api = evaluator.get("/api/timeliness", {"from": "2025-01-01", "to": "2025-12-31"}).json()
    assert api["p90_working_days"] == 15.4 and api["avg_working_days"] == 4.2
    public = evaluator.get("/zfxxgk/shixiao/", {"year": 2025}).content.decode()  # the public transparency page too
    assert "100.0%" in public and "4.2" in public and not re.search(r"\d\.\d{5,}", public)


def test_the_as_of_date_is_never_after_today(evaluator):
    today = timezone.localdate()
    dept = f.organ("市民政局")
    f.record(today - timedelta(days=40), today - timedelta(days=30), department=dept)
    html = evaluator.get(reverse("timeliness_dashboard")).content.decode()
    assert f"数据截至 {today - timedelta(days=30):%Y-%m-%d}" in html  # the last day with data, earlier than today
    f.record(today + timedelta(days=5), None, department=dept)  # a record dated ahead of today
    html = evaluator.get(reverse("timeliness_dashboard"), {"from": f"{today.year}-01-01", "to": f"{today.year + 1}-12-31"}).content.decode()
    dates = [date.fromisoformat(d) for d in re.findall(r"截至\s*(\d{4}-\d{2}-\d{2})", html)]
    assert dates == [today]
