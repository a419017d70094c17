"""A citizen rates a guide from its page with a plain HTML form (no JavaScript), is thanked in Chinese, and the
figures change: on the guide page, on the department's 好差评 page, the /hcp/ index and the open data. A 一件事 is
rated the same way. The contact left for a 差评 never appears on a public page, in the API or the open data."""
import re

import pytest

from tests.factories.ratings import fresh_client_address, published_bundle, published_guide, rate

pytestmark = pytest.mark.django_db
CODE = "430100-SJ-XK-0101"


@pytest.fixture
def client(client):
    client.defaults["REMOTE_ADDR"] = fresh_client_address()
    return client


def rating_form(html):
    """The widget's form: its action, method, hidden fields and the level radios (what a browser without JS sends)."""
    form = re.search(r'<form class="rating-form" method="(\w+)" action="([^"]+)">(.*?)</form>', html, re.S)
    assert form, "no rating form on the page"
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form.group(3)))
    levels = re.findall(r'<input type="radio" name="level" value="(\d)"', form.group(3))
    return form.group(1), form.group(2), hidden, levels


def test_the_guide_page_offers_a_form_that_works_without_javascript_and_the_figure_changes(client):
    guide = published_guide(CODE)
    html = client.get(guide.url).content.decode()
    assert "暂无评价" in html
    method, action, hidden, levels = rating_form(html)
    assert method == "post" and levels == ["5", "4", "3", "2", "1"] and "<script" not in html.split('id="hcp"')[1].split("</section>")[0]
    for label in ("非常满意", "满意", "基本满意", "不满意", "非常不满意"):
        assert f"> {label}</label>" in html

    response = client.post(action, {**hidden, "level": "5", "comment": "窗口服务很热情"})
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert "感谢您的评价" in thanks and "目前共有 <strong>1</strong> 条评价，满意度 <strong>100%</strong>" in thanks

    client.post(action, {**hidden, "level": "2", "comment": "排队太久", "contact": "13812345678"})
    html = client.get(guide.url).content.decode()
    assert "已有 <strong>2</strong> 条评价，满意度 <strong>50%</strong>" in html
    assert "13812345678" not in html


def test_a_bad_rating_is_told_it_will_be_followed_up(client):
    guide = published_guide(CODE)
    response = client.post("/hcp/pj/", {"code": guide.code, "level": "1", "contact": "13812345678"}, follow=True)
    html = response.content.decode()
    assert "将在1个工作日内核实" in html and "通过您留下的联系方式回访" in html and "13812345678" not in html


def test_a_form_without_a_level_is_shown_again_with_a_chinese_message_and_stores_nothing(client):
    from ratings.models import Rating

    guide = published_guide(CODE)
    response = client.post("/hcp/pj/", {"code": guide.code, "comment": "忘了选"})
    html = response.content.decode()
    assert response.status_code == 400 and "评价等级应为1到5的整数" in html and "忘了选" in html
    assert client.post("/hcp/pj/", {"code": guide.code, "level": "5", "website": "http://spam"}).status_code == 400
    assert client.post("/hcp/pj/", {"code": "NO-SUCH-CODE", "level": "5"}).status_code == 404
    assert client.post("/hcp/pj/", {"code": guide.code, "level": "2", "contact": "请联系我"}).status_code == 400
    assert Rating.objects.count() == 0


def test_too_many_ratings_from_one_client_get_a_chinese_429(client, settings):
    settings.RATING_FORM_LIMIT_PER_HOUR = 3
    guide = published_guide(CODE)
    statuses = [client.post("/hcp/pj/", {"code": guide.code, "level": "4"}).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert "过于频繁" in client.post("/hcp/pj/", {"code": guide.code, "level": "4"}).content.decode()


def test_a_bundle_is_rated_from_its_page_and_counts_for_its_lead_department(client):
    published_guide(CODE)
    bundle = published_bundle("YJS-HCP1", [CODE], lead_department="市政务服务中心")
    method, action, hidden, _ = rating_form(client.get(bundle.url).content.decode())
    assert hidden == {"code": "YJS-HCP1"}
    assert client.post(action, {**hidden, "level": "3"}).status_code == 302
    assert "已有 <strong>1</strong> 条评价" in client.get(bundle.url).content.decode()
    page = client.get("/hcp/市政务服务中心/").content.decode()
    assert "YJS-HCP1一件事" in page and "（一件事）" in page


def test_department_and_guide_pages_show_levels_satisfaction_rectification_and_the_month(client):
    from django.utils import timezone

    published_guide(CODE, department="市市场监管局")
    published_guide("430100-GA-GG-0102", department="市公安局")
    for level in (5, 5, 4, 3, 1):
        rate(CODE, level, contact="13812345678" if level == 1 else "")
    rate("430100-GA-GG-0102", 2)
    index = client.get("/hcp/").content.decode()
    assert 'id="hcp-total">6<' in index
    rows = re.findall(r"<tr><th scope=\"row\"><a href=\"([^\"]+)\">([^<]+)</a></th><td>(\d+)</td><td>([^<]+)</td><td>(\d+)</td><td>([^<]+)</td></tr>", index)
    assert [(name, n, sat, bad, rect) for _, name, n, sat, bad, rect in rows] == [
        ("市公安局", "1", "0%", "1", "0%"), ("市市场监管局", "5", "80%", "1", "0%")]
    department = client.get(rows[1][0]).content.decode()
    assert "<th scope=\"row\">非常满意</th><td>2</td>" in department and "<th scope=\"row\">非常不满意</th><td>1</td>" in department
    month = timezone.localdate().strftime("%Y-%m")
    assert f"<th scope=\"row\">{month}</th><td>5</td><td>80%</td><td>1</td><td>0%</td>" in department
    guide_page = client.get(f"/hcp/sx/{CODE}/").content.decode()
    assert "满意度</dt><dd>80%" in guide_page
    for html in (index, department, guide_page):
        assert "13812345678" not in html and "138****5678" not in html


def test_open_data_lists_department_figures_without_personal_data(client):
    published_guide(CODE, department="市市场监管局")
    rate(CODE, 4)
    rate(CODE, 1, comment="态度差", contact="someone@example.com")
    response = client.get("/api/ratings/departments")
    assert response.status_code == 200
    data = response.json()
    (item,) = data["departments"]
    assert item["department"] == "市市场监管局" and item["count"] == 2 and item["levels"] == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 0}
    assert item["satisfaction"] == 0.5 and item["bad"] == 1 and item["rectification_rate"] == 0.0
    assert item["by_month"][0]["count"] == 2
    assert "someone@example.com" not in response.content.decode() and "contact" not in response.content.decode()


def test_the_page_for_an_unknown_department_or_guide_is_a_chinese_404(client):
    assert client.get("/hcp/不存在的部门/").status_code == 404
    assert client.get("/hcp/sx/NO-SUCH/").status_code == 404
    assert client.get("/hcp/").status_code == 200 and "暂无评价" in client.get("/hcp/").content.decode()


def test_with_the_page_cache_on_a_new_rating_shows_at_once_on_the_guide_and_hcp_pages(client, settings, django_capture_on_commit_callbacks):
    from portal import cache as page_cache

    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    page_cache.purge_all()
    guide = published_guide(CODE, department="市市场监管局")
    pages = [guide.url, "/hcp/", f"/hcp/sx/{CODE}/"]
    rate(CODE, 5)
    pages.append("/hcp/市市场监管局/")
    for url in pages:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/hcp/pj/", {"code": CODE, "level": "1"})
    assert "已有 <strong>2</strong> 条评价，满意度 <strong>50%</strong>" in client.get(guide.url).content.decode()
    assert 'id="hcp-total">2<' in client.get("/hcp/").content.decode()
    assert "满意度</dt><dd>50%" in client.get(f"/hcp/sx/{CODE}/").content.decode()
    assert "<th scope=\"row\">非常不满意</th><td>1</td>" in client.get("/hcp/市市场监管局/").content.decode()
    page_cache.purge_all()


def test_a_department_whose_name_has_a_slash_still_has_its_page(client):
    published_guide(CODE, department="市委/市政府办公室")
    rate(CODE, 4)
    index = client.get("/hcp/")
    assert index.status_code == 200
    link = re.search(r'<a href="([^"]+)">市委/市政府办公室</a>', index.content.decode()).group(1)
    page = client.get(link)
    assert page.status_code == 200 and "市委/市政府办公室好差评" in page.content.decode()
