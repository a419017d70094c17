"""Purge cached public pages when content changes: the page, its ancestors (listings), the pages that show
it (解读 ↔ policy, citations, guide ↔ bundle), the home page, feeds and the sitemap."""
import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from portal import cache as page_cache
from portal import site_memo

log = logging.getLogger("gongkai.portal")
ALWAYS = ["/", "/feeds/", "/feeds/policies.atom", "/feeds/policies.rss", "/sitemap.xml"]


def _url(page):
    try:
        return page.get_url() if page else None
    except Exception:
        return None


def affected_paths(page):
    """Paths whose HTML or feed shows this page."""
    from cms.models import BundlePage, InterpretationPage, PolicyDocumentPage, ServiceGuidePage

    page = page.specific
    related = [page] + [a for a in page.get_ancestors() if a.depth > 1]
    if isinstance(page, PolicyDocumentPage):
        related += list(page.cites) + list(page.cited_by) + list(page.interpretations)
        if page.replaced_by_id:
            related.append(page.replaced_by)
        related += list(PolicyDocumentPage.objects.filter(replaced_by=page))
    elif isinstance(page, InterpretationPage) and page.policy_id:
        related.append(page.policy)
    elif isinstance(page, ServiceGuidePage):
        related += list(BundlePage.objects.filter(bundle_guides__guide=page))
    elif isinstance(page, BundlePage):
        related += [bg.guide for bg in page.bundle_guides.select_related("guide")]
    paths = {_url(p) for p in related} | set(ALWAYS)
    return {p.split("?")[0] for p in paths if p and p.startswith("/")}


def purge_page(page):
    paths = affected_paths(page)
    page_cache.purge_paths(paths)
    # Again after commit, so a request that rendered the old state during the transaction cannot linger.
    transaction.on_commit(lambda: page_cache.purge_paths(paths))
    log.debug("purged %s", sorted(paths))


def on_page_change(sender, instance, **kwargs):
    try:
        purge_page(instance)
    except Exception:  # never let cache trouble break publishing; fall back to dropping everything
        log.exception("targeted purge failed; purging all cached pages")
        page_cache.purge_all()


def on_any_save_or_delete(sender, instance, **kwargs):
    """A page row saved or deleted outside publishing (a script, an import, a move) may change a url_path, a
    title in a breadcrumb trail or a column; view restrictions decide who may see a page."""
    from wagtail.models import BaseViewRestriction, Page

    if isinstance(instance, (Page, BaseViewRestriction)):
        site_memo.structure_changed()


def on_site_wide_change(sender, **kwargs):
    if kwargs.get("created") and sender._meta.label in SETTINGS_MODELS:
        return  # site settings are created with their defaults on first read, while a page renders: nothing changed
    page_cache.purge_all()
    transaction.on_commit(page_cache.purge_all)


SETTINGS_MODELS = {"cms.SiteIdentity", "portal.PortalSettings"}


def connect():
    from django.apps import apps
    from wagtail.models import Page

    page_published.connect(on_page_change, dispatch_uid="portal-purge-published")
    page_unpublished.connect(on_page_change, dispatch_uid="portal-purge-unpublished")
    post_delete.connect(on_page_change, sender=Page, dispatch_uid="portal-purge-deleted")
    post_save.connect(on_any_save_or_delete, dispatch_uid="portal-memo-saved")
    post_delete.connect(on_any_save_or_delete, dispatch_uid="portal-memo-deleted")
    # Shown on every page (footer, header) or in catalogue views whose URLs belong to another app.
    labels = ["cms.SiteIdentity", "portal.PortalSettings", "wagtailcore.Site", "cms.Topic",
              "openness_catalog.Column", "openness_catalog.Domain", "openness_catalog.CatalogueItem", "openness_catalog.Entry"]
    for label in labels:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(on_site_wide_change, sender=model, dispatch_uid=f"portal-purge-save-{label}")
        post_delete.connect(on_site_wide_change, sender=model, dispatch_uid=f"portal-purge-delete-{label}")
