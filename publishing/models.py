"""Publishing: organs and their 索引号 sequences, the holiday calendar overrides, deadlines, submissions waiting for
publication, the gate's dictionary and overrides, and publication records. Models stay thin; the rules live in
gate.py, services.py and plain modules (workdays, checks, status)."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from publishing.checks import WARN, Check, Content
from publishing.status import REVIEW_AGREE, REVIEW_PARTIAL, REVIEW_REFUSE
from publishing.text import html_lines


class Organ(models.Model):
    """A 发文机关 / department. Each organ numbers its own 索引号."""

    name = models.CharField("机关名称", max_length=100, unique=True)
    short_name = models.CharField("简称/机关代字", max_length=40, blank=True)
    index_prefix = models.CharField(
        "索引号前缀", max_length=40, blank=True, help_text="如统一社会信用代码或机构代码，例如 11430100MB1234567X"
    )
    index_year_format = models.CharField(
        "索引号年份格式", max_length=10, default="YYYY", choices=[("YYYY", "年（2024）"), ("YYYYMM", "年月（202405）")]
    )
    index_separator = models.CharField("前缀分隔符", max_length=3, default="/")
    index_serial_separator = models.CharField("流水号分隔符", max_length=3, default="-")
    index_padding = models.PositiveSmallIntegerField("流水号位数", default=5)
    auto_publish = models.BooleanField("自动公开", default=False, help_text="OA 标记为主动公开且全部检查通过的文件到达即自动公开")
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="organs", verbose_name="信息公开专员")

    class Meta:
        verbose_name = verbose_name_plural = "机关/部门"
        ordering = ["name"]

    def __str__(self):
        return self.name


class IndexNumberSequence(models.Model):
    """The last serial handed out per organ and period; serials are never reused, even after withdrawal."""

    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="index_sequences")
    period = models.CharField(max_length=8)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = [("organ", "period")]


class HolidayNotice(ClusterableModel):
    """An admin-entered State Council holiday notice (节假日安排). It replaces the bundled schedule for its year."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    doc_number = models.CharField("通知文号", max_length=60, help_text="例如 国办发明电〔2025〕7号")
    url = models.URLField("通知链接", blank=True)
    notes = models.TextField("备注", blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("year"), FieldPanel("doc_number"), FieldPanel("url"), FieldPanel("notes"), InlinePanel("days", label="放假与调休日期")]

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年放假安排（{self.doc_number}）"


class HolidayNoticeDay(models.Model):
    HOLIDAY = "holiday"
    MAKEUP = "makeup"
    KIND_CHOICES = [(HOLIDAY, "放假"), (MAKEUP, "调休上班")]

    notice = ParentalKey(HolidayNotice, on_delete=models.CASCADE, related_name="days")
    start = models.DateField("开始日期")
    end = models.DateField("结束日期", null=True, blank=True, help_text="放假区间的最后一天；单日可留空")
    kind = models.CharField("类型", max_length=10, choices=KIND_CHOICES, default=HOLIDAY)
    name = models.CharField("名称", max_length=40, blank=True, help_text="例如 春节")

    panels = [FieldPanel("kind"), FieldPanel("start"), FieldPanel("end"), FieldPanel("name")]

    class Meta:
        verbose_name = verbose_name_plural = "放假/调休日期"
        ordering = ["start"]


class Deadline(models.Model):
    """A statutory deadline, stored and recomputed when the calendar changes (never computed only on read)."""

    PROACTIVE = "proactive"
    REQUEST = "request"
    KIND_CHOICES = [(PROACTIVE, "主动公开"), (REQUEST, "依申请答复")]

    kind = models.CharField("类型", max_length=12, choices=KIND_CHOICES, default=PROACTIVE)
    start_on = models.DateField("起算日")
    working_days = models.PositiveSmallIntegerField("期限（工作日）", default=20)
    extension_days = models.PositiveSmallIntegerField("延长（工作日）", default=0)
    extension_approver = models.CharField("延期批准人", max_length=60, blank=True)
    extension_reason = models.CharField("延期理由", max_length=200, blank=True)
    due_on = models.DateField("到期日")
    provisional = models.BooleanField("暂定", default=False)
    provisional_reason = models.CharField("暂定原因", max_length=200, blank=True)
    explanation = models.JSONField("计算说明", default=dict, blank=True)
    done_on = models.DateField("完成日", null=True, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "期限"
        indexes = [models.Index(fields=["provisional"]), models.Index(fields=["due_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.start_on} → {self.due_on}{'（暂定）' if self.provisional else ''}"


class DeadlinePause(models.Model):
    CORRECTION = "correction"
    THIRD_PARTY = "third_party"
    KIND_CHOICES = [(CORRECTION, "补正"), (THIRD_PARTY, "征求第三方意见")]

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(max_length=12, choices=KIND_CHOICES)
    start = models.DateField("暂停开始")
    end = models.DateField("暂停结束", null=True, blank=True)

    class Meta:
        ordering = ["start"]


class DeadlineChange(models.Model):
    """Log of every recomputation that moved a deadline (e.g. when a year's holiday notice is entered)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="changes")
    old_due_on = models.DateField()
    new_due_on = models.DateField()
    old_provisional = models.BooleanField()
    new_provisional = models.BooleanField()
    reason = models.CharField(max_length=200)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]


class PublicationRecord(models.Model):
    """One publication of one version of a piece of information, measured against its 20-working-day deadline.

    published_at is stamped by the system at the moment of publication; it is not editable anywhere.
    """

    STATUS_CHOICES = [
        ("pending", "未到期"),
        ("due_soon", "即将到期"),
        ("overdue", "已超期"),
        ("on_time", "按时完成"),
        ("late", "超期完成"),
    ]

    title = models.CharField("标题", max_length=300)
    doc_type = models.CharField("类型", max_length=30, default="policy")
    department = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="部门")
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source_key = models.CharField("来源标识", max_length=120, blank=True, help_text="例如 OA 文件 id 与版本")
    version = models.PositiveIntegerField(default=1)
    formed_on = models.DateField("形成/变更日期")
    received_at = models.DateTimeField("接收时间", null=True, blank=True)
    checks_passed_at = models.DateTimeField("检查通过时间", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    deadline = models.OneToOneField(Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="record")
    due_on = models.DateField("到期日", null=True, blank=True)
    working_days_taken = models.PositiveSmallIntegerField("用时（工作日）", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=STATUS_CHOICES, default="pending")
    mode = models.CharField("发布方式", max_length=12, blank=True, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                     editable=False, verbose_name="发布人")
    recorded_at = models.DateTimeField("记录时间", default=timezone.now, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "发布记录"
        permissions = [("view_timeliness", "查看时效统计与年报")]
        indexes = [models.Index(fields=["formed_on"]), models.Index(fields=["department", "formed_on"])]
        constraints = [
            models.UniqueConstraint(fields=["source_key", "version"], condition=~models.Q(source_key=""), name="uniq_record_per_version")
        ]

    def __str__(self):
        return self.title


MODE_CHOICES = [
    ("one_click", "一键公开"), ("bulk", "批量公开"), ("automatic", "自动公开"), ("scheduled", "定时公开"), ("editor", "编辑器发布"),
    ("loader", "批量加载"), ("demo", "演示内容"), ("catalogue", "目录发布"),
]


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


class Submission(models.Model):
    """A document handed to publishing: exactly the text that would go live, its state and its clock.

    Importers create it from a parsed 公文 (or an OA item). Nothing here is edited by hand: a correction arrives as a
    new version. The gate re-checks this stored content at every attempt to publish it.
    """

    BLOCKED, READY, SCHEDULED, PUBLISHED, WITHDRAWN = "blocked", "ready", "scheduled", "published", "withdrawn"
    SUPERSEDED = "superseded"
    STATUS_CHOICES = [(BLOCKED, "禁止公开"), (READY, "待公开"), (SCHEDULED, "定时公开"), (PUBLISHED, "已公开"), (WITHDRAWN, "已撤回"),
                      (SUPERSEDED, "已被新版本取代")]
    NUMBER_SAME_DOCUMENT, NUMBER_DISTINCT = "new_version", "distinct"
    NUMBER_DECISIONS = [(NUMBER_SAME_DOCUMENT, "这是同一文件的新版本"), (NUMBER_DISTINCT, "确为不同文件")]
    OPEN = (BLOCKED, READY, SCHEDULED)

    ORIGIN_CHOICES = [("oa", "办文平台"), ("inbox", "收件目录"), ("upload", "后台上传"), ("cli", "命令行")]

    source_key = models.CharField("来源标识", max_length=120, db_index=True, help_text="OA 文件编号，或 import-<编号>")
    version = models.PositiveIntegerField("版本", default=1)
    origin = models.CharField("来源", max_length=10, choices=ORIGIN_CHOICES, default="upload")
    title = models.CharField("标题", max_length=300, blank=True)
    doc_number = models.CharField("发文字号", max_length=60, blank=True, db_index=True)
    issuers = models.JSONField("发文机关", default=list, blank=True)
    doc_type = models.CharField("文种", max_length=10, blank=True)
    formed_on = models.DateField("成文日期", null=True, blank=True)
    changed_on = models.DateField("变更日期", null=True, blank=True, help_text="新版本的批准日期；新版本从此日重新起算20个工作日")
    disclosure = models.CharField("公开属性", max_length=6, blank=True, help_text="OA 登记或文件附注标明的公开属性")
    header_lines = models.JSONField("版头", default=list, blank=True)
    notes = models.JSONField("附注", default=list, blank=True)
    body_html = models.TextField("正文 HTML", blank=True)
    attachments = models.JSONField("附件", default=list, blank=True, help_text="[{name, text}]")
    interpretations = models.JSONField("解读", default=list, blank=True, help_text="[{key, title, body_html}]")
    notices = models.JSONField("导入时的提醒", default=list, blank=True,
                               help_text="[{code, message, evidence}]: 文号格式、成文日期等需要人工核对的提醒（只提醒，不放行任何内容）")
    received_at = models.DateTimeField("接收时间", default=timezone.now)
    deadline = models.OneToOneField(Deadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="submission")
    status = models.CharField("状态", max_length=10, choices=STATUS_CHOICES, default=READY)
    scheduled_at = models.DateTimeField("定时公开时间", null=True, blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="公开页面")
    record = models.ForeignKey(PublicationRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by",
                                 verbose_name="取代的版本")
    version_reason = models.CharField("新版本说明", max_length=300, blank=True)
    topic_path = models.CharField("主题分类", max_length=130, blank=True, help_text="上级\\分类，导入时按正文建议，公开前可修改")
    keywords = models.CharField("主题词", max_length=200, blank=True)
    same_number_as = models.JSONField("文号相同的文件", default=list, blank=True,
                                      help_text="[{title, doc_number, source_key, submission, page}]：导入时发现，公开前须确认")
    number_decision = models.CharField("文号重复的处理", max_length=12, choices=NUMBER_DECISIONS, blank=True)
    number_decision_reason = models.CharField("处理理由", max_length=300, blank=True)
    number_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    number_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "待公开文件"
        ordering = ["-received_at", "-id"]
        permissions = [("publish_submission", "一键公开文件"), ("override_personal_data", "确认解除个人信息误报"),
                       ("review_secrecy", "保密审查")]
        constraints = [models.UniqueConstraint(fields=["source_key", "version"], name="uniq_submission_version")]

    def __str__(self):
        return self.title or self.source_key

    @property
    def is_open(self):
        return self.status in self.OPEN

    def gate_subject(self):
        return f"submission-{self.pk}"

    def gate_notices(self):
        """What the importer noticed and a person should look at (文号 format, an old 成文日期, a missing attachment).
        Stored, so only ever warnings: a stored result may ask for a look, never let anything through."""
        return [Check(n.get("code", ""), WARN, n.get("message", ""), {"value": n.get("evidence", "")}) for n in self.notices or []]

    def gate_content(self):
        """The exact text this submission would publish: 版头, title, body, 附注, attachments, interpretations."""
        passages = [("版头", line) for line in self.header_lines or []]
        if self.title:
            passages.append(("标题", self.title))
        passages += [(f"第{i}段", line) for i, line in enumerate(html_lines(self.body_html), start=1)]
        passages += [("附注", note) for note in self.notes or []]
        if self.keywords:
            passages.append(("主题词", self.keywords))
        for attachment in self.attachments or []:
            name = attachment.get("name", "附件")
            passages += [(f"附件《{name}》第{i}段", line) for i, line in enumerate(html_lines(attachment.get("text", "")), start=1)]
        for interpretation in self.interpretations or []:
            title = interpretation.get("title") or "解读"
            passages.append((f"解读《{title}》标题", title))
            passages += [(f"解读《{title}》第{i}段", line)
                         for i, line in enumerate(html_lines(interpretation.get("body_html", "")), start=1)]
        return Content(passages=passages, disclosure=self.disclosure or None)


class Override(models.Model):
    """An audited decision that one finding of the gate does not stop publication of one subject.

    It names the check (code) and what was found (evidence, e.g. the masked number), so a later edit that adds a
    different number is checked again. Secrecy markings and 不予公开/依申请公开 attributes can never be overridden.
    """

    subject = models.CharField("对象", max_length=120, db_index=True)
    code = models.CharField("检查项", max_length=40)
    evidence = models.CharField("发现内容", max_length=200, blank=True)
    message = models.CharField("检查结果", max_length=300, blank=True)
    reason = models.CharField("理由", max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="确认人")
    at = models.DateTimeField("时间", default=timezone.now)
    carried_from = models.CharField("沿用自", max_length=120, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "检查项处理记录"
        ordering = ["-at", "-id"]
        constraints = [models.UniqueConstraint(fields=["subject", "code", "evidence"], name="uniq_override")]

    def __str__(self):
        return f"{self.subject} {self.code} {self.evidence}"


class SecrecyReview(models.Model):
    """保密审查: a reviewer's signed conclusion on one submission (one version of a document).

    It may lift the 公开属性 finding (a 依申请公开/不予公开 attribute the reviewer judges wrong), nothing else: a
    密级 marking or unmasked personal data needs a 脱敏 new version, which the gate checks again
    (docs/adr/0006-secrecy-review-lifts-the-attribute-only.md)."""

    CONCLUSIONS = [(REVIEW_AGREE, REVIEW_AGREE), (REVIEW_PARTIAL, REVIEW_PARTIAL), (REVIEW_REFUSE, REVIEW_REFUSE)]

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews", verbose_name="文件")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="审查人")
    reviewed_on = models.DateField("审查日期")
    conclusion = models.CharField("审查结论", max_length=12, choices=CONCLUSIONS)
    reason = models.CharField("理由", max_length=300)
    lifted = models.JSONField("解除的检查项", default=list, blank=True, help_text="[[code, evidence]]：只可能是公开属性")
    recorded_at = models.DateTimeField("记录时间", default=timezone.now, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "保密审查"
        ordering = ["-recorded_at", "-id"]

    def __str__(self):
        return f"{self.submission} {self.conclusion}"
