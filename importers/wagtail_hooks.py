"""Importer admin: the officer's inbox, the read-only archive of imported documents, uploads of 公文 and 事项清单."""
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet

from cms.site.admin_menu import PermissionMenuItem
from importers import document_views, history, inbox_views, originals, views
from importers.models import ImportedDocument
from publishing.permission_policies import ReadOnlyPolicy

# What was imported is evidence: read and inspected, never edited or deleted through a form. A document that needs
# correcting arrives again (a new version or a new upload) and is checked again.
register_permission_policy(ImportedDocument, ReadOnlyPolicy(ImportedDocument), exact_class=True)


class ImportedDocumentInspectView(InspectView):
    """The archive record, with download links to the originals (private: served by importers.originals)."""

    EXTRA = {"files": "附件与解读文件", "versions": "版本", "reviews": "保密审查", "history": "处理记录"}

    def get_fields(self):
        return [*super().get_fields(), *self.EXTRA]

    def get_field_label(self, field_name, field):
        return self.EXTRA.get(field_name) or super().get_field_label(field_name, field)

    def get_versions_display_value(self):
        return history.versions_html(self.object)

    def get_reviews_display_value(self):
        return history.reviews_html(self.object)

    def get_history_display_value(self):
        return history.log_html(self.object)

    def get_original_display_value(self):
        if not self.object.original:
            return "—"
        return format_html('<a href="{}" download>{}</a>（下载会记入操作日志）', originals.original_url(self.object),
                           self.object.original_name or "原始文件")

    def get_files_display_value(self):
        rows = [(originals.file_url(f), f.name, f.get_role_display()) for f in self.object.files.all()]
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}" download>{}</a>（{}）</li>', rows)) if rows else "—"


class ImportedDocumentViewSet(SnippetViewSet):
    model = ImportedDocument
    icon = "doc-full"
    menu_label = "导入的公文"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "doc_number", "formed_on", "source", "get_status_display", "received_at"]
    list_filter = ["source"]
    search_fields = ["title", "doc_number"]
    inspect_view_enabled = True
    inspect_view_class = ImportedDocumentInspectView


register_snippet(ImportedDocumentViewSet)


@hooks.register("register_log_actions")
def register_importer_log_actions(actions):
    actions.register_action(originals.LOG_ACTION, "查看原始文件", "查看原始文件")


@hooks.register("register_admin_urls")
def register_importer_urls():
    return [
        path("imports/upload/", views.upload, name="importers_upload"),
        path("imports/<int:pk>/original/", originals.original, name="importers_original"),
        path("imports/<int:pk>/files/<int:file_pk>/", originals.original_file, name="importers_original_file"),
        path("guides/import/", views.import_guides_view, name="cms_guides_import"),
        path("guides/import/template.xlsx", views.import_template_view, name="cms_guides_import_template"),
        path("guides/export.xlsx", views.export_guides_view, name="cms_guides_export"),
        path("inbox/", inbox_views.inbox, name="publishing_inbox"),
        path("inbox/<int:pk>/publish/", inbox_views.publish_one, name="publishing_publish_one"),
        path("inbox/publish/", inbox_views.publish_bulk, name="publishing_publish_bulk"),
        path("inbox/<int:pk>/preview/", inbox_views.preview, name="publishing_preview"),
        path("inbox/<int:pk>/schedule/", inbox_views.schedule_one, name="publishing_schedule_one"),
        path("inbox/<int:pk>/override/", inbox_views.override_one, name="publishing_override_one"),
        path("pages/<int:page_id>/withdraw/", inbox_views.withdraw_page, name="publishing_withdraw"),
        path("inbox/<int:pk>/review/", document_views.review, name="publishing_review"),
        path("inbox/<int:pk>/new-version/", document_views.new_version, name="publishing_new_version"),
        path("inbox/<int:pk>/doc-number/", document_views.decide_number, name="publishing_decide_number"),
        path("inbox/<int:pk>/topics/", document_views.topics, name="publishing_topics"),
    ]


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return PermissionMenuItem("公文收件箱", reverse("publishing_inbox"), permission="importers.view_importeddocument",
                              icon_name="doc-full-inverse", order=199)


@hooks.register("register_admin_menu_item")
def register_upload_menu_item():
    return PermissionMenuItem("上传公文", reverse("importers_upload"), permission="importers.add_importeddocument",
                              icon_name="upload", order=201)


@hooks.register("register_admin_menu_item")
def register_guide_import_menu_item():
    return PermissionMenuItem("导入事项清单", reverse("cms_guides_import"), permission=views.GUIDE_IMPORT_PERMISSION,
                              icon_name="upload", order=211)
