"""搜索改进待办 (issue 19 part 4): a query citizens searched without results, or whose results nobody opened, waits
in the site administrator's queue with candidates from the site itself; an accepted synonym or 推荐结果 works on
the very next query (no reindex), on both engines; a click on a result takes the query out of the no-click list."""
import pytest

from search.models import BestBet, QueryLog, Synonym
from tests.factories.accounts import make_user
from tests.factories.search import search_site

pytestmark = pytest.mark.django_db
QUEUE = "/admin/search/queue/"


@pytest.fixture
def admin(client):
    client.force_login(make_user("zhan", "站点管理员"))
    return client


def api_titles(client, q):
    return [r["title"] for r in client.get("/api/search", {"q": q}).json()["results"]]


def test_a_query_without_results_is_answered_by_an_accepted_synonym(engine_name, client, admin):
    search_site()
    assert api_titles(client, "喵呜喵呜") == []
    page = admin.get(QUEUE).content.decode()
    assert "喵呜喵呜" in page and "无结果" in page
    row = QueryLog.objects.get(query="喵呜喵呜")

    refused = admin.post(QUEUE, {"row": row.pk, "action": "synonym", "word": "喵呜喵呜", "target": "最低, 生活"})
    assert refused.status_code == 400 and "不能含逗号" in refused.content.decode()
    assert not Synonym.objects.filter(rule__startswith="喵呜喵呜").exists()

    accepted = admin.post(QUEUE, {"row": row.pk, "action": "synonym", "word": "喵呜喵呜", "target": "最低生活保障"})
    assert accepted.status_code == 302
    assert Synonym.objects.get(rule="喵呜喵呜 => 最低生活保障").enabled
    assert api_titles(client, "喵呜喵呜")[0] == "最低生活保障申请"  # the next query, nothing reindexed
    row.refresh_from_db()
    assert row.handled == "同义词：喵呜喵呜 => 最低生活保障"
    assert f'id="q-{row.pk}"' not in admin.get(QUEUE).content.decode()


def test_results_nobody_opens_wait_until_clicked_or_pinned(engine_name, client, admin):
    search_site()
    for _ in range(3):
        assert client.get("/search/", {"q": "出生"}).status_code == 200
    row = QueryLog.objects.get(query="出生")
    page = admin.get(QUEUE).content.decode()
    assert f'id="q-{row.pk}"' in page and "有结果但无人点击" in page
    assert 'data-result' in client.get("/search/", {"q": "出生"}).content.decode()  # the beacon's hook on each result

    assert client.post("/search/click", {"q": "出生"}).status_code == 204
    row.refresh_from_db()
    assert row.click_count == 1
    assert f'id="q-{row.pk}"' not in admin.get(QUEUE).content.decode()

    for _ in range(3):
        client.get("/search/", {"q": "预防接种"})
    row = QueryLog.objects.get(query="预防接种")
    assert row.click_count == 0 and f'id="q-{row.pk}"' in admin.get(QUEUE).content.decode()
    from cms.guides.models import ServiceGuidePage

    guide = ServiceGuidePage.objects.get(code="430100-WS-GG-0004")
    assert admin.post(QUEUE, {"row": row.pk, "action": "page", "page": guide.pk}).status_code == 302
    assert BestBet.objects.filter(query="预防接种", page=guide).exists()
    first = client.get("/api/search", {"q": "预防接种"}).json()["results"][0]
    assert first["title"] == guide.title


def test_candidates_come_from_the_sites_own_words_and_pages(engine_name, client, admin):
    from search import improvement

    search_site()
    client.get("/api/search", {"q": "低保申请去哪里"})
    row = QueryLog.objects.get(query="低保申请去哪里")
    found = improvement.suggestions(row)
    assert any("最低生活保障申请" == title for _, title, _ in found["pages"])
    terms = dict(found["words"])
    assert terms and all(isinstance(t, list) for t in terms.values())


def test_only_the_site_administrator_uses_the_queue_and_bad_posts_are_chinese_4xx(client):
    client.force_login(make_user("ping", "评估员"))
    refused = client.get(QUEUE)  # Wagtail sends a user without the permission back to the admin home
    assert refused.status_code in (302, 403) and "queue-row" not in refused.content.decode()
    client.force_login(make_user("zhan", "站点管理员"))
    assert client.post(QUEUE, {"row": 999999, "action": "dismiss"}).status_code == 404
    row = QueryLog.objects.create(query="某某", count=1, zero_count=1, last_total=0)
    bad = client.post(QUEUE, {"row": row.pk, "action": "explode"})
    assert bad.status_code == 400 and "未知的操作" in bad.content.decode()
    assert client.post(QUEUE, {"row": row.pk, "action": "dismiss"}).status_code == 302
    row.refresh_from_db()
    assert row.handled == "已忽略"
    assert client.get("/search/click").status_code == 405
