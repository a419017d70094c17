"""The timeliness demo (`load_demo --history`, as `make setup` runs it): each organ's documents imported, checked
and published by one click at their simulated days, across departments and months with a ~7-day average, a few
late and a few overdue in the inbox; the 2025 request register and review cases. Every figure is recomputed from
the site's own documents; loading again changes nothing; the demo year's annual report passes every 勾稽 check."""
from django.core.management import call_command
from django.utils import timezone

from openness_catalog.models import Entry
from publishing import workdays
from publishing.models import PublicationRecord, Submission
from timeliness import annual_report, consistency, kpis
from timeliness.models import AnnualReport, DisclosureRequest, ReviewCase


def test_demo_loads_once_and_its_report_is_consistent(demo):
    from publishing.models import Organ

    call_command("load_demo", "--history", stdout=open("/dev/null", "w"))
    counts = (PublicationRecord.objects.count(), DisclosureRequest.objects.count(), ReviewCase.objects.count(),
              AnnualReport.objects.count(), Submission.objects.count())
    from cms.demo import timeliness as timeliness_demo

    call_command("load_demo", "--history", stdout=open("/dev/null", "w"))
    assert (PublicationRecord.objects.count(), DisclosureRequest.objects.count(), ReviewCase.objects.count(),
            AnnualReport.objects.count(), Submission.objects.count()) == counts
    report = kpis.compute(kpis.Filters())
    overall = report.overall
    assert overall.published > 100 and 5 <= overall.avg_working_days <= 9
    assert overall.late > 0 and overall.overdue_unpublished >= 3

    # every published record is a live page or a published catalogue entry of the site, and its working days follow
    # from that document's own dates
    records = list(PublicationRecord.objects.filter(published_at__isnull=False).select_related("page"))
    entries = {e.public_key(): e for e in Entry.objects.filter(status=Entry.PUBLISHED)}
    assert len(records) > 100
    for record in records:
        document = record.page.specific if record.page is not None else entries.get(record.source_key)
        assert document is not None and (record.page is None or record.page.live), record.title
        assert document.formed_on == record.formed_on
        assert record.working_days_taken == workdays.working_days_between(
            record.formed_on, timezone.localdate(record.published_at))
    overdue_in_inbox = Submission.objects.filter(status__in=Submission.OPEN, deadline__due_on__lt=timezone.localdate(),
                                                 deadline__done_on__isnull=True).count()
    assert overall.overdue_unpublished == overdue_in_inbox
    assert len({m for m, _ in report.months}) >= 12 and len(report.departments) >= 9
    government = Organ.objects.get(name="长沙市人民政府")
    data = annual_report.build(timeliness_demo.DEMO_YEAR, government)
    assert consistency.check(data) == []
    assert data["table3"]["new"]["total"] == sum(1 for r in timeliness_demo.REQUESTS if r[0].year == timeliness_demo.DEMO_YEAR)
    assert data["table3"]["carried_over"]["total"] == 3 and data["table3"]["carried_forward"]["total"] == 2
