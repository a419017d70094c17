"""The 依申请公开 register: each request's reply deadline comes from the deadline engine — 20 working days from
receipt over the official calendar, a 补正 restarts the clock on receipt of the correction, one extension of at most 20 working days — and bad
input is refused with a Chinese message in the admin (never a 500)."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.site import roles
from tests.factories import timeliness as f
from tests.factories.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db

HOLIDAYS_2025 = {date(2025, 10, d) for d in range(1, 9)}
MAKEUP_2025 = {date(2025, 9, 28), date(2025, 10, 11)}


def working(d):
    return d in MAKEUP_2025 or (d.weekday() < 5 and d not in HOLIDAYS_2025)


def nth_after(start, n):
    d = start
    while n:
        d += timedelta(days=1)
        n -= working(d)
    return d


def test_reply_deadline_counts_working_days_across_national_day():
    req = f.disclosure_request(date(2025, 9, 24))
    assert req.deadline.kind == "request"
    assert req.due_on == nth_after(date(2025, 9, 24), 20)
    assert req.due_on > date(2025, 10, 20)  # the eight-day holiday pushes it well past three calendar weeks


def test_correction_restarts_the_clock_and_extension_moves_the_deadline_once():
    req = f.disclosure_request(date(2025, 9, 1))
    req.correction_requested_on, req.correction_received_on = date(2025, 9, 3), date(2025, 9, 10)
    req.full_clean()
    req.save()
    req.deadline.refresh_from_db()
    assert req.due_on == nth_after(date(2025, 9, 10), 20)  # Art. 30: counted afresh from receipt of the correction
    req.extension_days, req.extension_approver, req.extension_reason = 20, "办公室主任", "需调取档案"
    req.full_clean()
    req.save()
    req.deadline.refresh_from_db()
    assert req.due_on == nth_after(date(2025, 9, 10), 40)
    assert req.deadline.changes.count() == 2
    req.extension_days = 10
    with pytest.raises(ValidationError, match="只能延长一次"):
        req.full_clean()


def test_reply_marks_the_deadline_done():
    req = f.disclosure_request(date(2025, 3, 3), outcome="open", replied_on=date(2025, 3, 20))
    req.deadline.refresh_from_db()
    assert req.deadline.done_on == date(2025, 3, 20)


@pytest.mark.parametrize("fields, message", [
    ({"extension_days": 25, "extension_approver": "甲", "extension_reason": "乙"}, "最长不超过20个工作日"),
    ({"extension_days": 5}, "须写明批准人"),
    ({"outcome": "open"}, "请同时填写答复日期"),
    ({"replied_on": date(2025, 3, 1)}, "不能早于收到申请日期"),
])
def test_invalid_requests_are_refused_in_chinese(fields, message):
    from timeliness.models import DisclosureRequest

    req = DisclosureRequest(subject="申请公开", received_on=date(2025, 3, 3), **fields)
    with pytest.raises(ValidationError, match=message):
        req.full_clean()


def test_admin_form_shows_the_error_and_saves_nothing(client):
    from timeliness.models import DisclosureRequest

    make_user("adm", roles.SITE_ADMIN)
    client.login(username="adm", password=PASSWORD)
    url = reverse("wagtailsnippets_timeliness_disclosurerequest:add")
    response = client.post(url, {"subject": "申请公开某文件", "received_on": "2025-03-03", "applicant_type": "natural",
                                 "channel": "online", "extension_days": "0", "outcome": "open"})
    assert response.status_code == 200
    assert "请同时填写答复日期" in response.content.decode()
    assert DisclosureRequest.objects.count() == 0
    response = client.post(url, {"subject": "申请公开某文件", "received_on": "2025-03-03", "applicant_type": "commercial",
                                 "channel": "letter", "extension_days": "0"})
    assert response.status_code == 302
    saved = DisclosureRequest.objects.get()
    assert saved.deadline is not None and saved.due_on == nth_after(date(2025, 3, 3), 20)
