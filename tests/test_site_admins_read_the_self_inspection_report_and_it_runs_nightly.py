"""The self-inspection report in the admin (站点管理员 only): the verdict per indicator with 单项否决, drill-down to
items linking to the page in the editor, the trend over runs, XLSX and printable exports, the home panel; and the
nightly beat task, which stores one run per night and checks external links with a polite client unless offline."""
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from cms.celery import app as celery_app
from cms.site import roles
from cms.site.models import SectionPage
from inspection.models import InspectionRun
from inspection.tasks import nightly_inspection
from tests.factories import inspection as site
from tests.factories.accounts import PASSWORD, make_user
from cms.site.skeleton import default_home

pytestmark = pytest.mark.django_db


def planted_site():
    home = site.clean_site()
    empty = site._section(home, "ztzl", "专题专栏")
    article = SectionPage.objects.get(slug="dt1")
    site.make_legacy(article, body='<p>参见<a href="/no-such-page/">旧专题</a>。</p>')
    return empty, article


def login(client, role):
    user = make_user(f"user-{role}", role=role)
    client.login(username=user.username, password=PASSWORD)
    return user


def test_site_admin_sees_verdict_items_with_editor_links_trend_and_exports(client):
    empty, article = planted_site()
    call_command("inspect_site", stdout=io.StringIO())
    call_command("inspect_site", stdout=io.StringIO())
    run = InspectionRun.objects.first()
    login(client, roles.SITE_ADMIN)

    page = client.get(reverse("inspection_report")).content.decode()
    assert "网站自查" in page and "未发现单项否决问题" in page
    assert "空白栏目" in page and "链接不可用" in page and "需关注" in page
    assert page.count('<td><a href="?run=') == 2  # the trend lists both runs

    drill = client.get(reverse("inspection_indicator", args=[run.pk, "dead_links"])).content.decode()
    assert "/gzdt/dt1/" in drill and "链接“/no-such-page/”无法访问（HTTP 404）" in drill
    assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in drill
    empty_drill = client.get(reverse("inspection_indicator", args=[run.pk, "empty_columns"])).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[empty.pk]) in empty_drill

    response = client.get(reverse("inspection_report"), {"run": run.pk, "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook["结论"]["B2"].value == "未发现单项否决问题"
    rows = list(workbook["链接不可用"].iter_rows(values_only=True))
    assert ("/gzdt/dt1/", "链接“/no-such-page/”无法访问（HTTP 404）",
            reverse("wagtailadmin_pages:edit", args=[article.pk])) in rows

    printable = client.get(reverse("inspection_report"), {"run": run.pk, "format": "print"}).content.decode()
    assert "@page { size: A4" in printable and "栏目“专题专栏”没有任何内容" in printable

    home_panel = client.get("/admin/").content.decode()
    assert 'id="self-inspection"' in home_panel and "未发现单项否决问题" in home_panel
    assert client.get(reverse("inspection_report"), {"run": "abc"}).status_code == 200
    assert client.get(reverse("inspection_indicator", args=[run.pk, "no_such_code"])).status_code == 404


def test_a_veto_is_shown_as_such(client):
    site.clean_site()
    from tests.factories.inspection import ID_NUMBER

    leaked = site._section(SectionPage.objects.descendant_of(default_home()).get(slug="gzdt"), "dt2", "名单", "<p>名单见下。</p>")
    site.make_legacy(leaked, body=f"<p>李四 {ID_NUMBER}</p>")
    call_command("inspect_site", stdout=io.StringIO())
    login(client, roles.SITE_ADMIN)
    page = client.get(reverse("inspection_report")).content.decode()
    assert "不合格（存在单项否决问题）" in page and "不合格（单项否决）" in page


def test_the_run_now_button_stores_a_run(client):
    planted_site()
    login(client, roles.SITE_ADMIN)
    response = client.post(reverse("inspection_report"), follow=True)
    assert "已开始自查" in response.content.decode()
    run = InspectionRun.objects.get()
    assert run.trigger == InspectionRun.ADMIN and run.result("empty_columns")["count"] == 1


def test_other_roles_cannot_open_the_report(client):
    login(client, roles.EVALUATOR)
    response = client.get(reverse("inspection_report"))
    assert response.status_code in (302, 403)
    assert not InspectionRun.objects.exists()


class _Links(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()
        self.server.seen.append(self.path)

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def outside_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Links)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_the_nightly_task_is_scheduled_stores_one_run_and_checks_external_links(settings, outside_site):
    schedule = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "inspection.tasks.nightly_inspection" in schedule
    assert "inspection.tasks.nightly_inspection" in celery_app.tasks

    site.clean_site()
    base = f"http://127.0.0.1:{outside_site.server_port}"
    article = SectionPage.objects.get(slug="dt1")
    site.make_legacy(article, body=f'<p><a href="{base}/ok">友情链接</a><a href="{base}/gone">旧网站</a></p>')
    settings.INSPECT_OFFLINE = False
    settings.INSPECTION_EXTERNAL_PAUSE = 0

    first = nightly_inspection.delay().get()
    assert nightly_inspection.delay().get() == first  # one run per night
    run = InspectionRun.objects.get()
    assert run.trigger == InspectionRun.NIGHTLY and run.external_checked
    dead = [(i["url"], i["detail"]) for i in run.result("dead_links")["items"]]
    assert dead == [("/gzdt/dt1/", f"外部链接“{base}/gone”无法访问（HTTP 404）")]
    assert sorted(set(outside_site.seen)) == ["/gone", "/ok"]


def test_offline_the_nightly_task_skips_external_links(settings, outside_site):
    site.clean_site()
    article = SectionPage.objects.get(slug="dt1")
    site.make_legacy(article, body=f'<p><a href="http://127.0.0.1:{outside_site.server_port}/gone">旧网站</a></p>')
    settings.INSPECT_OFFLINE = True
    nightly_inspection.delay().get()
    run = InspectionRun.objects.get()
    assert not run.external_checked and run.result("dead_links")["count"] == 0
    assert outside_site.seen == []
