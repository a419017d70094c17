"""信息报送: a district editor reports a live 工作动态 of their own site to the city; the city's 站点管理员 adopts it —
a 工作动态 article goes live on the city site through the publication gate, naming the district and linking the
original — and the statistics count it."""
import pytest

from cms.site.models import NewsPage
from reporting import services
from reporting.models import ACCEPTED, PENDING, Report
from tests.factories import reporting as factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sg():
    return factory.site_group()


def test_submission_records_the_source_and_the_parent_site(sg):
    page = factory.news(sg.furong.site.root_page.specific, "jmzs", "芙蓉区召开政务公开推进会", source="芙蓉区人民政府办公室")
    report = services.submit(page, sg.furong_editor)
    assert report.status == PENDING and report.get_status_display() == "待审核"
    assert report.source_site == sg.furong.site and report.target_site == sg.city.site
    assert report.source_page_id == page.pk and report.submitted_by == sg.furong_editor and report.submitted_at
    assert report.source_url == "http://furong.localhost/gzdt/jmzs/"


def test_a_page_is_reported_once_while_it_waits(sg):
    page = factory.news(sg.furong.site.root_page.specific, "jmzs", "芙蓉区召开政务公开推进会")
    services.submit(page, sg.furong_editor)
    with pytest.raises(services.ReportRefused) as refused:
        services.submit(page, sg.furong_editor)
    assert refused.value.reasons == ["该信息已经报送，正在等待上级审核，请勿重复报送"]
    assert Report.objects.count() == 1


def test_drafts_and_city_pages_cannot_be_reported(sg):
    column = factory.news(sg.furong.site.root_page.specific, "a", "已发布").get_parent()
    from publishing import services as publishing

    draft = publishing.add_draft(column, NewsPage(slug="draft", title="草稿", body="<p>草稿</p>"))
    with pytest.raises(services.ReportRefused) as refused:
        services.submit(draft, sg.furong_editor)
    assert "该信息尚未发布，发布后才能报送" in refused.value.reasons
    city_news = factory.news(sg.city_home, "city", "市级动态")
    with pytest.raises(services.ReportRefused) as refused:
        services.submit(city_news, sg.site_admin)
    assert "该信息所在站点没有上级站点，无需报送" in refused.value.reasons
    with pytest.raises(services.ReportRefused) as refused:
        services.submit(sg.city_home, sg.site_admin)
    assert refused.value.reasons == ["只能报送工作动态或政策文件"]


def test_adoption_publishes_a_news_article_on_the_city_site_naming_the_district(sg, client):
    page = factory.news(sg.furong.site.root_page.specific, "jmzs", "芙蓉区召开政务公开推进会", source="区政府办公室")
    report = services.accept(services.submit(page, sg.furong_editor), sg.site_admin)
    assert report.status == ACCEPTED and report.decided_by == sg.site_admin and report.decided_at
    adopted = report.adopted_page.specific
    assert isinstance(adopted, NewsPage) and adopted.live
    assert adopted.get_parent().slug == "gzdt" and adopted.get_parent().get_parent().pk == sg.city_home.pk
    assert adopted.source == "芙蓉区　区政府办公室"
    assert 'href="http://furong.localhost/gzdt/jmzs/"' in adopted.body
    # Published through the gate: the page has the history of a publication.
    assert adopted.first_published_at and adopted.live_revision_id

    response = client.get(adopted.url, HTTP_HOST="localhost")
    text = response.content.decode()
    assert response.status_code == 200
    assert "芙蓉区召开政务公开推进会" in text and "来源：芙蓉区　区政府办公室" in text
    assert "http://furong.localhost/gzdt/jmzs/" in text

    from reporting import stats

    monthly, _totals, grand = stats.rows(Report.objects.all())
    assert [(r.unit, r.submitted, r.accepted, r.returned, r.rate_text) for r in monthly] == [("芙蓉区", 1, 1, 0, "100%")]
    assert (grand.submitted, grand.accepted) == (1, 1)


def test_adoption_makes_the_news_column_when_the_city_has_none(sg):
    assert not sg.city_home.get_children().filter(slug="gzdt").exists()
    page = factory.news(sg.furong.site.root_page.specific, "jmzs", "芙蓉区动态")
    services.accept(services.submit(page, sg.furong_editor), sg.site_admin)
    sg.city_home.refresh_from_db()
    column = sg.city_home.get_children().get(slug="gzdt")
    assert column.title == "工作动态" and column.live


def test_a_page_adopted_once_cannot_be_reported_again(sg):
    page = factory.news(sg.furong.site.root_page.specific, "jmzs", "芙蓉区动态")
    report = services.accept(services.submit(page, sg.furong_editor), sg.site_admin)
    with pytest.raises(services.ReportRefused) as refused:
        services.submit(page, sg.furong_editor)
    assert refused.value.reasons == ["该信息已被上级站点采用，不能重复报送"]
    with pytest.raises(services.ReportRefused) as refused:
        services.accept(report, sg.site_admin)
    assert refused.value.reasons == ["该报送已处理（已采用），不能再次审核"]


def test_an_adopted_policy_links_its_district_page_and_never_copies_the_index_number(sg, client):
    policy = factory.policy(sg.furong, "芙蓉区人民政府关于做好医疗保险参保工作的通知", "芙政发〔2025〕1号")
    assert policy.index_number
    report = services.accept(services.submit(policy, sg.furong_editor), sg.site_admin)
    assert report.kind == "policy"
    adopted = report.adopted_page.specific
    assert isinstance(adopted, NewsPage) and adopted.live
    assert policy.get_full_url().startswith("http://furong.localhost/")
    assert f'href="{policy.get_full_url()}"' in adopted.body
    assert policy.index_number not in adopted.body and policy.index_number not in adopted.title
    assert "芙政发〔2025〕1号" in adopted.body
    text = client.get(adopted.url, HTTP_HOST="localhost").content.decode()
    assert policy.index_number not in text


def test_in_the_admin_the_district_submits_from_the_page_listing_and_the_city_adopts(sg, client):
    from tests.factories.accounts import PASSWORD

    page = factory.news(sg.furong.site.root_page.specific, "jmzs", "芙蓉区召开政务公开推进会")
    assert client.login(username="fr-editor", password=PASSWORD)
    listing = client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
    assert f"/admin/reporting/submit/?page={page.pk}" in listing and "报送上级" in listing
    confirm = client.get(f"/admin/reporting/submit/?page={page.pk}")
    assert confirm.status_code == 200 and "报送至长沙市" in confirm.content.decode()
    response = client.post("/admin/reporting/submit/", {"page": page.pk}, follow=True)
    text = response.content.decode()
    assert "已报送《芙蓉区召开政务公开推进会》至长沙市，等待审核" in text and "待审核" in text
    report = Report.objects.get()
    client.logout()

    assert client.login(username="city-admin", password=PASSWORD)
    queue = client.get("/admin/reporting/").content.decode()
    assert "待审核（1）" in queue and f"/admin/reporting/{report.pk}/" in queue
    response = client.post(f"/admin/reporting/{report.pk}/", {"action": "accept"}, follow=True)
    assert "已采用《芙蓉区召开政务公开推进会》" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ACCEPTED and report.adopted_page.live
    client.logout()

    assert client.login(username="fr-editor", password=PASSWORD)
    mine = client.get("/admin/reporting/").content.decode()
    assert "已采用" in mine and "查看采用稿" in mine
