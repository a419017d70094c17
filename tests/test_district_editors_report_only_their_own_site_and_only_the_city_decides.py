"""Roles per site of the group: a district's 站点编辑 reports only pages of their own site, sees only their site's
reports, cannot adopt or return, and cannot edit the city site's pages; the city's 站点管理员 (and superusers) decide."""
import pytest
from django.contrib.auth.models import Group

from reporting import services
from reporting.models import PENDING, Report
from tests.factories import reporting as factory
from tests.factories.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sg():
    return factory.site_group()


@pytest.fixture
def furong_news(sg):
    return factory.news(sg.furong.site.root_page.specific, "jmzs", "芙蓉区召开政务公开推进会")


@pytest.fixture
def tianxin_news(sg):
    return factory.news(sg.tianxin.site.root_page.specific, "jmzs", "天心区召开政务公开推进会")


def test_the_roles_hold_the_reporting_permissions(sg):
    editors = Group.objects.get(name="芙蓉区站点编辑")
    assert set(editors.permissions.filter(content_type__app_label="reporting").values_list("codename", flat=True)) == \
        {"add_report", "view_report"}
    assert sg.furong_editor.has_perm(services.SUBMIT) and not sg.furong_editor.has_perm(services.DECIDE)
    assert sg.site_admin.has_perm(services.DECIDE)


def test_a_district_editor_cannot_report_another_districts_page(sg, tianxin_news):
    with pytest.raises(services.ReportRefused) as refused:
        services.submit(tianxin_news, sg.furong_editor)
    assert refused.value.reasons == ["您不是天心区站点的编辑，只能报送本站点的信息"]
    assert not Report.objects.exists()


def test_a_user_without_a_site_role_cannot_report(sg, furong_news):
    nobody = make_user("nobody")
    with pytest.raises(services.ReportRefused):
        services.submit(furong_news, nobody)


def test_a_district_editor_cannot_adopt_or_return(sg, furong_news):
    report = services.submit(furong_news, sg.furong_editor)
    for act in (lambda: services.accept(report, sg.furong_editor),
                lambda: services.return_report(report, sg.furong_editor, "理由")):
        with pytest.raises(services.ReportRefused) as refused:
            act()
        assert refused.value.reasons == ["只有上级站点的管理员可以采用或退回报送信息"]
    report.refresh_from_db()
    assert report.status == PENDING and report.adopted_page is None


def test_a_district_editor_cannot_edit_the_city_sites_pages(sg, furong_news):
    city_news = factory.news(sg.city_home, "city", "市级动态")
    assert not city_news.permissions_for_user(sg.furong_editor).can_edit()
    assert not sg.city_home.permissions_for_user(sg.furong_editor).can_add_subpage()
    assert furong_news.permissions_for_user(sg.furong_editor).can_edit()


def test_a_superuser_decides_too(sg, furong_news):
    admin = make_user("root", is_superuser=True)
    report = services.accept(services.submit(furong_news, sg.furong_editor), admin)
    assert report.adopted_page.live


def test_each_district_sees_only_its_own_reports_and_the_city_sees_all(sg, furong_news, tianxin_news):
    mine = services.submit(furong_news, sg.furong_editor)
    theirs = services.submit(tianxin_news, sg.tianxin_editor)
    assert list(services.visible_reports(sg.furong_editor)) == [mine]
    assert list(services.visible_reports(sg.tianxin_editor)) == [theirs]
    assert set(services.visible_reports(sg.site_admin)) == {mine, theirs}
    assert set(services.decidable_reports(sg.site_admin)) == {mine, theirs}
    assert not services.decidable_reports(sg.furong_editor).exists()


def test_in_the_admin_a_district_editor_is_refused_another_sites_report_and_the_decision(sg, client, furong_news, tianxin_news):
    theirs = services.submit(tianxin_news, sg.tianxin_editor)
    mine = services.submit(furong_news, sg.furong_editor)
    assert client.login(username="fr-editor", password=PASSWORD)
    assert client.get(f"/admin/reporting/{theirs.pk}/").status_code == 404
    response = client.post(f"/admin/reporting/{mine.pk}/", {"action": "accept"})
    assert response.status_code == 403
    assert "只有上级站点的管理员可以采用或退回报送信息" in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == PENDING
    response = client.post("/admin/reporting/submit/", {"page": tianxin_news.pk})
    assert response.status_code == 400 and "只能报送本站点的信息" in response.content.decode()
    # The editor's page listing does not offer the city's pages for editing.
    assert client.get(f"/admin/pages/{sg.city_home.pk}/edit/").status_code in (302, 403)
