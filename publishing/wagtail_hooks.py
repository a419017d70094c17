from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from publishing.models import HolidayNotice, Organ, PublicationRecord


class OrganViewSet(SnippetViewSet):
    model = Organ
    icon = "group"
    menu_label = "机关/部门"
    list_display = ["name", "short_name", "index_prefix", "auto_publish"]
    search_fields = ["name", "short_name"]


class HolidayNoticeViewSet(SnippetViewSet):
    model = HolidayNotice
    icon = "date"
    menu_label = "节假日安排"
    list_display = ["year", "doc_number", "updated_at"]


class PublicationRecordViewSet(SnippetViewSet):
    model = PublicationRecord
    icon = "list-ul"
    menu_label = "发布记录"
    list_display = ["title", "department", "formed_on", "published_at", "due_on", "working_days_taken", "status"]
    list_filter = ["status", "department"]
    inspect_view_enabled = True


class PublishingGroup(SnippetViewSetGroup):
    menu_label = "发布与时效"
    menu_icon = "time"
    menu_order = 210
    items = (PublicationRecordViewSet, OrganViewSet, HolidayNoticeViewSet)


register_snippet(PublishingGroup)


from wagtail import hooks  # noqa: E402


@hooks.register("register_log_actions")
def register_publishing_log_actions(actions):
    actions.register_action("gongkai.publish", "一键公开", "一键公开")
    actions.register_action("gongkai.publish_refused", "公开被拒绝", "公开被拒绝")
    actions.register_action("gongkai.withdraw", "撤回", "撤回")
    actions.register_action("gongkai.override", "忽略提醒", "忽略提醒")
    actions.register_action("gongkai.schedule", "定时公开", "定时公开")


from django.urls import path, reverse  # noqa: E402
from cms.admin_menu import PermissionMenuItem  # noqa: E402

from publishing import views  # noqa: E402


@hooks.register("register_admin_urls")
def register_publishing_urls():
    return [
        path("inbox/", views.inbox, name="publishing_inbox"),
        path("inbox/<int:pk>/publish/", views.publish_one, name="publishing_publish_one"),
        path("inbox/publish/", views.publish_bulk, name="publishing_publish_bulk"),
        path("inbox/<int:pk>/preview/", views.preview, name="publishing_preview"),
        path("inbox/<int:pk>/schedule/", views.schedule_one, name="publishing_schedule_one"),
        path("pages/<int:page_id>/withdraw/", views.withdraw_page, name="publishing_withdraw"),
    ]


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return PermissionMenuItem("一键公开", reverse("publishing_inbox"), permission="importers.view_importeddocument", icon_name="doc-full-inverse", order=199)
