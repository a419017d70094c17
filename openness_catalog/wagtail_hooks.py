from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from openness_catalog.models import CatalogueItem, Column, Domain, Entry


class ColumnViewSet(SnippetViewSet):
    model = Column
    icon = "folder-open-inverse"
    menu_label = "栏目"
    list_display = ["name", "parent", "sort_order"]


class DomainViewSet(SnippetViewSet):
    model = Domain
    icon = "tag"
    menu_label = "领域"
    list_display = ["name", "national", "merged_into"]


class CatalogueItemViewSet(SnippetViewSet):
    model = CatalogueItem
    icon = "list-ol"
    menu_label = "目录事项"
    list_display = ["__str__", "column", "domain", "time_limit_text"]
    list_filter = ["column", "domain"]


class EntryViewSet(SnippetViewSet):
    model = Entry
    icon = "doc-full"
    menu_label = "公开信息"
    list_display = ["title", "item", "formed_on", "published_at"]


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = "基层政务公开"
    menu_icon = "table"
    menu_order = 220
    items = (EntryViewSet, CatalogueItemViewSet, ColumnViewSet, DomainViewSet)


register_snippet(CatalogueGroup)
