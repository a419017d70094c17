"""Per-column permissions over HTTP through the admin: a 芙蓉区 editor edits only 芙蓉区; the city editor edits
the city column and not 芙蓉区. Lists, edit, create, delete, publish, bulk actions and the Excel import agree."""
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from cms.site.roles import SITE_ADMIN
from openness_catalog import standard
from openness_catalog.models import CatalogueItem, Entry
from tests.factories import catalogue as f
from tests.factories.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(f"wagtailsnippets_openness_catalog_{model}:{view}", args=args)


def refused(response):
    return response.status_code == 302 and response["Location"].startswith("/admin/") and "/snippets/" not in response["Location"]


@pytest.fixture
def world(client):
    city, furong, tianxin = f.column("长沙市", sort_order=0), f.column("芙蓉区", sort_order=1), f.column("天心区", sort_order=2)
    jiuye = f.domain("就业")
    items = {c.name: f.item(c, jiuye, level2=f"{c.name}专项", subject=f"{c.name}人社局") for c in (city, furong, tianxin)}
    entries = {name: f.draft_entry(item, title=f"{name}就业补贴公告") for name, item in items.items()}
    users = {"furong": f.editor("furong_ed", furong), "city": f.editor("city_ed", city)}
    return {"columns": {"长沙市": city, "芙蓉区": furong, "天心区": tianxin}, "domain": jiuye, "items": items,
            "entries": entries, "users": users}


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def item_post(item, **changes):
    data = {"column": item.column_id, "domain": item.domain_id, "serial": 1, "level1": item.level1, "level2": item.level2,
            "content": item.content, "basis": item.basis, "time_limit_text": item.time_limit_text, "subject": item.subject,
            "channels": item.channels, "audience": item.audience, "mode": item.mode, "levels": item.levels}
    data.update(changes)
    return data


@pytest.mark.parametrize("who, own, other", [("furong", "芙蓉区", "长沙市"), ("city", "长沙市", "芙蓉区")])
def test_lists_show_only_own_column(client, world, who, own, other):
    login(client, world["users"][who])
    html = client.get(url("entry", "list")).content.decode()
    assert f"{own}就业补贴公告" in html and f"{other}就业补贴公告" not in html and "天心区就业补贴公告" not in html
    html = client.get(url("catalogueitem", "list")).content.decode()
    assert f"{own}专项" in html and f"{other}专项" not in html and "天心区专项" not in html
    assert "天心区</option>" not in html  # the column filter offers only the editor's columns


@pytest.mark.parametrize("who, own, other", [("furong", "芙蓉区", "长沙市"), ("city", "长沙市", "芙蓉区")])
def test_edit_and_delete_own_but_not_the_other_column(client, world, who, own, other):
    login(client, world["users"][who])
    mine, theirs = world["items"][own], world["items"][other]
    assert client.get(url("catalogueitem", "edit", mine.pk)).status_code == 200
    assert refused(client.get(url("catalogueitem", "edit", theirs.pk)))

    response = client.post(url("catalogueitem", "edit", theirs.pk), item_post(theirs, level1="被篡改的事项"))
    assert refused(response)
    theirs.refresh_from_db()
    assert theirs.level1 == "就业创业政策"

    response = client.post(url("catalogueitem", "edit", mine.pk), item_post(mine, level1="就业创业扶持政策"))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.level1 == "就业创业扶持政策"

    their_entry, my_entry = world["entries"][other], world["entries"][own]
    assert refused(client.get(url("entry", "edit", their_entry.pk)))
    assert refused(client.post(url("entry", "delete", their_entry.pk)))
    assert Entry.objects.filter(pk=their_entry.pk).exists()
    client.post(url("entry", "delete", my_entry.pk))
    assert not Entry.objects.filter(pk=my_entry.pk).exists()


def test_cannot_file_entries_or_items_under_another_column(client, world):
    login(client, world["users"]["furong"])
    tianxin_item = world["items"]["天心区"]
    response = client.post(url("entry", "add"), {"item": tianxin_item.pk, "title": "越权信息", "body": "正文", "formed_on": "2025-03-03", "unit": ""})
    assert response.status_code == 200 and not Entry.objects.filter(title="越权信息").exists()
    response = client.post(url("catalogueitem", "add"), item_post(tianxin_item, column=world["columns"]["天心区"].pk, level1="越权事项"))
    assert response.status_code == 200 and not CatalogueItem.objects.filter(level1="越权事项").exists()
    # own column works
    response = client.post(url("entry", "add"), {"item": world["items"]["芙蓉区"].pk, "title": "芙蓉区新信息", "body": "正文", "formed_on": "2025-03-03", "unit": ""})
    assert response.status_code == 302 and Entry.objects.get(title="芙蓉区新信息").status == Entry.DRAFT


def test_publish_and_withdraw_are_guarded_by_column(client, world):
    login(client, world["users"]["furong"])
    theirs, mine = world["entries"]["天心区"], world["entries"]["芙蓉区"]
    assert refused(client.get(reverse("catalogue_admin_publish", args=[theirs.pk])))
    assert refused(client.post(reverse("catalogue_admin_publish", args=[theirs.pk])))
    theirs.refresh_from_db()
    assert theirs.status == Entry.DRAFT
    assert client.post(reverse("catalogue_admin_publish", args=[mine.pk])).status_code == 302
    mine.refresh_from_db()
    assert mine.status == Entry.PUBLISHED and mine.published_at is not None
    # the published entry cannot be deleted, only withdrawn with a reason
    assert refused(client.post(url("entry", "delete", mine.pk)))
    page = client.post(reverse("catalogue_admin_withdraw", args=[mine.pk]), {"reason": ""})
    assert "撤回必须填写理由" in page.content.decode()
    client.post(reverse("catalogue_admin_withdraw", args=[mine.pk]), {"reason": "数据有误"})
    mine.refresh_from_db()
    assert mine.status == Entry.WITHDRAWN


def test_refused_publication_lists_the_reasons(client, world):
    login(client, world["users"]["furong"])
    entry = world["entries"]["芙蓉区"]
    Entry.objects.filter(pk=entry.pk).update(body="低保对象李某，手机13812345678")
    html = client.post(reverse("catalogue_admin_publish", args=[entry.pk])).content.decode()
    assert "不能发布" in html and "手机号码" in html
    entry.refresh_from_db()
    assert entry.status == Entry.DRAFT


def test_bulk_delete_skips_other_columns(client, world):
    login(client, world["users"]["furong"])
    theirs = world["entries"]["天心区"]
    bulk = reverse("wagtail_bulk_action", args=["openness_catalog", "entry", "delete"]) + f"?id={theirs.pk}"
    client.post(bulk)
    assert Entry.objects.filter(pk=theirs.pk).exists()
    mine = world["entries"]["芙蓉区"]
    client.post(reverse("wagtail_bulk_action", args=["openness_catalog", "entry", "delete"]) + f"?id={mine.pk}")
    assert not Entry.objects.filter(pk=mine.pk).exists()  # the same action works on the editor's own column


def test_excel_import_refuses_rows_of_other_columns(client, world):
    login(client, world["users"]["furong"])
    wb = Workbook()
    ws = wb.active
    ws.append(standard.EXCEL_HEADERS)
    ws.append(["芙蓉区", "就业", 2, "就业服务", "招聘会信息", "时间地点", "依据", "实时公开", "芙蓉区人社局", "政府网站", "全社会", "主动", "县级"])
    ws.append(["天心区", "就业", 2, "就业服务", "招聘会信息", "时间地点", "依据", "实时公开", "天心区人社局", "政府网站", "全社会", "主动", "县级"])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "catalogue.xlsx"
    html = client.post(reverse("catalogue_admin_import"), {"file": buffer}).content.decode()
    assert "第3行" in html and "天心区" in html and "目录编辑" in html
    assert CatalogueItem.objects.filter(column__name="芙蓉区", level1="就业服务").exists()
    assert not CatalogueItem.objects.filter(column__name="天心区", level1="就业服务").exists()


def test_site_administrator_edits_every_column(client, world):
    admin = make_user("sa", SITE_ADMIN)
    login(client, admin)
    for item in world["items"].values():
        assert client.get(url("catalogueitem", "edit", item.pk)).status_code == 200


def test_anonymous_cannot_reach_editor_views(client, world):
    entry = world["entries"]["芙蓉区"]
    response = client.post(reverse("catalogue_admin_publish", args=[entry.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    entry.refresh_from_db()
    assert entry.status == Entry.DRAFT
