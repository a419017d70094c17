from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from importers.models import ImportedDocument, SensitiveWord


class ImportedDocumentViewSet(SnippetViewSet):
    model = ImportedDocument
    icon = "doc-full"
    menu_label = "公文收件箱"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "doc_number", "formed_on", "source", "status", "received_at"]
    list_filter = ["status", "source"]
    search_fields = ["title", "doc_number"]
    inspect_view_enabled = True


register_snippet(ImportedDocumentViewSet)


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = "敏感词"
    list_display = ["word", "severity", "note", "active"]
    search_fields = ["word"]


register_snippet(SensitiveWordViewSet)


from django.urls import path, reverse  # noqa: E402
from wagtail import hooks  # noqa: E402
from cms.admin_menu import PermissionMenuItem  # noqa: E402

from importers import views  # noqa: E402


@hooks.register("register_admin_urls")
def register_upload_url():
    return [path("imports/upload/", views.upload, name="importers_upload")]


@hooks.register("register_admin_menu_item")
def register_upload_menu_item():
    return PermissionMenuItem("上传公文", reverse("importers_upload"), permission="importers.add_importeddocument", icon_name="upload", order=201)
