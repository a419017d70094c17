"""信息报送: a district site reports one of its live pages (工作动态 or a policy) to the site it reports to; the
parent's administrators adopt it (a 工作动态 article on the parent site, published through the gate) or return it
with a reason. Services: reporting.services."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from wagtail.models import Page, Site

PENDING, ACCEPTED, RETURNED = "pending", "accepted", "returned"
STATUS_CHOICES = [(PENDING, "待审核"), (ACCEPTED, "已采用"), (RETURNED, "已退回")]


class Report(models.Model):
    source_site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="reports_sent", verbose_name="报送站点")
    source_page = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="reports",
                                    verbose_name="报送信息")
    title = models.CharField("标题", max_length=255, help_text="报送时的标题（原文删除后仍可查）")
    source_url = models.URLField("原文地址", max_length=500)
    kind = models.CharField("类别", max_length=10, choices=[("news", "工作动态"), ("policy", "政策文件")])
    target_site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="reports_received", verbose_name="报送至")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name="报送人")
    submitted_at = models.DateTimeField("报送时间", db_index=True)
    status = models.CharField("状态", max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    return_reason = models.TextField("退回理由", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="审核人")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    adopted_page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name="采用稿")

    class Meta:
        verbose_name = verbose_name_plural = "信息报送"
        ordering = ["-submitted_at", "-id"]
        permissions = [("decide_report", "采用或退回报送信息")]
        constraints = [
            models.UniqueConstraint(fields=["source_page", "target_site"], condition=Q(status=PENDING),
                                    name="reporting_one_open_report_per_page_and_target"),
        ]

    def __str__(self):
        return f"{self.title}（{self.get_status_display()}）"

    @property
    def is_pending(self):
        return self.status == PENDING
