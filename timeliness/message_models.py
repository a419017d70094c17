"""咨询留言 (the site's interaction channel, issue 20 part 7): a citizen asks a department, the department answers
within MESSAGE_REPLY_WORKING_DAYS (default 5); answers the author agreed to publish appear in the public Q&A list.
The author's contact details follow the same rules as an applicant's (handling office only). Imported by models.py."""
from django.conf import settings
from django.db import models


class ConsultMessage(models.Model):
    organ = models.ForeignKey("publishing.Organ", null=True, blank=True, on_delete=models.PROTECT, verbose_name="留言对象（部门）")
    query_code = models.CharField("查询码", max_length=16, unique=True)
    subject = models.CharField("标题", max_length=100)
    body = models.TextField("留言内容")
    name = models.CharField("姓名", max_length=60)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    publish_ok = models.BooleanField("同意公开留言和答复", default=False)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    received_on = models.DateField("受理日期")
    due_on = models.DateField("答复期限")
    answer = models.TextField("答复内容", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="答复人")

    class Meta:
        verbose_name = verbose_name_plural = "咨询留言"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["due_on"])]

    def __str__(self):
        return self.subject
