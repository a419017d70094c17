"""A citizen fills in the form at /zfxxgk/ysqgk/ (no JavaScript, only the form's own fields), gets a 查询码 and
tracks the request with it: on the status page and at GET /api/requests/<查询码>. The receipt date follows
条例 Art. 31 (after office hours → next working day) and the due date is the 20th working day after it on the
official calendar. The public answers never carry the applicant's personal data."""
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.cache import cache

from tests.factories.requests import VALID_ID, natural_post, organisation_post
from timeliness import request_views

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
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


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def submit(client, monkeypatch, when, data):
    monkeypatch.setattr(request_views, "submission_time", lambda: when)
    page = client.get("/zfxxgk/ysqgk/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post("/zfxxgk/ysqgk/", {**data, "csrfmiddlewaretoken": token})


def query_code(response):
    match = re.search(r'id="query-code">([A-Z0-9]+)<', response.content.decode())
    assert match, response.content.decode()[:2000]
    return match.group(1)


def test_citizen_submits_and_tracks_the_request_with_the_query_code(monkeypatch):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get("/zfxxgk/ysqgk/")
    assert page.status_code == 200
    html = page.content.decode()
    for name in ("applicant_type", "name", "id_type", "id_number", "phone", "email", "address", "org_name", "org_code",
                 "description", "doc_number", "purpose", "form_wanted", "delivery"):
        assert f'name="{name}"' in html
    assert "<script" not in html.split("<form", 1)[1].split("</form>")[0]  # the form needs no JavaScript

    response = submit(client, monkeypatch, datetime(2025, 9, 30, 16, 0, tzinfo=BEIJING), natural_post(email="zhang@example.cn"))
    assert response.status_code == 200
    code = query_code(response)

    api = client.get(f"/api/requests/{code}")
    assert api.status_code == 200
    state = api.json()
    assert set(state) == {"status", "received_on", "due_on", "provisional", "paused", "extended_days", "replied_on", "outcome"}
    assert state["received_on"] == "2025-09-30"
    assert state["due_on"] == nth_after(date(2025, 9, 30), 20).isoformat() == "2025-11-04"
    assert state["paused"] is False and state["extended_days"] == 0 and state["replied_on"] is None

    status_page = client.get(f"/zfxxgk/ysqgk/cx/?code={code.lower()}")
    assert status_page.status_code == 200
    assert "2025-11-04" in status_page.content.decode()

    body = api.content.decode() + status_page.content.decode()
    for personal in ("张三丰", VALID_ID, "13812345678", "zhang@example.cn", "五一大道"):
        assert personal not in body

    assert len(mail.outbox) == 1 and code in mail.outbox[0].body
    assert VALID_ID not in mail.outbox[0].body and "13812345678" not in mail.outbox[0].body


def test_an_application_after_office_hours_counts_from_the_next_working_day(client, monkeypatch):
    response = submit(client, monkeypatch, datetime(2025, 9, 30, 18, 5, tzinfo=BEIJING), organisation_post())
    state = client.get(f"/api/requests/{query_code(response)}").json()
    assert state["received_on"] == "2025-10-09"  # after the National Day holiday
    assert state["due_on"] == nth_after(date(2025, 10, 9), 20).isoformat()


def test_an_unknown_query_code_is_not_found(client):
    assert client.get("/api/requests/ABCDEFGHJKLM").status_code == 404
    page = client.get("/zfxxgk/ysqgk/cx/?code=NOSUCHCODE")
    assert page.status_code == 404 and "不存在" in page.content.decode()


def test_the_stored_request_keeps_the_applicant_apart_from_the_register(client, monkeypatch):
    from timeliness.models import DisclosureRequest

    code = query_code(submit(client, monkeypatch, datetime(2025, 9, 30, 10, 0, tzinfo=BEIJING), organisation_post()))
    req = DisclosureRequest.objects.get(query_code=code)
    assert req.applicant_type == "legal_service" and req.channel == "online"
    assert req.applicant.org_code == "91350100M000100Y43"
    assert req.events.first().action == "网上提交申请"
