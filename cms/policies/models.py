"""Policies: the 政策文件库 listing, policy documents with the gov.cn metadata block, their 解读 and citations."""
from urllib.parse import quote

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.site.page_urls import DefaultSiteUrls
from publishing.gate import GatedPageForm
from publishing.models import PublicationRecord
from search.issuers import lead_issuer

VALIDITY_CHOICES = [("有效", "有效"), ("失效", "失效"), ("废止", "废止")]
DISCLOSURE_CHOICES = [("主动公开", "主动公开"), ("依申请公开", "依申请公开"), ("不予公开", "不予公开")]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Set by the system at publication and kept when an editor restores an older revision.
SYSTEM_FIELDS = ("index_number", "published_at", "source_key", "source_version", "withdrawn_at", "withdrawn_reason")


class Topic(models.Model):
    """主题分类: an editable two-level taxonomy (e.g. 综合政务 \\ 政务公开)."""

    name = models.CharField("名称", max_length=60)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="上级分类")

    class Meta:
        verbose_name = verbose_name_plural = "主题分类"
        unique_together = [("parent", "name")]
        ordering = ["parent__name", "name"]

    def __str__(self):
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name


def lead_first(organs, title, doc_number):
    """Organs with the lead issuer of a joint document first (search.issuers.lead_issuer), the others in their order."""
    lead = lead_issuer([(o.name, o.short_name) for o in organs], title, doc_number)
    return sorted(organs, key=lambda o: o.name != lead)


def _ascii_digits(value):
    """str.isdigit() alone accepts ², which int() and the database refuse."""
    return value.isascii() and value.isdigit()


class PolicyLibraryPage(DefaultSiteUrls, Page):
    """政策文件库: the public listing of policies."""

    intro = models.TextField("说明", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["policies.PolicyDocumentPage", "policies.InterpretationPage"]
    base_form_class = GatedPageForm
    search_auto_update = False  # the admin index is kept by cms.site.admin_search (bulk-aware)

    class Meta:
        verbose_name = "政策文件库"

    SORTS = {"new": ("-formed_on", "-id"), "old": ("formed_on", "id"), "title": ("title",)}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        qs = PolicyDocumentPage.objects.live().descendant_of(self).select_related("topic")
        params = request.GET
        filters = {}
        if _ascii_digits(params.get("year", "")) and len(params["year"]) == 4:
            qs = qs.filter(formed_on__year=int(params["year"]))
            filters["year"] = params["year"]
        for key, lookup in (("organ", "issuers__name"), ("doc_type", "doc_type"), ("validity", "validity")):
            if params.get(key):
                qs = qs.filter(**{lookup: params[key]})
                filters[key] = params[key]
        if _ascii_digits(params.get("topic", "")) and len(params["topic"]) <= 9:
            qs = qs.filter(models.Q(topic_id=params["topic"]) | models.Q(topic__parent_id=params["topic"]))
            filters["topic"] = params["topic"]
        sort = params.get("sort") if params.get("sort") in self.SORTS else "new"
        qs = qs.distinct().order_by(*self.SORTS[sort])
        base = PolicyDocumentPage.objects.live().descendant_of(self)
        context.update(
            policies=Paginator(qs, 20).get_page(params.get("page")),
            filters=filters,
            sort=sort,
            years=sorted({d.year for d in base.exclude(formed_on=None).values_list("formed_on", flat=True)}, reverse=True),
            organs=sorted(set(base.values_list("issuers__name", flat=True)) - {None}),
            doc_types=sorted(set(base.exclude(doc_type="").values_list("doc_type", flat=True))),
            topics=Topic.objects.filter(parent=None),
            validities=[v for v, _ in VALIDITY_CHOICES],
        )
        return context


class PolicyDocumentPage(DefaultSiteUrls, RoutablePageMixin, Page):
    """A policy document with the gov.cn metadata block."""

    index_number = models.CharField("索引号", max_length=60, blank=True, db_index=True, editable=False)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="主题分类")
    issuers = ParentalManyToManyField("publishing.Organ", blank=True, verbose_name="发文机关")
    formed_on = models.DateField("成文日期", null=True, blank=True)
    published_at = models.DateTimeField("发布日期", null=True, blank=True, editable=False)
    doc_number = models.CharField("发文字号", max_length=60, blank=True, db_index=True)
    doc_type = models.CharField("文种", max_length=10, blank=True)
    keywords = models.CharField("主题词", max_length=200, blank=True)
    validity = models.CharField("有效性", max_length=4, choices=VALIDITY_CHOICES, default="有效")
    validity_changed_on = models.DateField("失效/废止日期", null=True, blank=True)
    replaced_by = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="被以下文件替代")
    disclosure = models.CharField("公开方式", max_length=6, choices=DISCLOSURE_CHOICES, default="主动公开")
    body = RichTextField("正文", blank=True)
    major = models.BooleanField("重大政策（需同步解读）", default=False)
    source_key = models.CharField("来源标识", max_length=120, blank=True, db_index=True, editable=False)
    source_version = models.PositiveIntegerField("来源版本", default=1, editable=False)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField("撤回理由", max_length=300, blank=True, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("doc_number"),
                FieldPanel("issuers"),
                FieldPanel("formed_on"),
                FieldPanel("topic"),
                FieldPanel("doc_type"),
                FieldPanel("keywords"),
                FieldPanel("disclosure"),
                FieldPanel("major"),
                HelpPanel("索引号与发布日期由系统生成，不可编辑。"),
            ],
            heading="元数据",
        ),
        MultiFieldPanel(
            [FieldPanel("validity"), FieldPanel("validity_changed_on"), FieldPanel("replaced_by")], heading="有效性"
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body"), index.SearchField("doc_number")]
    parent_page_types = ["policies.PolicyLibraryPage"]
    subpage_types = []
    base_form_class = GatedPageForm
    search_auto_update = False  # the admin index is kept by cms.site.admin_search (bulk-aware)

    class Meta:
        verbose_name = "政策文件"

    # --- publication (publishing.gate and publishing.records read these) -------------------------------------

    def gate_metadata(self):
        """The 公开属性 the gate must respect besides the text."""
        return {"disclosure": self.disclosure}

    def publication_facts(self):
        """What the publication record of this version measures (条例 Art. 26: 20 working days from formed_on); a
        joint document counts for its lead issuer (牵头), the department search shows it under too."""
        issuers = lead_first(list(self.issuers.all()), self.title, self.doc_number)
        return {
            "doc_type": "policy", "formed_on": self.formed_on, "department": issuers[0] if issuers else None,
            "source_key": self.source_key or f"page-{self.pk}", "version": self.source_version,
            "index_number": True,
        }

    @property
    def issuer_names_lead_first(self):
        """发文机关 as the page shows them: the lead issuer first (stored issuers come back in name order)."""
        if getattr(self, "preview_issuer_names", None) is not None:
            return self.preview_issuer_names
        return "、".join(o.name for o in lead_first(self.issuer_list, self.title, self.doc_number))

    def mark_withdrawn(self, reason):
        """撤回 keeps a notice at the URL (cms.policies.middleware); the page itself leaves the site."""
        self.withdrawn_reason, self.withdrawn_at = reason[:300], timezone.now()
        type(self).objects.filter(pk=self.pk).update(withdrawn_reason=self.withdrawn_reason, withdrawn_at=self.withdrawn_at)

    def with_content_json(self, content):
        """Restoring an older revision never brings back older system-stamped fields (索引号, 发布日期, source)."""
        obj = super().with_content_json(content)
        for name in SYSTEM_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    # --- what the page shows ----------------------------------------------------------------------------------

    @path("")
    def policy(self, request):
        return self.render(request)

    @path("download/")
    def download(self, request):
        """下载: the published version as DOCX (cms.policies.download), never the archived original."""
        from cms.policies.download import filename, policy_docx  # noqa: PLC0415 — python-docx, loaded on a download only

        response = HttpResponse(policy_docx(self), content_type=DOCX_TYPE)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename(self))}"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @property
    def download_url(self):
        return self.url + "download/" if self.url else ""

    @cached_property
    def topic_label(self):
        """“上级\\分类” for the metadata block (one query for the topic and its parent)."""
        if not self.topic_id:
            return ""
        topic = Topic.objects.select_related("parent").filter(pk=self.topic_id).first()
        return str(topic) if topic else ""

    @cached_property
    def issuer_list(self):
        """发文机关, read once per render (the metadata table, the gov.cn tags and the JSON-LD all show them)."""
        return list(self.issuers.all())

    @property
    def issuer_names(self):
        if getattr(self, "preview_issuer_names", None) is not None:
            return self.preview_issuer_names
        return "、".join(o.name for o in self.issuer_list)

    @property
    def cites(self):
        """本文件引用: policies this one cites that Gongkai has."""
        if not self.pk:
            return PolicyDocumentPage.objects.none()
        numbers = PolicyReference.objects.filter(source_id=self.pk).values("doc_number")
        return PolicyDocumentPage.objects.live().filter(doc_number__in=numbers).exclude(pk=self.pk)

    @property
    def cited_by(self):
        """引用本文件: live policies whose body cites this one's 发文字号."""
        if not self.pk or not self.doc_number:
            return PolicyDocumentPage.objects.none()
        return PolicyDocumentPage.objects.live().filter(outgoing_references__doc_number=self.doc_number).exclude(pk=self.pk)

    @property
    def interpretations(self):
        if self.pk is None:
            return InterpretationPage.objects.none()
        return InterpretationPage.objects.live().filter(policy=self)

    @property
    def versions(self):
        if self.pk is None:
            return PublicationRecord.objects.none()
        return PublicationRecord.objects.filter(page_id=self.pk).order_by("version", "published_at")

    # Read only when the page's content is rendered (templates/policies/policy_document_page.html caches it).
    @cached_property
    def related_policies(self):
        """(cites, cited_by): live policies this one cites, and live policies citing it."""
        fields = ("id", "title", "url_path", "path", "depth", "doc_number")
        return list(self.cites.order_by("path").only(*fields)), list(self.cited_by.order_by("path").only(*fields))

    @property
    def cites_list(self):
        return self.related_policies[0]

    @property
    def cited_by_list(self):
        return self.related_policies[1]

    @cached_property
    def interpretation_list(self):
        return list(self.interpretations.order_by("path").only("id", "title", "url_path", "path", "depth"))

    @cached_property
    def version_list(self):
        return list(self.versions.only("id", "version", "formed_on", "published_at"))


class InterpretationPage(DefaultSiteUrls, Page):
    """政策解读, linked both ways with its policy."""

    policy = models.ForeignKey(PolicyDocumentPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="所解读的文件")
    published_at = models.DateTimeField("发布日期", null=True, blank=True, editable=False)
    body = RichTextField("正文", blank=True)
    content_panels = Page.content_panels + [FieldPanel("policy"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["policies.PolicyLibraryPage"]
    subpage_types = []
    base_form_class = GatedPageForm
    search_auto_update = False  # the admin index is kept by cms.site.admin_search (bulk-aware)

    class Meta:
        verbose_name = "政策解读"

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        obj.published_at = self.published_at
        return obj


class PolicyReference(models.Model):
    """A 发文字号 cited in a policy body. The target resolves by number, so later publications link up too."""

    source = models.ForeignKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="outgoing_references")
    doc_number = models.CharField("被引用文号", max_length=60, db_index=True)

    class Meta:
        unique_together = [("source", "doc_number")]
