"""Imported documents: the archived original, what the parser read and what the checks found at import.

Originals and their files are kept in private storage (importers.storage) under random names; ``original_name`` and
``ImportedFile.name`` keep the names people gave them.

Publication state does not live here: a readable document is handed to publishing as a Submission
(publishing.models.Submission), which holds its state, schedule, deadline and overrides.
"""
from django.conf import settings
from django.db import models

from importers.storage import archive_path, private_storage


class ImportedDocument(models.Model):
    SOURCE_CHOICES = [("oa", "办文平台"), ("inbox", "收件目录"), ("upload", "后台上传"), ("cli", "命令行")]

    source = models.CharField("来源", max_length=10, choices=SOURCE_CHOICES)
    external_id = models.CharField("OA 文件编号", max_length=100, blank=True, db_index=True)
    version = models.PositiveIntegerField("版本", default=1)
    original = models.FileField("原始文件", upload_to=archive_path, storage=private_storage, max_length=255, blank=True)
    original_name = models.CharField("原始文件名", max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    title = models.CharField("标题", max_length=300, blank=True)
    doc_number = models.CharField("发文字号", max_length=60, blank=True, db_index=True)
    issuers = models.JSONField("发文机关", default=list, blank=True)
    formed_on = models.DateField("成文日期", null=True, blank=True)
    changed_on = models.DateField("变更日期", null=True, blank=True, help_text="OA 新版本的批准日期；新版本从此日重新起算20个工作日")
    oa_disclosure = models.CharField("OA 公开属性", max_length=6, blank=True)
    parsed = models.JSONField("解析结果", default=dict, blank=True)
    body_html = models.TextField("正文 HTML", blank=True)
    checks = models.JSONField("导入时的检查结果", default=list, blank=True, help_text="仅供参考：公开时由发布闸门按公开内容重新检查")
    error = models.TextField("错误", blank=True)
    received_at = models.DateTimeField("接收时间", auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False)
    submission = models.OneToOneField("publishing.Submission", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="imported_document", verbose_name="待公开文件")

    class Meta:
        verbose_name = verbose_name_plural = "导入的公文"
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["external_id", "version"], condition=~models.Q(external_id=""), name="uniq_oa_version")
        ]

    def __str__(self):
        return self.title or self.original_name

    @property
    def status(self):
        """failed (unreadable), or the submission's state (ready, blocked, scheduled, published, withdrawn)."""
        if self.error or self.submission_id is None:
            return "failed"
        return self.submission.status

    def get_status_display(self):
        return "导入失败" if self.status == "failed" else self.submission.get_status_display()


class ImportedFile(models.Model):
    ROLE_CHOICES = [("main", "正文"), ("attachment", "附件"), ("interpretation", "解读")]
    document = models.ForeignKey(ImportedDocument, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=16, choices=ROLE_CHOICES, default="main")
    file = models.FileField(upload_to=archive_path, storage=private_storage, max_length=255)
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)


class SyncCursor(models.Model):
    """Where the OA pull left off (design §2.6)."""

    source_url = models.CharField(max_length=500, unique=True)
    cursor = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
