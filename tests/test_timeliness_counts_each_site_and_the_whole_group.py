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


def test_each_site_counts_its_own_records_and_the_group_counts_all(demo):
    furong = kpis.parse_filters({"site": "furong.localhost"}).queryset()
    city = kpis.parse_filters({"site": "localhost"}).queryset()
    assert furong.count() == 2 and all("芙蓉区" in t for t in furong.values_list("title", flat=True))
    assert city.count() + 9 * 2 == PublicationRecord.objects.count()  # nine districts, two documents each
    assert not city.filter(title__contains="芙蓉区人民政府").exists()
    with pytest.raises(kpis.FilterError, match="未找到站点"):
        kpis.parse_filters({"site": "nowhere.localhost"})


def test_a_district_evaluator_sees_their_district_only(client, demo):
    user = make_user("furong-eval")
    user.groups.add(Group.objects.get(name="芙蓉区评估员"))
    assert client.login(username="furong-eval", password=PASSWORD)
    response = client.get(reverse("timeliness_dashboard"), {"format": "csv", "from": "2025-01-01", "to": "2025-12-31"})
    assert response.status_code == 200
    assert csv_header(response)["# 站点"] == "长沙市芙蓉区人民政府"
    page = client.get(reverse("timeliness_dashboard"), {"site": "localhost"}).content.decode()
    assert 'name="site"' not in page  # no site choice for a district's own evaluator


def test_the_groups_administrator_picks_a_site(admin_client, demo):
    page = admin_client.get(reverse("timeliness_dashboard")).content.decode()
    assert 'name="site"' in page and "长沙市芙蓉区人民政府" in page
    response = admin_client.get(reverse("timeliness_dashboard"), {"format": "csv", "site": "tianxin.localhost"})
    assert csv_header(response)["# 站点"] == "长沙市天心区人民政府"
    assert "未找到站点" in admin_client.get(reverse("timeliness_dashboard"), {"site": "x.localhost"}).content.decode()
