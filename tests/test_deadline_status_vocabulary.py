from datetime import date

from publishing.status import deadline_status

DUE = date(2024, 10, 30)


def test_done_on_or_before_due_is_on_time():
    assert deadline_status(DUE, date(2024, 10, 30), date(2024, 11, 5)).label == "按时完成"
    assert deadline_status(DUE, date(2024, 10, 8), date(2024, 11, 5)).code == "on_time"


def test_done_after_due_is_late():
    assert deadline_status(DUE, date(2024, 10, 31), date(2024, 11, 5)).label == "超期完成"


def test_open_after_due_is_overdue():
    assert deadline_status(DUE, None, date(2024, 10, 31), 0).label == "已超期"


def test_open_within_three_working_days_is_due_soon():
    assert deadline_status(DUE, None, date(2024, 10, 25), 3).label == "即将到期"
    assert deadline_status(DUE, None, DUE, 0).label == "即将到期"


def test_open_with_more_time_is_pending():
    assert deadline_status(DUE, None, date(2024, 10, 24), 4).label == "未到期"
