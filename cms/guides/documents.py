"""Service guides and 一件事 bundles in the search index (search.registry), with the links a result shows."""
from django.db.models import Q

from cms.guides.models import BundleGuide, BundlePage, GuideMaterial, ServiceGuidePage
from cms.guides.tongban import KINDS
from search import registry
from search.documents import join, page_skeleton
from search.models import SearchDocument


def guide_document(page):
    doc = page_skeleton(page, "guide", code=page.code, department=page.department, tongban=page.tongban_list)
    materials = [m.name for m in page.materials.all()]
    doc["body"] = join(page.conditions, "申请材料：" + "；".join(materials) if materials else "", page.steps, page.faq,
                       page.basis, page.item_type, page.department, page.location, "办事指南")
    doc["year"] = doc["updated"].year if doc["updated"] else None
    return doc


def bundle_document(page):
    doc = page_skeleton(page, "bundle", code=page.code, department=page.lead_department, keywords=page.life_event)
    doc["body"] = join(page.intro, "包含事项：" + "；".join(g.title for g in page.guides), page.lead_department, page.life_event,
                       "一件事一次办")
    doc["year"] = doc["updated"].year if doc["updated"] else None
    return doc


def guide_neighbours(page):
    """A guide's bundles list it."""
    return [f"page-{b}" for b in BundleGuide.objects.filter(guide_id=page.pk).values_list("bundle_id", flat=True)]


def guide_neighbours_many(pages):
    """The bundles that list any of these guides (a batch of publications), in one query."""
    ids = BundleGuide.objects.filter(guide_id__in=[p.pk for p in pages]).values_list("bundle_id", flat=True)
    return [f"page-{b}" for b in sorted(set(ids))]


def bundle_neighbours(page):
    """A bundle's guides show its name."""
    return [f"page-{g}" for g in BundleGuide.objects.filter(bundle_id=page.pk).values_list("guide_id", flat=True)]


def links(hits):
    """A guide shows the bundles that contain it; a bundle shows its guides (live pages only: the index holds
    only live pages, so titles and URLs come from it, with the link's site, which the service makes URLs absolute by
    for visitors of another site of the group)."""
    guide_ids = {h["page_id"] for h in hits if h["type"] == "guide" and h.get("page_id")}
    bundle_ids = {h["page_id"] for h in hits if h["type"] == "bundle" and h.get("page_id")}
    out = {}
    if not guide_ids and not bundle_ids:
        return out
    pairs = list(BundleGuide.objects.filter(Q(guide_id__in=guide_ids) | Q(bundle_id__in=bundle_ids))
                 .order_by("sort_order", "id").values_list("bundle_id", "guide_id"))
    wanted = {f"page-{b}" for b, _ in pairs} | {f"page-{g}" for _, g in pairs}
    docs = {k: {"title": t, "url": u, "site": site}
            for k, t, u, site in SearchDocument.objects.filter(key__in=wanted).values_list("key", "title", "url", "site")}
    for b, g in pairs:
        bundle, guide = docs.get(f"page-{b}"), docs.get(f"page-{g}")
        if not bundle or not guide:
            continue
        if g in guide_ids:
            out.setdefault(f"page-{g}", {}).setdefault("bundles", []).append(bundle)
        if b in bundle_ids:
            out.setdefault(f"page-{b}", {}).setdefault("guides", []).append(guide)
    return out


def names():
    return list(ServiceGuidePage.objects.values_list("title", flat=True)) + list(BundlePage.objects.values_list("title", flat=True))


registry.register(registry.IndexedType("guide", ServiceGuidePage, guide_document,
                                       lambda: ServiceGuidePage.objects.live().public().prefetch_related("materials"),
                                       neighbours=guide_neighbours, neighbours_many=guide_neighbours_many,
                                       prefetch=("materials",)))
registry.register(registry.IndexedType("bundle", BundlePage, bundle_document,
                                       lambda: BundlePage.objects.live().public(), neighbours=bundle_neighbours))
registry.register_values("tongban", KINDS)
registry.register_links(links)
registry.register_names(names)


def texts():
    """Guide and bundle titles; guides' conditions, FAQ and material names (search vocabulary, search.knowledge)."""
    titles = list(ServiceGuidePage.objects.live().values_list("title", flat=True).distinct())
    titles += list(BundlePage.objects.live().values_list("title", flat=True))
    bodies = [c + "\n" + f for c, f in ServiceGuidePage.objects.live().values_list("conditions", "faq").distinct()]
    bodies += list(GuideMaterial.objects.values_list("name", flat=True).distinct())
    return titles, bodies


registry.register_texts(texts)
