"""好差评: a citizen's rating of a guide or a 一件事, and the follow-up case every 差评 opens (docs/ratings.md).

The guide's code and department are copied onto the rating when it is given, so the figures stay what they were
when a guide is renamed, moved to another department or deleted. The contact is personal data: it is shown only
masked in the admin lists, in full only on the case page to those who handle cases, and never in figures, the
API, exports or logs."""
from django.conf import settings
from django.db import models

from ratings import rules

LEVEL_CHOICES = [(level, f"{level} {label}") for level, label in sorted(rules.LEVELS.items(), reverse=True)]
CHANNEL_CHOICES = [("web", "网站"), ("api", "接口"), ("mobile", "移动端"), ("hall", "窗口")]


class Rating(models.Model):
    guide = models.ForeignKey("guides.ServiceGuidePage", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name="办事指南")
    bundle = models.ForeignKey("guides.BundlePage", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name="一件事")
    target_kind = models.CharField("对象", max_length=10, choices=[("guide", "办事指南"), ("bundle", "一件事")], default="guide")
    target_code = models.CharField("事项编码", max_length=100, db_index=True)
    target_title = models.CharField("事项名称", max_length=255)
    department = models.CharField("部门", max_length=100, blank=True, db_index=True)
    level = models.PositiveSmallIntegerField("评价", choices=LEVEL_CHOICES)
    comment = models.TextField("评价内容", blank=True, max_length=500)
    contact = models.CharField("联系方式（个人信息）", max_length=100, blank=True)
    channel = models.CharField("渠道", max_length=10, choices=CHANNEL_CHOICES, default="web")
    created_at = models.DateTimeField("评价时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "好差评"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["department", "created_at"])]

    def __str__(self):
        return f"{self.target_title}：{self.get_level_display()}"

    @property
    def is_bad(self):
        return rules.is_bad(self.level)



class FollowUpCase(models.Model):
    """差评整改: 核实 → 整改 or 解释 → 回访 → 办结 (only with a recorded outcome)."""

    STEP_CHOICES = [(k, v) for k, v in rules.STEP_LABELS.items()]
    OUTCOME_CHOICES = [("satisfied", "回访满意"), ("basic", "回访基本满意"), ("unsatisfied", "回访仍不满意"),
                       ("unreachable", "无法联系（未留联系方式或联系不上）")]

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="case", verbose_name="差评")
    department = models.CharField("责任部门", max_length=100, blank=True, db_index=True)
    step = models.CharField("当前环节", max_length=10, choices=STEP_CHOICES, default=rules.VERIFY, db_index=True)
    opened_on = models.DateField("立案日期")
    due_on = models.DateField("本环节期限", null=True, blank=True, db_index=True)
    provisional = models.BooleanField("期限暂定", default=False, help_text="该年度放假安排尚未录入，期限按周末估算")
    finding = models.TextField("核实情况", blank=True)
    resolution = models.CharField("处理方式", max_length=10, blank=True, choices=[(rules.RECTIFY, "整改"), (rules.EXPLAIN, "解释")])
    action = models.TextField("整改措施或解释内容", blank=True)
    outcome = models.CharField("回访结果", max_length=12, blank=True, choices=OUTCOME_CHOICES)
    revisit_note = models.TextField("回访记录", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    reminded_on = models.DateField("最近提醒日期", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "差评整改"
        ordering = ["due_on", "id"]
        permissions = [("handle_followupcase", "办理差评整改")]

    def __str__(self):
        return f"差评整改 #{self.pk}"

    @property
    def reference(self):
        return f"CP{self.opened_on:%Y%m%d}-{self.pk:05d}"

    @property
    def is_closed(self):
        return self.step == rules.CLOSED


class CaseEvent(models.Model):
    """The audit trail: who did what to a case, when (append-only)."""

    case = models.ForeignKey(FollowUpCase, on_delete=models.CASCADE, related_name="events", verbose_name="差评整改")
    step = models.CharField("环节", max_length=10)
    action = models.CharField("操作", max_length=60)
    note = models.TextField("记录", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="操作人")
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "差评整改记录"
        ordering = ["at", "id"]
