"""Every 不满意/非常不满意 rating opens a case for the guide's department. The officer takes it through 核实, 整改 or
解释, and 回访; each step has a working-day deadline; overdue cases stand out in the queue and on the home panel,
and the daily reminder mails once a day. A case closes only with a recorded outcome; every step names who did it."""
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cms.site.roles import EVALUATOR, OFFICER, SITE_ADMIN
from publishing import workdays
from tests.factories.accounts import make_user
from tests.factories.ratings import published_guide, rate

pytestmark = pytest.mark.django_db
CODE = "430100-SJ-XK-0301"


def case_page(client, case):
    return client.get(f"/admin/ratings/cases/{case.pk}/")


def step(client, case, **data):
    return client.post(f"/admin/ratings/cases/{case.pk}/", data)


def test_only_bad_ratings_open_a_case_with_a_one_working_day_verification_deadline():
    from ratings.models import FollowUpCase

    published_guide(CODE, department="市市场监管局")
    for level in (5, 4, 3):
        rate(CODE, level)
    assert FollowUpCase.objects.count() == 0
    bad = rate(CODE, 2, comment="材料反复要求补交", contact="13812345678")
    case = bad.case
    today = timezone.localdate()
    assert case.department == "市市场监管局" and case.get_step_display() == "核实"
    assert case.opened_on == today and case.due_on == workdays.add_working_days(today, 1)
    rate(CODE, 1)
    assert FollowUpCase.objects.count() == 2


def test_the_officer_takes_a_case_from_verification_to_a_return_visit_and_the_rate_follows(client):
    from ratings.models import FollowUpCase

    published_guide(CODE, department="市市场监管局")
    rate(CODE, 5)
    case = rate(CODE, 1, comment="窗口人员态度差", contact="13812345678").case
    officer = make_user("hcp-officer", role=OFFICER, first_name="王办理")
    client.force_login(officer)

    queue = client.get("/admin/ratings/cases/").content.decode()
    assert case.reference in queue and "138****5678" in queue and "13812345678" not in queue
    page = case_page(client, case).content.decode()
    assert "13812345678" in page and "窗口人员态度差" in page  # the handler needs the contact for the return visit

    refused = step(client, case, step="verify", resolution="rectify", note="")
    assert refused.status_code == 400 and "请填写处理记录" in refused.content.decode()
    assert step(client, case, step="verify", resolution="rectify", note="经核实属实，窗口人员已批评教育").status_code == 302
    case.refresh_from_db()
    today = timezone.localdate()
    assert case.get_step_display() == "整改" and case.due_on == workdays.add_working_days(today, 15)

    assert step(client, case, step="verify", resolution="rectify", note="重复提交").status_code == 400  # a stale form
    assert step(client, case, step="rectify", note="组织服务礼仪培训，设立评价公示栏").status_code == 302
    case.refresh_from_db()
    assert case.get_step_display() == "回访" and case.due_on == workdays.add_working_days(today, 5)

    no_outcome = step(client, case, step="revisit", note="电话回访")
    assert no_outcome.status_code == 400 and "办结前必须记录回访结果" in no_outcome.content.decode()
    assert FollowUpCase.objects.get(pk=case.pk).closed_on is None
    assert step(client, case, step="revisit", outcome="satisfied", note="电话回访，评价人表示满意").status_code == 302
    case.refresh_from_db()
    assert case.is_closed and case.closed_on == today and case.get_outcome_display() == "回访满意"

    events = list(case.events.values_list("action", "by__first_name"))
    assert events == [("差评自动立案", None), ("核实完毕，转整改", "王办理"), ("整改完成，转回访", "王办理"),
                      ("回访完毕，办结（回访满意）", "王办理")]
    page = case_page(client, case).content.decode()
    assert "王办理" in page and "电话回访，评价人表示满意" in page
    assert "差评整改率</dt><dd>100%（已办结 1 条）" in client.get(f"/hcp/sx/{CODE}/").content.decode()


def test_an_explanation_is_the_other_way_to_the_return_visit():
    from ratings import cases

    published_guide(CODE)
    case = rate(CODE, 2, comment="收费不合理").case
    officer = make_user("hcp-officer2", role=OFFICER)
    with pytest.raises(cases.CaseStepRefused) as refused:
        cases.verify(case, officer, "核实", "ignore")
    assert refused.value.reason == "bad_resolution"
    case = cases.verify(case, officer, "收费有法定依据", "explain")
    assert case.get_step_display() == "解释" and case.due_on == workdays.add_working_days(timezone.localdate(), 5)
    case = cases.resolve(case, officer, "已电话解释收费依据")
    with pytest.raises(cases.CaseStepRefused) as refused:
        cases.revisit(case, officer, "", "联系不上")
    assert refused.value.reason == "outcome_required"
    case = cases.revisit(case, officer, "unreachable", "未留联系方式")
    assert case.is_closed
    with pytest.raises(cases.CaseStepRefused) as refused:
        cases.revisit(case, officer, "satisfied", "再次回访")
    assert refused.value.reason == "closed"


def test_evaluators_read_cases_with_the_contact_masked_and_cannot_act(client):
    published_guide(CODE)
    case = rate(CODE, 1, contact="someone@example.com").case
    client.force_login(make_user("hcp-evaluator", role=EVALUATOR))
    page = case_page(client, case)
    assert page.status_code == 200 and "s***@example.com" in page.content.decode()
    assert "someone@example.com" not in page.content.decode() and "提交核实" not in page.content.decode()
    assert step(client, case, step="verify", resolution="rectify", note="x").status_code == 403
    case.refresh_from_db()
    assert case.get_step_display() == "核实"
    client.force_login(make_user("hcp-editor", role="目录编辑"))
    assert client.get("/admin/ratings/cases/").status_code in (302, 403)


def test_overdue_cases_stand_out_in_the_queue_and_on_the_home_panel_and_are_mailed_once_a_day(client):
    from ratings import cases
    from ratings.models import FollowUpCase

    published_guide(CODE, department="市市场监管局")
    late = rate(CODE, 1).case
    FollowUpCase.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    rate(CODE, 2)
    make_user("hcp-officer3", role=OFFICER, email="officer@example.gov.cn")
    client.force_login(make_user("hcp-siteadmin", role=SITE_ADMIN))

    queue = client.get("/admin/ratings/cases/").content.decode()
    assert 'id="cases-overdue">1<' in queue and queue.count('class="gk-overdue"') == 1 and "已超期" in queue
    only_late = client.get("/admin/ratings/cases/?status=overdue").content.decode()
    assert late.reference in only_late and only_late.count("ratings/cases/") >= 1
    home = client.get("/admin/").content.decode()
    assert "差评整改待办" in home and late.reference in home

    mail.outbox.clear()
    first = cases.daily()
    assert first["overdue"] == 1 and first["mailed"] >= 1
    (message,) = mail.outbox
    assert "officer@example.gov.cn" in message.to and "1件已超期" in message.subject and late.reference in message.body
    assert cases.daily() == {"overdue": 0, "due_soon": 0, "mailed": 0}
    assert len(mail.outbox) == 1


def test_the_daily_reminder_is_on_the_beat_schedule(settings):
    from ratings.tasks import daily_cases

    scheduled = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "ratings.tasks.daily_cases" in scheduled
    assert daily_cases.name == "ratings.tasks.daily_cases"
