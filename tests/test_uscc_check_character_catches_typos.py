"""统一社会信用代码 (GB 32100-2015): the check character catches a mistyped character; messages are in Chinese."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from publishing import uscc

body = st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17)


def test_a_published_code_is_valid():
    # The 实施机构 of the national 实施编码 quoted in issue 18 (a 四川 government organ).
    assert uscc.validate("11511301008778183n") == "11511301008778183N"


@given(body)
def test_every_code_with_its_check_character_is_valid(first17):
    assert uscc.is_valid(first17 + uscc.check_character(first17))


@given(body, st.integers(min_value=0, max_value=16), st.sampled_from(uscc.ALPHABET))
def test_one_mistyped_character_is_caught(first17, position, replacement):
    code = first17 + uscc.check_character(first17)
    typo = code[:position] + replacement + code[position + 1:]
    assert uscc.is_valid(typo) == (typo == code)


@pytest.mark.parametrize("value, says", [
    ("1151130100877818", "应为18位"),
    ("11511301008778183O", "不允许的字符"),
    ("11511301008778183M", "校验码错误：第18位应为 N"),
])
def test_a_wrong_code_says_what_is_wrong(value, says):
    with pytest.raises(uscc.InvalidUSCC, match=says):
        uscc.validate(value)
