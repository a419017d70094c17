"""The 1+9 grassroots openness matrix: columns × domains × catalogue items × entries.

Rules live elsewhere: time_limits (parse 公开时限), staleness (when an item owes news), services
(publish/withdraw entries, rename/merge domains), permissions (who edits which column), matrix (counts).
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from openness_catalog import standard, time_limits
from openness_catalog.fields import MultiChoiceField
from publishing.models import Organ

ENTRY_KEY = "catalogue_entry:{}"


class Column(models.Model):
    """栏目: the city or one of its districts/counties; townships (乡镇/街道) are sub-columns of a district."""

    name = models.CharField("名称", max_length=40, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="上级栏目",
        help_text="乡镇（街道）子栏目请选择所属区县；市级和区县栏目留空",
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="catalogue_columns", verbose_name="目录编辑")

    class Meta:
        verbose_name = verbose_name_plural = "公开栏目"
        ordering = ["sort_order", "id"]
        permissions = [("edit_all_columns", "编辑所有栏目的目录")]

    def __str__(self):
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    def clean(self):
        if self.parent_id and (self.parent.parent_id or self.parent_id == self.pk):
            raise ValidationError({"parent": "子栏目只能挂在市级或区县栏目下（最多两级）"})

    @property
    def top(self):
        return self.parent if self.parent_id else self

    def get_absolute_url(self):
        return reverse("catalogue:column", args=[self.pk])


class ActiveDomainManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(merged_into__isnull=True)


class Domain(models.Model):
    """领域 (e.g. 就业, 社会救助). A merged domain points at the one it was merged into; history stays."""

    name = models.CharField("名称", max_length=40, unique=True)
    national = models.BooleanField("国家标准领域", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from", verbose_name="已并入", editable=False
    )
    former_names = models.JSONField("曾用名", default=list, blank=True, editable=False)

    objects = models.Manager()
    active = ActiveDomainManager()

    class Meta:
        verbose_name = verbose_name_plural = "公开领域"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return f"{self.name}（已并入{self.merged_into.name}）" if self.merged_into_id else self.name

    def get_absolute_url(self):
        return reverse("catalogue:domain", args=[self.pk])


class DomainChange(models.Model):
    """History of renames and merges (e.g. 扶贫 → 乡村振兴); items moved by a merge are listed."""

    RENAME, MERGE = "rename", "merge"
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="changes", verbose_name="领域")
    kind = models.CharField("类型", max_length=10, choices=[(RENAME, "更名"), (MERGE, "合并")])
    old_name = models.CharField("原名称", max_length=40)
    new_name = models.CharField("新名称", max_length=40)
    target = models.ForeignKey(Domain, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="并入领域")
    moved_items = models.JSONField("转入的事项", default=list, blank=True)
    reason = models.CharField("说明", max_length=200, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "领域变更记录"
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.old_name} → {self.new_name}"


class CatalogueItem(models.Model):
    """A standard catalogue row (domain §4)."""

    column = models.ForeignKey(Column, on_delete=models.CASCADE, related_name="items", verbose_name="栏目")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="items", verbose_name="领域")
    serial = models.PositiveIntegerField("序号", default=0)
    level1 = models.CharField("一级事项", max_length=100)
    level2 = models.CharField("二级事项", max_length=100, blank=True)
    content = models.TextField("公开内容（要素）", blank=True)
    basis = models.TextField("公开依据", blank=True)
    time_limit_text = models.CharField("公开时限", max_length=200, blank=True, help_text="例如：信息形成（变更）之日起20个工作日内；实时公开；及时公开")
    time_limit_kind = models.CharField("时限规则", max_length=16, default=time_limits.UNKNOWN, editable=False)
    time_limit_days = models.PositiveSmallIntegerField("时限（日）", null=True, blank=True, editable=False)
    time_limit_months = models.PositiveSmallIntegerField("周期（月）", null=True, blank=True, editable=False)
    subject = models.CharField("公开主体", max_length=100, blank=True)
    channels = MultiChoiceField("公开渠道和载体", choices_list=standard.CHANNELS)
    audience = models.CharField("公开对象", max_length=10, default="全社会", choices=[(a, a) for a in standard.AUDIENCES])
    mode = models.CharField("公开方式", max_length=6, default="主动", choices=[(m, m) for m in standard.MODES])
    levels = MultiChoiceField("公开层级", choices_list=standard.LEVELS)
    created_at = models.DateTimeField("加入目录时间", default=timezone.now, editable=False)
    # Maintained by services.refresh_item(): newest published entry and the day the item next owes news.
    last_published_at = models.DateTimeField("最近更新", null=True, blank=True, editable=False)
    update_due_on = models.DateField("应更新日期", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "目录事项"
        ordering = ["column__sort_order", "column_id", "domain__sort_order", "serial", "id"]
        indexes = [models.Index(fields=["domain", "column"]), models.Index(fields=["update_due_on"])]

    def __str__(self):
        return f"{self.level1} / {self.level2}" if self.level2 else self.level1

    @property
    def rule(self):
        return time_limits.Rule(self.time_limit_kind, self.time_limit_days, self.time_limit_months)

    @property
    def is_stale(self):
        return self.update_due_on is not None and self.update_due_on < timezone.localdate()

    def save(self, *args, **kwargs):
        rule = time_limits.parse(self.time_limit_text)
        self.time_limit_kind, self.time_limit_days, self.time_limit_months = rule.kind, rule.days, rule.months
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"time_limit_kind", "time_limit_days", "time_limit_months"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalogue:item", args=[self.pk])


class Entry(models.Model):
    """A piece of published information filed under a catalogue item."""

    DRAFT, PUBLISHED, WITHDRAWN = "draft", "published", "withdrawn"
    STATUS_CHOICES = [(DRAFT, "草稿"), (PUBLISHED, "已发布"), (WITHDRAWN, "已撤回")]

    item = models.ForeignKey(CatalogueItem, on_delete=models.CASCADE, related_name="entries", verbose_name="目录事项")
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True)
    attachment = models.FileField("附件", upload_to="catalogue/%Y/", blank=True)
    formed_on = models.DateField("形成日期", help_text="信息形成（变更）的日期，公开时限从次日起算")
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    unit = models.CharField("发布单位", max_length=100, blank=True)
    status = models.CharField("状态", max_length=10, choices=STATUS_CHOICES, default=DRAFT, editable=False)
    record = models.ForeignKey(
        "publishing.PublicationRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    withdrawn_reason = models.CharField("撤回理由", max_length=200, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "公开信息"
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["item", "published_at"]), models.Index(fields=["status", "item", "published_at"], name="oc_entry_status_item_pub")]

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return self.status == self.PUBLISHED

    def get_absolute_url(self):
        return reverse("catalogue:entry", args=[self.pk])

    # --- publication (publishing.services and publishing.gate read these) -------------------------------------

    def public_key(self):
        return ENTRY_KEY.format(self.pk)

    def gate_subject(self):
        return ENTRY_KEY.format(self.pk)

    def organ_name(self):
        return (self.unit or self.item.subject or f"{self.item.column.name}人民政府")[:100]

    def publication_facts(self):
        """What the record of this publication measures: formed_on against the item's 公开时限 (the deadline, or a
        calendar due day for rules counted in calendar days, comes with the publication: openness_catalog.services)."""
        return {"doc_type": "catalogue_entry", "formed_on": self.formed_on, "source_key": self.public_key(),
                "department": Organ.objects.get_or_create(name=self.organ_name())[0], "due_on": getattr(self, "facts_due_on", None)}

    def go_live(self, published_at):
        self.unit = self.unit or self.organ_name()
        self.published_at, self.status, self.withdrawn_reason = published_at, self.PUBLISHED, ""
        self.save(update_fields=["unit", "published_at", "status", "withdrawn_reason"])

    def go_dark(self, reason):
        self.status, self.published_at, self.withdrawn_reason = self.WITHDRAWN, None, reason.strip()[:200]
        self.save(update_fields=["status", "published_at", "withdrawn_reason"])
