"""一件事 gains, computed from the guides' own data (plain Python).

A reduction is claimed only when its inputs exist: every guide states the figure (a missing promise is not 0 days),
the bundle states its own, and the bundle's figure is not larger. Otherwise the reduction is None and a Chinese note
says why. A bundle promising fewer days than one of its guides is flagged (promise_conflicts) rather than advertised.
"""
import re
import unicodedata
from dataclasses import dataclass

from publishing.figures import reduction

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
    days_before: int  # sum over the guides that state a promise; complete only when days_missing is empty
    days_after: int | None
    visits_before: int  # likewise, with visits_missing
    visits_after: int | None
    days_missing: tuple = ()  # names of guides without a promised time limit
    visits_missing: tuple = ()  # names of guides without a number of visits
    promise_conflicts: tuple = ()  # (guide name, promised days) longer than the bundle's own promise

    @property
    def materials_reduction(self):
        return reduction(self.materials_before, self.materials_after)

    @property
    def days_reduction(self):
        if self.days_missing or self.promise_conflicts:
            return None
        return reduction(self.days_before, self.days_after)

    @property
    def visits_reduction(self):
        if self.visits_missing:
            return None
        return reduction(self.visits_before, self.visits_after)

    @property
    def days_known(self):
        return not self.days_missing

    @property
    def visits_known(self):
        return not self.visits_missing

    @property
    def materials_note(self):
        if not self.materials_before:
            return "所含事项未登记申请材料，不计算"
        return "" if self.materials_reduction is not None else "无法计算"

    @property
    def days_note(self):
        """Why no time reduction is shown ("" when one is)."""
        if self.days_missing:
            return f"{'、'.join(self.days_missing)}未标注承诺期限，不计算"
        if self.days_after is None:
            return "一件事未承诺时限，不计算"
        if self.promise_conflicts:
            name, days = self.promise_conflicts[0]
            return f"所含事项“{name}”需{days}个工作日，长于一件事承诺时限，以各事项为准，不计算"
        if not self.days_before:
            return "所含事项均为即办件，无可压缩时限"
        if self.days_after > self.days_before:
            return "一件事承诺时限长于各事项之和，不计算"
        return ""

    @property
    def visits_note(self):
        if self.visits_missing:
            return f"{'、'.join(self.visits_missing)}未标注到现场次数，不计算"
        if self.visits_after is None:
            return "一件事未承诺跑动次数，不计算"
        if not self.visits_before:
            return "所含事项均无需到现场，无可减少次数"
        if self.visits_after > self.visits_before:
            return "一件事跑动次数多于各事项之和，不计算"
        return ""


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
        days_missing=tuple(g.name for g in guides if g.promised_days is None),
        visits_missing=tuple(g.name for g in guides if g.visits is None),
        promise_conflicts=promise_conflicts(guides, promised_days),
    )


def promise_conflicts(guides, promised_days):
    """Guides promising more working days than the bundle itself, longest first: [(name, days)].

    A bundle cannot be done sooner than its slowest item unless that item's own limit is shortened first."""
    if promised_days is None:
        return ()
    late = [(g.name, g.promised_days) for g in guides if g.promised_days is not None and g.promised_days > promised_days]
    return tuple(sorted(late, key=lambda item: -item[1]))


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
