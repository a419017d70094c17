"""Summary statistics from a histogram of working days (plain Python, no Django).

The database returns counts per number of working days taken; averages and percentiles follow from that
histogram exactly. Percentiles use linear interpolation between closest ranks, the same definition as
PostgreSQL's percentile_cont, so the figures match a hand-written SQL aggregate.
"""
from __future__ import annotations

LIMIT_DAYS = 20  # 条例第二十六条: 20 working days
TARGET_DAYS = 7  # the seed city's benchmark


def merge(into: dict[int, int], days: int, n: int) -> None:
    into[days] = into.get(days, 0) + n


def total(hist: dict[int, int]) -> int:
    return sum(hist.values())


def mean(hist: dict[int, int]) -> float | None:
    n = total(hist)
    return sum(d * c for d, c in hist.items()) / n if n else None


def percentile(hist: dict[int, int], p: float) -> float | None:
    """percentile_cont(p): the value at rank p*(n-1) (0-based) of the sorted values, interpolated."""
    n = total(hist)
    if not n:
        return None
    rank = p * (n - 1)
    lower_rank = int(rank)
    frac = rank - lower_rank
    lower = upper = None
    seen = 0
    for days in sorted(hist):
        seen += hist[days]
        if lower is None and seen > lower_rank:
            lower = days
        if seen > lower_rank + 1 or (seen > lower_rank and frac == 0):
            upper = days
            break
    if upper is None:
        upper = lower
    return lower + (upper - lower) * frac


def at_most(hist: dict[int, int], limit: int) -> int:
    return sum(c for d, c in hist.items() if d <= limit)


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
