"""The 1+9 grassroots openness matrix: columns × domains × catalogue items × entries."""
from django.conf import settings
from django.db import models


class Column(models.Model):
    """栏目: the city or one of its districts/counties; townships (乡镇/街道) are sub-columns."""

    name = models.CharField("名称", max_length=40, unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="上级栏目")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="catalogue_columns", verbose_name="目录编辑")

    class Meta:
        verbose_name = verbose_name_plural = "公开栏目"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class Domain(models.Model):
    """领域 (e.g. 就业, 社会救助). A merged domain points at the one it was merged into; history stays."""

    name = models.CharField("名称", max_length=40, unique=True)
    national = models.BooleanField("国家标准领域", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from", verbose_name="已并入")
    former_names = models.JSONField("曾用名", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "公开领域"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class CatalogueItem(models.Model):
    """A standard catalogue row (domain §4)."""

    column = models.ForeignKey(Column, on_delete=models.CASCADE, related_name="items", verbose_name="栏目")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="items", verbose_name="领域")
    level1 = models.CharField("一级事项", max_length=100)
    level2 = models.CharField("二级事项", max_length=100, blank=True)
    content = models.TextField("公开内容（要素）", blank=True)
    basis = models.TextField("公开依据", blank=True)
    time_limit_text = models.CharField("公开时限", max_length=200, blank=True)
    subject = models.CharField("公开主体", max_length=100, blank=True)
    channels = models.JSONField("公开渠道和载体", default=list, blank=True)
    audience = models.CharField("公开对象", max_length=10, default="全社会", choices=[("全社会", "全社会"), ("特定群体", "特定群体")])
    mode = models.CharField("公开方式", max_length=6, default="主动", choices=[("主动", "主动"), ("依申请", "依申请")])
    level = models.CharField("公开层级", max_length=20, blank=True, default="县级")

    class Meta:
        verbose_name = verbose_name_plural = "目录事项"
        ordering = ["column", "domain", "id"]

    def __str__(self):
        return f"{self.level1} / {self.level2}" if self.level2 else self.level1


class Entry(models.Model):
    """A piece of published information filed under a catalogue item."""

    item = models.ForeignKey(CatalogueItem, on_delete=models.CASCADE, related_name="entries", verbose_name="目录事项")
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True)
    attachment = models.FileField("附件", upload_to="catalogue/%Y/", blank=True)
    formed_on = models.DateField("形成日期")
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    unit = models.CharField("发布单位", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "公开信息"
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["item", "published_at"])]

    def __str__(self):
        return self.title
