from django.apps import AppConfig


class OpennessCatalogConfig(AppConfig):
    name = "openness_catalog"
    verbose_name = "基层政务公开目录"

    def ready(self):
        from openness_catalog import documents  # noqa: F401, PLC0415  (registers entries and domain names with search)
        from openness_catalog.models import CatalogueItem, Entry  # noqa: PLC0415 — models are ready only now
        from publishing import gate  # noqa: PLC0415

        # A catalogue item is on the public matrix as soon as it is saved; an entry once it is published.
        gate.guard(CatalogueItem, lambda item: True)
        gate.guard(Entry, lambda entry: entry.status == Entry.PUBLISHED)
