"""Guessing passwords on the Wagtail login page stops after a few tries: the account is locked for that address with a
Chinese explanation, other users keep logging in, and the lock lifts after the cool-off or an administrator's reset."""
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from cms.site.roles import CATALOGUE_EDITOR
from tests.artifacts_log import record
from tests.factories.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
LOCKED = "登录失败次数过多，账户已暂时锁定，请15分钟后再试或联系管理员"


@pytest.fixture(autouse=True)
def throttling(settings):
    settings.AXES_ENABLED = True  # test settings switch it off for the test client's login()
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    settings.CLIENT_IP_HEADER = None


def attempt(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in(client):
    return client.get("/admin/").status_code == 200


def guess(client, username, times, **extra):
    """Wrong passwords; returns the number of the first one answered with the lockout page (None if none was)."""
    for n in range(1, times + 1):
        response = attempt(client, username, f"wrong-{n}", **extra)
        if LOCKED in response.content.decode():
            assert response.status_code == 429
            return n
        assert response.status_code == 200 and "登录" in response.content.decode()
    return None


def test_six_wrong_passwords_lock_the_account_even_for_the_right_one(client):
    make_user("furong_ed", CATALOGUE_EDITOR)
    locked_at = guess(client, "furong_ed", 6)
    assert locked_at == 5  # the fifth wrong password locks the account

    response = attempt(client, "furong_ed", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not logged_in(client)
    record("wrong_passwords_until_lockout", locked_at)
    record("login_with_right_password_while_locked_status", response.status_code)


def test_other_users_keep_logging_in_while_one_is_locked(client):
    make_user("furong_ed", CATALOGUE_EDITOR)
    make_user("tianxin_ed", CATALOGUE_EDITOR)
    guess(client, "furong_ed", 6)
    response = attempt(client, "tianxin_ed", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_lock_lifts_after_the_cool_off(client):
    make_user("furong_ed", CATALOGUE_EDITOR)
    guess(client, "furong_ed", 6)
    assert LOCKED in attempt(client, "furong_ed", PASSWORD).content.decode()
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16))
    assert attempt(client, "furong_ed", PASSWORD).status_code == 302
    assert logged_in(client)


def test_administrator_can_lift_the_lock_at_once(client):
    make_user("furong_ed", CATALOGUE_EDITOR)
    guess(client, "furong_ed", 6)
    call_command("axes_reset_username", "furong_ed", stdout=StringIO())
    assert attempt(client, "furong_ed", PASSWORD).status_code == 302


def test_a_successful_login_forgets_earlier_failures(client):
    make_user("furong_ed", CATALOGUE_EDITOR)
    guess(client, "furong_ed", 4)
    assert attempt(client, "furong_ed", PASSWORD).status_code == 302
    client.post("/admin/logout/")
    assert guess(client, "furong_ed", 4) is None  # a fresh count: four more typos do not lock the account
    assert attempt(client, "furong_ed", PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, settings):
    """Direct deployment: X-Forwarded-For is the client's own text and is ignored."""
    make_user("furong_ed", CATALOGUE_EDITOR)
    for n in range(6):
        attempt(client, "furong_ed", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert LOCKED in attempt(client, "furong_ed", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.99").content.decode()


def test_behind_a_proxy_the_address_the_proxy_saw_counts(client, settings):
    """With CLIENT_IP_HEADER set (production behind a proxy), the proxy-appended address counts: what the client
    prepends itself changes nothing, and a different real client is not locked out."""
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("furong_ed", CATALOGUE_EDITOR)
    for n in range(6):
        attempt(client, "furong_ed", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7")
    assert LOCKED in attempt(client, "furong_ed", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7").content.decode()
    assert attempt(client, "furong_ed", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.20").status_code == 302
