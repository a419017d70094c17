"""What a 依申请公开 request carries besides its register line: the applicant's personal data (kept apart, seen only
by the handling office), the audit trail of the workflow, and the editable reply-letter templates.

Imported by timeliness.models so Django finds the models."""
from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel

from timeliness import request_rules as rules


def private_storage():
    """The private storage (settings.STORAGES["private"]): outside MEDIA_ROOT, no URL, like archived originals."""
    return storages["private"]


def proof_path(instance, filename):
    import os
    import secrets

    from django.utils import timezone

    ext = os.path.splitext(filename)[1].lower()[:8]
    return f"requests/{timezone.localdate():%Y/%m}/{secrets.token_hex(16)}{ext}"


class RequestApplicant(models.Model):
    """The applicant's personal data (条例 Art. 29). Never in lists, search, the API, exports or logs; purged after
    the retention period (settings.REQUEST_PERSONAL_DATA_RETENTION_DAYS) by `manage.py purge_request_personal_data`."""

    request = models.OneToOneField("timeliness.DisclosureRequest", on_delete=models.CASCADE, related_name="applicant")
    name = models.CharField("姓名", max_length=60, blank=True)
    id_type = models.CharField("证件类型", max_length=20, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    org_name = models.CharField("法人或其他组织名称", max_length=120, blank=True)
    org_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    proof = models.FileField("身份证明", storage=private_storage, upload_to=proof_path, blank=True, max_length=200)
    purged_at = models.DateTimeField("个人信息清除时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请人信息"

    def __str__(self):
        return self.masked_name

    @property
    def display_name(self):
        return self.org_name or self.name

    @property
    def masked_name(self):
        return rules.mask_name(self.display_name) or "（已清除）"


class RequestEvent(models.Model):
    """One step of the workflow, for the audit trail. `note` never holds personal data."""

    request = models.ForeignKey("timeliness.DisclosureRequest", on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="经办人")
    action = models.CharField("操作", max_length=40)
    status = models.CharField("操作后状态", max_length=12)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "依申请公开办理记录"
        ordering = ["at", "id"]


class ReplyTemplate(models.Model):
    """The editable text of one reply type's 答复告知书 (timeliness.reply_letters fills and lays it out)."""

    reply_type = models.CharField("答复类型", max_length=20, choices=rules.REPLY_TYPE_CHOICES, unique=True)
    title = models.CharField("标题", max_length=60, default="政府信息公开申请答复告知书")
    body = models.TextField(
        "正文", help_text="可用占位符：{申请人} {收到日期} {申请内容} {答复说明} {法律依据} {机关}。每段一行。"
    )
    remedies = models.TextField("救济途径", default=rules.REMEDIES)

    panels = [
        FieldPanel("reply_type"), FieldPanel("title"), FieldPanel("body"), FieldPanel("remedies"),
        HelpPanel("答复告知书按公文格式（A4）生成 DOCX；法律依据按答复类型自动写入。"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "答复告知书模板"
        ordering = ["reply_type"]

    def __str__(self):
        return self.get_reply_type_display()
