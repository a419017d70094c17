"""A submission published once stays published once: if its status is put back to 待公开 (by hand, a script, a
restored backup), 一键公开 and 定时公开 refuse it with a Chinese reason instead of crashing or publishing it twice."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.policies.models import PolicyDocumentPage
from cms.policies.services import publish_due_scheduled
from publishing.gate import PublishRefused
from publishing.models import PublicationRecord, Submission
from tests.factories.accounts import make_user
from tests.factories.importers import import_fixture
from tests.factories.importers import publish_document as publish

pytestmark = pytest.mark.django_db


def published_then_reset(**reset):
    doc = import_fixture("01_tongzhi_basic.docx")
    page = publish(doc)
    Submission.objects.filter(pk=doc.submission_id).update(status=Submission.READY, **reset)
    doc.refresh_from_db()
    return doc, page


def copies_of(doc):
    key = doc.submission.source_key
    return PublicationRecord.objects.filter(source_key=key).count(), PolicyDocumentPage.objects.filter(source_key=key).count()


def test_publishing_again_after_a_status_reset_is_refused_and_nothing_is_duplicated(demo):
    doc, page = published_then_reset()
    with pytest.raises(PublishRefused, match="已经公开过"):
        publish(doc)
    assert copies_of(doc) == (1, 1)
    page.refresh_from_db()
    assert page.live


def test_a_reset_submission_with_a_changed_version_number_is_refused_not_a_crash(demo):
    # Before, this wrote a second record for the same deadline: IntegrityError, an officer's 500.
    doc, _ = published_then_reset(version=2)
    with pytest.raises(PublishRefused, match="已经公开过"):
        publish(doc)
    assert copies_of(doc) == (1, 1)


def test_a_reset_submission_scheduled_again_is_refused_when_its_time_comes(demo):
    doc, _ = published_then_reset()
    Submission.objects.filter(pk=doc.submission_id).update(status=Submission.SCHEDULED, scheduled_at=timezone.now() - timedelta(minutes=1))
    assert publish_due_scheduled() == (0, 1)
    assert copies_of(doc) == (1, 1)


def test_the_officer_sees_the_refusal_in_the_inbox(demo, client):
    doc, _ = published_then_reset()
    officer = make_user("officer-h3", is_superuser=True, is_staff=True)
    client.force_login(officer)
    response = client.post(reverse("publishing_publish_one", args=[doc.pk]), follow=True)
    assert response.status_code == 200
    assert "已经公开过" in response.content.decode()
    assert copies_of(doc) == (1, 1)
