"""Every figure a person reads is formatted in one place (publishing.figures and its {% load figures %} filters):
no float noise such as 15.800000000000011, rates as percentages with the chosen precision, never "-0"."""
import math
import re

from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from publishing import figures

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
digits = st.integers(min_value=0, max_value=4)


@given(finite, digits)
def test_a_number_prints_exactly_the_chosen_decimals_and_no_noise(value, n):
    text = figures.number(value, n)
    pattern = r"-?\d+" + (rf"\.\d{{{n}}}" if n else "")
    assert re.fullmatch(pattern, text), text
    assert "e" not in text.lower() and not re.fullmatch(r"-0(\.0*)?", text)
    assert abs(float(text) - value) <= 0.5 * 10 ** -n + 1e-9 * max(1, abs(value))


@given(st.floats(min_value=0, max_value=1, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_a_rate_between_0_and_1_prints_as_a_percentage_between_0_and_100(rate, n):
    text = figures.percent(rate, n)
    assert text.endswith("%")
    body = text[:-1]
    assert re.fullmatch(r"\d{1,3}" + (rf"\.\d{{{n}}}" if n else ""), body), text
    assert 0 <= float(body) <= 100


@given(finite)
def test_rounded_api_numbers_have_at_most_two_decimals(value):
    out = figures.rounded(value)
    assert isinstance(out, float)
    assert re.fullmatch(r"-?\d+\.\d{1,2}", repr(out)) or "e" in repr(out), repr(out)


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=10_000))
def test_a_reduction_is_never_negative_and_needs_a_before(before, after):
    result = figures.reduction(before, after)
    if before == 0 or after > before:
        assert result is None
    else:
        assert 0 <= result <= 100


def test_the_numbers_from_the_issue_read_as_a_person_expects():
    assert figures.number(15.800000000000011) == "15.8"
    assert figures.percent(0.9662) == "96.6%"
    assert figures.percent(1) == "100.0%"
    assert figures.rounded(15.800000000000011) == 15.8
    assert figures.number(-0.04) == "0.0"
    for missing in (None, math.nan, math.inf, "abc"):
        assert figures.number(missing) == figures.percent(missing) == "—"
    assert figures.reduction(1, 5) is None and figures.reduction(None, 1) is None and figures.reduction(5, 1) == 80


def test_the_template_filters_use_the_same_rules():
    html = Template("{% load figures %}{{ p90|days }} {{ rate|percent }} {{ rate|percent:2 }} {{ none|days }} {{ pi|figure:2 }}").render(
        Context({"p90": 15.800000000000011, "rate": 0.9662, "none": None, "pi": math.pi}))
    assert html == "15.8 96.6% 96.62% — 3.14"
