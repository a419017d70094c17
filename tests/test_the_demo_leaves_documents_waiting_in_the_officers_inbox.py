"""A newcomer's inbox is not empty: `load_demo --inbox` (what `make setup` runs) leaves a few of the demo organs'
公文 in the officer's inbox, uploaded through the real import pipeline and held by the real gate — waiting, one
due within days, one blocked for 保密审查 — and the officer's home counts them. Loading again adds nothing."""
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cms.demo import inbox as demo_inbox
from importers.models import ImportedDocument
from publishing import inbox, workdays
from publishing.models import Submission

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", inbox=True, stdout=StringIO())


def test_the_demo_inbox_holds_imported_documents_waiting_and_blocked(client, django_user_model):
    load()
    docs = list(ImportedDocument.objects.filter(original_name__in=[d[0] for d in demo_inbox.DOCUMENTS]).select_related(
        "submission__deadline", "imported_by"))
    assert len(docs) == len(demo_inbox.DOCUMENTS)
    assert all(d.original and d.submission and d.imported_by.username == "officer" and not d.error for d in docs)
    assert all(d.doc_number and d.formed_on and d.formed_on < timezone.localdate() for d in docs)
    statuses = sorted(d.submission.status for d in docs)
    assert statuses == [Submission.BLOCKED] + [Submission.READY] * 3
    blocked = next(d for d in docs if d.submission.status == Submission.BLOCKED)
    assert inbox.awaiting_review().filter(pk=blocked.submission_id).exists()
    soon = workdays.get_default_calendar().add_working_days_provisional(timezone.localdate(), 5)[0]
    assert any(timezone.localdate() <= d.submission.deadline.due_on <= soon for d in docs)

    client.force_login(django_user_model.objects.get(username="officer"))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    figures = {label: int(value) for value, label in re.findall(r"<strong>(\d+)</strong><span>([^<]*)</span>", home)}
    assert figures["待公开"] >= 3 and figures["禁止公开，待审查"] >= 1 and figures["5个工作日内到期"] >= 1
    listed = client.get(reverse("publishing_inbox")).content.decode()
    assert all(d.title in listed for d in docs)

    load()
    assert ImportedDocument.objects.filter(original_name__in=[d[0] for d in demo_inbox.DOCUMENTS]).count() == len(docs)
