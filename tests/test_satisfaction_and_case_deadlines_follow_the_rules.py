"""The plain rules behind the figures and the case clock: satisfaction is the share of levels 3–5 (none without
ratings), the 差评整改率 the share of 差评 closed, deadlines count working days on the official calendar (holidays
and 调休 included), and contacts are masked in lists."""
from datetime import date

import pytest

from ratings import rules


def test_satisfaction_is_the_share_of_levels_three_to_five():
    assert rules.satisfaction({"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}) is None
    assert rules.satisfaction({"1": 1, "2": 1, "3": 1, "4": 1, "5": 2}) == 0.6667
    assert rules.satisfaction({"1": 0, "2": 0, "3": 3, "4": 0, "5": 0}) == 1.0
    assert rules.satisfaction({"1": 2, "2": 0, "3": 0, "4": 0, "5": 0}) == 0.0
    assert rules.percent(0.6667) == "66.7%" and rules.percent(1.0) == "100%" and rules.percent(None) == "—"


def test_rectification_rate_has_no_value_without_bad_ratings():
    assert rules.rectification_rate(0, 0) is None
    assert rules.rectification_rate(3, 1) == 0.3333


@pytest.mark.parametrize("value, level", [(5, 5), ("1", 1), (" 3 ", 3), (4.0, 4), (0, None), (6, None), ("05", None),
                                          (True, None), (2.5, None), ("五", None), (None, None), ([5], None)])
def test_only_the_five_levels_are_levels(value, level):
    assert rules.parse_level(value) == level


def test_verification_due_the_next_working_day_skips_the_national_day_holiday():
    # 2025: 10-01..10-08 off (国庆 and 中秋), 09-28 and 10-11 make-up working days
    assert rules.step_due(date(2025, 9, 30), 1) == rules.Due(date(2025, 10, 9), False)
    assert rules.step_due(date(2025, 9, 27), 1).on == date(2025, 9, 28)  # a 调休 Sunday is a working day
    assert rules.step_due(date(2025, 9, 30), 15).on == date(2025, 10, 28)  # 10-11 counts


def test_a_year_without_a_schedule_gives_a_provisional_deadline():
    assert rules.step_due(date(2028, 1, 7), 1) == rules.Due(date(2028, 1, 10), True)  # Friday → Monday, weekends only
    assert rules.step_due(date(2099, 1, 2), 1) == rules.Due(date(2099, 1, 5), True)  # far beyond: still an estimate


def test_contacts_are_masked():
    assert rules.mask_contact("13812345678") == "138****5678"
    assert rules.mask_contact("0731-88886666") == "0731-****6666"
    assert rules.mask_contact("someone@example.com") == "s***@example.com"
    assert rules.mask_contact("") == ""
