"""Editors see coverage and 待更新 for their own columns on the admin home and the dashboard; site administrators
rename domains in the admin; the demo has the 1+9 columns, 26 domains, items and published entries on the map."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.site.roles import SITE_ADMIN
from openness_catalog.models import CatalogueItem, Column, Domain, DomainChange, Entry
from openness_catalog.services import publish_entry
from publishing.models import PublicationRecord
from tests.factories import catalogue as f
from tests.factories.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def furong_world():
    furong, tianxin = f.column("芙蓉区", sort_order=1), f.column("天心区", sort_order=2)
    jiuye, jiuzhu, zhufang = f.domain("就业", 0), f.domain("社会救助", 1), f.domain("保障性住房", 2)
    old = f.item(furong, jiuye, level1="就业服务")  # 20 working days, newest entry 60 days old → stale
    today = timezone.localdate()
    publish_entry(f.draft_entry(old, formed_on=today - timedelta(days=61)), imported_published_on=today - timedelta(days=60))
    fresh = f.item(furong, jiuzhu, level1="临时救助", time_limit_text="及时公开")
    publish_entry(f.draft_entry(fresh, title="临时救助公示"))
    f.item(tianxin, zhufang, level1="天心区公租房配租")  # another column: never on the 芙蓉区 dashboard
    CatalogueItem.objects.filter(column=tianxin).update(update_due_on=today - timedelta(days=5))
    return {"furong": furong, "old": old}


def test_dashboard_shows_own_coverage_and_stale_items(client, furong_world):
    editor = f.editor("dash_ed", furong_world["furong"])
    assert client.login(username=editor.username, password=PASSWORD)
    html = client.get(reverse("catalogue_admin_dashboard")).content.decode()
    assert "芙蓉区" in html and "2/3" in html and "67%" in html  # 就业 and 社会救助 covered, 保障性住房 empty
    assert "就业服务" in html and "待更新事项（1项）" in html
    assert "天心区公租房配租" not in html
    home = client.get("/admin/").content.decode()
    assert "基层政务公开目录：1项待更新" in home and "2/3" in home


def test_editor_without_columns_sees_no_panel(client, furong_world):
    loner = f.editor("loner")
    assert client.login(username=loner.username, password=PASSWORD)
    assert "基层政务公开目录" not in client.get("/admin/").content.decode()


def test_site_admin_renames_a_domain_and_editors_cannot(client, furong_world):
    fupin = f.domain("扶贫", 9)
    editor = f.editor("rn_ed", furong_world["furong"])
    assert client.login(username=editor.username, password=PASSWORD)
    response = client.post(reverse("catalogue_admin_domain_rename", args=[fupin.pk]), {"new_name": "乡村振兴"})
    assert response.status_code == 302 and Domain.objects.get(pk=fupin.pk).name == "扶贫"
    admin = make_user("rn_admin", SITE_ADMIN)
    assert client.login(username=admin.username, password=PASSWORD)
    html = client.post(reverse("catalogue_admin_domain_rename", args=[fupin.pk]), {"new_name": "就业"}).content.decode()
    assert "已有名为“就业”的领域" in html
    client.post(reverse("catalogue_admin_domain_rename", args=[fupin.pk]), {"new_name": "乡村振兴", "reason": "机构改革"})
    fupin.refresh_from_db()
    assert fupin.name == "乡村振兴" and fupin.former_names == ["扶贫"]
    assert DomainChange.objects.get(domain=fupin).reason == "机构改革"


def test_demo_map_has_the_one_plus_nine_columns_and_published_entries(client, demo):
    data = client.get("/api/catalogue/matrix").json()
    assert data["columns"] == ["长沙市", "芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县", "浏阳市", "宁乡市"]
    assert len(data["domains"]) == 26 and len(data["cells"]) == 260
    filled = [c for c in data["cells"] if c["entries"]]
    assert len({c["domain"] for c in filled}) >= 6 and len({c["column"] for c in filled}) == 10
    assert any(c["stale"] for c in data["cells"])
    published = Entry.objects.filter(status=Entry.PUBLISHED)
    assert published.count() >= 50
    keys = [f"catalogue_entry:{pk}" for pk in published.values_list("pk", flat=True)]
    assert PublicationRecord.objects.filter(doc_type="catalogue_entry", source_key__in=keys).count() == published.count()
    assert Column.objects.get(name="芙蓉区").editors.filter(username="editor").exists()
    section = client.get("/zfxxgk/jczwgk/").content.decode()
    assert 'href="/jczwgk/"' in section
    entry = published.first()
    assert client.get(entry.get_absolute_url()).status_code == 200
