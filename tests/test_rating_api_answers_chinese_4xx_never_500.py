"""POST/GET /api/ratings (design §2.14): anonymous JSON without a CSRF token, on the path without a trailing slash;
bad guide codes, levels and bodies get a Chinese 4xx, never a 500; too many calls get a Chinese 429."""
import json

import pytest
from django.test import Client

from tests.factories.ratings import fresh_client_address, published_bundle, published_guide

pytestmark = pytest.mark.django_db
CODE = "430100-SJ-XK-0201"


@pytest.fixture
def api():
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=fresh_client_address())


def post(api, body, raw=False):
    return api.post("/api/ratings", body if raw else json.dumps(body, ensure_ascii=False), content_type="application/json")


def test_an_anonymous_rating_is_created_and_counted(api):
    published_guide(CODE)
    empty = api.get("/api/ratings", {"guide": CODE})
    assert empty.status_code == 200
    assert empty.json() == {"count": 0, "levels": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}, "satisfaction": None}
    ids = []
    for level in (5, 4, 2):
        response = post(api, {"guide": CODE, "level": level, "comment": "好", "channel": "web"})
        assert response.status_code == 201, response.content.decode()
        assert set(response.json()) == {"id"} and isinstance(response.json()["id"], int)
        ids.append(response.json()["id"])
    assert len(set(ids)) == 3
    data = api.get("/api/ratings", {"guide": CODE}).json()
    assert data == {"count": 3, "levels": {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}, "satisfaction": 0.6667}


@pytest.mark.parametrize("body, message", [
    ({"guide": "NO-SUCH-CODE", "level": 5}, "未找到该办事事项"),
    ({"level": 5}, "请指明要评价的办事事项"),
    ({"guide": 12345, "level": 5}, "请指明要评价的办事事项"),
    ({"guide": CODE, "level": 0}, "评价等级应为1到5的整数"),
    ({"guide": CODE, "level": 6}, "评价等级应为1到5的整数"),
    ({"guide": CODE, "level": 2.5}, "评价等级应为1到5的整数"),
    ({"guide": CODE, "level": True}, "评价等级应为1到5的整数"),
    ({"guide": CODE, "level": "很好"}, "评价等级应为1到5的整数"),
    ({"guide": CODE, "level": None}, "评价等级应为1到5的整数"),
    ({"guide": CODE, "level": 5, "comment": "长" * 501}, "评价内容不能超过500字"),
    ({"guide": CODE, "level": 5, "channel": "fax"}, "评价渠道不正确"),
    ({"guide": "YJS-API1", "level": 5}, "未找到该办事事项"),  # the API is keyed by guide codes
])
def test_bad_input_gets_a_chinese_400_and_stores_nothing(api, body, message):
    from ratings.models import Rating

    published_guide(CODE)
    published_bundle("YJS-API1", [CODE])
    response = post(api, body)
    assert response.status_code == 400 and message in response.json()["error"]
    assert Rating.objects.count() == 0


@pytest.mark.parametrize("raw", ["", "not json", "[1, 2]", '"5"', "{\"guide\":", "\xff\xfe"])
def test_a_body_that_is_not_a_json_object_gets_a_chinese_400(api, raw):
    published_guide(CODE)
    response = api.post("/api/ratings", raw.encode("latin-1"), content_type="application/json")
    assert response.status_code == 400 and "JSON" in response.json()["error"]


def test_queries_without_a_known_guide_and_other_methods_are_chinese_4xx(api):
    assert api.get("/api/ratings").status_code == 400 and "guide" in api.get("/api/ratings").json()["error"]
    response = api.get("/api/ratings", {"guide": "NO-SUCH"})
    assert response.status_code == 404 and "未找到" in response.json()["error"]
    assert api.get("/api/ratings", {"guide": "x" * 5000}).status_code == 404
    assert api.put("/api/ratings", "{}", content_type="application/json").status_code == 405
    assert "GET" in api.delete("/api/ratings").json()["error"]


def test_too_many_ratings_from_one_client_get_a_chinese_429(api, settings):
    settings.RATING_FORM_LIMIT_PER_HOUR = 2
    published_guide(CODE)
    statuses = [post(api, {"guide": CODE, "level": 5}).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    assert "过于频繁" in post(api, {"guide": CODE, "level": 5}).json()["error"]
    other = Client(REMOTE_ADDR=fresh_client_address())
    assert post(other, {"guide": CODE, "level": 5}).status_code == 201  # per client, not for everyone


def test_the_answer_never_carries_the_contact(api):
    published_guide(CODE)
    response = post(api, {"guide": CODE, "level": 1, "comment": "差", "contact": "13812345678"})
    assert response.status_code == 201 and "13812345678" not in response.content.decode()
    assert "13812345678" not in api.get("/api/ratings", {"guide": CODE}).content.decode()


def test_form_encoded_posts_are_read_as_the_same_fields(api):
    published_guide(CODE)
    assert api.post("/api/ratings", {"guide": CODE, "level": "4"}).status_code == 201
    response = api.post("/api/ratings", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 400 and "请指明要评价的办事事项" in response.json()["error"]
