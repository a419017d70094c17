"""The timeliness demo: records across departments and months with a ~7-day average, the 2025 request register
and review cases; loading it again changes nothing, and the demo year's annual report passes every 勾稽 check."""
from publishing.models import PublicationRecord
from timeliness import annual_report, consistency, kpis
from timeliness.models import AnnualReport, DisclosureRequest, ReviewCase


def test_demo_loads_once_and_its_report_is_consistent(demo):
    from publishing.models import Organ

    counts = (PublicationRecord.objects.count(), DisclosureRequest.objects.count(), ReviewCase.objects.count(), AnnualReport.objects.count())
    from cms.demo import timeliness as timeliness_demo

    timeliness_demo.load()
    assert (PublicationRecord.objects.count(), DisclosureRequest.objects.count(), ReviewCase.objects.count(),
            AnnualReport.objects.count()) == counts
    report = kpis.compute(kpis.Filters())
    overall = report.overall
    assert overall.published > 500 and 5 <= overall.avg_working_days <= 9
    assert overall.late > 0 and overall.overdue_unpublished >= 3
    assert len({m for m, _ in report.months}) >= 12 and len(report.departments) >= 9
    government = Organ.objects.get(name="长沙市人民政府")
    data = annual_report.build(timeliness_demo.DEMO_YEAR, government)
    assert consistency.check(data) == []
    assert data["table3"]["new"]["total"] == sum(1 for r in timeliness_demo.REQUESTS if r[0].year == timeliness_demo.DEMO_YEAR)
    assert data["table3"]["carried_over"]["total"] == 3 and data["table3"]["carried_forward"]["total"] == 2
