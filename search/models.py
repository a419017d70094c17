"""Search state kept in the database: the outbox of index work, the embedded engine's documents, admin-edited
synonyms and best bets, and the query log behind the admin report."""
from django.core.exceptions import ValidationError
from django.db import models

from search.analysis import normalize, parse_synonyms


class SearchOutbox(models.Model):
    """Index work written in the same transaction as the change it reflects; a beat task retries it."""

    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    object_key = models.CharField(max_length=120)
    action = models.CharField(max_length=10, choices=[("index", "索引"), ("delete", "删除")])
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]


class SearchDocument(models.Model):
    """One indexed item (policy, 解读, guide, bundle or catalogue entry) for the embedded engine.

    ``title_tokens``/``body_tokens`` hold the analysed text (search.analysis); SQLite keeps an FTS5 table
    and PostgreSQL a generated ``tsvector`` column with a GIN index over them (migration 0002).
    """

    key = models.CharField(max_length=120, unique=True)
    type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=500)
    url = models.TextField(blank=True)  # Wagtail percent-encodes Chinese slugs: a long title makes a long URL
    body = models.TextField(blank=True)
    page_id = models.IntegerField(null=True, blank=True, db_index=True)
    code = models.CharField(max_length=120, blank=True)
    doc_number = models.CharField(max_length=120, blank=True)
    department = models.CharField(max_length=200, blank=True, db_index=True)
    column = models.CharField(max_length=100, blank=True)
    domain = models.CharField(max_length=100, blank=True)
    year = models.IntegerField(null=True, blank=True)
    validity = models.CharField(max_length=10, blank=True)
    tongban = models.CharField(max_length=100, blank=True, help_text="a guide's 通办 kinds, comma-separated")
    updated = models.DateField(null=True, blank=True)
    site = models.CharField(max_length=255, blank=True, db_index=True,
                            help_text="the hostname of the document's site of the group (站群); its url is the path there")
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    pinyin = models.TextField(blank=True, help_text="autocomplete keys, space-delimited")

    class Meta:
        verbose_name = verbose_name_plural = "搜索索引文档"


class Synonym(models.Model):
    """An admin-edited synonym rule in Solr format: ``生孩子 => 新生儿 出生`` or ``社保卡, 社会保障卡``."""

    rule = models.CharField("同义词规则", max_length=300, unique=True,
                            help_text="“俗称 => 规范用语”（单向），或用逗号分隔的等价词，如“社保卡, 社会保障卡”。")
    enabled = models.BooleanField("启用", default=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "搜索同义词"
        ordering = ["rule"]

    def __str__(self):
        return self.rule

    def clean(self):
        try:
            parse_synonyms(self.rule)
        except ValueError as exc:
            raise ValidationError({"rule": f"规则格式不正确：{exc}"}) from exc


class BestBet(models.Model):
    """推荐结果: an editor pins a bundle or guide (any page) on top for a query."""

    query = models.CharField("搜索词", max_length=100, help_text="用户输入这些词时置顶（多个词用逗号分隔）")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="置顶页面")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "推荐结果"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return f"{self.query} → {self.page.title}"

    def queries(self):
        return {normalize(q).replace(" ", "") for q in self.query.replace("，", ",").split(",") if q.strip()}


class QueryLog(models.Model):
    """Every distinct normalised query with its counts; zero-result ones feed the synonym work."""

    query = models.CharField("搜索词", max_length=200, unique=True)
    count = models.PositiveIntegerField("搜索次数", default=0)
    zero_count = models.PositiveIntegerField("无结果次数", default=0)
    last_total = models.PositiveIntegerField("最近结果数", default=0)
    last_seen = models.DateTimeField("最近搜索", auto_now=True)
    click_count = models.PositiveIntegerField("结果点击次数", default=0)
    handled = models.CharField("处理情况", max_length=120, blank=True,
                               help_text="编辑在“搜索改进待办”中的处理：采纳的同义词、推荐结果或忽略（出现在待办中的依据见 search.improvement）")

    class Meta:
        verbose_name = verbose_name_plural = "搜索日志"
        ordering = ["-count"]

    def __str__(self):
        return self.query


class IndexGeneration(models.Model):
    """One row counting changes to what search can answer (index writes, synonyms, best bets): cached answers are
    keyed by it, so every process stops serving an answer the moment anything it depends on changes."""

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "搜索索引版本"


class NameVector(models.Model):
    """A guide or bundle name's dense vector (search.semantic), kept by the name's text and the model, so each name
    is embedded once whatever documents carry it and whichever process asks."""

    digest = models.CharField(max_length=64, unique=True, help_text="sha256 of the model and the name")
    vector = models.BinaryField()

    class Meta:
        verbose_name = verbose_name_plural = "名称语义向量"
