"""End to end: the OA offers a document, beat pulls it, the officer sees its deadline, one click publishes it,
the page is live with its metadata block, /api/search finds it and the record shows the right working days."""
import time
from datetime import timedelta

import chinese_calendar
import pytest
from django.urls import reverse
from django.utils import timezone

from cms.policies.models import InterpretationPage, PolicyDocumentPage
from cms.site import roles
from importers.models import ImportedDocument
from importers.tasks import pull_documents_task
from publishing.models import PublicationRecord
from tests.factories.accounts import PASSWORD, make_user
from tests.oa_server import gongwen_txt, oa_server  # noqa: F401  (pytest fixture)

pytestmark = pytest.mark.django_db


def cn_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


def working_days(start, end):
    d, n = start, 0
    while d < end:
        d += timedelta(days=1)
        n += chinese_calendar.is_workday(d)
    return n


@pytest.fixture
def recent_day():
    day = timezone.localdate() - timedelta(days=6)
    while not chinese_calendar.is_workday(day):
        day -= timedelta(days=1)
    return day


def offer(oa, doc_id, formed, **kwargs):
    title = kwargs.pop("title", "云溪市人民政府关于推进智慧停车建设的通知")
    number = kwargs.pop("doc_number", "云政发〔2026〕88号")
    content = gongwen_txt(88, title=title, doc_number=number, formed=cn_date(formed))
    return oa.add_document(doc_id, content=content, title=title, doc_number=number, formed_on=formed.isoformat(),
                           approved_at=timezone.now().isoformat(), **kwargs)


def search_titles(client, query, expect, timeout=10):
    deadline = time.monotonic() + timeout
    while True:
        body = client.get("/api/search", {"q": query}).json()
        titles = [r["title"] for r in body["results"]]
        if expect in titles or time.monotonic() > deadline:
            return titles
        time.sleep(0.2)


def test_oa_document_goes_live_in_one_click(client, demo, oa_server, settings, recent_day, django_capture_on_commit_callbacks):
    settings.IMPORT_SOURCE_URL = oa_server.url
    settings.IMPORT_SOURCE_RETRY_BACKOFF = 0
    offer(oa_server, "OA-E2E-1", recent_day)
    pull_documents_task()  # what beat runs every 5 minutes
    doc = ImportedDocument.objects.get(external_id="OA-E2E-1")
    assert doc.status == "ready", doc.checks

    make_user("e2e-officer", roles.OFFICER)
    client.login(username="e2e-officer", password=PASSWORD)
    inbox = client.get(reverse("publishing_inbox")).content.decode()
    left = 20 - working_days(recent_day, timezone.localdate())
    assert "云溪市人民政府关于推进智慧停车建设的通知" in inbox and f"剩余 {left} 个工作日" in inbox

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("publishing_publish_one", args=[doc.pk]))
    page = PolicyDocumentPage.objects.get(source_key="OA-E2E-1")
    client.logout()
    html = client.get(page.url).content.decode()
    assert page.live and "云政发〔2026〕88号" in html and page.index_number in html and "云溪市人民政府" in html
    assert "云溪市人民政府关于推进智慧停车建设的通知" in search_titles(client, "智慧停车", page.title)
    record = PublicationRecord.objects.get(source_key="OA-E2E-1")
    assert record.working_days_taken == working_days(recent_day, timezone.localdate())
    assert record.status == "on_time"
    assert abs(record.published_at - page.published_at) < timedelta(seconds=5)


def test_interpretation_file_becomes_the_policys_jiedu(client, demo, oa_server, settings, recent_day):
    settings.IMPORT_SOURCE_URL = oa_server.url
    jd = "《关于推进智慧停车建设的通知》政策解读\n　　一、出台背景\n　　为缓解停车难问题，制定本通知。\n".encode("utf-8")
    offer(oa_server, "OA-E2E-2", recent_day, interpretation=("解读.txt", jd))
    pull_documents_task()
    from tests.factories.importers import publish_document as publish

    page = publish(ImportedDocument.objects.get(external_id="OA-E2E-2"))
    interp = InterpretationPage.objects.get(policy=page)
    assert interp.live
    assert interp.title in client.get(page.url).content.decode()
    assert page.title in client.get(interp.url).content.decode()


def test_new_oa_version_becomes_a_new_revision_with_a_new_clock(client, demo, oa_server, settings, recent_day):
    settings.IMPORT_SOURCE_URL = oa_server.url
    from tests.factories.importers import publish_document as publish

    offer(oa_server, "OA-E2E-3", recent_day)
    pull_documents_task()
    page = publish(ImportedDocument.objects.get(external_id="OA-E2E-3", version=1))
    first_published = page.published_at
    oa_server.add_version("OA-E2E-3", content=gongwen_txt(88, title="云溪市人民政府关于推进智慧停车建设的通知",
                                                           doc_number="云政发〔2026〕88号", formed=cn_date(recent_day)),
                          approved_at=timezone.now().isoformat(), formed_on=recent_day.isoformat())
    pull_documents_task()
    v2 = ImportedDocument.objects.get(external_id="OA-E2E-3", version=2)
    assert v2.changed_on == timezone.localdate() and v2.submission.deadline.start_on == timezone.localdate()
    same = publish(v2)
    assert same.pk == page.pk and same.published_at == first_published
    assert same.revisions.count() >= 2
    versions = list(PublicationRecord.objects.filter(page=page).order_by("version").values_list("version", "formed_on"))
    assert versions == [(1, recent_day), (2, timezone.localdate())]
    assert "版本记录" in client.get(page.url).content.decode()
