"""An editor reads the history and usage of what they may edit, and nothing else: a 芙蓉区 catalogue editor is refused
天心区's and the city's items and entries (per-object views and the site-history report alike), and an editor of one
district's section of the page tree is refused the other district's pages."""
import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Page

from cms.site.models import SectionPage
from cms.site.roles import SITE_ADMIN
from tests.artifacts_log import record
from tests.factories import catalogue as f
from tests.factories.accounts import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def snippet_url(obj, view):
    return reverse(f"wagtailsnippets_openness_catalog_{obj._meta.model_name}:{view}", args=[obj.pk])


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def text_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def refused(client, url, secret, tried):
    response = client.get(url)
    tried.append(response.status_code)
    return response.status_code in (302, 403) and secret not in text_of(response)


def record_tried(name, tried):
    """Figures for the lead: URLs tried as the wrong editor and how many answered 2xx (must be 0)."""
    record(f"history_usage_as_wrong_editor.{name}", {"urls": len(tried), "answered_2xx": sum(200 <= s < 300 for s in tried)})


@pytest.fixture
def catalogue():
    city, furong, tianxin = f.column("长沙市", sort_order=0), f.column("芙蓉区", sort_order=1), f.column("天心区", sort_order=2)
    street = f.column("芙蓉区/定王台街道", parent=furong, sort_order=3)
    jiuye = f.domain("就业")
    items, entries = {}, {}
    for column in (city, furong, tianxin, street):
        items[column.name] = f.item(column, jiuye, level2=f"{column.name}专项事项")
        entries[column.name] = f.draft_entry(items[column.name], title=f"{column.name}草稿公告")
        log(items[column.name], "wagtail.create")
        log(entries[column.name], "wagtail.create")
    return {"items": items, "entries": entries, "furong_editor": f.editor("furong_ed", furong),
            "city_editor": f.editor("city_ed", city)}


VIEWS = ["history", "history_results", "usage"]


@pytest.mark.parametrize("who, own, others", [
    ("furong_editor", ["芙蓉区", "芙蓉区/定王台街道"], ["天心区", "长沙市"]),
    ("city_editor", ["长沙市"], ["芙蓉区", "天心区", "芙蓉区/定王台街道"]),
])
def test_per_object_history_and_usage_follow_the_column(client, catalogue, who, own, others):
    login(client, catalogue[who])
    tried = []
    for column in own:
        for obj in (catalogue["items"][column], catalogue["entries"][column]):
            for view in VIEWS:
                assert client.get(snippet_url(obj, view)).status_code == 200, (column, obj, view)
    for column in others:
        for obj, secret in ((catalogue["items"][column], f"{column}专项事项"), (catalogue["entries"][column], f"{column}草稿公告")):
            for view in VIEWS:
                assert refused(client, snippet_url(obj, view), secret, tried), (column, obj, view)
    record_tried(f"catalogue_{who}", tried)


@pytest.mark.parametrize("url", ["/admin/reports/site-history/", "/admin/reports/site-history/results/",
                                 "/admin/reports/site-history/?export=csv"])
def test_site_history_report_lists_only_the_editors_columns(client, catalogue, url):
    login(client, catalogue["furong_editor"])
    response = client.get(url)
    assert response.status_code == 200
    html = text_of(response)
    assert "芙蓉区草稿公告" in html and "芙蓉区专项事项" in html
    for other in ("天心区", "长沙市"):
        assert f"{other}草稿公告" not in html and f"{other}专项事项" not in html


def test_site_administrator_still_sees_every_columns_history(client, catalogue):
    login(client, make_user("sa", SITE_ADMIN))
    rows = list(csv.reader(io.StringIO(text_of(client.get("/admin/reports/site-history/?export=csv")))))
    labels = {row[1] for row in rows[1:]}
    assert {"天心区草稿公告", "长沙市草稿公告", "芙蓉区草稿公告"} <= labels
    assert client.get(snippet_url(catalogue["entries"]["天心区"], "history")).status_code == 200


@pytest.fixture
def district_sections():
    """Two district sections of the page tree and a web editor who may edit (and publish) only 芙蓉区's."""
    root = Page.get_first_root_node()
    sections = {}
    for slug, title in (("furong", "芙蓉区"), ("tianxin", "天心区")):
        section = root.add_child(instance=SectionPage(title=f"{title}政务公开", slug=slug))
        page = section.add_child(instance=SectionPage(title=f"{title}人事任免草稿", slug=f"{slug}-renmian", live=False))
        log(page, "wagtail.edit")
        sections[slug] = page
    group = Group.objects.create(name="芙蓉区网站编辑")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(group=group, page=sections["furong"].get_parent(),
                                           permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename))
    editor = make_user("furong_web")
    editor.groups.add(group)
    return {"pages": sections, "editor": editor}


def test_page_history_and_usage_follow_the_section(client, district_sections):
    login(client, district_sections["editor"])
    tried = []
    mine, theirs = district_sections["pages"]["furong"], district_sections["pages"]["tianxin"]
    for name in ("history", "history_results", "usage"):
        assert client.get(reverse(f"wagtailadmin_pages:{name}", args=[mine.pk])).status_code == 200, name
        assert refused(client, reverse(f"wagtailadmin_pages:{name}", args=[theirs.pk]), "天心区人事任免草稿", tried), name
    site_history = text_of(client.get("/admin/reports/site-history/?export=csv"))
    assert "芙蓉区人事任免草稿" in site_history and "天心区人事任免草稿" not in site_history
    record_tried("pages_district_web_editor", tried)
