"""Guide and bundle names as the index holds them (for “did you mean”), re-read when that set changes.

The embedded engine calls ``invalidate`` after every write; other processes notice within 2 s by the table's shape."""
import time

from django.db.models import Count, Max

from search.analysis import normalize
from search.models import SearchDocument

_names = {"stamp": None, "names": [], "normalized": set(), "checked": 0}


def invalidate():
    _names["checked"] = 0


def names():
    """Guide and bundle names (and bundle names without 一件事)."""
    now = time.monotonic()
    if _names["stamp"] is not None and now - _names["checked"] < 2.0:
        return _names["names"]
    _names["checked"] = now
    qs = SearchDocument.objects.filter(type__in=("guide", "bundle"))
    stamp = tuple(qs.aggregate(n=Count("id"), m=Max("id")).values())
    if stamp != _names["stamp"]:
        found = list(qs.values_list("title", flat=True))
        found += [t[:-3] for t in found if t.endswith("一件事")]
        _names.update(stamp=stamp, names=found, normalized={normalize(n) for n in found})
    return _names["names"]


def stamp():
    return _names["stamp"]


def is_name(text):
    return normalize(text) in _names["normalized"]
