"""Purge cached public pages when content changes (a listener on publishing's events, docs/adr/0004).

A publication or withdrawal purges the paths whose HTML or feeds show the object: the page, its ancestors
(listings), the pages that show it (解读 ↔ policy, citations, guide ↔ bundle), the home page, feeds and the
sitemap — in the spirit of wagtail.contrib.frontend_cache, built from the pages a publication affects. A bulk
operation purges everything once at its end. Settings shown on every page (footer, header) and catalogue rows
(their views' URLs belong to the catalogue) purge everything.
"""
import logging

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site

from cms.guides.models import BundlePage, GuideIndexPage, ServiceGuidePage
from cms.policies.models import InterpretationPage, PolicyDocumentPage
from cms.site import group_names
from cms.site.models import NewsPage
from portal import cache as page_cache
from publishing import events

log = logging.getLogger("gongkai.portal")
ALWAYS = ["/", "/feeds/", "/feeds/policies.atom", "/feeds/policies.rss", "/sitemap.xml"]
# Shown on every page (footer, header), or in catalogue views whose URLs belong to another app.
SITE_WIDE = ["cms.SiteIdentity", "portal.PortalSettings", "wagtailcore.Site", "policies.Topic",
             "openness_catalog.Column", "openness_catalog.Domain", "openness_catalog.CatalogueItem", "openness_catalog.Entry",
             "sitegroup.SharedDocument", "sitegroup.SiteUnit"]
SETTINGS_MODELS = {"cms.SiteIdentity", "portal.PortalSettings"}
def shared_listings(page):
    """The policy libraries of the sites that show this document as a reference (sitegroup.sharing)."""
    from cms.policies.models import PolicyLibraryPage  # noqa: PLC0415

    roots = [site.root_page for site in Site.objects.filter(shared_documents__page=page).select_related("root_page")]
    return [lib for root in roots for lib in PolicyLibraryPage.objects.live().descendant_of(root)]


LEAF_TYPES = (PolicyDocumentPage, InterpretationPage, ServiceGuidePage, BundlePage, NewsPage)


def _url(page):
    try:
        return page.get_url() if page else None
    except Exception:  # noqa: BLE001 — a page without a site has no URL to purge
        return None


def affected_pages(page):
    """The pages whose HTML shows this page."""
    related = [page] + [a for a in page.get_ancestors() if a.depth > 1]
    if isinstance(page, PolicyDocumentPage):
        related += list(page.cites) + list(page.cited_by) + list(page.interpretations)
        if page.replaced_by_id:
            related.append(page.replaced_by)
        related += list(PolicyDocumentPage.objects.filter(replaced_by=page))
        related += shared_listings(page)  # district libraries that show it as a 上级文件
    elif isinstance(page, InterpretationPage) and page.policy_id:
        related.append(page.policy)
    elif isinstance(page, ServiceGuidePage):
        related += list(BundlePage.objects.filter(bundle_guides__guide=page))
        if not group_names.on_default_site(page) and group_names.by_root_path():
            related += [i for i in GuideIndexPage.objects.live() if group_names.on_default_site(i)]  # the group's index
    elif isinstance(page, BundlePage):
        related += [bg.guide for bg in page.bundle_guides.select_related("guide")]
    return related


def _site_urls(page, paths):
    """Paths of the page's own site: root-relative on the default site, absolute on another site of the group."""
    try:
        _, root_url, _ = page.get_url_parts() or (None, None, None)
    except Exception:  # noqa: BLE001 — a page without a site has no URL to purge
        root_url = None
    base = root_url if root_url and len(Site.get_site_root_paths()) > 1 else ""
    return {f"{base}{path}" for path in paths}


def affected_paths(page):
    """The URLs to purge: only on the page's own site (and the group's pages that list it), never another site's."""
    page = page.specific
    paths = {_url(p) for p in affected_pages(page)} | _site_urls(page, ALWAYS)
    if isinstance(page, ServiceGuidePage):
        paths |= _site_urls(page, page.tongban_list_paths)  # the 通办 lists under the guide index (routes, not pages)
    return {p.split("?")[0] for p in paths if p and (p.startswith("/") or "://" in p)}


def purge_page(page):
    paths = affected_paths(page)
    page_cache.purge_paths(paths)
    # Again after commit, so a request that rendered the old state during the transaction cannot linger.
    transaction.on_commit(lambda: page_cache.purge_paths(paths))
    log.debug("purged %s", sorted(paths))


def purge_everything():
    page_cache.purge_all()
    transaction.on_commit(page_cache.purge_all)


def on_change(sender, instance, **kwargs):
    if events.in_bulk():
        return  # one purge of everything when the bulk operation ends
    if not isinstance(instance, Page) or not isinstance(instance, LEAF_TYPES):
        purge_everything()  # a column's title is in every descendant's breadcrumbs and the navigation
        return
    try:
        purge_page(instance)
    except Exception:  # noqa: BLE001 — never let cache trouble break publishing; fall back to dropping everything
        log.exception("targeted purge failed; purging all cached pages")
        page_cache.purge_all()


LOCK_FIELDS = {"locked", "locked_at", "locked_by"}


def on_page_saved(sender, instance, update_fields=None, **kwargs):
    """A live page saved outside a publication (a script, a migration, a rename in the shell) changes what it shows
    without any event: drop its own cached renderings (page and fragments), or everything for a column (its title is
    in every descendant's breadcrumbs). Wagtail's draft saves and locks change nothing public."""
    if not isinstance(instance, Page) or not instance.live or events.in_bulk():
        return
    if update_fields and ("latest_revision" in update_fields or set(update_fields) <= LOCK_FIELDS):
        return
    if not isinstance(instance, LEAF_TYPES):
        purge_everything()
        return
    url = _url(instance)
    if url:
        page_cache.purge_paths([url.split("?")[0]])


def on_bulk_finished(sender, **kwargs):
    purge_everything()


def on_site_wide_change(sender, **kwargs):
    if kwargs.get("created") and sender._meta.label in SETTINGS_MODELS:
        return  # site settings are created with their defaults on first read, while a page renders: nothing changed
    if events.in_bulk():
        return
    purge_everything()


def connect():
    events.published.connect(on_change, dispatch_uid="portal-purge-published")
    events.withdrawn.connect(on_change, dispatch_uid="portal-purge-withdrawn")
    events.bulk_finished.connect(on_bulk_finished, dispatch_uid="portal-purge-bulk")
    post_save.connect(on_page_saved, dispatch_uid="portal-purge-page-saved")
    for label in SITE_WIDE:
        model = apps.get_model(label)
        post_save.connect(on_site_wide_change, sender=model, dispatch_uid=f"portal-purge-save-{label}")
        post_delete.connect(on_site_wide_change, sender=model, dispatch_uid=f"portal-purge-delete-{label}")
