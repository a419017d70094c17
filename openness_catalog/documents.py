"""Catalogue entries in the search index (search.registry), and domain names for the analyzer."""
from openness_catalog.models import ENTRY_KEY, Domain, Entry
from search import registry, sites
from search.documents import day_of, join, plain_text, skeleton
from search.snippets import METADATA_MARK

PREFIX = ENTRY_KEY.format("")


def entry_document(entry):
    item = entry.item
    column, domain = item.column.name, item.domain.name
    day = day_of(entry.published_at) or day_of(entry.formed_on)
    return skeleton(
        entry.public_key(), "catalogue_entry", entry.title, entry.get_absolute_url(), department=entry.unit or item.subject or column,
        column=column, domain=domain, year=day.year if day else None, updated=day, site=_site(column),
        # what follows the mark helps matching (the item, column and domain) but is not shown as a snippet
        body=join(plain_text(entry.body), METADATA_MARK, str(item), column, domain),
    )


def _site(column):
    """A district's 1+9 column is named after it (芙蓉区): its entries belong to its site; the rest to the default site."""
    info = sites.group().for_column(column)
    return info.hostname if info is not None else ""


def resolve(key):
    pk = key[len(PREFIX):]
    return Entry.objects.select_related("item", "item__column", "item__domain").filter(pk=pk).first() if pk.isdigit() else None


def live_entries():
    return Entry.objects.filter(status=Entry.PUBLISHED).exclude(published_at=None).select_related("item", "item__column", "item__domain")


registry.register(registry.IndexedType(
    "catalogue_entry", Entry, entry_document, live_entries,
    is_public=lambda entry: entry.status == Entry.PUBLISHED and entry.published_at is not None, resolve=resolve, prefix=PREFIX,
))
registry.register_names(lambda: list(Domain.objects.values_list("name", flat=True)))
