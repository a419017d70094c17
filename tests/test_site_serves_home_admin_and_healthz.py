import pytest
from django.conf import settings


def test_site_speaks_chinese_in_china_standard_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"


@pytest.mark.django_db
def test_home_page_and_admin_login_are_served(client, demo):
    home = client.get("/")
    assert home.status_code == 200
    assert "长沙市人民政府门户网站" in home.content.decode()
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert "登录" in login.content.decode()


@pytest.mark.django_db
def test_healthz_reports_database_search_and_tasks(client):
    body = client.get("/healthz").json()
    assert body["database"] == "ok"
    expected_engine = "opensearch" if settings.OPENSEARCH_URL else "database"
    assert body["search"]["engine"] == expected_engine
    assert body["search"]["status"] == "ok"
    expected_broker = "redis" if settings.CELERY_BROKER_URL else "in-process"
    assert body["tasks"] == {"broker": expected_broker, "status": "ok"}


@pytest.mark.django_db
def test_healthz_says_degraded_when_opensearch_is_unreachable(client, settings):
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["search"] == {"engine": "opensearch", "status": "degraded"}


@pytest.mark.django_db
def test_healthz_says_tasks_down_when_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    body = client.get("/healthz").json()
    assert body["tasks"] == {"broker": "redis", "status": "down"}
