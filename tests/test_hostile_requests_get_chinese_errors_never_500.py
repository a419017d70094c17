"""Bad or hostile requests get a clear Chinese 4xx (JSON under /api/), and an unexpected failure a Chinese 500 page
that needs no database, logged once."""
import logging
from datetime import date

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path

from cms import urls as site_urls


def explode(request):
    raise RuntimeError("故障演练：视图出错")


# This module doubles as a URLconf: the site's routes plus two views that fail.
urlpatterns = [path("boom/", explode), path("api/boom", explode), *site_urls.urlpatterns]
handler400, handler403 = site_urls.handler400, site_urls.handler403
handler404, handler500 = site_urls.handler404, site_urls.handler500


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feeds/search.atom?q=%00", "/search/?q=a%00b", "/zfxxgk/%00/", "/feeds/search.rss?q=%1b"])
def test_nul_and_control_characters_get_a_chinese_400_page(anonymous, url):
    response = anonymous.get(url)
    assert response.status_code == 400
    assert "控制字符" in response.content.decode() and response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_nul_in_a_submitted_form_gets_a_chinese_400(anonymous):
    response = anonymous.post("/admin/login/", {"username": "officer\x00", "password": "x"})
    assert response.status_code == 400 and "控制字符" in response.content.decode()


@pytest.mark.django_db
def test_nul_under_the_api_gets_a_json_400(anonymous):
    response = anonymous.get("/api/v1/policies?year=%00")
    assert response.status_code == 400
    assert "控制字符" in response.json()["error"]


@pytest.mark.django_db
def test_tabs_and_line_breaks_are_ordinary_input(anonymous):
    assert anonymous.get("/feeds/search.atom", {"q": "交通\t安全\r\n"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["policies", "guides", "bundles", "catalogue/entries"])
def test_an_id_no_database_can_hold_is_a_json_404_without_asking_the_database(anonymous, kind):
    # SQLite's driver raises OverflowError for ids beyond 64 bits: the API answers before sending the id to a database.
    huge = "99999999999999999999"
    with CaptureQueriesContext(connection) as queries:
        response = anonymous.get(f"/api/v1/{kind}/{huge}")
    assert response.status_code == 404
    assert response.json()["error"].startswith("未找到")
    assert not [q["sql"] for q in queries.captured_queries if f"= {huge}" in q["sql"]]  # as an id, not in a path


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"page": "²"}, {"size": "9" * 5000}, {"year": "²²²²"}])
def test_digits_int_cannot_read_are_a_chinese_400_in_the_open_data_api(anonymous, params):
    response = anonymous.get("/api/v1/policies", params)
    assert response.status_code == 400
    assert "参数" in response.json()["error"]


@pytest.mark.django_db
def test_an_unknown_api_address_answers_json_and_an_unknown_page_the_chinese_404_page(anonymous):
    api = anonymous.get("/api/v1/nothing-here/")
    assert api.status_code == 404 and api.json() == {"error": "未找到您要访问的内容"}
    page = anonymous.get("/no-such-column/")
    assert page.status_code == 404
    assert "抱歉，您访问的页面不存在" in page.content.decode()


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_a_chinese_403():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_an_unhandled_error_shows_the_chinese_500_page_without_the_database(anonymous):
    # No django_db mark: any database query in the error page would fail this test.
    response = anonymous.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "抱歉，服务暂时不可用" in html and "返回首页" in html and "Server Error" not in html


@override_settings(ROOT_URLCONF=__name__)
def test_an_unhandled_api_error_answers_chinese_json(anonymous):
    response = anonymous.get("/api/boom")
    assert response.status_code == 500
    assert response.json() == {"error": "服务器处理请求时出错，请稍后再试"}


@override_settings(ROOT_URLCONF=__name__)
def test_an_unhandled_error_is_logged_with_its_traceback(anonymous, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        anonymous.get("/boom/")
    (logged,) = [r for r in caplog.records if r.name == "django.request"]
    assert logged.exc_info and "故障演练" in str(logged.exc_info[1])


def _stderr_writers(logger_name):
    """The stream handlers an ERROR record of this logger reaches (pytest's own capture handlers left out)."""
    record = logging.LogRecord(logger_name, logging.ERROR, __file__, 1, "boom", None, None)
    writers, logger = [], logging.getLogger(logger_name)
    while logger:
        writers += [h for h in logger.handlers if isinstance(h, logging.StreamHandler) and record.levelno >= h.level
                    and h.filter(record) and not type(h).__module__.startswith("_pytest")]
        logger = logger.parent if logger.propagate else None
    return writers


@pytest.mark.parametrize("debug", [False, True])
def test_an_unhandled_error_reaches_stderr_exactly_once(debug):
    with override_settings(DEBUG=debug):
        assert len(_stderr_writers("django.request")) == 1


@pytest.mark.django_db
def test_feeds_survive_a_control_character_in_stored_content(demo, anonymous):
    from cms.policies.services import upsert_policy

    upsert_policy(title="关于做好\x0b道路交通安全工作的通知", doc_number="云政发〔2024〕99号", issuers=["云溪市人民政府"],
                  formed_on=date(2024, 3, 1), body_html="<p>正文。</p>")
    response = anonymous.get("/feeds/policies.atom")
    assert response.status_code == 200
    assert "关于做好道路交通安全工作的通知" in response.content.decode()


@pytest.mark.django_db
def test_bulk_publication_with_ids_that_are_not_numbers_says_so_in_chinese():
    from cms.site import roles
    from tests.factories.accounts import PASSWORD, make_user

    make_user("bulk-officer", roles.OFFICER)
    officer = Client(raise_request_exception=False)
    officer.login(username="bulk-officer", password=PASSWORD)
    response = officer.post("/admin/inbox/publish/", {"ids": ["abc", "9" * 30, "１２"]}, follow=True)
    assert response.status_code == 200
    assert "请先勾选要公开的文件" in response.content.decode()
