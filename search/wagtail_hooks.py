"""Search admin: synonyms and best bets (snippets), and the query report editors use to add synonyms."""
from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.site.admin_menu import PermissionMenuItem
from publishing.admin_columns import yes_no
from search.admin_views import QUEUE_PERMISSION, improvement_queue, query_report
from search.models import BestBet, Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "resubmit"
    menu_label = "同义词"
    list_display = ["rule", yes_no("enabled", "启用"), "note"]
    list_filter = ["enabled"]
    search_fields = ["rule", "note"]


class BestBetViewSet(SnippetViewSet):
    model = BestBet
    icon = "pick"
    menu_label = "推荐结果"
    list_display = ["query", "page", "sort_order"]
    search_fields = ["query"]


class SearchGroup(SnippetViewSetGroup):
    menu_label = "站内搜索"
    menu_icon = "search"
    menu_order = 230
    items = (SynonymViewSet, BestBetViewSet)


register_snippet(SearchGroup)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("search/report/", query_report, name="search_query_report"),
            path("search/queue/", improvement_queue, name="search_improvement_queue")]


@hooks.register("register_admin_menu_item")
def register_search_report_menu_item():
    return PermissionMenuItem("搜索词统计", reverse("search_query_report"), permission="gongkai_search.view_querylog",
                              icon_name="search", order=231)


@hooks.register("register_admin_menu_item")
def register_search_queue_menu_item():
    return PermissionMenuItem("搜索改进待办", reverse("search_improvement_queue"), permission=QUEUE_PERMISSION,
                              icon_name="resubmit", order=232)
