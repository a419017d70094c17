"""Deadlines are stored, explain themselves, and are recomputed when an administrator enters a new year's notice."""
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from publishing import deadlines
from publishing.models import Deadline, DeadlineChange, DeadlinePause, HolidayNotice, HolidayNoticeDay

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_cli_prints_the_design_example():
    assert run("due", "2024-09-27", "20").strip() == "2024-10-30"


def test_cli_explains_the_national_day_holiday_and_makeup_day():
    text = run("due", "2024-09-27", "20", "--explain")
    assert "2024-10-01" in text and "国庆" in text
    assert "2024-10-12" in text  # the make-up Saturday crossed
    assert "到期日：2024-10-30" in text


def test_cli_names_the_missing_year():
    with pytest.raises(CommandError, match="2027"):
        run("between", "2027-01-04", "2027-02-01")


def test_proactive_deadline_is_twenty_working_days_after_formation():
    deadline = deadlines.create_proactive(date(2024, 9, 27))
    assert deadline.due_on == date(2024, 10, 30)
    assert not deadline.provisional
    assert Deadline.objects.get(pk=deadline.pk).due_on == date(2024, 10, 30)


def test_deadline_into_a_year_without_schedule_is_provisional_with_reason():
    deadline = deadlines.create_proactive(date(2026, 12, 10))
    assert deadline.provisional
    assert "2027" in deadline.provisional_reason and "暂定" in deadline.provisional_reason
    assert deadline.due_on == date(2027, 1, 7)  # weekends-only estimate


def test_entering_the_2027_notice_recomputes_and_logs_provisional_deadlines(django_capture_on_commit_callbacks):
    deadline = deadlines.create_proactive(date(2026, 12, 10))
    with django_capture_on_commit_callbacks(execute=True):
        notice = HolidayNotice.objects.create(year=2027, doc_number="国办发明电〔2026〕9号")
        HolidayNoticeDay.objects.create(notice=notice, start=date(2027, 1, 1), end=date(2027, 1, 3), name="元旦")
    deadline.refresh_from_db()
    assert deadline.due_on == date(2027, 1, 8)
    assert not deadline.provisional
    change = DeadlineChange.objects.get(deadline=deadline)
    assert (change.old_due_on, change.new_due_on) == (date(2027, 1, 7), date(2027, 1, 8))
    assert change.old_provisional and not change.new_provisional
    assert "节假日安排" in change.reason


def test_request_reply_extends_once_and_pauses_move_the_due_date():
    deadline = deadlines.create_request(date(2024, 9, 27))
    assert deadline.due_on == date(2024, 10, 30)
    deadlines.extend(deadline, 20, approver="王主任", reason="需调取档案")
    assert deadline.due_on == date(2024, 11, 27)
    with pytest.raises(ValueError, match="只能延长一次"):
        deadlines.extend(deadline, 5, approver="王主任", reason="再延")
    # 补正 noticed on Mon 2024-11-04, corrected request received Fri 2024-11-08: Tue–Fri, four working days paused.
    deadlines.add_pause(deadline, DeadlinePause.CORRECTION, date(2024, 11, 4), date(2024, 11, 8))
    assert deadline.due_on == date(2024, 12, 3)
    assert deadline.changes.count() == 2


def test_extension_is_capped_at_twenty_working_days_and_needs_an_approver():
    deadline = deadlines.create_request(date(2024, 9, 27))
    with pytest.raises(ValueError, match="20"):
        deadlines.extend(deadline, 21, approver="王主任", reason="x")
    with pytest.raises(ValueError, match="批准人"):
        deadlines.extend(deadline, 10, approver="", reason="x")
