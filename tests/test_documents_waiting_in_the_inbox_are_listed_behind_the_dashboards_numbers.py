"""The dashboard counts a document overdue in the officer's inbox (formed, clock running, not yet published) as
overdue; the document list behind that number lists it too, with its deadline, so the evaluator sees what the number
is made of — in the admin and in the exports."""
import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from publishing.models import Submission
from tests.factories import timeliness as f
from tests.factories.importers import import_fixture

pytestmark = pytest.mark.django_db
YEAR_2024 = {"from": "2024-01-01", "to": "2024-12-31"}


@pytest.fixture
def inbox():
    waiting = import_fixture("01_tongzhi_basic.docx")  # formed 2024: its 20 working days ran out long ago
    f.record(date(2024, 5, 6), date(2024, 5, 8))  # published on time
    submission = Submission.objects.get(pk=waiting.submission_id)
    assert submission.deadline is not None and submission.status in Submission.OPEN
    return submission


def listed(client, metric, **params):
    response = client.get(reverse("timeliness_records"), {**YEAR_2024, "metric": metric, "dept": "all", **params})
    assert response.status_code == 200
    return response.content.decode()


def test_the_overdue_number_lists_the_document_waiting_in_the_inbox(admin_client, inbox):
    dashboard = admin_client.get(reverse("timeliness_dashboard"), YEAR_2024).content.decode()
    assert "已超期未发布" in dashboard

    overdue = listed(admin_client, "overdue")
    assert inbox.title in overdue and "在收件箱，已超期未公开" in overdue and "共 1 件" in overdue
    assert inbox.deadline.due_on.isoformat() in overdue

    everything = listed(admin_client, "count")
    assert inbox.title in everything and "共 2 件" in everything
    assert inbox.title not in listed(admin_client, "published")
    assert inbox.title not in listed(admin_client, "due_soon")


def test_the_export_of_the_list_holds_the_waiting_document(admin_client, inbox):
    response = admin_client.get(reverse("timeliness_records"), {**YEAR_2024, "metric": "overdue", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    titled = [row for row in rows if row and row[0] == inbox.title]
    assert len(titled) == 1 and "在收件箱，已超期未公开" in titled[0]


def test_a_month_and_a_department_narrow_the_waiting_documents_too(admin_client, inbox):
    month = inbox.deadline.start_on.strftime("%Y-%m")
    assert inbox.title in listed(admin_client, "overdue", month=month)
    other = "2024-01" if month != "2024-01" else "2024-02"
    assert inbox.title not in listed(admin_client, "overdue", month=other)
    assert "格式不正确" in listed(admin_client, "overdue", month="2024-xx")
