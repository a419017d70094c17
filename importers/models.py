"""Imported documents: the archived original, the parsed 公文 elements and the check results."""
from django.conf import settings
from django.db import models


class ImportedDocument(models.Model):
    SOURCE_CHOICES = [("oa", "办文平台"), ("inbox", "收件目录"), ("upload", "后台上传"), ("cli", "命令行")]
    STATUS_CHOICES = [
        ("failed", "导入失败"),
        ("blocked", "禁止公开"),
        ("ready", "待公开"),
        ("published", "已公开"),
        ("withdrawn", "已撤回"),
    ]

    source = models.CharField("来源", max_length=10, choices=SOURCE_CHOICES)
    external_id = models.CharField("OA 文件编号", max_length=100, blank=True, db_index=True)
    version = models.PositiveIntegerField("版本", default=1)
    original = models.FileField("原始文件", upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField("原始文件名", max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    title = models.CharField("标题", max_length=300, blank=True)
    doc_number = models.CharField("发文字号", max_length=60, blank=True, db_index=True)
    issuers = models.JSONField("发文机关", default=list, blank=True)
    formed_on = models.DateField("成文日期", null=True, blank=True)
    changed_on = models.DateField("变更日期", null=True, blank=True, help_text="OA 新版本的批准日期；新版本从此日重新起算20个工作日")
    deadline = models.OneToOneField("publishing.Deadline", null=True, blank=True, on_delete=models.SET_NULL, related_name="imported_document", editable=False)
    overrides = models.JSONField("已处理的检查项", default=list, blank=True, editable=False)
    scheduled_at = models.DateTimeField("定时公开时间", null=True, blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)
    oa_disclosure = models.CharField("OA 公开属性", max_length=6, blank=True)
    parsed = models.JSONField("解析结果", default=dict, blank=True)
    body_html = models.TextField("正文 HTML", blank=True)
    checks = models.JSONField("检查结果", default=list, blank=True)
    error = models.TextField("错误", blank=True)
    status = models.CharField("状态", max_length=10, choices=STATUS_CHOICES, default="ready")
    received_at = models.DateTimeField("接收时间", auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "导入的公文"
        ordering = ["-received_at"]
        permissions = [("publish_importeddocument", "一键公开公文")]
        constraints = [
            models.UniqueConstraint(fields=["external_id", "version"], condition=~models.Q(external_id=""), name="uniq_oa_version")
        ]

    def __str__(self):
        return self.title or self.original_name


class ImportedFile(models.Model):
    ROLE_CHOICES = [("main", "正文"), ("attachment", "附件"), ("interpretation", "解读")]
    document = models.ForeignKey(ImportedDocument, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=16, choices=ROLE_CHOICES, default="main")
    file = models.FileField(upload_to="imports/%Y/%m/")
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)


class SyncCursor(models.Model):
    """Where the OA pull left off (design §2.6)."""

    source_url = models.CharField(max_length=500, unique=True)
    cursor = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class SensitiveWord(models.Model):
    """Admin-editable 错敏词 list: a blocking word stops publication, a warn word asks for a second look."""

    word = models.CharField("词语", max_length=60, unique=True)
    severity = models.CharField("级别", max_length=5, choices=[("block", "禁止发布"), ("warn", "提醒")], default="warn")
    note = models.CharField("说明", max_length=200, blank=True, help_text="例如 应为“…”")
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "敏感词"
        ordering = ["word"]

    def __str__(self):
        return self.word
