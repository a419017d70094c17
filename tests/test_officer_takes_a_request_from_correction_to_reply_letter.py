"""A document officer (文件管理员, the handling office) takes a request through the admin: 受理, 补正 (the clock
restarts on receipt of the correction), third-party consultation (clock paused), extension (once, ≤20 working days,
with approver and reason), 信息处理费, reply by Art. 36 type — and downloads the 答复告知书 as DOCX. Every step is in
the audit trail; the annual report's table three follows."""
import io
import re
from datetime import date, timedelta

import pdfplumber
import pytest
from docx import Document
from docx.shared import Mm

from cms.site import roles
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.requests import registered
from timeliness import annual_report, consistency

pytestmark = pytest.mark.django_db
HOLIDAYS_2025 = {date(2025, 10, d) for d in range(1, 9)}
MAKEUP_2025 = {date(2025, 9, 28), date(2025, 10, 11)}


def working(d):
    return d in MAKEUP_2025 or (d.weekday() < 5 and d not in HOLIDAYS_2025)


def nth_after(start, n):
    d = start
    while n:
        d += timedelta(days=1)
        n -= working(d)
    return d


def between(a, b):
    return sum(working(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))


@pytest.fixture
def officer(client):
    make_user("ban", roles.OFFICER)
    client.login(username="ban", password=PASSWORD)
    return client


def step(client, req, name, **data):
    fields = {f"{name}-{k}": v for k, v in data.items()}
    return client.post(f"/admin/requests/{req.pk}/step/{name}/", fields)


def due(req):
    req.refresh_from_db()
    req.deadline.refresh_from_db()
    return req.due_on


def test_officer_goes_through_correction_consultation_extension_and_reply(officer):
    req = registered(date(2025, 9, 1))
    assert due(req) == nth_after(date(2025, 9, 1), 20)
    assert officer.post(f"/admin/requests/{req.pk}/step/accept/").status_code == 302

    step(officer, req, "correction", on="2025-09-03", correction_days="10", what="请写明所需文件的年份")
    assert req.__class__.objects.get(pk=req.pk).status == "correction"
    assert officer.get(f"/api/requests/{req.query_code}").json()["paused"] is True
    step(officer, req, "correction_received", on="2025-09-10")
    assert due(req) == nth_after(date(2025, 9, 10), 20)  # counted afresh from the correction (Art. 30)

    step(officer, req, "consult", kind="third_party", on="2025-09-15", party="某某建设有限公司")
    assert officer.get(f"/api/requests/{req.query_code}").json()["status"].startswith("征求意见中")
    step(officer, req, "consult_end", on="2025-09-22", result="第三方同意公开")
    paused = between(date(2025, 9, 15), date(2025, 9, 22))
    assert paused == 5
    assert due(req) == nth_after(nth_after(date(2025, 9, 10), 20), paused)

    response = step(officer, req, "extend", days="20", approver="办公室主任王五", reason="需调取历史档案")
    assert response.status_code == 302
    extended = nth_after(nth_after(date(2025, 9, 10), 40), paused)
    assert due(req) == extended
    state = officer.get(f"/api/requests/{req.query_code}").json()
    assert state["due_on"] == extended.isoformat() and state["extended_days"] == 20 and state["paused"] is False

    again = step(officer, req, "extend", days="5", approver="甲", reason="乙")
    assert again.status_code == 400 and "只能延长一次" in again.content.decode()

    step(officer, req, "fee", method="volume", quantity="120")
    req.refresh_from_db()
    assert req.fee_yuan == 70 * 10 + 20 * 20
    other = step(officer, req, "fee", method="count", quantity="12")
    assert "只能选择一种计收方式" in other.content.decode()

    wrong = step(officer, req, "reply", reply_type="partial", outcome="open", on="2025-11-20", note="")
    assert wrong.status_code == 400 and "只能计入年报表三" in wrong.content.decode()
    step(officer, req, "reply", reply_type="partial", outcome="partial", on="2025-11-20", note="涉及第三方商业秘密的部分不予公开")
    req.refresh_from_db()
    assert req.status == "replied" and req.outcome == "partial"
    assert officer.get(f"/api/requests/{req.query_code}").json()["replied_on"] == "2025-11-20"

    letter = officer.get(f"/admin/requests/{req.pk}/letter.docx")
    assert letter.status_code == 200
    document = Document(io.BytesIO(letter.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "政府信息公开申请答复告知书" in text and "李四" in text
    assert "第三十七条" in text and "涉及第三方商业秘密的部分不予公开" in text
    assert "六十日内" in text and "六个月内" in text and "行政复议" in text and "行政诉讼" in text
    section = document.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)

    pdf = officer.get(f"/admin/requests/{req.pk}/letter.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as letter_pdf:
        page = letter_pdf.pages[0]
        assert (round(page.width / 72 * 25.4), round(page.height / 72 * 25.4)) == (210, 297)
        pdf_text = "".join(p.extract_text() or "" for p in letter_pdf.pages).replace("\n", "")
    assert "政府信息公开申请答复告知书" in pdf_text and "李四" in pdf_text and "第三十七条" in pdf_text
    assert "涉及第三方商业秘密的部分不予公开" in pdf_text and "六个月内" in pdf_text and "行政诉讼" in pdf_text

    actions = [e.action for e in req.events.all()]
    assert actions == ["登记书面申请", "受理", "通知补正", "收到补正", "征求意见", "收回意见", "延长答复期限", "核定信息处理费", "答复"]
    assert all(e.actor is not None for e in req.events.all()[1:])


def test_correction_must_be_notified_within_seven_working_days_and_only_once(officer):
    req = registered(date(2025, 9, 24))
    assert nth_after(date(2025, 9, 24), 7) == date(2025, 10, 10)  # across the 9-28 make-up day and National Day
    late = step(officer, req, "correction", on="2025-10-11", correction_days="10", what="请补充")
    assert late.status_code == 400 and "7个工作日内" in late.content.decode()
    ok = step(officer, req, "correction", on="2025-10-10", correction_days="5", what="请补充")
    assert ok.status_code == 302
    twice = step(officer, req, "correction", on="2025-10-10", correction_days="5", what="再补充")
    assert twice.status_code == 400 and "不能进行此操作" in twice.content.decode()  # 补正 is notified once
    req.refresh_from_db()
    assert req.events.filter(action="通知补正").count() == 1


def test_no_correction_in_time_closes_the_request_as_abandoned_in_table_three(officer):
    from timeliness import request_queue

    req = registered(date(2025, 3, 3))
    step(officer, req, "correction", on="2025-03-05", correction_days="5", what="请写明文件名称")
    req.refresh_from_db()
    assert req.correction_due_on == nth_after(date(2025, 3, 5), 5)
    early = step(officer, req, "abandon", on=req.correction_due_on.isoformat())
    assert early.status_code == 400 and "尚未届满" in early.content.decode()
    result = request_queue.daily(today=date(2025, 3, 20))
    assert result["abandoned"] == 1
    req.refresh_from_db()
    assert req.status == "abandoned" and req.outcome == "other_1" and req.replied_on == date(2025, 3, 20)
    t3 = annual_report.table_three(2025)
    assert t3["other_1"]["natural"] == 1 and t3["total"]["total"] == 1


def test_table_three_counts_the_replies_by_outcome_and_applicant_type(officer):
    before = annual_report.build(2025)["table3"]
    a = registered(date(2025, 4, 1))
    b = registered(date(2025, 4, 2), applicant_type="legal_service", org_name="某律所", org_code="91350100M000100Y43")
    c = registered(date(2025, 12, 29))  # still open at the year's end
    step(officer, a, "reply", reply_type="partial", outcome="partial", on="2025-04-20", note="部分涉及个人隐私")
    step(officer, b, "reply", reply_type="withhold", outcome="withhold_4", on="2025-04-25", note="涉及第三方商业秘密")
    data = annual_report.build(2025)
    t3 = data["table3"]
    assert t3["new"]["total"] == before["new"]["total"] + 3
    assert t3["partial"]["natural"] == before["partial"]["natural"] + 1
    assert t3["open"]["natural"] == before["open"]["natural"]  # a partial disclosure counts only as 部分公开
    assert t3["withhold_4"]["legal_service"] == before["withhold_4"]["legal_service"] + 1
    assert t3["carried_forward"]["natural"] == before["carried_forward"]["natural"] + 1
    assert consistency.check_table_three(t3) == []
    assert annual_report.table_three(2026)["carried_over"]["natural"] >= 1
    assert c.pk


def test_the_office_enters_a_letter_with_its_art_31_receipt_date(officer):
    from timeliness.models import DisclosureRequest

    page = officer.get("/admin/requests/new/")
    assert page.status_code == 200
    base = {"applicant_type": "自然人", "name": "王五", "id_type": "居民身份证", "id_number": "11010519491231002X",
            "phone": "13812345678", "description": "申请公开某道路拓宽工程的规划许可", "form_wanted": "纸质", "delivery": "自行领取"}
    missing = officer.post("/admin/requests/new/", {**base, "channel": "letter", "submitted_on": "2025-06-06"})
    assert missing.status_code == 400 and "签收日期" in missing.content.decode()
    response = officer.post("/admin/requests/new/", {**base, "channel": "letter", "submitted_on": "2025-06-06", "signed_on": "2025-06-10"})
    assert response.status_code == 302
    req = DisclosureRequest.objects.get()
    assert req.received_on == date(2025, 6, 10) and req.channel == "letter"
    assert req.due_on == nth_after(date(2025, 6, 10), 20)
    fax = officer.post("/admin/requests/new/", {**base, "channel": "fax", "submitted_on": "2025-05-06"})
    assert fax.status_code == 400 and "确认" in fax.content.decode()


def test_officer_home_and_list_show_overdue_requests_with_the_applicant_masked(officer):
    req = registered(date(2024, 3, 1), name="欧阳明月")
    home = officer.get("/admin/").content.decode()
    panel = re.search(r'<section[^>]*id="request-work".*?</section>', home, re.S).group(0)
    assert "已超过答复期限" in panel and req.reference in panel
    listing = officer.get("/admin/requests/?status=overdue").content.decode()
    assert req.reference in listing and "欧阳*" in listing and "欧阳明月" not in listing
    assert "13900001111" not in listing


def test_handlers_are_reminded_of_overdue_and_soon_due_requests_without_personal_data():
    from django.core import mail

    from timeliness import request_queue

    make_user("ban2", roles.OFFICER, email="ban2@example.gov.cn")
    make_user("ping", roles.EVALUATOR, email="ping@example.gov.cn")
    late = registered(date(2025, 3, 3), name="欧阳明月")
    soon = registered(date(2025, 3, 24))
    result = request_queue.daily(today=date(2025, 4, 17))
    assert late.due_on < date(2025, 4, 17) <= soon.due_on
    assert (result["overdue"], result["due_soon"]) == (1, 1)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ban2@example.gov.cn"]
    body = mail.outbox[0].body
    assert late.reference in body and soon.reference in body and "欧阳明月" not in body and "13900001111" not in body


def test_an_edited_reply_template_changes_the_letter(officer):
    from timeliness.models import ReplyTemplate

    template = ReplyTemplate.objects.get(reply_type="not_ours")
    template.body = "{申请人}：\n经核查，你申请的信息由{答复说明}负责公开，请向该机关申请。\n依据{法律依据}。"
    template.save()
    req = registered(date(2025, 6, 10))
    step(officer, req, "reply", reply_type="not_ours", outcome="unable_1", on="2025-06-12", note="市自然资源和规划局")
    text = "\n".join(p.text for p in Document(io.BytesIO(officer.get(f"/admin/requests/{req.pk}/letter.docx").content)).paragraphs)
    assert "由市自然资源和规划局负责公开" in text and "第三十六条第（五）项" in text and "六个月内" in text
