"""站群 (design §2.13): the city and nine districts on one installation. Each district host serves its own home and
columns, /api/sites lists the group, a district's editors change only their site, publishing on one site purges only
that site's cached pages, and the city's guide index lists the districts' guides with their district."""
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Site

from cms.policies.models import PolicyDocumentPage
from cms.site.skeleton import default_home
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db
FURONG = "furong.localhost"


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_a_district_host_serves_its_own_home_library_and_matrix_column(client, group_demo):
    home = client.get("/", HTTP_HOST=FURONG)
    assert home.status_code == 200 and "芙蓉区" in title(home)
    html = home.content.decode()
    assert "芙政发" not in html or "芙蓉区人民政府" in html
    assert "芙蓉区基层政务公开标准目录" in html  # its own newest policy on its home page
    assert "长沙市人民政府办公厅关于" not in html  # and not the city's
    library = client.get("/zfxxgk/zcwjk/", HTTP_HOST=FURONG).content.decode()
    assert "芙政发〔2025〕1号" in library and "天政发" not in library
    city_library = client.get("/zfxxgk/zcwjk/").content.decode()
    assert "芙政发" not in city_library
    from openness_catalog.models import Column

    column = Column.objects.get(name="芙蓉区")
    assert f'href="/jczwgk/column/{column.pk}/"' in html  # 基层政务公开 opens its own column of the 1+9 matrix
    assert client.get(f"/jczwgk/column/{column.pk}/", HTTP_HOST=FURONG).status_code == 200


def test_the_open_data_api_lists_the_city_and_its_nine_districts(client, group_demo):
    sites = client.get("/api/sites").json()
    assert len(sites) >= 10
    assert sites[0]["hostname"] == Site.objects.get(is_default_site=True).hostname
    furong = next(s for s in sites if s["hostname"] == FURONG)
    assert furong["name"] == "长沙市芙蓉区人民政府" and furong["root_url"] == "http://furong.localhost"
    for site in sites:
        assert client.get("/", HTTP_HOST=site["hostname"]).status_code == 200


def test_a_district_editor_changes_their_own_site_and_not_the_citys(client, group_demo):
    assert client.login(username="furong", password="gongkai-demo")
    furong_home = Site.objects.get(hostname=FURONG).root_page
    assert client.get(reverse("wagtailadmin_pages:edit", args=[furong_home.pk])).status_code == 200
    city_page = PolicyDocumentPage.objects.live().descendant_of(default_home()).first()
    for page in (default_home(), city_page):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code in (302, 403), page
    tianxin = Site.objects.get(hostname="tianxin.localhost").root_page
    assert client.get(reverse("wagtailadmin_pages:edit", args=[tianxin.pk])).status_code in (302, 403)


@pytest.fixture
def page_cache(settings):
    from portal import cache as page_cache

    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    page_cache.purge_all()
    yield page_cache
    page_cache.purge_all()


def test_publishing_on_a_district_purges_that_site_only(client, group_demo, page_cache):
    from datetime import date

    from cms.policies.services import library, upsert_policy

    for host in (FURONG, "localhost"):
        client.get("/zfxxgk/zcwjk/", HTTP_HOST=host)
        assert client.get("/zfxxgk/zcwjk/", HTTP_HOST=host)["X-Page-Cache"] == "hit"
    furong_home = Site.objects.get(hostname=FURONG).root_page
    upsert_policy(title="长沙市芙蓉区人民政府关于做好2026年春季防汛工作的通知", doc_number="芙政发〔2026〕3号",
                  issuers=["长沙市芙蓉区人民政府"], formed_on=date(2026, 3, 1), body_html="<p>各街道：现就防汛工作通知如下。</p>",
                  into=library(home=furong_home))
    district = client.get("/zfxxgk/zcwjk/", HTTP_HOST=FURONG)
    assert district["X-Page-Cache"] == "miss" and "春季防汛" in district.content.decode()
    assert client.get("/zfxxgk/zcwjk/", HTTP_HOST="localhost")["X-Page-Cache"] == "hit"


def test_the_citys_guide_index_lists_district_guides_with_their_district(client, group_demo):
    html = client.get("/bsfw/", {"department": "长沙市芙蓉区民政局"}).content.decode()
    assert "城乡居民最低生活保障申请" in html
    assert '<span class="badge site">芙蓉区</span>' in html
    assert "http://furong.localhost/bsfw/" in html  # the guide stays on its district's site
    own = client.get("/bsfw/", HTTP_HOST=FURONG).content.decode()
    assert "城乡居民最低生活保障申请" in own and "出生医学证明首次签发" not in own


def init(*args):
    out = StringIO()
    call_command("init_site", *args, stdout=out)
    return out.getvalue()


def test_init_site_adds_a_district_site_under_its_parent_once(client):
    init("--name", "湘江市人民政府", "--org-code", "12430100MB1A2B3C43", "--hostname", "www.xj.example.gov.cn")
    from cms.demo.sites import org_code

    args = ["--name", "湘江市岳湖区人民政府", "--org-code", org_code("430199", 1), "--parent", "www.xj.example.gov.cn",
            "--slug", "yuehu", "--column", "岳湖区"]
    out = init(*args)
    assert "新建区县站点" in out and "yuehu.www.xj.example.gov.cn" in out
    assert "已是最新" in init(*args)
    response = client.get("/zfxxgk/", HTTP_HOST="yuehu.www.xj.example.gov.cn")
    assert response.status_code == 200 and "岳湖区" in title(response)
    from sitegroup.models import SiteUnit

    unit = SiteUnit.objects.get(slug="yuehu")
    assert unit.parent.hostname == "www.xj.example.gov.cn" and unit.column.name == "岳湖区"
    with pytest.raises(CommandError, match="未找到上级站点"):
        init("--name", "某县人民政府", "--org-code", org_code("430199", 2), "--parent", "no.such.host", "--slug", "mx")
    with pytest.raises(CommandError, match="slug"):
        init("--name", "某县人民政府", "--org-code", org_code("430199", 2), "--parent", "www.xj.example.gov.cn")


def test_a_city_document_is_shown_on_district_sites_as_a_reference_not_a_copy(client, group_demo):
    from cms.policies.services import library
    from sitegroup.models import SharedDocument

    city_policy = PolicyDocumentPage.objects.live().child_of(library()).exclude(
        pk__in=SharedDocument.objects.values("page_id")).first()
    copies_before = PolicyDocumentPage.objects.count()
    assert client.login(username="siteadmin", password="gongkai-demo")
    url = reverse("sitegroup_share", args=[city_policy.pk])
    form = client.get(url).content.decode()
    assert "芙蓉区" in form and "宁乡市" in form
    furong, tianxin = Site.objects.get(hostname=FURONG), Site.objects.get(hostname="tianxin.localhost")
    assert client.post(url, {"site": [furong.pk]}).status_code == 302
    client.logout()
    html = client.get("/zfxxgk/zcwjk/", HTTP_HOST=FURONG).content.decode()
    section = html[html.index('id="shared-documents"'):]
    assert city_policy.title in section and f"http://localhost{city_policy.url}" in section  # the issuer's page
    assert city_policy.index_number in section  # its own 索引号
    assert city_policy.title not in client.get("/zfxxgk/zcwjk/", HTTP_HOST="tianxin.localhost").content.decode()
    assert PolicyDocumentPage.objects.count() == copies_before  # no copy made
    # a district's document cannot be pushed up or sideways, and a district editor cannot push at all
    furong_policy = PolicyDocumentPage.objects.live().descendant_of(furong.root_page).first()
    from sitegroup import sharing

    with pytest.raises(sharing.ShareRefused, match="不是发文站点的下级站点"):
        sharing.share(furong_policy, [tianxin])
    assert client.login(username="furong", password="gongkai-demo")
    assert client.get(url).status_code in (302, 403)


def test_a_district_organs_document_goes_to_the_district_library(client, group_demo):
    from datetime import date

    from cms.policies.services import upsert_policy

    page, outcome = upsert_policy(title="长沙市芙蓉区人民政府关于做好2026年文明城市创建工作的通知", doc_number="芙政发〔2026〕9号",
                                  issuers=["长沙市芙蓉区人民政府"], formed_on=date(2026, 2, 2),
                                  body_html="<p>各街道：现就创建工作通知如下。</p>")
    assert outcome == "created"
    assert page.get_url_parts()[1] == "http://furong.localhost"
    assert "文明城市创建" in client.get("/zfxxgk/zcwjk/", HTTP_HOST=FURONG).content.decode()
    assert "文明城市创建" not in client.get("/zfxxgk/zcwjk/").content.decode()


def test_a_district_officer_works_on_their_districts_documents_only(client, group_demo):
    from django.contrib.auth.models import Group

    from tests.factories.accounts import make_user
    from tests.factories.importers import import_fixture

    city_doc = import_fixture("01_tongzhi_basic.docx")
    assert city_doc.submission_id
    officer = make_user("furong-officer")
    officer.groups.add(Group.objects.get(name="芙蓉区文件管理员"))
    assert client.login(username="furong-officer", password=PASSWORD)
    inbox = client.get(reverse("publishing_inbox"))
    assert inbox.status_code == 200 and city_doc.title not in inbox.content.decode()
    response = client.post(reverse("publishing_publish_one", args=[city_doc.pk]))
    assert response.status_code in (302, 403) and response.get("Location", "") != reverse("publishing_inbox")
    city_doc.submission.refresh_from_db()
    assert city_doc.submission.page_id is None  # nothing was published
    client.logout()
    assert client.login(username="officer", password="gongkai-demo")  # the group's officer sees it
    assert city_doc.title in client.get(reverse("publishing_inbox")).content.decode()


def test_each_site_has_its_own_policy_feed_and_sitemap(client, group_demo):
    feed = client.get("/feeds/policies.atom", HTTP_HOST=FURONG).content.decode()
    assert "芙政发" in feed or "芙蓉区基层政务公开标准目录" in feed
    assert "长沙市人民政府关于进一步优化营商环境" not in feed
    assert "http://furong.localhost/zfxxgk/zcwjk/" in feed
    sitemap = client.get("/sitemap.xml", HTTP_HOST=FURONG).content.decode()
    assert "<loc>http://furong.localhost/zfxxgk/</loc>" in sitemap and "tianxin" not in sitemap
    city = client.get("/sitemap.xml").content.decode()
    assert "furong.localhost" not in city and "<loc>http://testserver/zfxxgk/</loc>" in city
    # the 1+9 matrix is listed by the group's own site
    assert "<loc>http://testserver/jczwgk/</loc>" in city and "<loc>http://furong.localhost/jczwgk/</loc>" not in sitemap
    assert client.get("/sitemap-jczwgk.xml", HTTP_HOST=FURONG).status_code == 404
    assert "sitemap-jczwgk" not in client.get("/robots.txt", HTTP_HOST=FURONG).content.decode()
