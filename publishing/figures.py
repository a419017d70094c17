"""Numbers as people read them: the one place where figures are rounded and percentages formatted (plain Python).

Floats are rounded through their shortest decimal text (``repr``), half away from zero, so 15.800000000000011
reads "15.8" and 0.96625 reads "96.6%" / "96.63%" the way a person rounding by hand would. Missing figures
(None, NaN, infinity) read "—". Every formatter returns text with exactly the requested number of decimals and
never "-0".
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MISSING = "—"
DAYS_DIGITS = 1  # working days: 7.2, P90 15.8
PERCENT_DIGITS = 1  # rates: 96.6%
API_DIGITS = 2  # numeric JSON fields keep a little more precision


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        value = repr(value)
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def _quantize(number: Decimal, digits: int) -> Decimal:
    result = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return result.copy_abs() if result.is_zero() else result  # no "-0.0"


def rounded(value, digits: int = API_DIGITS) -> float | None:
    """A number for machines (JSON): a float rounded to `digits` decimals (15.8, not 15.800000000000011), None when
    missing."""
    number = _decimal(value)
    return None if number is None else float(_quantize(number, digits))


def number(value, digits: int = DAYS_DIGITS) -> str:
    """A number for people: exactly `digits` decimals ("15.8", "7.0"), "—" when missing."""
    dec = _decimal(value)
    if dec is None:
        return MISSING
    return f"{_quantize(dec, digits):f}"


def percent(rate, digits: int = PERCENT_DIGITS) -> str:
    """A rate (0.9662) as a percentage for people ("96.6%"), "—" when missing."""
    dec = _decimal(rate)
    if dec is None:
        return MISSING
    return f"{_quantize(dec * 100, digits):f}%"


def percent_value(rate, digits: int = PERCENT_DIGITS) -> float | None:
    """A rate as a rounded percentage number (96.6), for text that adds its own "%" (e.g. the report narrative)."""
    dec = _decimal(rate)
    return None if dec is None else rounded(dec * 100, digits)


def reduction(before, after) -> int | None:
    """Whole-percent reduction from `before` to `after`; None unless both exist, before > 0 and after <= before.

    A reduction is never negative: a bigger "after" is not a reduction, and the caller says why instead."""
    if before is None or after is None or before <= 0 or after < 0 or after > before:
        return None
    return int(_quantize(Decimal(before - after) * 100 / Decimal(before), 0))
