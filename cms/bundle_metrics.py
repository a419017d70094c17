"""一件事 gains, computed from the guides' own data (plain Python)."""
import re
import unicodedata
from dataclasses import dataclass

_NOISE = re.compile(r"[\s（）()【】\[\]〔〕《》“”\"'、，,。.;；:：]|原件|复印件|电子版|一份|及")


def normalise_material(name: str) -> str:
    """Two materials are the same when their names match after dropping form words, brackets and spaces."""
    text = unicodedata.normalize("NFKC", name or "")
    return _NOISE.sub("", text)


@dataclass(frozen=True)
class GuideFacts:
    name: str
    department: str
    materials: tuple
    promised_days: int | None
    visits: int | None


@dataclass(frozen=True)
class BundleGains:
    departments: tuple
    materials_before: int
    materials_after: int
    days_before: int
    days_after: int | None
    visits_before: int
    visits_after: int | None

    @staticmethod
    def _reduction(before, after):
        if not before or after is None:
            return None
        return round(100 * (before - after) / before)

    @property
    def materials_reduction(self):
        return self._reduction(self.materials_before, self.materials_after)

    @property
    def days_reduction(self):
        return self._reduction(self.days_before, self.days_after)

    @property
    def visits_reduction(self):
        return self._reduction(self.visits_before, self.visits_after)


def compute_gains(guides, *, promised_days=None, visits=None, merges=None):
    """guides: GuideFacts in order; merges: {normalised name: canonical normalised name} confirmed by an editor."""
    merges = merges or {}
    departments = []
    distinct = set()
    before = 0
    for guide in guides:
        if guide.department and guide.department not in departments:
            departments.append(guide.department)
        for material in guide.materials:
            before += 1
            key = normalise_material(material)
            distinct.add(merges.get(key, key))
    return BundleGains(
        departments=tuple(departments),
        materials_before=before,
        materials_after=len(distinct),
        days_before=sum(g.promised_days or 0 for g in guides),
        days_after=promised_days,
        visits_before=sum(g.visits or 0 for g in guides),
        visits_after=visits,
    )
