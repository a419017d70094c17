"""manage.py inspect_site --json (design §2.15): on a site with planted problems — a dead internal link, an empty
column, a stale column, a 错敏词, an unmasked ID number on an old page published before the gate, a guide missing
key elements, an overdue 依申请公开 request, a forged date — each is reported with the URL of its page; a clean
site passes every indicator; every run is kept."""
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.guides.models import ServiceGuidePage
from cms.policies.models import PolicyDocumentPage
from cms.site.models import HomePage, SectionPage
from inspection.models import InspectionRun, SensitiveWordException
from publishing.models import SensitiveWord
from tests.factories import inspection as site
from tests.factories.catalogue import published_entry
from tests.factories.timeliness import disclosure_request

pytestmark = pytest.mark.django_db

CODES = {"dead_links", "homepage_stale", "stale_columns", "empty_columns", "sensitive_words", "personal_data",
         "guide_elements", "requests_overdue", "dates"}


def inspect():
    out = StringIO()
    call_command("inspect_site", "--json", stdout=out)
    data = json.loads(out.getvalue())
    return data, {i["code"]: i for i in data["indicators"]}


def items(indicator):
    return [(i["url"], i["detail"]) for i in indicator["items"]]


def test_a_clean_site_passes_every_indicator():
    site.clean_site()
    data, by_code = inspect()
    assert CODES <= set(by_code)
    assert {code: i["status"] for code, i in by_code.items()} == {code: "pass" for code in by_code}, \
        {code: i["items"] for code, i in by_code.items() if i["items"]}
    assert data["veto"] is False
    assert InspectionRun.objects.count() == 1


def test_each_planted_problem_is_reported_with_its_page_url():
    home = site.clean_site()
    today = timezone.localdate()
    # a dead internal link, both as a path and as a link to a deleted page
    article = SectionPage.objects.get(slug="dt1")
    site.make_legacy(article, body='<p>参见<a href="/no-such-page/">旧专题</a>和<a linktype="page" id="987654">已删除页面</a>。</p>')
    # an empty column
    site._section(home, "ztzl", "专题专栏")
    # a stale column: 通知公告 whose only notice is seven months old
    site.age(SectionPage.objects.get(slug="gg1"), 7 * 30)
    # an unmasked ID number on an old page published before the gate existed
    old = site._section(home, "dbgs", "2015年低保对象公示", "<p>低保对象名单见下。</p>")
    site.make_legacy(old, body=f"<p>张三，身份证号{site.ID_NUMBER}，保障人数2人。</p>")
    site.age(old, 3000)
    # a 错敏词 added to the dictionary after the page went live
    SensitiveWord.objects.create(word="居住证服务工作会议", severity="block", note="应为规范名称")
    # a guide missing key elements, a request unanswered for four months, a publication date before its 成文日期
    guide = ServiceGuidePage.objects.get(code="430100-CS-GG-9001")
    site.make_legacy(guide, basis="")
    disclosure_request(today - timedelta(days=120), subject="申请公开某项目批复")
    policy = PolicyDocumentPage.objects.get()
    site.make_legacy(policy, formed_on=today + timedelta(days=30))
    # a catalogue entry published before the gate with a citizen's mobile number
    entry = published_entry(title="芙蓉区临时救助对象公示")
    type(entry).objects.filter(pk=entry.pk).update(body="救助对象：王五，联系电话13812345678。")

    data, by_code = inspect()

    assert data["veto"] is True
    dead = items(by_code["dead_links"])
    assert ("/gzdt/dt1/", "链接“/no-such-page/”无法访问（HTTP 404）") in dead
    assert ("/gzdt/dt1/", "链接指向的页面（ID 987654）已删除或未发布") in dead
    assert items(by_code["empty_columns"]) == [("/ztzl/", "栏目“专题专栏”没有任何内容")]
    stale = items(by_code["stale_columns"])
    assert [url for url, _ in stale] == ["/tzgg/"] and "6个月" in stale[0][1]
    assert [url for url, _ in items(by_code["personal_data"])] == ["/dbgs/", entry.get_absolute_url()]
    assert "138****5678" in by_code["personal_data"]["items"][1]["detail"]
    assert "430102********106X" in by_code["personal_data"]["items"][0]["detail"]
    assert by_code["personal_data"]["status"] == "fail"
    assert [url for url, _ in items(by_code["sensitive_words"])] == ["/gzdt/dt1/"]
    assert by_code["sensitive_words"]["status"] == "fail"
    guide_items = items(by_code["guide_elements"])
    assert guide_items == [(guide.url, "办事指南“居住证办理”缺少重点要素：设定依据")]
    assert by_code["requests_overdue"]["status"] == "fail" and "申请公开某项目批复" in by_code["requests_overdue"]["items"][0]["detail"]
    assert policy.url in [url for url, _ in items(by_code["dates"])]
    assert "早于成文日期" in by_code["dates"]["items"][0]["detail"]


def test_an_allowed_phrase_is_not_reported_as_a_sensitive_word():
    site.clean_site()
    SensitiveWord.objects.create(word="居住证", severity="warn")
    _, by_code = inspect()
    assert by_code["sensitive_words"]["status"] == "warn" and by_code["sensitive_words"]["count"] > 0
    for phrase in ("居住证服务", "居住证办理", "居住证集中办理"):
        SensitiveWordException.objects.create(phrase=phrase)
    _, by_code = inspect()
    assert by_code["sensitive_words"]["status"] == "pass", by_code["sensitive_words"]["items"]


def test_a_site_without_news_for_three_weeks_fails_the_homepage_indicator():
    home = site.clean_site()
    for page in HomePage.objects.get(pk=home.pk).get_descendants():
        site.age(page, 21)
    PolicyDocumentPage.objects.update(published_at=timezone.now() - timedelta(days=21))
    data, by_code = inspect()
    assert by_code["homepage_stale"]["status"] == "fail"
    assert items(by_code["homepage_stale"])[0][0] == "/"
    assert "21天未更新" in items(by_code["homepage_stale"])[0][1]
    assert data["veto"] is True


def test_runs_are_kept_as_history_and_the_command_exits_2_when_it_cannot_run():
    from django.core.management import CommandError
    from wagtail.models import Site

    site.clean_site()
    inspect()
    inspect()
    assert InspectionRun.objects.count() == 2

    Site.objects.all().delete()
    with pytest.raises(CommandError) as caught:
        call_command("inspect_site", "--json", stdout=StringIO())
    assert caught.value.returncode == 2 and "网站自查无法运行" in str(caught.value)
    assert InspectionRun.objects.count() == 2
