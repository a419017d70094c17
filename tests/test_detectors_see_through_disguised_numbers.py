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
    assert codes("身份证号 110105********002X，电话 138****5678。") == []


@pytest.mark.parametrize("line", ["秘密★1年", "秘 密★1年", "机 密 ★ 5 年", "密级：机密", "密级: 秘密", "绝密"])
def test_a_secrecy_marking_in_the_middle_of_a_document_is_found(line):
    text = f"第一段正文，说明有关事项。\n{line}\n第二段正文。"
    assert codes(text) == ["secrecy_marking"]


def test_the_word_secret_inside_a_sentence_is_not_a_marking():
    assert codes("本条例所称国家秘密，是指关系国家安全和利益的事项。\n保守秘密是每个公民的义务。") == []


# ---- dots, invisible characters and mixed separators between the digits

ZWSP, BOM, ZWJ, WJ, SHY = "\u200b", "\ufeff", "\u200d", "\u2060", "\u00ad"


@pytest.mark.parametrize("written", [
    "110105.1949.1231.002X", "110105 1949-1231.002X", "110105 - 19491231 - 002X", "110105—19491231—002X",
    ZWSP.join(ID), "110105" + BOM + "19491231" + BOM + "002X", "110105" + WJ + "19491231" + SHY + "002X",
    "110105\u300019491231\u3000002X", full_width("110105.19491231.002x"),
])
def test_an_id_number_with_dots_invisible_characters_or_mixed_separators_is_found(written):
    assert codes(f"申请人身份证号：{written}，住址略。") == ["personal_id_number"]


@pytest.mark.parametrize("written", [
    "138.0013.8000", "138。0013。8000", "138 - 0013 - 8000", ZWJ.join("13800138000"), "1380013" + ZWSP + "8000",
    "+86 138 0013 8000", "+86-138-0013-8000", "0086 13800138000", "138\u30000013\u30008000",
])
def test_a_mobile_number_with_dots_invisible_characters_or_a_country_code_is_found(written):
    assert codes(f"联系人手机{written}。") == ["mobile_number"]


@pytest.mark.parametrize("written", [".".join(CARD[i:i + 4] for i in range(0, 19, 4)), ZWSP.join(CARD), "-".join(CARD[i:i + 4] for i in range(0, 19, 4))])
def test_a_bank_card_with_dots_dashes_or_invisible_characters_is_found(written):
    assert codes(f"退款账号{written}。") == ["bank_card_number"]


@pytest.mark.parametrize("text", [
    "身份证号 430102********1234，电话 138****5678，卡号 6222 **** **** 1234。",  # masked
    "身份证号 ４３０１０２＊＊＊＊＊＊＊＊１２３４。",  # masked, full-width
    f"身份证号 {ID[:17]}1。",  # wrong check character
    f"卡号 {CARD[:-1]}{(int(CARD[-1]) + 1) % 10}。",  # fails Luhn
    "支出 5678.12 3456.78 1234.5 万元",  # decimals of a table
    "人数 15 23 8 9 45 12 3",  # small figures of a table
    "2019 2020 2021 2022 2023",  # years of a table header
    "座机0731-82345678，投诉热线12345，邮编410001",
    "索引号113708280043326001/2024-02411，统一社会信用代码11430100006123456M",
    "项目编号2026113813800138000",
])
def test_masked_invalid_and_table_figures_do_not_block(text):
    assert codes(text) == []


def test_a_number_never_runs_across_table_cells():
    assert codes("张某某\t1234 5678\t2345 6789\t3456 7890") == []
    assert codes("张某某 110105 19491231 002X 138 0013 8000 2") == ["mobile_number", "personal_id_number"]


# ---- a mobile number in a service's own contact field

def findings(content):
    return [(c.code, c.severity) for c in check_content(content, today=TODAY)]


def test_a_mobile_number_in_an_official_contact_field_only_asks_for_a_look():
    content = Content(passages=[("受理条件", "符合条件的个人")], contacts=[("咨询电话", full_width("139-0731-2468"))])
    assert findings(content) == [("contact_mobile_number", "warn")]
    message = check_content(content, today=TODAY)[0].message
    assert "咨询电话" in message and "139****2468" in message and "请确认" in message


def test_a_landline_in_a_contact_field_is_fine_and_an_id_number_there_still_blocks():
    assert findings(Content(contacts=[("咨询电话", "0731-84512345"), ("监督投诉电话", "12345")])) == []
    assert findings(Content(contacts=[("咨询电话", f"经办人身份证{ID}")])) == [("personal_id_number", "block")]


# ---- 公开属性 declared by an 附注 or a metadata field, wherever it stands

@pytest.mark.parametrize("text, declared", [
    ("（本件不予公开）", "不予公开"), ("（此件不予公开）", "不予公开"), ("（公开方式：不予公开）", "不予公开"),
    ("（公开属性：依申请公开）", "依申请公开"), ("（此件不公开）", "不予公开"), ("( 此件 不予公开 )", "不予公开"),
    ("（此件不予公开)", "不予公开"), ("【此件不予公开】", "不予公开"), ("（此\u200b件依申请公开）", "依申请公开"),
    ("特此通知。（此件不予公开）", "不予公开"), ("此件不予公开。", "不予公开"),
    ("公开方式：依申请公开", "依申请公开"), ("索引号：000014349/2026-00012　公开方式：不予公开　发布日期：2026年11月20日", "不予公开"),
    ("信息公开选项：□主动公开　■依申请公开　□不予公开", "依申请公开"),
])
def test_a_note_or_field_declaring_the_document_not_public_blocks(text, declared):
    found = check_content(Content(passages=[("正文第5段", text)]), today=TODAY)
    assert [(c.code, c.detail["value"]) for c in found] == [("disclosure_not_public", declared)]


@pytest.mark.parametrize("text", [
    "对依申请公开的信息，申请人可以通过信函、网络等方式提出申请。",
    "不予公开的情形包括涉及国家秘密、商业秘密和个人隐私的信息。",
    "对标注“（此件不予公开）”的文件，应当进行审查。",
    "政府信息的公开方式：主动公开、依申请公开。",
    "（本文件中不予公开的部分已作删除处理）",
    "（此件公开发布）", "公开方式：主动公开", "（三）不予公开信息的管理",
])
def test_prose_that_only_mentions_the_words_does_not_block(text):
    assert codes(text) == []


def test_the_import_checks_see_a_note_inline_and_a_marking_in_the_middle():
    from importers.gongwen import parse
    from importers.readers import Block, ExtractedDocument
    from publishing.checks import run_checks

    def parsed(*body, notes=("（此件公开发布）",)):
        lines = ["云溪市人民政府文件", "云政发〔2026〕12号", "云溪市人民政府关于做好冬季供暖工作的通知", "各区县人民政府：",
                 *body, "云溪市人民政府", "2026年11月20日", *notes, "抄送：市委办公室。", "云溪市人民政府办公室　2026年11月20日印发"]
        return parse(ExtractedDocument(kind="txt", blocks=[Block(x) for x in lines]))

    def blocks(p):
        return sorted({c.code for c in run_checks(p, today=TODAY) if c.severity == "block"})

    inline = parsed("一、按时供暖。", "二、做好保障。（此件不予公开）")
    assert inline.disclosure == "不予公开" and blocks(inline) == ["disclosure_not_public"]
    dated = parse(ExtractedDocument(kind="txt", blocks=[Block(x) for x in [
        "云溪市人民政府文件", "云政发〔2026〕12号", "云溪市人民政府关于做好冬季供暖工作的通知", "各区县人民政府：", "一、按时供暖。",
        "云溪市人民政府", "2026年11月20日（公开属性：依申请公开）"]]))
    assert str(dated.formed_on) == "2026-11-20" and dated.disclosure == "依申请公开"
    secret = parsed("一、按时供暖。", "秘 密 ★ 1 年", "二、做好保障。")
    assert secret.secrecy == "秘密" and blocks(secret) == ["secrecy_marking"]
    assert blocks(parsed("一、按时供暖，保守国家秘密。", "二、对依申请公开的信息，按条例办理。")) == []
