"""通办 flags (issue 23 part 4): citizens see at once where and how a service can be handled — badges on guide and
bundle pages, a list per kind under the guide index, the guide index filter — and search carries, counts and filters
the flags on BOTH engines (design §2.14). Flags come from load_content, the Excel 事项清单 and the admin; a value the
loaders do not understand loads with a warning, never a refusal."""
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import TestCase

from cms.guides.models import ServiceGuidePage
from importers.content_loader import load_bundle, load_guide, load_lines
from tests.factories.guides import bundle_obj, excel_row, guide_obj, guide_site, guide_workbook
from tests.factories.search import drop, refresh, use_engine

pytestmark = pytest.mark.django_db

CROSS = {"kind": "跨省通办", "regions": ["四川省", "重庆市"]}
NEARBY = {"kind": "就近办", "places": ["松陵街道便民服务中心"]}
# Four 低保-related guides: one everywhere online and across provinces, one nearby, one city-wide, one without flags.
FLAGGED = [
    guide_obj(code="430100-MZ-GG-0701", name="最低生活保障申请", department="民政局", conditions="低保 申请",
              tongban=["全程网办", CROSS, NEARBY]),
    guide_obj(code="430100-MZ-GG-0702", name="最低生活保障变更", department="民政局", conditions="低保 变更",
              tongban=["全程网办", NEARBY]),
    guide_obj(code="430100-MZ-GG-0703", name="最低生活保障注销", department="民政局", conditions="低保 注销",
              tongban=["全市通办"]),
    guide_obj(code="430100-MZ-GG-0704", name="最低生活保障证明打印", department="民政局", conditions="低保 证明"),
]


def load(objs):
    """load_content lines, indexed as after the commit; returns the report."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        report = load_lines([json.dumps(o, ensure_ascii=False) for o in objs])
    assert not report.errors, report.errors
    refresh()
    return report


def text(response):
    assert response.status_code == 200, response.content.decode()[:300]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def badges(response):
    """The 通办 badge texts on a page, in order."""
    html = response.content.decode()
    return [re.sub(r"<[^>]+>", "", b).strip() for b in re.findall(r'class="badge tongban"[^>]*>(.*?)</(?:a|span)>', html)]


@pytest.fixture(params=["database", "opensearch"])
def engine_name(request, settings):
    use_engine(settings, request.param)
    yield request.param
    drop()


@pytest.fixture
def flagged(engine_name):
    guide_site()
    load(FLAGGED)
    return engine_name


# ---- pages ----------------------------------------------------------------------------------------------------


def test_guide_page_shows_badges_with_partner_regions_and_places(client):
    guide_site()
    load(FLAGGED)
    page = ServiceGuidePage.objects.get(code="430100-MZ-GG-0701")
    response = client.get(page.url)
    assert badges(response) == ["全程网办", "跨省通办：四川省、重庆市", "就近办：松陵街道便民服务中心"]
    assert 'href="/bsfw/tongban/kuasheng-tongban/"' in response.content.decode()  # a badge leads to its list
    assert badges(client.get(ServiceGuidePage.objects.get(code="430100-MZ-GG-0704").url)) == []


def test_bundle_page_shows_the_flags_its_guides_share_and_each_guide_row(client):
    guide_site()
    load(FLAGGED[:3])
    with transaction.atomic():
        load_bundle(bundle_obj("YJS-DB", ["430100-MZ-GG-0701", "430100-MZ-GG-0702"]))
        load_bundle(bundle_obj("YJS-DB2", ["430100-MZ-GG-0701", "430100-MZ-GG-0703"]))
    from cms.guides.models import BundlePage

    page = text(client.get(BundlePage.objects.get(code="YJS-DB").url))
    shared = re.search(r"所含事项均支持：(.*?)包含的办事事项", page).group(1)
    assert "全程网办" in shared and "就近办" in shared and "跨省通办" not in shared
    rows = page.split("包含的办事事项", 1)[1]
    assert "最低生活保障申请" in rows and "跨省通办：四川省、重庆市" in rows
    # nothing shared: no shared line, but the rows still show each guide's flags
    other = text(client.get(BundlePage.objects.get(code="YJS-DB2").url))
    assert "所含事项均支持" not in other and "全市通办" in other.split("包含的办事事项", 1)[1]


def test_tongban_list_pages_list_guides_with_department_and_regions_or_places(client):
    guide_site()
    load(FLAGGED)
    index = text(client.get("/bsfw/"))
    assert "跨省通办事项清单" in index and "就近办事项清单" in index
    assert 'href="/bsfw/tongban/kuasheng-tongban/"' in client.get("/bsfw/").content.decode()
    cross = text(client.get("/bsfw/tongban/kuasheng-tongban/"))
    assert "跨省通办事项清单" in cross and "共 1 项" in cross
    assert "最低生活保障申请 民政局 四川省、重庆市" in cross and "最低生活保障变更" not in cross
    nearby = text(client.get("/bsfw/tongban/jiujin-ban/"))
    assert "共 2 项" in nearby and "最低生活保障变更 民政局 松陵街道便民服务中心" in nearby
    assert "共 0 项" in text(client.get("/bsfw/tongban/quansheng-tongban/"))
    assert client.get("/bsfw/tongban/nonsense/").status_code == 404


def test_guide_index_filters_by_tongban_and_refuses_unknown_kinds_in_chinese(client):
    guide_site()
    load(FLAGGED)
    page = text(client.get("/bsfw/", {"tongban": "就近办"}))
    listed = page.split("办事指南", 2)[-1]
    assert "最低生活保障申请" in listed and "最低生活保障变更" in listed
    assert "最低生活保障注销" not in listed and "最低生活保障证明打印" not in listed
    assert "最低生活保障证明打印" in text(client.get("/bsfw/"))
    bad = client.get("/bsfw/", {"tongban": "nonsense"})
    assert bad.status_code == 400 and "不支持的通办类型“nonsense”" in bad.content.decode()


def test_list_page_follows_a_guide_that_loses_its_flag_with_the_page_cache_on(client, settings):
    from portal import cache as page_cache

    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    page_cache.purge_all()
    try:
        guide_site()
        load(FLAGGED[:1])
        url = "/bsfw/tongban/kuasheng-tongban/"
        assert "最低生活保障申请" in text(client.get(url))
        assert client.get(url).get("X-Page-Cache") == "hit"
        with transaction.atomic():
            load_guide(dict(FLAGGED[0], tongban=["全程网办", NEARBY]))  # one publication, not a bulk load
        assert "最低生活保障申请" not in text(client.get(url))
    finally:
        page_cache.purge_all()


# ---- loaders and validation -------------------------------------------------------------------------------------


def test_load_content_accepts_strings_and_objects_and_warns_about_what_it_drops():
    guide_site()
    line = guide_obj(code="430100-MZ-GG-0711", tongban=["全程网办", "随便办", {"kind": "跨省通办"}, 7, "就近办理",
                                                         {"kind": "就近办", "places": "松陵街道便民服务中心、同里镇便民服务中心"}])
    report = load([line])
    guide = ServiceGuidePage.objects.get(code="430100-MZ-GG-0711")
    assert guide.live and guide.tongban_list == ["全程网办", "就近办"]
    assert guide.tongban_place_list == ["松陵街道便民服务中心", "同里镇便民服务中心"]
    warnings = [w for n, w in report.warnings if n == 1]
    assert any("未知的通办类型“随便办”" in w for w in warnings)
    assert any("未知的通办类型“7”" in w for w in warnings)
    assert any("“跨省通办”未写合作地区" in w for w in warnings)
    # an existing guide (loaded line by line, not in the batch of new ones) warns the same way
    report = load([dict(line, tongban=["全程网办", "乱办"])])
    assert report.outcomes == {"updated": 1} and any("未知的通办类型“乱办”" in w for _, w in report.warnings)
    assert ServiceGuidePage.objects.get(code="430100-MZ-GG-0711").tongban_list == ["全程网办"]


def test_a_line_without_tongban_keeps_the_flags_and_an_empty_list_clears_them():
    guide_site()
    load([FLAGGED[0]])
    without = {k: v for k, v in FLAGGED[0].items() if k != "tongban"}
    assert load([without]).outcomes == {"unchanged": 1}
    assert ServiceGuidePage.objects.get(code="430100-MZ-GG-0701").tongban_list == ["全程网办", "跨省通办", "就近办"]
    load([dict(without, tongban=[])])
    guide = ServiceGuidePage.objects.get(code="430100-MZ-GG-0701")
    assert guide.tongban_list == [] and guide.tongban_regions == "" and guide.tongban_places == ""


def test_excel_tongban_column_loads_flags_regions_and_places_and_warns_about_unknown_values(tmp_path):
    from importers.guide_excel import import_workbook

    guide_site()
    path = guide_workbook(tmp_path / "list.xlsx", [
        excel_row("430100-MZ-GG-0721", "低保申请（表格）", 通办="全程网办；跨省通办（四川省、重庆市）；就近办：松陵街道便民服务中心、同里镇便民服务中心"),
        excel_row("430100-MZ-GG-0722", "低保变更（表格）", 通办="全市通办\n到处办\n跨省通办"),
    ])
    with TestCase.captureOnCommitCallbacks(execute=True):
        report = import_workbook(path)
    assert report.errors == [] and report.created == 2
    first = ServiceGuidePage.objects.get(code="430100-MZ-GG-0721")
    assert first.tongban_list == ["全程网办", "跨省通办", "就近办"]
    assert first.tongban_region_list == ["四川省", "重庆市"]
    assert first.tongban_place_list == ["松陵街道便民服务中心", "同里镇便民服务中心"]
    assert ServiceGuidePage.objects.get(code="430100-MZ-GG-0722").tongban_list == ["全市通办"]
    row3 = [w for n, w in report.warnings if n == 3]
    assert any("未知的通办类型“到处办”" in w for w in row3) and any("“跨省通办”未写合作地区" in w for w in row3)


def test_cross_province_needs_regions_and_nearby_needs_places_in_chinese():
    guide_site()
    load([FLAGGED[3]])
    guide = ServiceGuidePage.objects.get(code="430100-MZ-GG-0704")
    guide.tongban = "全程网办,跨省通办,就近办"
    with pytest.raises(ValidationError) as caught:
        guide.full_clean()
    errors = caught.value.message_dict
    assert "请填写合作地区" in errors["tongban_regions"][0] and "请填写可就近办理的地点" in errors["tongban_places"][0]
    guide.tongban_regions, guide.tongban_places = "川渝\n长三角", "松陵街道便民服务中心"
    guide.full_clean()


def test_admin_edits_tongban_as_chinese_check_boxes(client, django_user_model):
    guide_site()
    load([FLAGGED[0]])
    guide = ServiceGuidePage.objects.get(code="430100-MZ-GG-0701")
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pw"))
    html = client.get(f"/admin/pages/{guide.pk}/edit/").content.decode()
    for kind in ("全程网办", "全市通办", "全省通办", "跨省通办", "就近办"):
        assert re.search(rf'type="checkbox" name="tongban" value="{kind}"', html), kind
    assert re.search(r'value="跨省通办"[^>]*checked', html) and not re.search(r'value="全市通办"[^>]*checked', html)
    assert "跨省通办合作地区" in html and "就近办地点" in html
    form_class = ServiceGuidePage.get_edit_handler().get_form_class()
    field = form_class.base_fields["tongban"]
    assert field.clean(["跨省通办", "全程网办"]) == "全程网办,跨省通办"
    with pytest.raises(ValidationError):
        field.clean(["随便办"])


def test_demo_guides_show_tongban_flags(client):
    from cms.demo import guides as demo_guides

    home, _ = guide_site()
    with TestCase.captureOnCommitCallbacks(execute=True):
        demo_guides.load(home)
    flagged = [g for g in ServiceGuidePage.objects.live() if g.tongban_list]
    assert 5 <= len(flagged) < ServiceGuidePage.objects.live().count()
    card = ServiceGuidePage.objects.get(code="430100-RS-GG-0005")
    assert any(b.startswith("跨省通办：泛珠三角区域") for b in badges(client.get(card.url)))
    cross = text(client.get("/bsfw/tongban/kuasheng-tongban/"))
    assert "共 3 项" in cross and "社会保障卡申领（新生儿） 长沙市人力资源和社会保障局 泛珠三角区域" in cross


# ---- search, on both engines -------------------------------------------------------------------------------------


def api(client, **params):
    response = client.get("/api/search", params)
    assert response.status_code == 200, response.content.decode()
    return response.json()


def test_guide_results_carry_their_tongban_and_facets_count_them(client, flagged):
    body = api(client, q="最低生活保障", size=50)
    guides = {r["title"]: r["tongban"] for r in body["results"] if r["type"] == "guide"}
    assert guides == {"最低生活保障申请": ["全程网办", "跨省通办", "就近办"], "最低生活保障变更": ["全程网办", "就近办"],
                      "最低生活保障注销": ["全市通办"], "最低生活保障证明打印": []}
    assert body["facets"]["tongban"] == {"全程网办": 2, "就近办": 2, "全市通办": 1, "跨省通办": 1}
    assert all("tongban" not in r for r in body["results"] if r["type"] != "guide")


def test_tongban_filter_narrows_results_and_the_other_facets(client, flagged):
    body = api(client, q="最低生活保障", tongban="就近办", size=50)
    assert body["total"] == 2
    assert sorted(r["title"] for r in body["results"]) == ["最低生活保障变更", "最低生活保障申请"]
    assert body["facets"]["tongban"] == {"全程网办": 2, "就近办": 2, "跨省通办": 1}
    assert body["facets"]["department"] == {"民政局": 2}
    cross = api(client, q="最低生活保障", tongban="跨省通办", type="guide")
    assert [r["title"] for r in cross["results"]] == ["最低生活保障申请"]
    assert api(client, q="最低生活保障", tongban="全省通办")["total"] == 0


def test_unknown_tongban_is_refused_in_chinese_on_the_api_and_the_page(client, flagged):
    response = client.get("/api/search", {"q": "低保", "tongban": "nonsense"})
    assert response.status_code == 400 and "不支持的通办类型“nonsense”" in response.json()["error"]
    page = client.get("/search/", {"q": "低保", "tongban": "nonsense"})
    assert page.status_code == 400 and "不支持的通办类型" in page.content.decode()


def test_search_page_offers_the_tongban_facet_and_shows_badges(client, flagged):
    html = client.get("/search/", {"q": "最低生活保障"}).content.decode()
    facets = html.split("按类型", 1)[1].split("搜索结果", 1)[0]
    assert "<h2>通办</h2>" in facets and "跨省通办（1）" in facets and "就近办（2）" in facets
    link = re.search(r'href="([^"]*tongban=[^"]*)"[^>]*>跨省通办（1）', facets).group(1).replace("&amp;", "&")
    narrowed = re.sub(r"<[^>]+>", "", client.get(link).content.decode())  # titles carry <em> highlights
    assert "共找到 1 条结果" in narrowed and "最低生活保障申请" in narrowed
    assert badges(client.get("/search/", {"q": "最低生活保障申请"}))[:3] == ["全程网办", "跨省通办", "就近办"]


def guide_form(guide, **changes):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = {
        "title": guide.title, "slug": guide.slug, "code": guide.code, "item_type": guide.item_type,
        "department": guide.department, "service_object": "", "life_event": "", "basis": guide.basis,
        "conditions": guide.conditions, "steps": "", "legal_limit_days": "", "promised_limit_days": "5", "fee": "不收费",
        "visits": "1", "location": "", "hours": "", "phone": "", "complaint_phone": "", "online_url": "",
        "tongban_regions": "", "tongban_places": "", "form_fields": "", "faq": "",
        "materials": inline_formset([{"name": "居民身份证", "form": "原件", "copies": "1", "source": "", "paper_required": "on"}]),
        "comments": inline_formset([]), "action-publish": "1",
    }
    data.update(changes)
    tongban = data.pop("tongban", [])
    out = nested_form_data(data)
    out["tongban"] = tongban
    return out


def test_editor_publishing_cross_province_without_regions_gets_a_chinese_error_then_succeeds(client, django_user_model):
    guide_site()
    load([FLAGGED[3]])
    guide = ServiceGuidePage.objects.get(code="430100-MZ-GG-0704")
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "pw"))
    url = f"/admin/pages/{guide.pk}/edit/"
    response = client.post(url, guide_form(guide, tongban=["全程网办", "跨省通办"]))
    assert response.status_code == 200 and "请填写合作地区" in response.content.decode()
    assert ServiceGuidePage.objects.get(pk=guide.pk).tongban_list == []
    response = client.post(url, guide_form(guide, tongban=["全程网办", "跨省通办"], tongban_regions="川渝\n长三角"))
    assert response.status_code == 302, response.content.decode()[:500]
    client.logout()
    assert badges(client.get(guide.url)) == ["全程网办", "跨省通办：川渝、长三角"]
