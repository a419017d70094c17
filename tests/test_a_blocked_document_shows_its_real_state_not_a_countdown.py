"""The deadline clock of a blocked document says it is blocked and awaiting review, keeps the statutory deadline
visible and says 已超期 once it has passed: never “剩余 N 个工作日” as if all were well."""
import re
from datetime import date

import pytest
from django.urls import reverse

from cms.site import roles
from importers.models import ImportedDocument
from publishing import inbox
from publishing.models import Submission
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.importers import import_fixture

pytestmark = pytest.mark.django_db


def row_html(html, title):
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.DOTALL)
    return next(r for r in rows if title in r)


def test_a_blocked_document_in_time_shows_blocked_awaiting_review_with_its_deadline(db):
    doc = import_fixture("10_secret_notice.docx")  # formed 2024-04-08: due 20 working days later
    [row] = inbox.inbox_rows(Submission.objects.filter(pk=doc.submission_id), today=date(2024, 4, 10))
    assert row.status.label == "已阻止·待审查" and row.held.code == "blocked_review"
    assert row.deadline_status.label == "未到期" and row.due_on == doc.submission.deadline.due_on
    assert inbox.awaiting_review().filter(pk=doc.submission_id).exists()


def test_an_overdue_blocked_document_shows_blocked_and_overdue_without_a_countdown(client, demo):
    make_user("clock-officer", roles.OFFICER)
    client.login(username="clock-officer", password=PASSWORD)
    secret = import_fixture("10_secret_notice.docx")
    clean = import_fixture("01_tongzhi_basic.docx")
    html = client.get(reverse("publishing_inbox")).content.decode()
    blocked = row_html(html, secret.title)
    assert "已阻止·待审查" in blocked and "已超期" in blocked
    assert f"法定期限 {secret.submission.deadline.due_on:%Y-%m-%d}" in blocked
    assert "剩余" not in blocked and "一键公开" not in blocked
    assert "已阻止" not in row_html(html, clean.title)
    assert ImportedDocument.objects.count() == 2
