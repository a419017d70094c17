"""Personal numbers typed with spaces, dashes or in full-width characters are still found (issue 17, first part)."""
from datetime import date

import pytest

from publishing.checks import Content, check_content

TODAY = date(2026, 12, 5)
ID = "11010519491231002X"  # the GB 11643 sample number


def codes(text):
    return sorted({c.code for c in check_content(Content(passages=[("正文", text)]), today=TODAY) if c.severity == "block"})


def full_width(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


@pytest.mark.parametrize("written", [
    ID, "110105 19491231 002X", "110105-19491231-002X", "1101 0519 4912 3100 2X", full_width(ID), full_width("110105 19491231 002X"),
])
def test_an_id_number_is_found_however_it_is_written(written):
    assert codes(f"申请人身份证号：{written}，住址略。") == ["personal_id_number"]


@pytest.mark.parametrize("written", ["13812345678", full_width("13812345678"), "138 1234 5678", full_width("138-1234-5678")])
def test_a_mobile_number_is_found_however_it_is_written(written):
    assert codes(f"联系电话{written}。") == ["mobile_number"]


def with_luhn_digit(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


CARD = with_luhn_digit("622202123456789012")  # 19 digits


@pytest.mark.parametrize("written", [CARD, full_width(CARD), full_width(" ".join(CARD[i:i + 4] for i in range(0, 19, 4)))])
def test_a_bank_card_is_found_however_it_is_written(written):
    assert codes(f"退款账号{written}。") == ["bank_card_number"]


def test_grouped_figures_in_a_table_are_not_an_id_number():
    assert codes("2023年 2024年 收入 1234 5678 9012 3456 78 万元") == []


def test_masked_numbers_still_pass():
    assert codes(f"身份证号 110105********002X，电话 138****5678。") == []


@pytest.mark.parametrize("line", ["秘密★1年", "秘 密★1年", "机 密 ★ 5 年", "密级：机密", "密级: 秘密", "绝密"])
def test_a_secrecy_marking_in_the_middle_of_a_document_is_found(line):
    text = f"第一段正文，说明有关事项。\n{line}\n第二段正文。"
    assert codes(text) == ["secrecy_marking"]


def test_the_word_secret_inside_a_sentence_is_not_a_marking():
    assert codes("本条例所称国家秘密，是指关系国家安全和利益的事项。\n保守秘密是每个公民的义务。") == []
