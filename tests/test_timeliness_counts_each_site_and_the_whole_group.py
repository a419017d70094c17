"""发布时效统计 per site of the group (站群): the group's administrators choose a site or see the whole group; a
district's own evaluator sees their district only, whatever they ask for."""
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from publishing.models import PublicationRecord
from tests.factories.accounts import PASSWORD, make_user
from timeliness import kpis

pytestmark = pytest.mark.django_db


def csv_header(response):
    lines = response.content.decode("utf-8-sig").splitlines()
    return dict(line.split(",", 1) for line in lines if line.startswith("# "))


def test_each_site_counts_its_own_records_and_the_group_counts_all(group_demo):
    furong = kpis.parse_filters({"site": "furong.localhost"}).queryset()
    city = kpis.parse_filters({"site": "localhost"}).queryset()
    assert furong.count() == 2 and all("芙蓉区" in t for t in furong.values_list("title", flat=True))
    assert city.count() + 9 * 2 == PublicationRecord.objects.count()  # nine districts, two documents each
    assert not city.filter(title__contains="芙蓉区人民政府").exists()
    with pytest.raises(kpis.FilterError, match="未找到站点"):
        kpis.parse_filters({"site": "nowhere.localhost"})


def test_a_district_evaluator_sees_their_district_only(client, group_demo):
    user = make_user("furong-eval")
    user.groups.add(Group.objects.get(name="芙蓉区评估员"))
    assert client.login(username="furong-eval", password=PASSWORD)
    response = client.get(reverse("timeliness_dashboard"), {"format": "csv", "from": "2025-01-01", "to": "2025-12-31"})
    assert response.status_code == 200
    assert csv_header(response)["# 站点"] == "长沙市芙蓉区人民政府"
    page = client.get(reverse("timeliness_dashboard"), {"site": "localhost"}).content.decode()
    assert 'name="site"' not in page  # no site choice for a district's own evaluator


def test_the_groups_administrator_picks_a_site(admin_client, group_demo):
    page = admin_client.get(reverse("timeliness_dashboard")).content.decode()
    assert 'name="site"' in page and "长沙市芙蓉区人民政府" in page
    response = admin_client.get(reverse("timeliness_dashboard"), {"format": "csv", "site": "tianxin.localhost"})
    assert csv_header(response)["# 站点"] == "长沙市天心区人民政府"
    assert "未找到站点" in admin_client.get(reverse("timeliness_dashboard"), {"site": "x.localhost"}).content.decode()


def test_a_districts_annual_report_goes_to_its_own_site_and_its_evaluator_sees_only_it(client, group_demo):
    from publishing.models import Organ
    from timeliness import annual_publication
    from timeliness.models import AnnualReport

    furong = Organ.objects.get(name="长沙市芙蓉区人民政府")
    # the demo published the district's report; the district's site administrator republishes it after an edit
    AnnualReport.objects.update_or_create(year=2025, organ=furong, defaults={"problems": "街道层面公开目录更新不够及时。"})
    page = annual_publication.publish_report(2025, furong)
    assert page.live and page.get_url_parts()[1] == "http://furong.localhost"
    assert page.get_parent().slug == "xxgknb"
    column = client.get("/zfxxgk/xxgknb/", HTTP_HOST="furong.localhost").content.decode()
    assert page.title in column
    assert "街道层面公开目录更新不够及时" in client.get(page.get_url_parts()[2], HTTP_HOST="furong.localhost").content.decode()
    assert page.title not in client.get("/zfxxgk/xxgknb/").content.decode()

    user = make_user("furong-eval2")
    user.groups.add(Group.objects.get(name="芙蓉区评估员"))
    assert client.login(username="furong-eval2", password=PASSWORD)
    city = Organ.objects.get(name="长沙市人民政府")
    html = client.get(reverse("timeliness_annual_report"), {"year": 2025, "organ": city.pk}).content.decode()
    assert "长沙市芙蓉区人民政府" in html and "长沙市人民政府2025年" not in html
