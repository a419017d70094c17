"""信息处理费 per 国办函〔2020〕109号 (by count per applicant per month, or by volume, never both) and the receipt
date of 条例 Art. 31 for each channel — plain rules, no database."""
from datetime import date, datetime

import pytest

from timeliness import request_rules as rules


@pytest.mark.parametrize("items, yuan", [(0, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300), (35, 3000)])
def test_fee_by_count(items, yuan):
    assert rules.fee(rules.BY_COUNT, items) == yuan


@pytest.mark.parametrize("pages, yuan", [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)])
def test_fee_by_volume(pages, yuan):
    assert rules.fee(rules.BY_VOLUME, pages) == yuan


def test_a_fee_needs_exactly_one_method():
    with pytest.raises(ValueError, match="只能选一种"):
        rules.fee("both", 5)


def weekdays_only(d):
    return d.weekday() < 5


def next_weekday(d):
    from datetime import timedelta

    d += timedelta(days=1)
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


@pytest.mark.parametrize("when, received", [
    (datetime(2025, 6, 10, 9, 0), date(2025, 6, 10)),    # Tuesday, office hours
    (datetime(2025, 6, 10, 17, 45), date(2025, 6, 11)),  # after hours
    (datetime(2025, 6, 10, 7, 0), date(2025, 6, 11)),    # before hours: confirmed only the next working day
    (datetime(2025, 6, 14, 11, 0), date(2025, 6, 16)),   # Saturday
])
def test_online_receipt_date(when, received):
    assert rules.online_receipt_date(when, weekdays_only, next_weekday) == received


def test_written_receipt_dates_follow_the_channel():
    d1, d2, d3 = date(2025, 6, 3), date(2025, 6, 5), date(2025, 6, 6)
    assert rules.written_receipt_date(rules.IN_PERSON, d1, None, None) == d1
    assert rules.written_receipt_date(rules.REGISTERED_MAIL, d1, d2, None) == d2
    assert rules.written_receipt_date(rules.PLAIN_LETTER, d1, None, d3) == d3
    assert rules.written_receipt_date(rules.FAX, d1, None, d1) == d1
    with pytest.raises(rules.ReceiptError, match="签收日期"):
        rules.written_receipt_date(rules.REGISTERED_MAIL, d1, None, None)
    with pytest.raises(rules.ReceiptError, match="确认"):
        rules.written_receipt_date(rules.EMAIL, d1, None, None)
    with pytest.raises(rules.ReceiptError, match="不能早于"):
        rules.written_receipt_date(rules.PLAIN_LETTER, d2, None, d1)


def test_masks_hide_most_of_a_name_or_number():
    assert rules.mask_name("张三") == "张*" and rules.mask_name("欧阳明月") == "欧阳**"
    assert rules.mask_number("13812345678") == "138****5678"
