"""Registers behind the annual report (国办公开办函〔2021〕30号): 依申请公开 requests, 行政复议/行政诉讼 cases,
and the per-year report with its editable narrative and manually entered rows.

The vocabulary of the report's tables lives in timeliness/report_format.py (plain Python)."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel

from cms.site.skeleton import default_site
from timeliness import report_format as fmt
from timeliness import request_rules as rules
from timeliness.message_models import ConsultMessage  # noqa: F401 — registered here
from timeliness.request_deadlines import sync, validate
from timeliness.request_models import ReplyTemplate, RequestApplicant, RequestEvent  # noqa: F401 — registered here


class DisclosureRequest(models.Model):
    """One 政府信息公开申请, from receipt to reply. Its reply deadline is a publishing.Deadline (kind=request)."""

    REGISTERED, ACCEPTED, CORRECTION, CONSULTING, REPLIED, ABANDONED = (
        "registered", "accepted", "correction", "consulting", "replied", "abandoned")
    STATUS_CHOICES = [(REGISTERED, "已登记，待受理"), (ACCEPTED, "办理中"), (CORRECTION, "待申请人补正"),
                      (CONSULTING, "征求意见中（暂停计时）"), (REPLIED, "已答复"), (ABANDONED, "逾期未补正，视为放弃申请")]
    CLOSED = (REPLIED, ABANDONED)
    FORM_CHOICES = [("纸质", "纸质"), ("电子", "电子")]
    DELIVERY_CHOICES = [("邮寄", "邮寄"), ("电子邮件", "电子邮件"), ("自行领取", "自行领取")]

    organ = models.ForeignKey("publishing.Organ", null=True, blank=True, on_delete=models.PROTECT, verbose_name="受理机关")
    reference = models.CharField("申请编号", max_length=40, blank=True)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=fmt.APPLICANT_CHOICES, default=fmt.NATURAL)
    subject = models.CharField("申请内容摘要", max_length=300)
    received_on = models.DateField("收到申请日期")
    channel = models.CharField("申请渠道", max_length=12, choices=fmt.CHANNEL_CHOICES, default="online")
    correction_requested_on = models.DateField("补正通知日期", null=True, blank=True, help_text="通知补正之日起暂停计时")
    correction_received_on = models.DateField("补正材料收到日期", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长期限（工作日）", default=0, help_text="只能延长一次，最长20个工作日")
    extension_approver = models.CharField("延期批准人", max_length=60, blank=True)
    extension_reason = models.CharField("延期理由", max_length=200, blank=True)
    outcome = models.CharField("办理结果", max_length=12, choices=fmt.OUTCOME_CHOICES, blank=True, help_text="尚未办结的留空")
    replied_on = models.DateField("答复日期", null=True, blank=True)
    deadline = models.OneToOneField(
        "publishing.Deadline", null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="disclosure_request"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The online application and the office's workflow (timeliness.request_workflow); no personal data here.
    query_code = models.CharField("查询码", max_length=16, unique=True, null=True, blank=True, editable=False)
    status = models.CharField("办理状态", max_length=12, choices=STATUS_CHOICES, default=ACCEPTED, editable=False)
    description = models.TextField("所需信息的描述", blank=True)
    doc_number = models.CharField("文件名称或文号", max_length=120, blank=True)
    purpose = models.CharField("用途", max_length=200, blank=True)
    form_wanted = models.CharField("获取信息的方式", max_length=4, choices=FORM_CHOICES, blank=True)
    delivery = models.CharField("获取信息的途径", max_length=6, choices=DELIVERY_CHOICES, blank=True)
    correction_due_on = models.DateField("补正期限", null=True, blank=True, editable=False)
    fee_method = models.CharField("信息处理费计收方式", max_length=8, choices=rules.FEE_METHODS, blank=True, editable=False)
    fee_quantity = models.PositiveIntegerField("计费数量（件/页）", default=0, editable=False)
    fee_yuan = models.PositiveIntegerField("信息处理费（元）", default=0, editable=False)
    reply_type = models.CharField("答复类型", max_length=20, choices=rules.REPLY_TYPE_CHOICES, blank=True, editable=False)
    reply_note = models.TextField("答复说明", blank=True, editable=False)

    panels = [
        FieldPanel("organ"),
        FieldRowPanel([FieldPanel("reference"), FieldPanel("applicant_type")]),
        FieldPanel("subject"),
        FieldRowPanel([FieldPanel("received_on"), FieldPanel("channel")]),
        MultiFieldPanel([FieldRowPanel([FieldPanel("correction_requested_on"), FieldPanel("correction_received_on")])], heading="补正"),
        MultiFieldPanel(
            [FieldPanel("extension_days"), FieldRowPanel([FieldPanel("extension_approver"), FieldPanel("extension_reason")])], heading="延期答复"
        ),
        MultiFieldPanel([FieldPanel("outcome"), FieldPanel("replied_on")], heading="办理结果"),
        HelpPanel("答复期限由系统按法定工作日计算：收到申请之日起20个工作日，补正期间暂停计时，经批准可延长一次（不超过20个工作日）。"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "依申请公开登记"
        ordering = ["-received_on", "-id"]
        permissions = [("handle_disclosurerequest", "办理依申请公开（可查看申请人个人信息）")]
        indexes = [models.Index(fields=["received_on"]), models.Index(fields=["replied_on"])]

    def __str__(self):
        return f"{self.reference or self.pk}｜{self.subject}"

    @property
    def due_on(self):
        return self.deadline.due_on if self.deadline_id else None

    def clean(self):
        previous = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        validate(self, previous)

    def save(self, *args, **kwargs):
        if self.replied_on and self.outcome and self.status not in self.CLOSED:
            self.status = self.ABANDONED if self.outcome == "other_1" else self.REPLIED
        super().save(*args, **kwargs)
        sync(self)

    @property
    def is_closed(self):
        return self.status in self.CLOSED


class ReviewCase(models.Model):
    """A 行政复议 or 行政诉讼 about 政府信息公开 (section four of the annual report)."""

    organ = models.ForeignKey("publishing.Organ", null=True, blank=True, on_delete=models.PROTECT, verbose_name="被申请/被诉机关")
    kind = models.CharField("类型", max_length=20, choices=fmt.CASE_KIND_CHOICES)
    reference = models.CharField("案号", max_length=60, blank=True)
    filed_on = models.DateField("受理/立案日期")
    result = models.CharField("结果", max_length=12, choices=fmt.CASE_RESULT_CHOICES, blank=True, help_text="尚未审结的留空")
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    notes = models.CharField("备注", max_length=300, blank=True)

    panels = [
        FieldPanel("organ"), FieldRowPanel([FieldPanel("kind"), FieldPanel("reference")]), FieldPanel("filed_on"),
        FieldRowPanel([FieldPanel("result"), FieldPanel("concluded_on")]), FieldPanel("notes"),
    ]

    def clean(self):
        if self.result and not self.concluded_on:
            raise ValidationError({"concluded_on": "已填写结果，请同时填写审结日期"})
        if self.concluded_on and not self.result:
            raise ValidationError({"result": "已填写审结日期，请选择结果（维持/纠正/其他）"})
        if self.concluded_on and self.filed_on and self.concluded_on < self.filed_on:
            raise ValidationError({"concluded_on": "审结日期不能早于受理/立案日期"})

    class Meta:
        verbose_name = verbose_name_plural = "行政复议与行政诉讼登记"
        ordering = ["-filed_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.reference or self.pk}"


NO_SOURCE_HELP = "确无此项请填 0；留空表示无数据来源，年报中注明“无数据来源”"


class AnnualReport(models.Model):
    """The editable parts of one year's report for one organ (blank organ = the whole government)."""

    year = models.PositiveSmallIntegerField("年度")
    organ = models.ForeignKey("publishing.Organ", null=True, blank=True, on_delete=models.PROTECT, verbose_name="报告机关")
    title = models.CharField("标题", max_length=200, blank=True, help_text="留空则自动生成")
    overview = models.TextField("一、总体情况", blank=True, help_text="留空则使用系统按数据生成的草稿")
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    # Blank (None) means no data source: the report says so instead of printing a 0 nobody reported.
    licensing_decisions = models.PositiveIntegerField("行政许可 本年处理决定数量", null=True, blank=True, default=None,
                                                      help_text=NO_SOURCE_HELP)
    penalty_decisions = models.PositiveIntegerField("行政处罚 本年处理决定数量", null=True, blank=True, default=None,
                                                    help_text=NO_SOURCE_HELP)
    enforcement_decisions = models.PositiveIntegerField("行政强制 本年处理决定数量", null=True, blank=True, default=None,
                                                        help_text=NO_SOURCE_HELP)
    fees_wan_yuan = models.DecimalField("行政事业性收费 本年收费金额（万元）", max_digits=12, decimal_places=4, null=True, blank=True,
                                        default=None, help_text=NO_SOURCE_HELP)
    rules_made = models.PositiveIntegerField("规章 本年制发件数（人工）", null=True, blank=True, help_text="留空则按政策文件库统计")
    rules_repealed = models.PositiveIntegerField("规章 本年废止件数（人工）", null=True, blank=True)
    rules_in_force = models.PositiveIntegerField("规章 现行有效件数（人工）", null=True, blank=True)
    normative_made = models.PositiveIntegerField("行政规范性文件 本年制发件数（人工）", null=True, blank=True)
    normative_repealed = models.PositiveIntegerField("行政规范性文件 本年废止件数（人工）", null=True, blank=True)
    normative_in_force = models.PositiveIntegerField("行政规范性文件 现行有效件数（人工）", null=True, blank=True)
    processing_fees_yuan = models.DecimalField("信息处理费 收取金额（元）", max_digits=12, decimal_places=2, default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("organ")]),
        FieldPanel("title"),
        FieldPanel("overview"),
        MultiFieldPanel(
            [
                HelpPanel("规章、行政规范性文件默认按政策文件库统计；如需以人工统计为准，请填写下列数字。"),
                FieldRowPanel([FieldPanel("rules_made"), FieldPanel("rules_repealed"), FieldPanel("rules_in_force")]),
                FieldRowPanel([FieldPanel("normative_made"), FieldPanel("normative_repealed"), FieldPanel("normative_in_force")]),
                FieldRowPanel([FieldPanel("licensing_decisions"), FieldPanel("penalty_decisions"), FieldPanel("enforcement_decisions")]),
                FieldPanel("fees_wan_yuan"),
            ],
            heading="二、主动公开政府信息情况（人工填报部分）",
        ),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
        FieldPanel("processing_fees_yuan"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["year", "organ"], name="uniq_annual_report_per_organ"),
            models.UniqueConstraint(fields=["year"], condition=models.Q(organ=None), name="uniq_annual_report_government"),
        ]

    def __str__(self):
        if self.organ_id:
            name = self.organ.name
        else:
            site = default_site()  # the whole government: the site's organ, as init_site names it
            name = f"{site.site_name}（全部机关）" if site and site.site_name else "全部机关"
        return f"{name}{self.year}年度政府信息公开工作年度报告"
