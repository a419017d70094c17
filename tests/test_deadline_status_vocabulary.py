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


def test_a_blocked_document_is_held_awaiting_review_until_reviewed():
    from publishing.status import held_status

    assert held_status(blocked=True).label == "已阻止·待审查"
    assert held_status(blocked=True, review="同意公开").label == "已阻止·待脱敏新版本"
    assert held_status(blocked=True, review="部分公开（需脱敏）").code == "blocked_new_version"
    assert held_status(blocked=True, review="不予公开").label == "不予公开（已审查）"


def test_a_duplicate_number_holds_and_nothing_holds_a_clean_document():
    from publishing.status import ALL, held_status

    assert held_status(blocked=False, duplicate_undecided=True).label == "暂缓·文号重复待确认"
    assert held_status(blocked=False) is None and held_status(blocked=False, review="同意公开") is None
    assert held_status(blocked=True, superseded=True).label == "已被新版本取代"
    assert {"blocked_review", "blocked_new_version", "held_duplicate", "declined", "superseded"} <= set(ALL)
