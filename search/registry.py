"""What the index holds. Each content app registers its own indexed types in its ``documents.py`` (the CFPB
pattern), so search imports no content app: policies, 解读, guides, bundles and catalogue entries all arrive here.

An indexed type says how to build the index document of one object, which objects should be in the index (for
rebuilds and the integrity check), whether one object is public, which neighbours show it (a bundle lists its
guides), and — for objects that are not pages — how to find the object of a key.
"""
from dataclasses import dataclass

from django.db import DatabaseError
from django.db.models import prefetch_related_objects
from wagtail.models import Page

PAGE_PREFIX = "page-"


@dataclass
class IndexedType:
    name: str  # the result type of design §2.8: policy, interpretation, guide, bundle, catalogue_entry
    model: type
    document: object  # obj -> dict (search.documents.skeleton filled in)
    live: object  # () -> iterable of the public objects the index should hold (already filtered)
    is_public: object = None  # obj -> bool; pages default to live, public and not withdrawn
    neighbours: object = None  # obj -> [keys] whose documents show this object
    neighbours_many: object = None  # [objs] -> [keys]: the same for many objects in one look-up (batches)
    resolve: object = None  # key -> obj or None (objects that are not pages)
    prefix: str = PAGE_PREFIX
    prefetch: tuple = ()  # related lookups document() reads, fetched once per batch (documents_for_keys)


_types = {}
_links = []
_names = []
_texts = []
_values = {}
_site_names = []


def register(indexed):
    _types[indexed.name] = indexed
    return indexed


def register_links(provider):
    """provider(hits) -> {key: {"bundles": [...], "guides": [...]}}: the links a result shows (design §2.8)."""
    if provider not in _links:
        _links.append(provider)


def register_names(provider):
    """provider() -> [str]: names that must segment as one word (guides, bundles, catalogue domains)."""
    if provider not in _names:
        _names.append(provider)


def register_texts(provider):
    """provider() -> ([title, …], [text, …]): what documents say, for the vocabulary that general-knowledge query
    expansion is kept to (search.knowledge): titles (their official terms give mined short forms) and short texts
    (conditions, materials, FAQ). Unlike names, these are not added to the segmentation dictionary."""
    if provider not in _texts:
        _texts.append(provider)


def texts():
    titles, bodies = [], []
    for provider in _texts:
        t, b = provider()
        titles += list(t)
        bodies += list(b)
    return titles, bodies


def register_values(facet, values):
    """The values a multi-valued facet may take (the guides' 通办 kinds for ``tongban``): a filter on anything else is
    refused with a Chinese message."""
    _values[facet] = tuple(values)


def register_site_names(provider):
    """provider() -> {hostname: short name} (芙蓉区): how results and the 站点 facet name a site of the group (a layer
    above search that knows the group's units registers it); sites it does not name get a name derived from their
    ``site_name`` (search.sites)."""
    if provider not in _site_names:
        _site_names.append(provider)


def site_names():
    out = {}
    for provider in _site_names:
        try:
            found = provider() or {}
        except DatabaseError:  # a table not migrated yet: names are then derived (search.sites)
            continue
        out.update({host: name for host, name in found.items() if name})
    return out


def values(facet):
    return _values.get(facet, ())


def types():
    return list(_types.values())


def type_names():
    return tuple(_types)


def for_object(obj):
    """The indexed type of obj (a page read as a plain Page — a deleted one, say — counts as its specific class)."""
    model = obj.specific_class if isinstance(obj, Page) and obj.specific_class is not None else type(obj)
    for klass in model.__mro__:
        for indexed in _types.values():
            if indexed.model is klass:
                return indexed
    return None


def is_public(indexed, obj):
    if indexed.is_public is not None:
        return indexed.is_public(obj)
    if not obj.live or getattr(obj, "withdrawn_at", None):
        return False
    return not obj.get_view_restrictions().exists()


def object_for_key(key):
    """The object an index key stands for (None when it no longer exists)."""
    if key.startswith(PAGE_PREFIX) and key[len(PAGE_PREFIX):].isdigit():
        page = Page.objects.filter(pk=int(key[len(PAGE_PREFIX):])).first()
        return page.specific if page is not None else None
    for indexed in _types.values():
        if indexed.resolve is not None and indexed.prefix != PAGE_PREFIX and key.startswith(indexed.prefix):
            return indexed.resolve(key)
    return None


def document_for(obj):
    """The index document of obj, or None when obj must not be in the index."""
    indexed = for_object(obj) if obj is not None else None
    if indexed is None or not is_public(indexed, obj):
        return None
    return indexed.document(obj)


def document_for_key(key):
    return document_for(object_for_key(key))


def documents_for_keys(keys):
    """{key: document or None} for many keys (a bulk drain): the same documents as document_for_key, with pages read
    in one query per page type and view restrictions read once instead of once per page."""
    from wagtail.models import PageViewRestriction

    ids = {int(k[len(PAGE_PREFIX):]): k for k in keys if k.startswith(PAGE_PREFIX) and k[len(PAGE_PREFIX):].isdigit()}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=list(ids)).specific()} if ids else {}
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True)) if pages else ()
    for indexed in _types.values():
        of_type = [page for page in pages.values() if indexed.prefetch and isinstance(page, indexed.model)]
        if of_type:
            prefetch_related_objects(of_type, *indexed.prefetch)
    out = {}
    for key in keys:
        if key not in ids.values():
            out[key] = document_for_key(key)
            continue
        obj = pages.get(int(key[len(PAGE_PREFIX):]))
        indexed = for_object(obj) if obj is not None else None
        if indexed is None:
            out[key] = None
        elif indexed.is_public is not None or any(obj.path.startswith(path) for path in restricted):
            out[key] = document_for(obj)  # the type's own rule, or a restricted branch: asked the usual way
        elif not obj.live or getattr(obj, "withdrawn_at", None):
            out[key] = None
        else:
            out[key] = indexed.document(obj)
    return out


def neighbours(obj):
    indexed = for_object(obj)
    return list(indexed.neighbours(obj)) if indexed is not None and indexed.neighbours is not None else []


def neighbours_of_many(objs):
    """The neighbours of many objects (a batch of publications): one look-up per type that can answer for many."""
    keys, by_type = [], {}
    for obj in objs:
        indexed = for_object(obj)
        if indexed is not None and indexed.neighbours is not None:
            by_type.setdefault(indexed.name, (indexed, []))[1].append(obj)
    for indexed, of_type in by_type.values():
        if indexed.neighbours_many is not None:
            keys += list(indexed.neighbours_many(of_type))
        else:
            for obj in of_type:
                keys += list(indexed.neighbours(obj))
    return keys


def live_documents():
    """Every document the index should hold, built from the database (the truth)."""
    for indexed in _types.values():
        for obj in indexed.live():
            doc = indexed.document(obj)
            if doc:
                yield doc


def links(hits):
    out = {}
    for provider in _links:
        for key, found in provider(hits).items():
            slot = out.setdefault(key, {})
            for kind, items in found.items():
                slot.setdefault(kind, []).extend(items)
    return out


def names():
    out = []
    for provider in _names:
        out += list(provider())
    return out
