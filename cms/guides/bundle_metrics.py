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
            distinct.add(_apply(merges, key))
    return BundleGains(
        departments=tuple(departments),
        materials_before=before,
        materials_after=len(distinct),
        days_before=sum(g.promised_days or 0 for g in guides),
        days_after=promised_days,
        visits_before=sum(g.visits or 0 for g in guides),
        visits_after=visits,
    )


def _apply(merges, key):
    """Follow editor merges (a → b → c) to the canonical key; cycles stop where they started."""
    seen = set()
    while key in merges and key not in seen:
        seen.add(key)
        key = merges[key]
    return key


def _union(groups, normalise, merges):
    """[(owner, [label…])] → [(label, (owners…))]: labels deduplicated by normalised key after merges.

    A group is shown under the label of its canonical key when one was seen (a merge target keeps its own
    name), otherwise under the first label seen.
    """
    merges = merges or {}
    order, first, own, used_by = [], {}, {}, {}
    for owner, labels in groups:
        for label in labels:
            raw = normalise(label)
            if not raw:
                continue
            key = _apply(merges, raw)
            if key not in first:
                order.append(key)
                first[key] = label.strip()
            if raw == key and key not in own:
                own[key] = label.strip()
            if owner not in used_by.setdefault(key, []):
                used_by[key].append(owner)
    return [(own.get(k, first[k]), tuple(used_by[k])) for k in order]


def merged_materials(guides, merges=None):
    """一套材料: [(material name, (guide names…))] after dedup and editor merges, in first-seen order."""
    return _union([(g.name, g.materials) for g in guides], normalise_material, merges)


_FIELD_NOISE = re.compile(r"[\s（）()【】\[\]《》“”\"'、，,。.;；:：*＊]")


def normalise_field(name: str) -> str:
    """Two form fields are the same when their labels match after dropping punctuation, spaces and '*'."""
    return _FIELD_NOISE.sub("", unicodedata.normalize("NFKC", name or ""))


def combined_form(guide_fields, merges=None):
    """一表申请: the union of the guides' application-form fields.

    guide_fields: [(guide name, [field label…])] in bundle order; merges: {normalised label: normalised
    canonical label} confirmed by an editor. Returns [(label, (guide names…))].
    """
    return _union(guide_fields, normalise_field, merges)
