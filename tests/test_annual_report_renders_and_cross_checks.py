"""The annual report (国办公开办函〔2021〕30号) for a year: tables filled from the registers and the policy library,
rendered to DOCX (official table layout) and HTML, and 勾稽 checks that catch planted inconsistencies by cell."""
import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx import Document

from cms.policies.models import PolicyDocumentPage, PolicyLibraryPage
from cms.site import roles
from tests.factories import timeliness as f
from tests.factories.accounts import PASSWORD, make_user
from timeliness import annual_report, consistency, report_render
from timeliness.models import AnnualReport, DisclosureRequest
from cms.site.skeleton import default_home

YEAR = 2025
# (received, applicant type, outcome, replied) — spanning the previous year, the year and the next.
REQUESTS = [
    (date(2024, 12, 20), "natural", "open", date(2025, 1, 10)),        # carried over, answered in 2025
    (date(2024, 12, 28), "commercial", "", None),                       # carried over and still open → carried forward
    (date(2024, 11, 1), "natural", "open", date(2024, 11, 20)),        # closed in 2024: not in 2025 at all
    (date(2025, 2, 10), "natural", "open", date(2025, 3, 1)),
    (date(2025, 3, 5), "natural", "partial", date(2025, 3, 28)),
    (date(2025, 4, 1), "research", "withhold_4", date(2025, 4, 25)),
    (date(2025, 5, 6), "legal_service", "unable_1", date(2025, 5, 20)),
    (date(2025, 6, 3), "natural", "reject_2", date(2025, 6, 10)),
    (date(2025, 7, 7), "other_org", "other_1", date(2025, 8, 20)),
    (date(2025, 12, 22), "public_welfare", "", None),                   # carried forward
    (date(2025, 12, 29), "natural", "withhold_6", date(2026, 1, 15)),  # answered next year → carried forward
    (date(2026, 1, 5), "natural", "open", date(2026, 1, 20)),          # next year: not in 2025
]


def hand_table_three():
    new = [r for r in REQUESTS if r[0].year == YEAR]
    carried = [r for r in REQUESTS if r[0].year < YEAR and (r[3] is None or r[3].year >= YEAR)]
    done = [r for r in REQUESTS if r[3] and r[3].year == YEAR]
    forward = [r for r in REQUESTS if r[0].year <= YEAR and (r[3] is None or r[3].year > YEAR)]
    return new, carried, done, forward


@pytest.fixture
def year_data(demo):
    organ = f.organ("长沙市自然资源和规划局")
    for received, applicant, outcome, replied in REQUESTS:
        f.disclosure_request(received, applicant_type=applicant, outcome=outcome, replied_on=replied, organ=organ)
    f.review_case(date(2025, 3, 1), "review", result="upheld", concluded_on=date(2025, 5, 1), organ=organ)
    f.review_case(date(2025, 6, 1), "review", result="corrected", concluded_on=date(2025, 8, 1), organ=organ)
    f.review_case(date(2025, 11, 1), "review", result="upheld", concluded_on=date(2026, 2, 1), organ=organ)  # 尚未审结 at year end
    f.review_case(date(2025, 4, 1), "suit_direct", result="other", concluded_on=date(2025, 9, 1), organ=organ)
    f.review_case(date(2025, 9, 1), "suit_after_review", organ=organ)
    f.review_case(date(2024, 9, 1), "suit_after_review", organ=organ)  # filed before the year
    library = PolicyLibraryPage.objects.descendant_of(default_home()).get()
    for slug, title, number, doc_type, formed, validity, changed in [
        ("gz-150", "长沙市人民政府令第150号 长沙市某某管理办法", "长沙市人民政府令第150号", "令", date(2025, 4, 2), "有效", None),
        ("gf-2025-1", "关于印发某某实施办法的通知", "长政发〔2025〕1号", "通知", date(2025, 2, 3), "有效", None),
        ("gf-2025-2", "关于某某工作的意见", "长政发〔2025〕2号", "意见", date(2025, 6, 3), "有效", None),
        ("gf-2021-9", "关于某某的通知", "长政发〔2021〕9号", "通知", date(2021, 6, 3), "废止", date(2025, 7, 1)),
    ]:
        page = PolicyDocumentPage(title=title, slug=slug, doc_number=number, doc_type=doc_type, formed_on=formed,
                                  validity=validity, validity_changed_on=changed)
        library.add_child(instance=page)
        page.issuers.add(organ)
        page.save_revision().publish()
    f.record(date(2025, 3, 3), date(2025, 3, 12), department=organ)
    return organ


def test_tables_are_filled_from_the_registers(year_data):
    data = annual_report.build(YEAR, year_data)
    t3 = data["table3"]
    new, carried, done, forward = hand_table_three()
    assert t3["new"]["total"] == len(new) and t3["carried_over"]["total"] == len(carried)
    assert t3["total"]["total"] == len(done) and t3["carried_forward"]["total"] == len(forward)
    assert t3["new"]["natural"] == sum(r[1] == "natural" for r in new)
    assert t3["open"]["natural"] == sum(r[1] == "natural" and r[2] == "open" for r in done)
    assert t3["withhold_4"]["research"] == 1 and t3["other_1"]["other_org"] == 1 and t3["withhold_6"]["total"] == 0
    t4 = data["table4"]
    assert t4["review"] == {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3}
    assert t4["suit_direct"]["other"] == 1 and t4["suit_after_review"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    t2 = data["table2"]
    assert t2["rules"]["made"] == 1 and t2["normative"]["made"] == 2 and t2["normative"]["repealed"] == 1
    assert data["overview_is_draft"] and f"本年新收政府信息公开申请{len(new)}件" in data["sections"]["overview"]
    assert consistency.check(data) == []


def test_manual_rows_and_overrides_come_from_the_annual_report_record(year_data):
    AnnualReport.objects.create(year=YEAR, organ=year_data, licensing_decisions=321, normative_made=7, fees_wan_yuan="12.5")
    data = annual_report.build(YEAR, year_data)
    assert data["table2"]["licensing"] == 321 and data["table2"]["normative"]["made"] == 7
    assert data["table2"]["fees_wan_yuan"] == "12.5" and data["table2"]["sources"]["normative.made"] == "人工填报"
    assert "行政规范性文件7件" in data["sections"]["overview"]


def test_docx_follows_the_official_table_layout(year_data, tmp_path):
    out = tmp_path / "report.docx"
    call_command("annual_report", str(YEAR), organ="长沙市自然资源和规划局", format="docx", output=str(out), stdout=io.StringIO())
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.text.startswith(("一、", "二、", "三、", "四、", "五、", "六、"))]
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    two, three, four = doc.tables
    assert len(three.rows) == 28 and len(three.columns) == 10
    new, carried, done, forward = hand_table_three()
    assert three.cell(3, 0).text == "一、本年新收政府信息公开申请数量" and three.cell(3, 9).text == str(len(new))
    assert three.cell(5, 0).text == "三、本年度办理结果" and three.cell(26, 0).text == "三、本年度办理结果"  # merged down
    assert three.cell(7, 1).text == "（三）不予公开" and three.cell(7, 2).text == "1.属于国家秘密"
    assert three.cell(26, 1).text == "（七）总计" and three.cell(26, 9).text == str(len(done))
    assert three.cell(27, 9).text == str(len(forward))
    assert len(four.columns) == 15 and [c.text for c in four.rows[3].cells][:5] == ["1", "1", "0", "1", "3"]
    assert two.cell(2, 0).text == "规章" and two.cell(2, 1).text == "1"


def test_html_and_json_output(year_data):
    out = io.StringIO()
    call_command("annual_report", str(YEAR), organ="长沙市自然资源和规划局", format="html", stdout=out)
    html = out.getvalue()
    assert "<table" in html and "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in html
    assert 'rowspan="22"' in html and "六、其他需要报告的事项" in html
    out = io.StringIO()
    call_command("annual_report", str(YEAR), organ="长沙市自然资源和规划局", format="json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["year"] == YEAR and payload["checks"] == [] and payload["table3"]["new"]["total"] == len(hand_table_three()[0])


def test_consistency_checks_catch_a_planted_inconsistency_by_cell(year_data):
    # A reply recorded in 2025 for a request received in 2026 (a typo in the register, written past validation).
    bad = DisclosureRequest.objects.get(received_on=date(2026, 1, 5))
    DisclosureRequest.objects.filter(pk=bad.pk).update(replied_on=date(2025, 12, 30))
    failures = consistency.check(annual_report.build(YEAR, year_data))
    cells = [x.cell for x in failures]
    assert "表三「三、本年度办理结果（七）总计」「自然人」列" in cells
    assert any("本年新收" in x.message and "结转下年度" in x.message for x in failures)
    with pytest.raises(CommandError, match="勾稽检查未通过"):
        call_command("annual_report", str(YEAR), organ="长沙市自然资源和规划局", format="docx", stdout=io.StringIO(), stderr=io.StringIO())


def test_narrative_figures_must_match_the_tables(year_data):
    data = annual_report.build(YEAR, year_data)
    AnnualReport.objects.create(year=YEAR, organ=year_data,
                                overview=data["draft_overview"].replace(f"本年新收政府信息公开申请{data['table3']['new']['total']}件", "本年新收政府信息公开申请99件"))
    failures = consistency.check(annual_report.build(YEAR, year_data))
    assert len(failures) == 1
    assert failures[0].cell == "正文「一、总体情况」中“本年新收政府信息公开申请99件”"
    assert f"与表三「一、本年新收」「总计」列的 {len(hand_table_three()[0])} 不一致" in failures[0].message
    err = io.StringIO()
    call_command("annual_report", str(YEAR), organ="长沙市自然资源和规划局", format="html", force=True, stdout=io.StringIO(), stderr=err)
    assert "本年新收政府信息公开申请99件" in err.getvalue()


def test_report_downloads_from_the_admin_only_when_consistent(client, year_data):
    make_user("ev", roles.EVALUATOR)
    client.login(username="ev", password=PASSWORD)
    url = reverse("timeliness_annual_report")
    page = client.get(url, {"year": YEAR, "organ": year_data.pk})
    assert page.status_code == 200 and "勾稽检查未发现不一致" in page.content.decode()  # the manual rows have no source
    docx = client.get(url, {"year": YEAR, "organ": year_data.pk, "format": "docx"})
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats") and len(Document(io.BytesIO(docx.content)).tables) == 3
    DisclosureRequest.objects.filter(received_on=date(2026, 1, 5)).update(replied_on=date(2025, 12, 30))
    blocked = client.get(url, {"year": YEAR, "organ": year_data.pk, "format": "docx"})
    assert blocked.status_code == 200 and "不能导出" in blocked.content.decode()
    assert client.get(url, {"year": "abc"}).status_code == 200


def test_bad_command_input_is_a_clear_error(db):
    with pytest.raises(CommandError, match="年度「二〇二五」不正确"):
        call_command("annual_report", "二〇二五", stdout=io.StringIO())
    with pytest.raises(CommandError, match="未找到机关"):
        call_command("annual_report", "2025", organ="不存在的机关", stdout=io.StringIO())
