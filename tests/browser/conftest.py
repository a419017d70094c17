"""Browser journeys: Playwright for Python driving Debian's chromium (no browser download), headless, against
pytest-django's live server with the demo content loaded in a transactional database."""
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path():
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/chromium/chromium", "/usr/bin/chromium"):
        if os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        pytest.fail("没有找到 chromium：请先运行 scripts/install-system-packages（浏览器测试使用 Debian 的 chromium）")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


@pytest.fixture
def demo_site(live_server, transactional_db, settings):
    """The demo site behind a live server. The page cache is on, as in production."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from portal import cache as page_cache

    call_command("load_demo", stdout=open(os.devnull, "w"))
    # load_demo's permission sync clears the content-type cache; refill it while the ids still match the serialized
    # data, or restoring that data for the next transactional test re-creates content types and collides.
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    page_cache.purge_all()
    yield live_server.url
    page_cache.purge_all()


class Journey:
    """A browser page plus helpers: numbered screenshots under tests/artifacts/, and axe-core checks."""

    def __init__(self, page, name, base_url):
        self.page, self.name, self.base_url, self.step = page, name, base_url, 0
        self.axe_checked = {}

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        return response

    def shot(self, label, **kwargs):
        ARTIFACTS.mkdir(exist_ok=True)
        self.step += 1
        path = ARTIFACTS / f"{self.name}-{self.step:02d}-{label}.png"
        self.page.screenshot(path=str(path), full_page=True, **kwargs)
        return path

    def artifact(self, filename):
        ARTIFACTS.mkdir(exist_ok=True)
        return ARTIFACTS / f"{self.name}-{filename}"

    def axe(self, page_type):
        """Run the vendored axe-core (from the axe-playwright-python wheel, no CDN) and fail on serious/critical."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page)
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        self.axe_checked[page_type] = len(results.response["violations"])
        assert not bad, f"{page_type} ({self.page.url}): " + "; ".join(
            f"{v['id']} [{v['impact']}] {v['help']}: " + ", ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:3])
            for v in bad
        )


@pytest.fixture
def journey(browser, demo_site, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Journey(page, request.node.name.removeprefix("test_"), demo_site)
    context.close()


@pytest.fixture
def phone(browser, demo_site, request):
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Journey(page, request.node.name.removeprefix("test_"), demo_site)
    context.close()
