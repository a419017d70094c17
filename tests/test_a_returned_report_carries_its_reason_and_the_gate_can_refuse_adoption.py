"""退回 needs a reason, which the district sees beside its report; a report whose adoption the publication gate
refuses (here: a word blocked after the district published) stays 待审核 with the gate's reasons in Chinese, and
nothing is published on the city site."""
import pytest

from cms.site.models import NewsPage
from publishing.models import SensitiveWord
from reporting import services
from reporting.models import PENDING, RETURNED, Report
from tests.factories import reporting as factory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

REASON = "请补充本区具体做法后重新报送。"


@pytest.fixture
def sg():
    return factory.site_group()


@pytest.fixture
def report(sg):
    page = factory.news(sg.furong.site.root_page.specific, "jmzs", "芙蓉区召开政务公开推进会",
                        body="<p>会议要求各街道做好试点工作。</p>")
    return services.submit(page, sg.furong_editor)


def test_return_needs_a_reason(sg, report):
    for blank in ("", "   ", None):
        with pytest.raises(services.ReportRefused) as refused:
            services.return_report(report, sg.site_admin, blank)
        assert refused.value.reasons == ["请填写退回理由"]
    report.refresh_from_db()
    assert report.status == PENDING


def test_a_returned_report_shows_its_reason_to_the_district(sg, report, client):
    returned = services.return_report(report, sg.site_admin, REASON)
    assert returned.status == RETURNED and returned.return_reason == REASON and returned.decided_by == sg.site_admin
    assert returned.adopted_page is None
    assert client.login(username="fr-editor", password=PASSWORD)
    text = client.get("/admin/reporting/").content.decode()
    assert "已退回" in text and REASON in text
    text = client.get(f"/admin/reporting/{report.pk}/").content.decode()
    assert REASON in text and "退回理由" in text
    home = client.get("/admin/").content.decode()
    assert 'id="reporting-panel"' in home and REASON in home


def test_a_returned_page_may_be_reported_again(sg, report):
    services.return_report(report, sg.site_admin, REASON)
    again = services.submit(report.source_page, sg.furong_editor)
    assert again.pk != report.pk and again.status == PENDING


def test_the_admin_refuses_a_return_without_reason_in_chinese(sg, report, client):
    assert client.login(username="city-admin", password=PASSWORD)
    home = client.get("/admin/").content.decode()
    assert 'id="reporting-panel"' in home and "待审核报送" in home and report.title in home
    response = client.post(f"/admin/reporting/{report.pk}/", {"action": "return", "reason": " "})
    assert response.status_code == 400 and "请填写退回理由" in response.content.decode()
    response = client.post(f"/admin/reporting/{report.pk}/", {"action": "return", "reason": REASON}, follow=True)
    assert response.status_code == 200 and "已退回" in response.content.decode()
    report.refresh_from_db()
    assert report.status == RETURNED


def test_the_gate_refuses_adoption_and_the_report_stays_pending(sg, report, client):
    SensitiveWord.objects.create(word="试点工作", severity="block", note="测试")
    with pytest.raises(services.ReportRefused) as refused:
        services.accept(report, sg.site_admin)
    assert refused.value.reasons and all(r.startswith("发布检查未通过：") for r in refused.value.reasons)
    assert any("试点工作" in r for r in refused.value.reasons)
    report.refresh_from_db()
    assert report.status == PENDING and report.adopted_page is None
    assert not NewsPage.objects.descendant_of(sg.city_home).exists()
    assert not sg.city_home.get_children().filter(slug="gzdt").exists()

    assert client.login(username="city-admin", password=PASSWORD)
    response = client.post(f"/admin/reporting/{report.pk}/", {"action": "accept"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "发布检查未通过" in text and "试点工作" in text
    assert Report.objects.get(pk=report.pk).status == PENDING


def test_the_gate_refuses_an_unmasked_id_number_the_district_let_through(sg):
    """An override is the overridden page's own: a district that cleared an ID number as a false positive does not
    clear it for the city, whose copy is checked afresh and refused; the report stays 待审核."""
    from publishing import gate
    from publishing import services as publishing

    column = factory.news(sg.furong.site.root_page.specific, "other", "其他动态").get_parent()
    page = publishing.add_draft(column, NewsPage(slug="jmzs-id", title="芙蓉区表彰优秀志愿者",
                                                 body="<p>志愿者证件号11010519491231002X。</p>"))
    assert any(c.code == "personal_id_number" for c in gate.findings(page))
    publishing.override(page, "personal_id_number", by=sg.site_admin, reason="测试用号码，经核实非真实个人信息")
    publishing.publish(page, mode="demo")
    page.refresh_from_db()
    assert page.live
    report = services.submit(page, sg.furong_editor)
    with pytest.raises(services.ReportRefused) as refused:
        services.accept(report, sg.site_admin)
    assert any("身份证" in r for r in refused.value.reasons), refused.value.reasons
    report.refresh_from_db()
    assert report.status == PENDING and report.adopted_page is None
