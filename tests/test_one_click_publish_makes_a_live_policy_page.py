"""一键公开: one call turns a checked document into a live policy page with its record and deadline."""
import re
import threading
import time
from datetime import timedelta

import chinese_calendar

import pytest
from django.db import connection
from django.utils import timezone

from cms.policies.models import PolicyDocumentPage
from publishing.gate import PublishRefused
from publishing.models import PublicationRecord
from search.models import SearchOutbox
from tests.factories.importers import import_fixture
from tests.factories.importers import publish_document as publish

pytestmark = pytest.mark.django_db


def independent_working_days(start, end):
    """Working days in (start, end], counted with the chinese_calendar package, day by day."""
    day, count = start, 0
    while day < end:
        day += timedelta(days=1)
        count += chinese_calendar.is_workday(day)
    return count


def test_publish_creates_live_page_with_metadata_block(client, demo):
    doc = import_fixture("01_tongzhi_basic.docx")
    assert doc.status == "ready"
    page = publish(doc)
    assert page.live
    html = client.get(page.url).content.decode()
    for text in ["云政发〔2024〕3号", "云溪市人民政府", "2024年03月05日", "索引号", page.index_number]:
        assert text in html
    assert page.published_at is not None
    assert abs(page.published_at - timezone.now()) < timedelta(minutes=1)
    doc.refresh_from_db()
    assert doc.status == "published"
    assert doc.submission.page_id == page.pk and doc.submission.record.page_id == page.pk


def test_publication_record_counts_working_days_on_the_official_calendar(demo):
    doc = import_fixture("16_jiyao_minutes.docx")
    publish(doc)
    record = PublicationRecord.objects.get(title=doc.title)  # the demo has records of its own
    today = timezone.localdate()
    assert record.formed_on == doc.formed_on
    assert record.working_days_taken == independent_working_days(doc.formed_on, today)
    assert record.status == ("on_time" if record.working_days_taken <= 20 else "late")
    assert record.deadline.explanation["working_days"] == 20


def test_index_number_follows_the_organ_pattern_and_is_never_reused(demo):
    from publishing.models import Organ

    site_prefix = Organ.objects.get(name="长沙市人民政府").index_prefix
    first = publish(import_fixture("01_tongzhi_basic.docx"))
    organ = Organ.objects.get(name="云溪市人民政府")
    year = timezone.localdate().year
    # an issuer without a code of its own is numbered in the sequence of the organ the site speaks for
    assert organ.index_prefix == "" and re.fullmatch(rf"{site_prefix}/{year}-\d{{5}}", first.index_number)
    organ.index_prefix = "11439900MB0000000X"
    organ.save()
    second = publish(import_fixture("13_tongzhi_yinfa_joint3.docx"))
    if second.issuers.first() == organ:
        assert second.index_number == f"11439900MB0000000X/{year}-00002"
    first.unpublish()
    third = publish(import_fixture("04_pifu_halfwidth_paren.docx"))
    assert third.index_number not in {first.index_number, second.index_number}


def test_publishing_twice_is_refused(demo):
    doc = import_fixture("01_tongzhi_basic.docx")
    publish(doc)
    with pytest.raises(PublishRefused, match="已经公开"):
        publish(doc)


def test_publish_writes_the_outbox_and_the_page_becomes_searchable(demo, django_capture_on_commit_callbacks):
    from search.engines import get_engine
    from search.service import titles

    with django_capture_on_commit_callbacks(execute=True):
        page = publish(import_fixture("02_yijian_joint2.docx"))
    # Tasks run in-process in tests: the outbox row was applied on commit and removed.
    assert not SearchOutbox.objects.filter(object_key=f"page-{page.pk}").exists()
    assert "财政资金管理" in page.title
    deadline = time.monotonic() + 10  # OpenSearch makes new documents visible within its 1 s refresh
    while True:
        found = [r["title"] for r in titles(get_engine(), "财政资金管理")]
        if page.title in found or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert page.title in found


@pytest.mark.skipif(connection.vendor == "sqlite", reason="row locking needs PostgreSQL (make test)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_clicking_at_once_produce_one_page_and_one_record(demo):
    doc = import_fixture("01_tongzhi_basic.docx")
    barrier = threading.Barrier(2)
    outcomes = []

    def click():
        barrier.wait()
        try:
            publish(doc)
            outcomes.append("published")
        except PublishRefused as exc:
            outcomes.append("refused: " + "；".join(exc.reasons))
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o.split(":")[0] for o in outcomes) == ["published", "refused"]
    assert PolicyDocumentPage.objects.filter(title=doc.title).count() == 1
    assert PublicationRecord.objects.filter(title=doc.title).count() == 1


def test_publishing_while_opensearch_is_down_succeeds_and_catches_up(demo, settings, django_capture_on_commit_callbacks):
    from search.engines import get_engine
    from search.outbox import drain
    from search.service import titles

    live_url = settings.OPENSEARCH_URL
    if not live_url:
        pytest.fail("OPENSEARCH_URL 未设置：请用 `make test` 运行")
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens here: the engine is "down"
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(import_fixture("15_yijian_fullwidth_table.docx"))
    assert page.live
    row = SearchOutbox.objects.get(object_key=f"page-{page.pk}")
    assert row.attempts == 1 and row.last_error
    settings.OPENSEARCH_URL = live_url  # the node is back; the beat retry drains the outbox
    assert drain() == 1
    assert not SearchOutbox.objects.exists()
    get_engine().client.indices.refresh(index=get_engine().index)
    assert page.title in [r["title"] for r in titles(get_engine(), "养老服务")]
