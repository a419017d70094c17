"""A site administrator enters the 2027 notice in the admin; provisional deadlines move and the change is logged."""
from datetime import date

import pytest
from django.urls import reverse

from cms.site import roles
from publishing import deadlines
from publishing.models import DeadlineChange, HolidayNotice
from tests.factories.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_admin_form_saves_the_notice_and_recomputes(client, django_capture_on_commit_callbacks):
    make_user("cal-admin", roles.SITE_ADMIN)
    client.login(username="cal-admin", password=PASSWORD)
    deadline = deadlines.create_proactive(date(2026, 12, 10))
    assert deadline.provisional
    form = {
        "year": "2027", "doc_number": "国办发明电〔2026〕9号", "url": "https://www.gov.cn/", "notes": "",
        "days-TOTAL_FORMS": "2", "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000",
        "days-0-kind": "holiday", "days-0-start": "2027-01-01", "days-0-end": "2027-01-03", "days-0-name": "元旦", "days-0-id": "",
        "days-1-kind": "makeup", "days-1-start": "2027-01-09", "days-1-end": "", "days-1-name": "元旦调休", "days-1-id": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailsnippets_publishing_holidaynotice:add"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = HolidayNotice.objects.get(year=2027)
    assert notice.days.count() == 2
    deadline.refresh_from_db()
    # 2027-01-01 is a holiday; Saturday 2027-01-09 is worked, so the 20th working day is Friday 2027-01-08.
    assert deadline.due_on == date(2027, 1, 8) and not deadline.provisional
    assert DeadlineChange.objects.filter(deadline=deadline, new_due_on=date(2027, 1, 8)).exists()


def test_evaluator_cannot_open_the_calendar_form(client):
    make_user("cal-viewer", roles.EVALUATOR)
    client.login(username="cal-viewer", password=PASSWORD)
    assert client.get(reverse("wagtailsnippets_publishing_holidaynotice:add")).status_code != 200
