"""Publishing admin: records, organs, holidays, the gate's dictionary and overrides; the editor's publish hooks."""
from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from publishing import gate
from publishing.admin_columns import labelled, yes_no
from publishing.models import MODE_CHOICES, HolidayNotice, Organ, Override, PublicationRecord, SensitiveWord
from publishing.permission_policies import ReadOnlyPolicy

register_permission_policy(PublicationRecord, ReadOnlyPolicy(PublicationRecord), exact_class=True)
register_permission_policy(Override, ReadOnlyPolicy(Override), exact_class=True)


class OrganViewSet(SnippetViewSet):
    model = Organ
    icon = "group"
    menu_label = "机关/部门"
    list_display = ["name", "short_name", "index_prefix", yes_no("auto_publish", "自动公开")]
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
    list_display = ["title", "department", "formed_on", "published_at", "due_on", "working_days_taken", "status",
                    labelled("mode", "发布方式", dict(MODE_CHOICES))]
    list_filter = ["status", "department"]
    inspect_view_enabled = True


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = "敏感词"
    list_display = ["word", "severity", "note", yes_no("active", "启用")]
    search_fields = ["word"]


class OverrideViewSet(SnippetViewSet):
    model = Override
    icon = "tick-inverse"
    menu_label = "检查项处理记录"
    list_display = ["subject", "code", "evidence", "reason", "by", "at"]
    search_fields = ["subject", "evidence", "reason"]
    inspect_view_enabled = True


class PublishingGroup(SnippetViewSetGroup):
    menu_label = "发布与时效"
    menu_icon = "time"
    menu_order = 210
    items = (PublicationRecordViewSet, OrganViewSet, HolidayNoticeViewSet, SensitiveWordViewSet, OverrideViewSet)


register_snippet(PublishingGroup)


@hooks.register("register_log_actions")
def register_publishing_log_actions(actions):
    actions.register_action("gongkai.publish", "一键公开", "一键公开")
    actions.register_action("gongkai.publish_refused", "公开被拒绝", "公开被拒绝")
    actions.register_action("gongkai.withdraw", "撤回", "撤回")
    actions.register_action("gongkai.override", "忽略提醒", "忽略提醒")
    actions.register_action("gongkai.schedule", "定时公开", "定时公开")
    actions.register_action("gongkai.secrecy_review", "保密审查", "保密审查")
    actions.register_action("gongkai.new_version", "上传新版本", "上传新版本")
    actions.register_action("gongkai.doc_number_decision", "确认文号重复", "确认文号重复")
    actions.register_action("gongkai.topics", "修改主题分类与主题词", "修改主题分类与主题词")


@hooks.register("before_publish_page")
def gate_before_publish(request, page):
    """The editor's publish button: the page as it will go live passes the gate, or stays a draft with the reasons."""
    reasons = gate.refusals(page)
    if reasons:
        messages.error(request, "未发布，已保存为草稿：" + "；".join(reasons))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def gate_before_bulk_publish(request, action_type, objects, action_class_instance):
    """Bulk 发布 in the page listing: every page's latest revision passes the gate, or nothing is published."""
    if action_type != "publish":
        return None
    refused = []
    for page in objects:
        if not isinstance(page, Page):
            continue
        revision = page.get_latest_revision()
        candidate = revision.as_object() if revision is not None else page.specific
        reasons = gate.refusals(candidate)
        if reasons:
            refused.append(f"《{page.title}》：" + "；".join(reasons))
    if refused:
        for line in refused:
            messages.error(request, "未发布 " + line)
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None
