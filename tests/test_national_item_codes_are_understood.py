"""National 事项编码 (实施编码, 基本编码) are decoded; a plausible code that is not fully understood is accepted with a
Chinese warning; only what is obviously not a code is refused. Plain Python: no database."""
import random
import re

import pytest

from cms.guides.item_codes import (
    KIND_LOCAL,
    KIND_NATIONAL_BASIC,
    KIND_NATIONAL_IMPLEMENTATION,
    KIND_PROVINCIAL_BASIC,
    KIND_UNRECOGNISED,
    InvalidItemCode,
    item_code_error,
    parse_item_code,
    type_contradiction,
)
from publishing import uscc
from tests.factories.item_codes import (
    AREAS,
    ITEM_TYPE_LETTERS,
    basic_code,
    national_code,
    provincial_basic_code,
    uscc_code,
    wrong_check,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_factory_builds_credit_codes_the_standard_accepts():
    rng = random.Random(1)
    codes = [uscc_code(rng, area) for area, _ in AREAS for _ in range(5)]
    assert all(uscc.is_valid(c) for c in codes)
    bad, expected = wrong_check(codes[0])
    assert not uscc.is_valid(bad) and uscc.check_character(bad[:17]) == expected


@pytest.mark.parametrize("seed", range(40))
def test_a_generated_implementation_code_is_decoded_into_its_parts(seed):
    made = national_code(random.Random(seed))
    parsed = parse_item_code(made.code)
    assert parsed.kind == KIND_NATIONAL_IMPLEMENTATION
    assert parsed.warnings == []
    assert parsed.code == made.code
    assert dict(parsed.parts()) == {
        "基本编码": made.basic,
        "行政区划代码": f"{made.area12}（{made.province}）",
        "区划内码/扩展段": made.segment,
        "实施机构统一社会信用代码": made.uscc,
        "业务办理项": made.business,
    }
    assert parsed.type_code == "" and parsed.item_type == ""  # a digit-led 基本编码 carries no 事项类型
    assert item_code_error(made.code) is None


def test_the_published_example_is_understood():
    parsed = parse_item_code("511Z07001006-511602000000-000-11511301008778183N-1-00")
    assert parsed.kind == KIND_NATIONAL_IMPLEMENTATION and parsed.warnings == []
    assert parsed.province == "四川省" and parsed.agency_uscc == "11511301008778183N" and parsed.business_item == "1-00"


def test_a_basic_code_carries_a_type_only_when_it_starts_with_one():
    rng = random.Random(7)
    for letters in ITEM_TYPE_LETTERS:
        made = national_code(rng, type_letters=letters)
        parsed = parse_item_code(made.code)
        assert parsed.type_code == letters and parsed.basic_code == made.basic
        alone = parse_item_code(made.basic)
        assert alone.kind == KIND_NATIONAL_BASIC and alone.type_code == letters and alone.warnings == []
    plain = basic_code(rng)
    alone = parse_item_code(plain)
    assert alone.kind == KIND_NATIONAL_BASIC and alone.type_code == "" and alone.parts() == [("基本编码", plain)]


def test_the_older_ten_character_provincial_basic_code_is_decoded():
    code, main, sub = provincial_basic_code(random.Random(3), "QR")
    parsed = parse_item_code(code)
    assert parsed.kind == KIND_PROVINCIAL_BASIC and parsed.warnings == []
    assert dict(parsed.parts()) == {"基本编码": code, "事项类型": "QR（行政确认）", "主项": main, "子项": sub}
    guizhou = parse_item_code("XK0010100Y")
    assert (guizhou.type_code, guizhou.main_item, guizhou.sub_item) == ("XK", "00101", "00Y")


def test_a_wrong_check_character_loads_with_a_warning_naming_the_expected_one():
    made = national_code(random.Random(11))
    made.uscc, expected = wrong_check(made.uscc)
    parsed = parse_item_code(made.code)
    assert parsed.kind == KIND_NATIONAL_IMPLEMENTATION
    assert item_code_error(made.code) is None
    assert len(parsed.warnings) == 1
    assert f"第18位应为 {expected}" in parsed.warnings[0] and made.uscc in parsed.warnings[0]


def test_a_credit_code_with_letters_the_standard_leaves_out_is_a_warning():
    made = national_code(random.Random(12))
    made.uscc = made.uscc[:10] + "I" + made.uscc[11:]
    warnings = parse_item_code(made.code).warnings
    assert len(warnings) == 1 and "不允许的字符" in warnings[0]


def test_an_unknown_province_prefix_is_a_warning_not_a_refusal():
    made = national_code(random.Random(13))
    made.area12 = "99" + made.area12[2:]
    parsed = parse_item_code(made.code)
    assert parsed.kind == KIND_NATIONAL_IMPLEMENTATION
    assert any("“99”不是 GB/T 2260 的省级区划代码" in w for w in parsed.warnings)
    assert dict(parsed.parts())["行政区划代码"] == made.area12  # no province name invented


@pytest.mark.parametrize("business, words", [("", "缺少业务办理项"), ("A1", "业务办理项“A1”"), ("1-00-3", "业务办理项“1-00-3”")])
def test_an_odd_business_item_is_a_warning(business, words):
    made = national_code(random.Random(14))
    code = "-".join([made.basic, made.area12, made.segment, made.uscc] + ([business] if business else []))
    parsed = parse_item_code(code)
    assert parsed.kind == KIND_NATIONAL_IMPLEMENTATION
    assert any(words in w for w in parsed.warnings)


def test_unknown_layouts_are_accepted_with_a_warning():
    made = national_code(random.Random(15))
    layouts = [
        f"{made.basic}-{made.area12}-{made.uscc}-{made.business}",  # the 3-digit segment left out
        f"{made.basic}-{made.area12[:6]}-{made.segment}-{made.uscc}-{made.business}",  # 6-digit area
        made.basic[:11],  # 11 characters
        made.basic + "1",  # 13 characters
        "12AB345678",  # 10 characters, not the provincial form
        "ZW-2020-000123",
    ]
    for code in layouts:
        parsed = parse_item_code(code)
        assert parsed.kind == KIND_UNRECOGNISED, code
        assert item_code_error(code) is None
        assert len(parsed.warnings) == 1 and "未能识别" in parsed.warnings[0] and CJK.search(parsed.warnings[0])


@pytest.mark.parametrize(
    "value, words",
    [
        ("", "不能为空"),
        ("   ", "不能为空"),
        (None, "不能为空"),
        ("办理居民身份证", "不能出现在编码中的字符"),
        ("511Z07001006（四川）", "不能出现在编码中的字符"),
        ("511Z07001006\x00", "控制字符"),
        ("511Z0700\u200b1006", "控制字符"),
        ("1" * 101, "过长"),
        ("NOT-A-CODE", "不含任何数字"),
        ("A-1234", "过短"),
        ("511Z0700 1006", "不能包含空格"),
    ],
)
def test_garbage_is_refused_with_a_chinese_reason(value, words):
    with pytest.raises(InvalidItemCode) as exc:
        parse_item_code(value)
    assert words in str(exc.value) and CJK.search(str(exc.value))


def test_full_width_characters_and_other_dashes_are_normalised():
    made = national_code(random.Random(16))
    full_width = made.code.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789ABCDEFGHJKLMNPQRTUWXYZ-"})
    assert parse_item_code(full_width).code == made.code
    assert parse_item_code(made.code.replace("-", "—").lower()).code == made.code


def test_local_forms_are_unchanged():
    parsed = parse_item_code("62052400MZ-XK-0001")
    assert parsed.kind == KIND_LOCAL and parsed.warnings == []
    assert dict(parsed.parts()) == {"区划代码": "62052400", "部门代码": "MZ", "事项类型": "XK（行政许可）", "序号": "0001"}
    for bad, words in [("430100-WS-ZZ-0001", "事项类型代码“ZZ”无效"), ("990100-WS-GG-0001", "区划代码“990100”"),
                       ("430100-WS-GG-01", "格式不正确")]:
        assert words in item_code_error(bad)


def test_a_stated_type_contradicting_the_code_is_named():
    assert type_contradiction("430100-MZ-XK-0001", "行政确认") == "事项编码表明为行政许可（XK），但事项类型填写为行政确认"
    assert type_contradiction("430100-MZ-XK-0001", "行政许可事项") is None
    assert type_contradiction("430100-MZ-XK-0001", "") is None
    assert type_contradiction("430100-MZ-XK-0001", "审批类") is None  # names no known type: not judged
    made = national_code(random.Random(17), type_letters="GG")
    assert "公共服务（GG）" in type_contradiction(made.code, "其他行政权力")
    assert type_contradiction(national_code(random.Random(18)).code, "行政确认") is None  # code carries no type
    assert "行政许可（XK）" in type_contradiction("XK0010100Y", "QR")
