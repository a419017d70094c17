"""1,000,000 add_working_days(d, 20) for random dates 2007–2026, against a naive day-by-day loop (same run)."""
import json
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from publishing import workdays  # noqa: E402

N = 1_000_000
NAIVE_N = 20_000


def naive_add(cal, start, n):
    d, count = start, 0
    while count < n:
        d += timedelta(days=1)
        count += cal.is_working_day(d)
    return d


def main():
    rng = random.Random(2026)
    lo, hi = date(2007, 1, 1).toordinal(), date(2026, 11, 30).toordinal()
    ordinals = [rng.randint(lo, hi) for _ in range(N)]
    starts = [date.fromordinal(o) for o in ordinals]
    cal = workdays.get_default_calendar()
    add = workdays.add_working_days

    t0 = time.perf_counter()
    for d in starts:
        add(d, 20)
    single = time.perf_counter() - t0

    t0 = time.perf_counter()
    batch_result = cal.add_working_days_many(ordinals, 20)
    batch = time.perf_counter() - t0

    t0 = time.perf_counter()
    for d in starts[:NAIVE_N]:
        naive_add(cal, d, 20)
    naive = (time.perf_counter() - t0) / NAIVE_N

    assert date.fromordinal(batch_result[0]) == add(starts[0], 20)
    print(json.dumps({
        "calls": N,
        "single_calls_per_second": round(N / single),
        "batch_calls_per_second": round(N / batch),
        "naive_calls_per_second": round(1 / naive),
        "single_speedup_vs_naive": round((N / single) * naive, 1),
        "batch_speedup_vs_naive": round((N / batch) * naive, 1),
        "python": platform.python_version(),
    }))


if __name__ == "__main__":
    main()
