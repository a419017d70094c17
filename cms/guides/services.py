"""Guides and 一件事 bundles from validated values (the loaders, the Excel 事项清单, the demo).

Each is created or updated by its code and published through publishing.services.publish (the gate); unchanged
content is left alone, so loading the same list twice changes nothing.
"""
from cms.guides.models import (
    BundleGuide,
    BundlePage,
    FormFieldMerge,
    GuideIndexPage,
    GuideMaterial,
    MaterialMerge,
    ServiceGuidePage,
)
from cms.site import skeleton
from publishing import services

MATERIAL_FIELDS = ("name", "form", "copies", "source", "paper_required", "deferrable")


GUIDE_INDEX_SLUG = "bsfw"
GUIDE_INDEX_INTRO = "办事指南与“一件事一次办”。"


def ensure_guide_index(*, mode="loader", intro=GUIDE_INDEX_INTRO, home=None):
    """办事服务 under the home page (both made if missing: design §2.7, §2.11), of the default site or of `home`."""
    return skeleton.ensure_child(home or skeleton.ensure_home(mode=mode), GuideIndexPage, GUIDE_INDEX_SLUG, mode=mode,
                                 title="办事服务", intro=intro)


def guide_index(home=None):
    """The guide index of the default site (or of `home`); a site without one (a freshly migrated database) gets it
    through the site skeleton."""
    return skeleton.find_section(GuideIndexPage, home, ensure_guide_index)


def _guide_unchanged(page, fields, materials):
    if any(getattr(page, key) != value for key, value in fields.items()):
        return False
    current = [{f: getattr(m, f) for f in MATERIAL_FIELDS} for m in page.materials.all()]
    return current == materials and page.live and not page.has_unpublished_changes


def upsert_guide(code, fields, materials, *, by=None, mode="loader", index=None):
    """fields: page field values; materials: [{name, form, copies, source, paper_required, deferrable}].
    A new guide goes under `index` (a site's 办事服务; the default site's when None).
    Returns (page, "created" | "updated" | "unchanged")."""
    page = ServiceGuidePage.objects.filter(code=code).first()
    if page is not None and _guide_unchanged(page, fields, materials):
        return page, "unchanged"
    if page is None:
        page = ServiceGuidePage(code=code, slug=code.lower()[:255], **fields)
        page.materials = [GuideMaterial(sort_order=i, **m) for i, m in enumerate(materials)]
        services.publish(page, by=by, mode=mode, parent=index or guide_index())
        return page, "created"
    for key, value in fields.items():
        setattr(page, key, value)
    page.materials = [GuideMaterial(sort_order=i, **m) for i, m in enumerate(materials)]
    services.publish(page, by=by, mode=mode)
    return page, "updated"


def create_guides(items, *, by=None, mode="loader"):
    """Many new guides at once (bulk loads): items are (code, fields, materials) for codes not yet in the site, each
    published through the gate (publishing.services.publish_new_pages). Returns a list parallel to items of
    (page, []) for a guide now live, or (None, reasons) for one the gate refused."""
    pages = []
    for code, fields, materials in items:
        page = ServiceGuidePage(code=code, slug=code.lower()[:255], **fields)
        page.materials = [GuideMaterial(sort_order=i, **m) for i, m in enumerate(materials)]
        pages.append(page)
    outcome = services.publish_new_pages(guide_index(), pages, by=by, mode=mode)
    return [(None, reasons) if reasons else (page, []) for page, reasons in zip(pages, outcome, strict=True)]


def upsert_bundle(code, fields, guide_codes, material_merges=(), field_merges=(), *, by=None, mode="loader"):
    """A 一件事 with its ordered guides and confirmed merges. Returns (page, outcome); unknown guide codes refuse."""
    guides = {g.code: g for g in ServiceGuidePage.objects.filter(code__in=guide_codes)}
    missing = [c for c in guide_codes if c not in guides]
    if missing:
        raise LookupError("引用了不存在的办事指南编码：" + "、".join(missing))
    material_merges, field_merges = list(material_merges), list(field_merges)
    page = BundlePage.objects.filter(code=code).first()
    if page is not None and page.live and not page.has_unpublished_changes and all(
        getattr(page, k) == v for k, v in fields.items()
    ) and [bg.guide_id for bg in page.bundle_guides.all()] == [guides[c].pk for c in guide_codes] and [
        (m.name, m.merged_into) for m in page.material_merges.all()
    ] == material_merges and [(m.name, m.merged_into) for m in page.field_merges.all()] == field_merges:
        return page, "unchanged"
    outcome = "updated"
    if page is None:
        page = BundlePage(code=code, slug=code.lower().replace("_", "-")[:255], **fields)
        outcome = "created"
    else:
        for key, value in fields.items():
            setattr(page, key, value)
    # explicit sort order: PostgreSQL keeps no insertion order
    page.bundle_guides = [BundleGuide(guide=guides[c], sort_order=i) for i, c in enumerate(guide_codes)]
    page.material_merges = [MaterialMerge(name=n, merged_into=m, sort_order=i) for i, (n, m) in enumerate(material_merges)]
    page.field_merges = [FormFieldMerge(name=n, merged_into=m, sort_order=i) for i, (n, m) in enumerate(field_merges)]
    services.publish(page, by=by, mode=mode, parent=guide_index() if outcome == "created" else None)
    return page, outcome
