"""Which 依申请公开 requests need attention (overdue, due soon), for the admin list, the officer's home, the timeliness
dashboard and the daily reminder mail (with the 咨询留言 past their answer date). Lists show the applicant masked, never in full."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from publishing import deadlines
from timeliness import messages
from timeliness import request_workflow as workflow
from timeliness.models import DisclosureRequest as R

SOON_WORKING_DAYS = 3
HANDLE_PERMISSION = "timeliness.handle_disclosurerequest"
RUNNING = (R.REGISTERED, R.ACCEPTED)  # the reply clock runs; paused requests cannot be overdue


def open_requests():
    return R.objects.exclude(status__in=R.CLOSED).select_related("deadline", "applicant")


def overdue(today=None):
    today = today or timezone.localdate()
    return open_requests().filter(status__in=RUNNING, deadline__due_on__lt=today).order_by("deadline__due_on")


def due_soon(today=None):
    today = today or timezone.localdate()
    until = workflow.add_working_days(today, SOON_WORKING_DAYS)
    return open_requests().filter(status__in=RUNNING, deadline__due_on__gte=today, deadline__due_on__lte=until).order_by("deadline__due_on")


def corrections_lapsed(today=None):
    today = today or timezone.localdate()
    return R.objects.filter(status=R.CORRECTION, correction_due_on__lt=today)


def handlers():
    perm = Permission.objects.get(codename="handle_disclosurerequest", content_type__app_label="timeliness")
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(Q(is_superuser=True) | Q(user_permissions=perm) | Q(groups__permissions=perm)).distinct()


def daily(today=None):
    """The daily run: close requests whose 补正 period lapsed, move paused deadlines on, and mail the handlers."""
    today = today or timezone.localdate()
    closed = workflow.close_expired_corrections(today)
    for req in R.objects.filter(status=R.CONSULTING).select_related("deadline"):
        deadlines.recompute(req.deadline, reason="征求意见期间暂停计时")
    late, soon = list(overdue(today)), list(due_soon(today))
    late_messages = messages.overdue(today).count()
    sent = 0
    if late or soon or late_messages:
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        lines = [f"截至{today:%Y年%m月%d日}，以下政府信息公开申请需要尽快答复：", ""]
        for label, group in (("已超过答复期限", late), (f"{SOON_WORKING_DAYS}个工作日内到期", soon)):
            if group:
                lines.append(f"【{label}】")
                lines += [f"  · {r.reference}（{r.get_status_display()}），答复期限 {r.due_on:%Y-%m-%d}" for r in group]
                lines.append("")
        if late_messages:
            lines += [f"【咨询留言】{late_messages}条已超过答复期限未答复：{base}{reverse('messages_admin_list')}", ""]
        lines += [f"请登录依申请公开办理页面处理：{base}{reverse('requests_admin_list')}", "", "（本邮件由公开系统自动发送）"]
        emails = sorted({u.email for u in handlers()})
        if emails:
            send_mail(f"【依申请公开提醒】{len(late)}件已超期，{len(soon)}件即将到期", "\n".join(lines), None, emails)
            sent = len(emails)
    return {"abandoned": closed, "overdue": len(late), "due_soon": len(soon), "messages_overdue": late_messages, "mailed": sent}
