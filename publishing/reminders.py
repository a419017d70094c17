"""Daily reminders: each department's officers hear about documents due within 3 working days and overdue ones."""
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from publishing.inbox import inbox_rows
from publishing.models import Organ, Submission


def send_reminders(today=None):
    today = today or timezone.localdate()
    waiting = Submission.objects.filter(status__in=Submission.OPEN).select_related("deadline")
    rows = [r for r in inbox_rows(waiting, today=today) if r.status and r.status.code in ("due_soon", "overdue")]
    inbox_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("publishing_inbox")
    sent = 0
    for organ in Organ.objects.prefetch_related("officers"):
        mine = [r for r in rows if organ.name in (r.submission.issuers or [])]
        emails = [u.email for u in organ.officers.all() if u.email and u.is_active]
        if not mine or not emails:
            continue
        overdue = [r for r in mine if r.status.code == "overdue"]
        due_soon = [r for r in mine if r.status.code == "due_soon"]
        lines = [f"{organ.name}信息公开专员：", "", f"截至{today:%Y年%m月%d日}，以下文件需要尽快公开（主动公开期限为形成或变更之日起20个工作日）：", ""]
        for label, group in (("已超期", overdue), ("即将到期（3个工作日内）", due_soon)):
            if group:
                lines.append(f"【{label}】")
                lines += [f"  · {r.submission.title or r.submission.source_key}（{r.submission.doc_number or '无文号'}），到期日 {r.due_on:%Y-%m-%d}"
                          for r in group]
                lines.append("")
        lines += [f"请登录公文收件箱处理：{inbox_url}", "", "（本邮件由公开系统自动发送）"]
        subject = f"【政务公开提醒】{organ.name}：{len(overdue)}份已超期，{len(due_soon)}份即将到期"
        send_mail(subject, "\n".join(lines), None, emails)
        sent += 1
    return sent
