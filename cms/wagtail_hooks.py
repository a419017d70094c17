from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "主题分类"
    list_display = ["__str__"]


register_snippet(TopicViewSet)


# 办事指南 / 一件事 admin: the flagged guide listing and the Excel 事项清单 import.
from django.urls import path, reverse  # noqa: E402
from wagtail import hooks  # noqa: E402

from cms import guide_admin  # noqa: E402
from cms.admin_menu import PermissionMenuItem  # noqa: E402


@hooks.register("register_admin_viewset")
def register_guide_listing():
    return guide_admin.GuideListingViewSet()


@hooks.register("register_admin_urls")
def register_guide_import_urls():
    return [
        path("guides/import/", guide_admin.import_guides_view, name="cms_guides_import"),
        path("guides/import/template.xlsx", guide_admin.import_template_view, name="cms_guides_import_template"),
    ]


@hooks.register("register_admin_menu_item")
def register_guide_import_menu_item():
    return PermissionMenuItem("导入事项清单", reverse("cms_guides_import"), permission=guide_admin.IMPORT_PERMISSION, icon_name="upload", order=211)
