"""Stored self-inspection runs (the history behind the report's trend) and the exceptions to the 错敏词 dictionary."""
from django.db import models

from inspection import indicators


class InspectionRun(models.Model):
    """One run of the indicators. ``results`` is the list of indicators of design §2.15 (code, name, status, count,
    items with url and detail), each item also keeping the page id for the editor link."""

    COMMAND, NIGHTLY, ADMIN = "command", "nightly", "admin"
    TRIGGER_CHOICES = [(COMMAND, "命令行"), (NIGHTLY, "每晚自动"), (ADMIN, "后台手动")]

    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    trigger = models.CharField("方式", max_length=10, choices=TRIGGER_CHOICES, default=COMMAND)
    veto = models.BooleanField("单项否决", default=False)
    results = models.JSONField("结果", default=list)
    pages_checked = models.PositiveIntegerField("检查页面数", default=0)
    links_checked = models.PositiveIntegerField("检查链接数", default=0)
    external_checked = models.BooleanField("已检查外部链接", default=False)
    # In a site group (站群) every site is its own website and is inspected on its own; runs stored before sites were
    # told apart (site empty) are the default site's.
    site = models.ForeignKey("wagtailcore.Site", verbose_name="站点", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "网站自查记录"
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["-started_at"])]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} 网站自查"

    @property
    def site_label(self):
        """「站点名」 for a run of a site group's site, empty on a single site."""
        if self.site is None or not type(self.site).objects.exclude(pk=self.site.pk).exists():
            return ""
        return f"「{self.site.site_name or self.site.hostname}」"

    @classmethod
    def of_site(cls, site):
        """The runs of one site, newest first (the default site's include those stored without a site)."""
        if site is None:
            return cls.objects.filter(site__isnull=True)
        if site.is_default_site:
            return cls.objects.filter(models.Q(site=site) | models.Q(site__isnull=True))
        return cls.objects.filter(site=site)

    def result(self, code):
        return next((r for r in self.results if r["code"] == code), None)

    def as_json(self):
        """The object printed by ``inspect_site --json`` (design §2.15)."""
        return {
            "checked_at": self.started_at.isoformat(),
            "veto": self.veto,
            "indicators": [{**{k: r[k] for k in ("code", "name", "status", "count")},
                            "items": [{"url": i["url"], "detail": i["detail"]} for i in r["items"]]} for r in self.results],
        }

    @property
    def failed(self):
        return [r for r in self.results if r["status"] == indicators.FAIL]


class SensitiveWordException(models.Model):
    """A phrase in which a 错敏词 is correct (e.g. 保守国家秘密法 for 秘密): the self-inspection does not report a word
    inside it. The gate's dictionary itself is publishing.SensitiveWord."""

    phrase = models.CharField("允许的表述", max_length=100, unique=True, help_text="含有错敏词但表述正确的完整词语，例如“保守国家秘密法”")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "错敏词例外"
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase
