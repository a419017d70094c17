"""Other systems can follow the site: Atom/RSS feeds for policies, catalogue columns and searches; sitemap; robots."""
import xml.etree.ElementTree as ET

import pytest

from tests.factories.catalogue import published_entry
from tests.factories.importers import import_fixture

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [(e.find(f"{ATOM}title").text, e.find(f"{ATOM}link").get("href")) for e in root.findall(f"{ATOM}entry")]


def test_policy_feed_lists_the_newest_policy_first_and_drops_withdrawn_ones(client, demo):
    from publishing.services import withdraw
    from tests.factories.importers import publish_document as publish

    page = publish(import_fixture("01_tongzhi_basic.docx"))
    entries = atom_entries(client.get("/feeds/policies.atom"))
    assert entries[0] == (page.title, f"http://testserver{page.url}")
    rss = ET.fromstring(client.get("/feeds/policies.rss").content)
    assert rss.find("channel/item/title").text == page.title
    withdraw(page, reason="误发")
    assert page.title not in [t for t, _ in atom_entries(client.get("/feeds/policies.atom"))]


def test_column_feed_has_that_columns_entries_only(client, demo):
    mine = published_entry(column_name="芙蓉区", title="芙蓉区征地补偿公告")
    published_entry(column_name="岳麓区", title="岳麓区征地补偿公告")
    titles = [t for t, _ in atom_entries(client.get(f"/feeds/columns/{mine.item.column_id}.atom"))]
    assert titles[0] == "芙蓉区征地补偿公告"  # the newest first; the demo has older 芙蓉区 entries
    assert "岳麓区征地补偿公告" not in titles
    from openness_catalog.models import Entry

    assert set(titles) <= set(Entry.objects.filter(item__column_id=mine.item.column_id).values_list("title", flat=True))
    assert client.get("/feeds/columns/999999.atom").status_code == 404
    assert "芙蓉区" in client.get("/feeds/").content.decode()


def test_search_feed_returns_matching_pages(client, demo):
    entries = atom_entries(client.get("/feeds/search.atom", {"q": "营商环境"}))
    assert any("营商环境" in title for title, _ in entries)
    assert atom_entries(client.get("/feeds/search.atom")) == []


def test_sitemap_lists_live_pages_and_robots_points_to_it(client, demo):
    from cms.policies.models import PolicyDocumentPage
    from publishing.services import withdraw

    page = PolicyDocumentPage.objects.live().first()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{page.url}" in sitemap and "http://testserver/bsfw/" in sitemap
    withdraw(page, reason="误发")
    assert f"http://testserver{page.url}" not in client.get("/sitemap.xml").content.decode()
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /admin/" in robots


def test_the_sitemap_lists_the_tongban_lists_the_matrix_and_the_public_views(client, demo):
    from cms.guides import tongban
    from cms.guides.models import ServiceGuidePage
    from openness_catalog.models import Column

    sitemap = client.get("/sitemap.xml").content.decode()
    listed = {kind for kind in tongban.KINDS if ServiceGuidePage.objects.live().filter(tongban__contains=kind).exists()}
    assert listed, "the demo has 通办 guides"
    for kind in tongban.KINDS:
        assert (f"/bsfw/tongban/{tongban.SLUGS[kind]}/</loc>" in sitemap) == (kind in listed), kind
    assert "<loc>http://testserver/jczwgk/</loc>" in sitemap
    assert f"<loc>http://testserver{Column.objects.first().get_absolute_url()}</loc>" in sitemap
    assert "<loc>http://testserver/zfxxgk/shixiao/</loc>" in sitemap and "<loc>http://testserver/hcp/</loc>" in sitemap


def test_the_catalogue_sitemap_lists_published_entries_only(client, demo):
    from publishing.services import withdraw

    shown, gone = published_entry(title="芙蓉区2024年重大建设项目批准结果"), published_entry(title="芙蓉区误发的批准结果")
    withdraw(gone, reason="误发")
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap-jczwgk.xml" in robots
    index = client.get("/sitemap-jczwgk.xml").content.decode()
    assert "http://testserver/sitemap-jczwgk-entries.xml" in index and "http://testserver/sitemap-jczwgk-items.xml" in index
    entries = client.get("/sitemap-jczwgk-entries.xml").content.decode()
    assert f"<loc>http://testserver{shown.get_absolute_url()}</loc>" in entries
    assert f"<loc>http://testserver{gone.get_absolute_url()}</loc>" not in entries
    items = client.get("/sitemap-jczwgk-items.xml").content.decode()
    assert f"<loc>http://testserver{shown.item.get_absolute_url()}</loc>" in items
    assert client.get("/sitemap-jczwgk-nothing.xml").status_code == 404
