"""Page edits, publication, unpublication and deletion reach the index through the outbox.

Wagtail's ``page_published`` fires for every publish (editor, importer, scheduled), ``page_unpublished``
for every unpublish; deletion removes the document. Synonym edits reload every process's analyzer.
"""
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished

SEARCHED = ("policydocumentpage", "interpretationpage", "serviceguidepage", "bundlepage")


def _searched(page):
    return page.specific_class is not None and page.specific_class._meta.model_name in SEARCHED


def _related_keys(page):
    """A bundle's guides show its name, a guide's bundles list it: re-index the neighbours too."""
    from cms.models import BundleGuide

    model = page.specific_class._meta.model_name
    if model == "bundlepage":
        return [f"page-{g}" for g in BundleGuide.objects.filter(bundle_id=page.pk).values_list("guide_id", flat=True)]
    if model == "serviceguidepage":
        return [f"page-{b}" for b in BundleGuide.objects.filter(guide_id=page.pk).values_list("bundle_id", flat=True)]
    return []


def on_published(sender, instance, **kwargs):
    from search.outbox import enqueue, kick

    if not _searched(instance):
        return
    enqueue(f"page-{instance.pk}", "index", instance)
    for key in _related_keys(instance):
        enqueue(key, "index")
    kick(f"page-{instance.pk}")


def on_unpublished(sender, instance, **kwargs):
    from search.outbox import enqueue, kick

    if not _searched(instance):
        return
    enqueue(f"page-{instance.pk}", "delete", instance)
    for key in _related_keys(instance):
        enqueue(key, "index")
    kick(f"page-{instance.pk}")


def on_deleted(sender, instance, **kwargs):
    from search.outbox import enqueue, kick

    if not _searched(instance):
        return
    enqueue(f"page-{instance.pk}", "delete", None)
    kick()


def on_synonyms_changed(sender, **kwargs):
    from search.vocabulary import bump

    bump()


def connect():
    page_published.connect(on_published, dispatch_uid="gongkai-search-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="gongkai-search-unpublished")
    from wagtail.models import Page

    pre_delete.connect(on_deleted, sender=Page, dispatch_uid="gongkai-search-deleted")
    from search.models import BestBet, Synonym
    from search.service import invalidate_best_bets

    post_save.connect(invalidate_best_bets, sender=BestBet, dispatch_uid="gongkai-search-bestbet-saved")
    post_delete.connect(invalidate_best_bets, sender=BestBet, dispatch_uid="gongkai-search-bestbet-deleted")

    post_save.connect(on_synonyms_changed, sender=Synonym, dispatch_uid="gongkai-search-synonym-saved")
    post_delete.connect(on_synonyms_changed, sender=Synonym, dispatch_uid="gongkai-search-synonym-deleted")
