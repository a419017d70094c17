"""站群: which Wagtail Site speaks for which organ and catalogue column, and which site it reports to."""
from django.conf import settings
from django.db import models
from wagtail.models import Site

from openness_catalog.models import Column
from publishing.models import Organ


class SiteUnit(models.Model):
    """One site of the group. The city's has no parent; a district's reports upward to its parent (信息报送)."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="unit", verbose_name="站点")
    parent = models.ForeignKey(Site, null=True, blank=True, on_delete=models.PROTECT, related_name="child_units",
                               verbose_name="上级站点")
    name = models.CharField("单位简称", max_length=40, help_text="如“芙蓉区”：用于角色名称、报送统计和搜索分面")
    slug = models.SlugField("标识", max_length=40, unique=True)
    organ = models.ForeignKey(Organ, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="机关")
    column = models.ForeignKey(Column, null=True, blank=True, on_delete=models.SET_NULL,
                               verbose_name="基层政务公开栏目", help_text="本站点在“1+9”标准目录中的栏目")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "站群站点"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class SharedDocument(models.Model):
    """A document of another site of the group shown on this site as a reference (上级文件), not a copy: the link goes
    to the issuer's page, which keeps the canonical URL and the 索引号."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="shared_documents", verbose_name="引用站点")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="shared_on", verbose_name="文件")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name="引用人")
    added_at = models.DateTimeField("引用时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "引用的上级文件"
        ordering = ["-added_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["site", "page"], name="sitegroup_shared_once_per_site")]

    def __str__(self):
        return f"{self.site.site_name}：{self.page.title}"
