"""`make run` (cms.settings.dev) answers a wrong address, a refusal, a bad request and a crash with the Chinese
pages a visitor of the deployed site gets — each with the way home and the search box — not Django's English debug
pages (docs/adr/0007-make-run-shows-the-chinese-error-pages.md)."""
import importlib

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import path

from cms import urls as site_urls


def refused(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("bad")


def crash(request):
    raise RuntimeError("boom")


urlpatterns = [path("refused/", refused), path("suspicious/", suspicious), path("crash/", crash), *site_urls.urlpatterns]
handler400, handler403, handler404, handler500 = (site_urls.handler400, site_urls.handler403, site_urls.handler404,
                                                  site_urls.handler500)
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def test_make_run_settings_leave_debug_off_unless_asked(monkeypatch):
    import cms.settings.dev as dev

    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    monkeypatch.delenv("DEBUG", raising=False)
    assert importlib.reload(dev).DEBUG is False
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    assert importlib.reload(dev).DEBUG is True
    monkeypatch.delenv("DJANGO_DEBUG")
    importlib.reload(dev)


@pytest.mark.parametrize("url, status, heading", [
    ("/no-such-page/", 404, "抱歉，您访问的页面不存在"),
    ("/refused/", 403, "抱歉，您无权访问该页面"),
    ("/suspicious/", 400, "抱歉，您的请求无法处理"),
    ("/crash/", 500, "抱歉，服务暂时不可用"),
])
def test_error_pages_are_chinese_with_home_and_search(settings, url, status, heading):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get(url)
    html = response.content.decode()
    assert response.status_code == status
    assert heading in html and '<html lang="zh-CN"' in html
    assert '<a href="/">返回首页</a>' in html
    assert 'role="search" action="/search/"' in html
    for english in ("Not Found", "Server Error", "Forbidden", "Bad Request", "Traceback"):
        assert english not in html


def test_static_files_are_served_without_debug_under_make_run(settings, rf):
    """With DEBUG off, runserver serves no static files: WhiteNoise does, from the finders (no collectstatic)."""
    import cms.settings.dev as dev
    from whitenoise.middleware import WhiteNoiseMiddleware

    assert "whitenoise.middleware.WhiteNoiseMiddleware" in dev.MIDDLEWARE
    settings.DEBUG = False
    settings.WHITENOISE_USE_FINDERS, settings.WHITENOISE_AUTOREFRESH = dev.WHITENOISE_USE_FINDERS, dev.WHITENOISE_AUTOREFRESH
    settings.STATIC_ROOT = settings.BASE_DIR / "var" / "no-collectstatic-here"
    middleware = WhiteNoiseMiddleware(lambda request: pytest.fail("the static file fell through to Django"))
    for url in ("/static/css/site.css", "/static/wagtailadmin/css/core.css"):
        response = middleware(rf.get(url))
        assert response.status_code == 200, url
