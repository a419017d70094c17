"""The applicant's personal data is seen only by the handling office (文件管理员 and administrators): evaluators
read the register and the timeliness dashboard without it, lists mask the name, the public API and status page never
show it, nothing is logged, and it is erased once the retention period after closing has passed."""
import logging
from datetime import date

import pytest
from django.core.cache import cache
from django.core.management import call_command

from cms.site import roles
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.requests import VALID_ID, natural_post, registered

pytestmark = pytest.mark.django_db
PERSONAL = ("欧阳明月", VALID_ID, "13900001111", "li@example.cn", "某市某路1号")


@pytest.fixture
def closed():
    from timeliness import request_workflow as workflow

    req = registered(date(2024, 3, 1), name="欧阳明月")
    workflow.reply(req, None, reply_type="open", outcome="open", on=date(2024, 3, 20), note="随函提供")
    return req


def login(client, role):
    make_user("u", role)
    client.login(username="u", password=PASSWORD)
    return client


def test_evaluators_see_the_register_but_not_the_applicant(client, closed):
    login(client, roles.EVALUATOR)
    assert client.get(f"/admin/requests/{closed.pk}/").status_code in (302, 403)
    assert client.get("/admin/requests/").status_code in (302, 403)
    for url in ("/admin/snippets/timeliness/disclosurerequest/", f"/admin/snippets/timeliness/disclosurerequest/inspect/{closed.pk}/",
                "/admin/timeliness/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not [p for p in PERSONAL if p in html], url


def test_the_handling_office_sees_the_applicant_in_full_only_on_the_request(client, closed):
    login(client, roles.OFFICER)
    detail = client.get(f"/admin/requests/{closed.pk}/").content.decode()
    assert "欧阳明月" in detail and VALID_ID in detail
    listing = client.get("/admin/requests/").content.decode()
    assert "欧阳*" in listing and not [p for p in PERSONAL if p in listing]


def test_the_public_api_and_status_page_never_show_personal_data(client, closed):
    cache.clear()
    for url in (f"/api/requests/{closed.query_code}", f"/zfxxgk/ysqgk/cx/?code={closed.query_code}"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert not [p for p in PERSONAL if p in body]
        assert "申请公开某项目审批文件" not in body  # not even what was asked for


def test_submissions_leave_no_personal_data_in_the_logs(client, caplog):
    cache.clear()
    with caplog.at_level(logging.DEBUG):
        client.post("/zfxxgk/ysqgk/", natural_post(phone="1"))
        client.post("/zfxxgk/ysqgk/", natural_post())
    assert VALID_ID not in caplog.text and "张三丰" not in caplog.text


def test_personal_data_is_erased_after_the_retention_period(closed, settings):
    settings.REQUEST_PERSONAL_DATA_RETENTION_DAYS = 30
    call_command("purge_request_personal_data", stdout=open("/dev/null", "w"))
    closed.applicant.refresh_from_db()
    assert closed.applicant.purged_at is not None
    assert (closed.applicant.name, closed.applicant.id_number, closed.applicant.phone) == ("", "", "")
    closed.refresh_from_db()
    assert closed.outcome == "open"  # the register line stays for the annual report


def test_open_requests_keep_their_applicant(settings):
    req = registered(date(2024, 3, 1))
    settings.REQUEST_PERSONAL_DATA_RETENTION_DAYS = 1
    call_command("purge_request_personal_data", stdout=open("/dev/null", "w"))
    req.applicant.refresh_from_db()
    assert req.applicant.purged_at is None and req.applicant.name == "李四"
