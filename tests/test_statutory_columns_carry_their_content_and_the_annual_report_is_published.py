"""The statutory 政府信息公开 columns are not empty shells: the demo's 公开指南 has the parts 条例 Art. 12 requires,
法定主动公开内容 says where each Art. 20 category is kept, the 依申请公开 form shows the office and its channels,
and the 年报 column holds the annual report, published from the admin through the gate with a system date.
A report still holding the section-five placeholder is refused with the reason; an evaluator cannot publish."""
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.site.models import SectionPage
from publishing.gate import PublishRefused
from publishing.models import Organ
from tests.factories.accounts import make_user
from tests.factories.timeliness import disclosure_request
from tests.factories.timeliness import organ as organ_named
from timeliness import annual_publication, annual_report
from timeliness.models import AnnualReport

pytestmark = pytest.mark.django_db
ADMIN_URL = "/admin/timeliness/annual-report/"


def test_the_clean_demo_passes_every_self_inspection_indicator(demo, client):
    out = StringIO()
    call_command("inspect_site", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert {i["code"]: i["status"] for i in report["indicators"]} == {i["code"]: "pass" for i in report["indicators"]}, \
        {i["code"]: i["items"][:3] for i in report["indicators"] if i["items"]}
    assert report["veto"] is False

    guide = client.get("/zfxxgk/xxgkzn/").content.decode()
    for part in ("主动公开", "分类和编排体系", "依申请公开", "受理机构", "办公时间", "传真号码", "监督和救济"):
        assert part in guide
    listing = client.get("/zfxxgk/fdzdgknr/").content.decode()
    assert "财政预算、决算信息" in listing and 'href="/zfxxgk/zcwjk/"' in listing
    form = client.get("/zfxxgk/ysqgk/").content.decode()
    assert "受理机构和申请渠道" in form and "0731-88665114" in form and 'name="description"' in form


def test_the_demo_annual_report_is_live_in_its_column_with_the_registers_figures(demo, client):
    organ = Organ.objects.get(name="长沙市人民政府")
    page = annual_publication.published_page(2025, organ)
    assert page is not None and page.live
    assert page.get_parent().slug == "xxgknb"
    html = client.get(page.url).content.decode()
    data = annual_report.build(2025, organ)
    assert data["title"] in html and "收到和处理政府信息公开申请情况" in html
    assert f"<td>{data['table3']['total']['total']}</td>" in html.replace(" ", "")
    assert "系统草稿" not in html and "请填写" not in html
    column = client.get("/zfxxgk/xxgknb/").content.decode()
    assert data["title"] in column


def test_a_site_admin_publishes_the_report_and_an_evaluator_cannot(client):
    organ = organ_named("某县人民政府")
    disclosure_request(date(2025, 3, 3), outcome="open", replied_on=date(2025, 3, 20), organ=organ)
    url = f"{ADMIN_URL}?year=2025&organ={organ.pk}"

    client.force_login(make_user("pingu", "评估员"))
    assert client.post(url).status_code == 200
    assert annual_publication.published_page(2025, organ) is None

    client.force_login(make_user("zhan", "站点管理员"))
    refused = client.post(url)
    assert "五、存在的主要问题及改进情况" in refused.content.decode()
    assert annual_publication.published_page(2025, organ) is None

    AnnualReport.objects.create(year=2025, organ=organ, problems="个别信息公开不够及时。")
    before = timezone.now()
    response = client.post(url)
    assert response.status_code == 302
    page = annual_publication.published_page(2025, organ)
    assert page.live and page.last_published_at >= before  # stamped by the system when it went live
    assert "个别信息公开不够及时" in client.get(page.url).content.decode()

    AnnualReport.objects.filter(year=2025, organ=organ).update(problems="已整改：建立公开时限提醒。")
    client.post(url)
    assert SectionPage.objects.filter(slug=page.slug).count() == 1
    assert "建立公开时限提醒" in client.get(page.url).content.decode()
    assert "已发布到网站" in client.get(url).content.decode()


def test_publishing_refuses_a_report_without_section_five():
    with pytest.raises(PublishRefused) as refused:
        annual_publication.publish_report(2025)
    assert any("五、存在的主要问题及改进情况" in r for r in refused.value.reasons)


def test_a_report_whose_text_carries_an_unmasked_id_number_is_refused_by_the_gate():
    organ = organ_named("某区人民政府")
    AnnualReport.objects.create(year=2025, organ=organ, problems="经办人张三（身份证号430102199001011238）对答复不及时负责。")
    with pytest.raises(PublishRefused) as refused:
        annual_publication.publish_report(2025, organ)
    assert any("身份证" in r for r in refused.value.reasons), refused.value.reasons
    assert annual_publication.published_page(2025, organ) is None
