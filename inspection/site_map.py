"""The published site as the public sees it, read in a few queries: every page a visitor can reach (live, with every
ancestor live, under a Site's root), its public path, its publication date and whether it is a 栏目 (column)."""
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.encoding import iri_to_uri
from wagtail.models import Page, Site, get_page_models

from cms.site.models import COLUMN_CHILDREN, HomePage


@dataclass
class PageRow:
    id: int
    path: str
    url: str  # the public path as Wagtail writes it (percent-encoded), "/zfxxgk/zcwjk/"
    title: str
    is_column: bool
    is_home: bool
    published: object  # the 发布日期 the public sees: the system-stamped published_at where the model has one
    last_published: object = None  # the last publication of any change


@dataclass
class SiteMap:
    pages: dict = field(default_factory=dict)  # id -> PageRow (reachable pages only)
    by_url: dict = field(default_factory=dict)  # public path, unquoted ("/政策/") -> id

    def url_of(self, page_id):
        row = self.pages.get(page_id)
        return row.url if row else ""


def _column_type_ids():
    models_ = [apps.get_model(label) for label in COLUMN_CHILDREN]
    return {ct.pk for ct in ContentType.objects.get_for_models(*models_).values()}


def published_dates():
    """page id -> published_at for every page model with a system-stamped published_at field."""
    dates = {}
    for model in get_page_models():
        names = {f.name for f in model._meta.concrete_fields}
        if "published_at" in names and isinstance(model._meta.get_field("published_at"), models.DateTimeField):
            if model._meta.get_field("published_at").model is not model:
                continue  # inherited: read once on the model that declares it
            dates.update(model.objects.filter(live=True).exclude(published_at=None).values_list("pk", "published_at"))
    return dates


def build(site=None):
    """The pages of one site (the default site's unless given): in a site group (站群) each district's site is
    inspected as its own site; a link to another site of the group is a link to another website."""
    site_obj = site or Site.objects.filter(is_default_site=True).first()
    every_root = Site.get_site_root_paths()
    roots = [(root.root_path, root.site_id) for root in every_root if site_obj is None or root.site_id == site_obj.pk]
    # a site whose home lies under another site's pages owns its part of the tree: the deepest root a page is under
    own_sites = {site_id for _, site_id in roots}

    def owned(url_path):
        under = [root for root in every_root if url_path.startswith(root.root_path)]
        return not under or max(under, key=lambda root: len(root.root_path)).site_id in own_sites

    column_types = _column_type_ids()
    home_type = ContentType.objects.get_for_model(HomePage).pk
    stamped = published_dates()
    site_map = SiteMap()
    live_paths = set()
    root_paths = {r for r, _ in roots}
    rows = (Page.objects.order_by("path")
            .values_list("id", "path", "url_path", "title", "live", "content_type_id", "first_published_at",
                        "last_published_at"))
    for pk, path, url_path, title, live, ct, first_published, last_published in rows.iterator(chunk_size=2000):
        if not live or not (url_path in root_paths or path[:-Page.steplen] in live_paths):
            continue  # a visitor reaches a page only through live ancestors from a site's root
        live_paths.add(path)
        root_path = next((r for r, _ in roots if url_path.startswith(r)), None)
        if root_path is None or not owned(url_path):
            continue
        url = "/" + url_path[len(root_path):]
        row = PageRow(pk, path, iri_to_uri(url), title, ct in column_types, ct == home_type, stamped.get(pk) or first_published, last_published)
        site_map.pages[pk] = row
        site_map.by_url[url] = pk
    return site_map
