"""Automatic mode, scheduled publication and the daily deadline reminders."""
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cms.policies.services import publish_due_scheduled
from importers.models import ImportedDocument
from publishing.gate import PublishRefused
from publishing.models import Organ
from publishing.reminders import send_reminders
from publishing.submissions import overdue_scheduled_count, schedule
from tests.factories.documents import clean_notice
from tests.factories.importers import import_fixture

pytestmark = pytest.mark.django_db


def test_department_in_automatic_mode_publishes_clean_oa_documents_on_arrival(demo, tmp_path):
    from wagtail.models import ModelLogEntry

    from importers.services import import_file

    Organ.objects.filter(name="长沙市人民政府办公厅").update(auto_publish=True)
    path = clean_notice(tmp_path, formed_on=timezone.localdate() - timedelta(days=2), number=7)
    meta = {"id": "OA-AUTO-1", "version": 1, "disclosure": "主动公开"}
    doc = import_file(path, source="oa", oa_meta=meta).document
    doc.refresh_from_db()
    assert doc.checks == [] and doc.status == "published"
    entry = ModelLogEntry.objects.for_instance(doc.submission).get(action="gongkai.publish")
    assert entry.user.first_name == "自动公开" and entry.data["mode"] == "automatic"
    assert doc.submission.record.mode == "automatic"


def test_automatic_mode_leaves_documents_with_warnings_to_a_person(demo, tmp_path):
    from importers.services import import_file

    Organ.objects.filter(name="长沙市人民政府办公厅").update(auto_publish=True)
    path = clean_notice(tmp_path, formed_on=timezone.localdate() - timedelta(days=400), number=8)
    doc = import_file(path, source="oa", oa_meta={"id": "OA-AUTO-2", "version": 1, "disclosure": "主动公开"}).document
    doc.refresh_from_db()
    assert [c["code"] for c in doc.checks] == ["formed_on_old"] and doc.status == "ready"


def test_department_without_automatic_mode_waits_for_the_officer(demo):
    doc = import_fixture("01_tongzhi_basic.docx", source="oa", oa_meta={"id": "OA-2", "version": 1, "disclosure": "主动公开"})
    doc.refresh_from_db()
    assert doc.status == "ready"


def test_scheduled_document_goes_live_when_its_time_comes(demo, django_user_model):
    officer = django_user_model.objects.get(username="officer")
    doc = import_fixture("01_tongzhi_basic.docx")
    when = timezone.now() + timedelta(minutes=30)
    schedule(doc.submission, when, officer)
    assert publish_due_scheduled(now=when - timedelta(seconds=1)) == (0, 0)
    assert overdue_scheduled_count(now=when + timedelta(minutes=5)) == 1
    assert publish_due_scheduled(now=when + timedelta(seconds=5)) == (1, 0)
    doc.refresh_from_db()
    assert doc.status == "published"
    assert overdue_scheduled_count(now=when + timedelta(minutes=5)) == 0


def test_blocked_document_cannot_be_scheduled(demo, django_user_model):
    doc = import_fixture("10_secret_notice.docx")
    with pytest.raises(PublishRefused):
        schedule(doc.submission, timezone.now() + timedelta(hours=1), django_user_model.objects.get(username="officer"))


def test_reminder_mail_lists_overdue_documents_for_the_departments_officers(demo, django_user_model):
    doc = import_fixture("01_tongzhi_basic.docx")
    organ, _ = Organ.objects.get_or_create(name=doc.issuers[0])
    officer = django_user_model.objects.get(username="officer")
    organ.officers.add(officer)
    assert send_reminders() >= 1
    message = next(m for m in mail.outbox if organ.name in m.subject)
    assert "已超期" in message.body and doc.title in message.body and "/admin/inbox/" in message.body
    assert message.to == [officer.email]
    assert ImportedDocument.objects.get(pk=doc.pk).status == "ready"
