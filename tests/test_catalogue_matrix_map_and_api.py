"""The 基层政务公开地图 for citizens and GET /api/catalogue/matrix (design §2.10): counts per column × domain,
last update, 待更新, township roll-up, links through to cell, item and entry pages with the catalogue facts."""
import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openness_catalog.models import Entry
from openness_catalog.services import merge_domains, publish_entry, refresh_items, rename_domain, withdraw_entry
from publishing.models import PublicationRecord
from tests.factories import catalogue as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    city, furong = f.column("长沙市", sort_order=0), f.column("芙蓉区", sort_order=1)
    street = f.column("五里牌街道", parent=furong, sort_order=9)
    jiuye, jiuzhu = f.domain("就业", 0), f.domain("社会救助", 1)
    policy = f.item(furong, jiuye, level1="就业创业政策", subject="芙蓉区人社局", basis="《就业促进法》第二十条",
                    channels=["政府网站", "便民服务站"])
    street_item = f.item(street, jiuye, level1="公益性岗位", subject="五里牌街道办事处", time_limit_text="实时公开")
    dibao = f.item(city, jiuzhu, level1="最低生活保障", subject="长沙市民政局", time_limit_text="每月")
    today = timezone.localdate()
    published = []
    for n, (item, days_ago) in enumerate([(policy, 3), (policy, 50), (street_item, 1), (dibao, 70)]):
        entry = f.draft_entry(item, title=f"公开信息{n}", formed_on=today - timedelta(days=days_ago + 1))
        publish_entry(entry, imported_published_on=today - timedelta(days=days_ago))
        published.append(entry)
    f.draft_entry(policy, title="草稿不计入")
    withdrawn = f.draft_entry(policy, title="已撤回不计入")
    publish_entry(withdrawn)
    withdraw_entry(withdrawn, reason="更正")
    return {"city": city, "furong": furong, "street": street, "jiuye": jiuye, "jiuzhu": jiuzhu, "policy": policy,
            "dibao": dibao, "entries": published, "today": today}


def cells(data):
    return {(c["column"], c["domain"]): c for c in data["cells"]}


def test_api_shape_and_counts(client, world):
    data = client.get("/api/catalogue/matrix").json()
    assert set(data) == {"columns", "domains", "cells"}
    assert data["columns"] == ["长沙市", "芙蓉区"]  # townships roll into their district
    assert data["domains"] == ["就业", "社会救助"]
    assert len(data["cells"]) == 4
    by = cells(data)
    assert set(by[("芙蓉区", "就业")]) == {"column", "domain", "items", "entries", "last_published", "stale"}
    today = world["today"]
    assert by[("芙蓉区", "就业")] == {"column": "芙蓉区", "domain": "就业", "items": 2, "entries": 3,
                                    "last_published": (today - timedelta(days=1)).isoformat(), "stale": 0}
    # 每月 with the newest entry 70 days old: stale
    assert by[("长沙市", "社会救助")]["stale"] == 1 and by[("长沙市", "社会救助")]["entries"] == 1
    assert by[("长沙市", "就业")] == {"column": "长沙市", "domain": "就业", "items": 0, "entries": 0, "last_published": None, "stale": 0}


def test_twenty_working_days_without_news_is_stale(client, world):
    policy = world["policy"]
    Entry.objects.filter(item=policy).exclude(title="公开信息1").update(status=Entry.DRAFT, published_at=None)
    refresh_items()
    policy.refresh_from_db()
    assert policy.is_stale  # newest is 50 days old, the rule allows 20 working days
    assert cells(client.get("/api/catalogue/matrix").json())[("芙蓉区", "就业")]["stale"] == 1


def count_queries(client, path):
    client.get(path)  # a change empties the site memo (portal/site_memo.py); count a request that finds it filled
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_matrix_uses_a_fixed_number_of_queries(client, world):
    client.get("/jczwgk/")  # the first request creates the site settings rows
    small = {p: count_queries(client, p) for p in ("/api/catalogue/matrix", "/jczwgk/")}
    extra = f.column("天心区", sort_order=2)
    for n in range(30):
        item = f.item(extra if n % 2 else world["furong"], f.domain(f"本地领域{n % 5}", 10 + n % 5), level1=f"事项{n}")
        publish_entry(f.draft_entry(item, title=f"批量{n}"))
    large = {p: count_queries(client, p) for p in ("/api/catalogue/matrix", "/jczwgk/")}
    assert large == small  # no N+1: more columns, domains, items and entries, the same queries
    assert small["/api/catalogue/matrix"] <= 4


def test_matrix_page_links_cells_and_turns_into_a_list_on_phones(client, world):
    html = client.get("/jczwgk/").content.decode()
    assert "基层政务公开地图" in html
    assert f'href="/jczwgk/column/{world["furong"].pk}/domain/{world["jiuye"].pk}/"' in html
    assert "3条" in html and (world["today"] - timedelta(days=1)).isoformat() in html
    assert "待更新1" in html
    assert 'class="matrix-wide' in html and 'class="matrix-by-column"' in html and "openness_catalog/matrix.css" in html
    css = (Path(__file__).resolve().parent.parent / "openness_catalog/static/openness_catalog/matrix.css").read_text()
    assert "@media (max-width:720px)" in css and ".matrix-wide{display:none}" in css


def test_cell_item_and_entry_pages_state_the_catalogue_facts(client, world):
    html = client.get(f"/jczwgk/column/{world['furong'].pk}/domain/{world['jiuye'].pk}/").content.decode()
    for fact in ["公开依据", "《就业促进法》第二十条", "公开时限", "信息形成（变更）之日起20个工作日内", "公开主体", "芙蓉区人社局",
                 "公开渠道和载体", "政府网站、便民服务站", "公益性岗位", "五里牌街道"]:
        assert fact in html
    assert "草稿不计入" not in html and "已撤回不计入" not in html
    item_html = client.get(world["policy"].get_absolute_url()).content.decode()
    assert "公开信息0" in item_html and "公开信息1" in item_html and "已公开信息（2条）" in item_html
    entry = world["entries"][0]
    entry_html = client.get(entry.get_absolute_url()).content.decode()
    for meta in ["发布单位", "芙蓉区人社局", "形成日期", "发布日期", "公开时限", "就业创业政策"]:
        assert meta in entry_html
    draft = Entry.objects.get(title="草稿不计入")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/jczwgk/entry/999999/").status_code == 404
    assert client.get(f"/jczwgk/column/{world['street'].pk}/").status_code == 200
    assert client.get(f"/jczwgk/domain/{world['jiuye'].pk}/").status_code == 200


def test_rename_keeps_history_and_old_name_still_resolves(client, world, tmp_path):
    fupin = f.domain("扶贫", 5)
    f.item(world["furong"], fupin, level1="扶贫项目")
    rename_domain(fupin, "乡村振兴", reason="机构改革")
    page = client.get(f"/jczwgk/domain/{fupin.pk}/").content.decode()
    assert "乡村振兴" in page and "曾用名：扶贫" in page and "更名：扶贫 → 乡村振兴" in page
    line = {"kind": "catalogue_entry", "column": "芙蓉区", "domain": "扶贫", "item": "扶贫项目", "title": "2025年衔接资金项目公示",
            "published_on": "2025-04-01", "body": "项目名称、资金规模"}
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("load_content", str(path), stdout=StringIO())
    entry = Entry.objects.get(title="2025年衔接资金项目公示")
    assert entry.item.domain.name == "乡村振兴" and entry.status == Entry.PUBLISHED
    record = PublicationRecord.objects.get(source_key=f"catalogue_entry:{entry.pk}")
    assert record.doc_type == "catalogue_entry" and record.due_on is not None
    assert timezone.localdate(entry.published_at).isoformat() == "2025-04-01"


def test_merge_moves_items_and_keeps_the_old_domain_as_history(client, world):
    jiuzhu, jiuye = world["jiuzhu"], world["jiuye"]
    merge_domains(jiuzhu, jiuye, reason="演示合并")
    data = client.get("/api/catalogue/matrix").json()
    assert data["domains"] == ["就业"]
    assert cells(data)[("长沙市", "就业")]["entries"] == 1
    response = client.get(f"/jczwgk/domain/{jiuzhu.pk}/")
    assert response.status_code == 301 and response["Location"] == f"/jczwgk/domain/{jiuye.pk}/"
    jiuzhu.refresh_from_db()
    change = jiuzhu.changes.get()
    assert change.kind == "merge" and change.moved_items == [world["dibao"].pk]
    with pytest.raises(ValueError):
        merge_domains(jiuye, jiuye)
