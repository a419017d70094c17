"""In a site group (站群) every district site is its own website: the self-inspection checks one site at a time (its
pages, its links, the 依申请公开 of its organs), each site gets its own nightly run, and the administrator reads each
site's report in the admin."""
import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from cms.site.models import NewsPage
from inspection.models import InspectionRun
from inspection.tasks import nightly_inspection
from sitegroup.models import SiteUnit
from tests.factories import inspection as planted
from tests.factories.timeliness import disclosure_request

CITY, FURONG, TIANXIN = "localhost", "furong.localhost", "tianxin.localhost"


def inspect(*args):
    out = io.StringIO()
    call_command("inspect_site", "--json", *args, stdout=out)
    return {i["code"]: i for i in json.loads(out.getvalue())["indicators"]}


def urls(indicator):
    return [item["url"] for item in indicator["items"]]


def district_news(host):
    """A published article of the district site's 工作动态."""
    root = Site.objects.get(hostname=host).root_page
    return NewsPage.objects.descendant_of(root).filter(live=True).order_by("path").first()


@pytest.fixture
def planted_group(group_demo):
    furong_article = district_news(FURONG)
    city_page = Site.objects.get(hostname=CITY).root_page.get_children().live().first()
    planted.make_legacy(furong_article, body=(
        '<p>详见<a href="/no-such-furong-page/">旧专题</a>，'
        f'市政府<a linktype="page" id="{city_page.pk}">{city_page.title}</a>。</p>'))
    furong_organ = SiteUnit.objects.get(site__hostname=FURONG).organ
    disclosure_request(timezone.localdate() - timedelta(days=120), subject="申请公开芙蓉区某道路改造批复", organ=furong_organ)
    return furong_article


def test_a_district_is_inspected_on_its_own_pages_links_and_requests(planted_group):
    furong = inspect("--site", FURONG)
    article_url = "/" + planted_group.url_path[len(Site.objects.get(hostname=FURONG).root_page.url_path):]
    dead = [(i["url"], i["detail"]) for i in furong["dead_links"]["items"]]
    assert (article_url, "链接“/no-such-furong-page/”无法访问（HTTP 404）") in dead
    # the link to a live page of the city's website is a link to another website that answers, not a dead link
    assert not [d for u, d in dead if u == article_url and "已删除或未发布" in d]
    assert any("芙蓉区某道路改造" in i["detail"] for i in furong["requests_overdue"]["items"])

    city = inspect()
    assert not any("no-such-furong-page" in i["detail"] for i in city["dead_links"]["items"])
    assert not any("芙蓉区某道路改造" in i["detail"] for i in city["requests_overdue"]["items"])

    runs = {run.site.hostname: run for run in InspectionRun.objects.select_related("site")}
    assert set(runs) == {FURONG, CITY}
    assert 0 < runs[FURONG].pages_checked < runs[CITY].pages_checked


def test_an_unknown_site_is_refused_in_chinese(group_demo):
    with pytest.raises(CommandError, match="未找到域名为“nowhere.localhost”的站点") as refused:
        call_command("inspect_site", "--site", "nowhere.localhost", stdout=io.StringIO())
    assert refused.value.returncode == 2
    assert not InspectionRun.objects.exists()


def test_every_site_gets_its_own_nightly_run_once_a_night(group_demo, settings):
    settings.INSPECT_OFFLINE = True
    nightly_inspection.delay().get()
    nightly_inspection.delay().get()
    per_site = sorted(InspectionRun.objects.values_list("site__hostname", flat=True))
    assert per_site == sorted(Site.objects.values_list("hostname", flat=True))
    assert len(per_site) == 10


def test_the_administrator_reads_and_runs_each_sites_report(admin_client, planted_group):
    call_command("inspect_site", stdout=io.StringIO())
    call_command("inspect_site", "--site", FURONG, stdout=io.StringIO())
    city_run = InspectionRun.objects.get(site__hostname=CITY)
    furong_run = InspectionRun.objects.get(site__hostname=FURONG)

    page = admin_client.get(reverse("inspection_report")).content.decode()
    assert 'id="site-picker"' in page and f'<option value="{TIANXIN}"' in page
    assert f"?run={city_run.pk}" in page and f"?run={furong_run.pk}" not in page

    page = admin_client.get(reverse("inspection_report"), {"site": FURONG}).content.decode()
    assert "芙蓉区" in page.split('id="inspected-site"')[1][:80]
    assert f"?run={furong_run.pk}" in page and f"?run={city_run.pk}" not in page

    page = admin_client.get(reverse("inspection_report"), {"site": TIANXIN}).content.decode()
    assert 'id="no-run"' in page and f"--site {TIANXIN}" in page

    page = admin_client.get(reverse("inspection_report"), {"site": "nowhere.localhost"}).content.decode()
    assert "未找到站点“nowhere.localhost”" in page and f"?run={city_run.pk}" in page

    response = admin_client.post(reverse("inspection_report"), {"site": TIANXIN})
    assert response.status_code == 302 and f"site={TIANXIN}" in response["Location"]
    assert InspectionRun.objects.get(site__hostname=TIANXIN).trigger == InspectionRun.ADMIN


def test_a_site_whose_home_lies_under_the_citys_pages_is_its_own_website(db):
    from cms.site.models import HomePage
    from publishing import services

    city_home = planted.clean_site()
    nested = services.add_draft(city_home, HomePage(title="某开发区管委会", slug="kfq"))
    services.publish(nested, mode="loader")
    planted._section(nested, "kfqdt", "开发区动态", "<p>开发区动态。</p>")
    Site.objects.create(hostname="kfq.localhost", port=80, root_page=nested, site_name="某开发区管委会")

    inspect()
    inspect("--site", "kfq.localhost")
    assert InspectionRun.objects.get(site__hostname="kfq.localhost").pages_checked == 2  # its home and its column
    with_kfq_apart = InspectionRun.objects.get(site__hostname="localhost").pages_checked

    Site.objects.filter(hostname="kfq.localhost").delete()  # no longer a website of its own: the city's pages again
    inspect()
    assert InspectionRun.objects.filter(site__hostname="localhost").first().pages_checked == with_kfq_apart + 2


def test_each_demo_district_publishes_its_own_annual_report_and_passes_its_columns(group_demo, client):
    from timeliness import annual_publication

    units = list(SiteUnit.objects.exclude(site__is_default_site=True).select_related("site", "organ"))
    assert len(units) == 9
    for unit in units:
        page = annual_publication.published_page(2025, unit.organ)
        assert page is not None and page.live, unit.organ.name
        assert page.get_parent().slug == "xxgknb"
        assert page.is_descendant_of(unit.site.root_page)
        path = "/" + page.url_path[len(unit.site.root_page.url_path):]
        served = client.get(path, HTTP_HOST=unit.site.hostname).content.decode()
        assert f"{unit.organ.name}2025年政府信息公开工作年度报告" in served
        assert "行政许可" in served and "无数据来源" not in served

    furong = inspect("--site", FURONG)
    assert furong["empty_columns"]["status"] == "pass", furong["empty_columns"]["items"]
