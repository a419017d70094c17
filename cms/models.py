"""The Wagtail site: home, sections, the policy library, policies with their 解读, service guides and 一件事 bundles."""
import functools

from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Footer facts that every Chinese government website must show."""

    sponsor = models.CharField("主办单位", max_length=100, default="长沙市人民政府办公厅")
    site_code = models.CharField("网站标识码", max_length=20, blank=True, default="4301000001")
    icp_number = models.CharField("ICP备案号", max_length=40, blank=True, default="湘ICP备05000000号")
    police_number = models.CharField("公安备案号", max_length=40, blank=True, default="湘公网安备 43010202000000号")
    contact = models.CharField("联系我们", max_length=200, blank=True, default="0731-88888888")
    public_timeliness = models.BooleanField("公开发布时效统计", default=True)

    class Meta:
        verbose_name = "网站标识与页脚"


class PublicPage:
    """Mixed into every page type: the view-restriction check costs nothing while no page has a restriction."""

    def get_view_restrictions(self):
        from portal import site_memo

        if site_memo.current() is not None and not site_memo.any_view_restriction():
            return _no_view_restrictions()
        return super().get_view_restrictions()


@functools.cache
def _no_view_restrictions():
    """An empty queryset, evaluated once: Wagtail checks every page it serves, and even an empty query is compiled."""
    from wagtail.models import PageViewRestriction

    nothing = PageViewRestriction.objects.none()
    len(nothing)
    return nothing


class HomePage(PublicPage, Page):
    intro = models.TextField("导语", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.SectionPage", "cms.PolicyLibraryPage", "cms.GuideIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def route(self, request, path_components):
        """One indexed url_path lookup for the whole path instead of Wagtail's query per level (two per level with
        .specific); a page is then routed as Wagtail would with no components left. Sub-paths of routable pages
        (a guide's 清单, a bundle's 一表申请) have no page of their own and take Wagtail's walk."""
        if path_components:
            from portal import site_memo

            page = site_memo.page_at(self.url_path + "/".join(path_components) + "/")
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)


class SectionPage(PublicPage, Page):
    """A plain 栏目 (column), e.g. 政府信息公开 and its standard sub-columns."""

    intro = models.TextField("栏目说明", blank=True)
    body = RichTextField("正文", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["cms.SectionPage", "cms.PolicyLibraryPage", "cms.GuideIndexPage"]
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "栏目"


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


class PolicyLibraryPage(PublicPage, Page):
    """政策文件库: the public listing of policies."""

    intro = models.TextField("说明", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.PolicyDocumentPage", "cms.InterpretationPage"]

    class Meta:
        verbose_name = "政策文件库"

    SORTS = {"new": ("-formed_on", "-id"), "old": ("formed_on", "id"), "title": ("title",)}

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        qs = PolicyDocumentPage.objects.live().descendant_of(self).select_related("topic")
        params = request.GET
        filters = {}
        if params.get("year", "").isdigit():
            qs = qs.filter(formed_on__year=int(params["year"]))
            filters["year"] = params["year"]
        for key, lookup in (("organ", "issuers__name"), ("doc_type", "doc_type"), ("validity", "validity")):
            if params.get(key):
                qs = qs.filter(**{lookup: params[key]})
                filters[key] = params[key]
        if params.get("topic", "").isdigit():
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


VALIDITY_CHOICES = [("有效", "有效"), ("失效", "失效"), ("废止", "废止")]
DISCLOSURE_CHOICES = [("主动公开", "主动公开"), ("依申请公开", "依申请公开"), ("不予公开", "不予公开")]


class PolicyDocumentPage(PublicPage, Page):
    """A policy document with the gov.cn metadata block."""

    index_number = models.CharField("索引号", max_length=60, blank=True, db_index=True)
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
    parent_page_types = ["cms.PolicyLibraryPage"]
    subpage_types = []

    class Meta:
        verbose_name = "政策文件"

    @property
    def topic_label(self):
        """“上级\\分类” for the metadata block; the taxonomy is small and remembered until a topic changes."""
        if not self.topic_id:
            return ""
        from portal import site_memo

        topic = site_memo.remember(("topic", self.topic_id), lambda: Topic.objects.select_related("parent").filter(pk=self.topic_id).first())
        return str(topic) if topic else ""

    # Everything a policy page shows besides its own row, in one prepared statement instead of five ORM queries
    # (docs/portal.md, "Prepared statements"): its versions (first, so PostgreSQL types the columns the other parts
    # leave empty), issuers, 解读, the policies it cites and those citing it (the `cites` and `cited_by` querysets
    # below say the same).
    SHOWN_WITH_SQL = """
        SELECT 'versions' AS kind, r.id, '' AS title, '' AS url_path, '' AS path, 0 AS depth, '' AS doc_number,
               r.version, r.formed_on, r.published_at
          FROM publishing_publicationrecord r WHERE r.page_id = %(pk)s
        UNION ALL
        SELECT 'issuers', o.id, o.name, '', '', 0, '', 0, NULL, NULL
          FROM publishing_organ o JOIN cms_policydocumentpage_issuers pi ON pi.organ_id = o.id
         WHERE pi.policydocumentpage_id = %(pk)s
        UNION ALL
        SELECT 'interpretations', p.id, p.title, p.url_path, p.path, p.depth, '', 0, NULL, NULL
          FROM wagtailcore_page p JOIN cms_interpretationpage i ON i.page_ptr_id = p.id
         WHERE i.policy_id = %(pk)s AND p.live = %(live)s
        UNION ALL
        SELECT 'cites', p.id, p.title, p.url_path, p.path, p.depth, d.doc_number, 0, NULL, NULL
          FROM wagtailcore_page p JOIN cms_policydocumentpage d ON d.page_ptr_id = p.id
         WHERE p.live = %(live)s AND p.id <> %(pk)s
           AND d.doc_number IN (SELECT r.doc_number FROM cms_policyreference r WHERE r.source_id = %(pk)s)
        UNION ALL
        SELECT 'cited_by', p.id, p.title, p.url_path, p.path, p.depth, d.doc_number, 0, NULL, NULL
          FROM wagtailcore_page p JOIN cms_policydocumentpage d ON d.page_ptr_id = p.id
         WHERE p.live = %(live)s AND p.id <> %(pk)s AND %(number)s <> ''
           AND EXISTS (SELECT 1 FROM cms_policyreference r WHERE r.source_id = p.id AND r.doc_number = %(number)s)
         ORDER BY 1, 5, 3, 8, 2
    """

    @cached_property
    def shown_with(self):
        """{"issuers": [Organ] by name, "interpretations" / "cites" / "cited_by": [live Page] in tree order (cites and
        cited_by carry doc_number), "versions": [PublicationRecord] oldest first}."""
        from portal import prepared
        from publishing.models import Organ, PublicationRecord

        shown = {"issuers": [], "interpretations": [], "cites": [], "cited_by": [], "versions": []}
        if not self.pk:
            return shown
        issuer = prepared.reader(Organ, ("id", "name"))
        page = prepared.reader(Page, ("id", "title", "url_path", "path", "depth", "doc_number"))
        version = prepared.reader(PublicationRecord, ("id", "version", "formed_on", "published_at"))
        params = {"pk": self.pk, "live": True, "number": self.doc_number or ""}
        for kind, pk, title, url_path, path, depth, doc_number, number, formed_on, published_at in prepared.rows(self.SHOWN_WITH_SQL, params):
            if kind == "issuers":
                shown[kind].append(issuer((pk, title)))
            elif kind == "versions":
                shown[kind].append(version((pk, number, formed_on, published_at)))
            else:
                shown[kind].append(page((pk, title, url_path, path, depth, doc_number)))
        return shown

    @cached_property
    def issuer_list(self):
        """发文机关 by name. A page read for serving takes them from `shown_with`; a prefetched page, a preview or a
        revision keeps what its relation holds (modelcluster keeps unsaved choices in memory)."""
        held = "issuers" in getattr(self, "_prefetched_objects_cache", {}) or "issuers" in getattr(self, "_cluster_related_objects", {})
        if self.pk and not held:
            return self.shown_with["issuers"]
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


class InterpretationPage(PublicPage, Page):
    """政策解读, linked both ways with its policy."""

    policy = models.ForeignKey(PolicyDocumentPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="所解读的文件")
    published_at = models.DateTimeField("发布日期", null=True, blank=True, editable=False)
    body = RichTextField("正文", blank=True)
    content_panels = Page.content_panels + [FieldPanel("policy"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["cms.PolicyLibraryPage"]
    subpage_types = []

    class Meta:
        verbose_name = "政策解读"


class GuideIndexPage(PublicPage, Page):
    """办事服务: the index of guides and 一件事 bundles."""

    intro = models.TextField("说明", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.ServiceGuidePage", "cms.BundlePage", "cms.LifeEventPage"]

    class Meta:
        verbose_name = "办事服务"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["bundles"] = BundlePage.objects.live().descendant_of(self)
        from django.core.paginator import Paginator

        guides = ServiceGuidePage.objects.live().descendant_of(self).order_by("department", "code")
        department = request.GET.get("department", "")
        if department:
            guides = guides.filter(department=department)
        context["guides"] = Paginator(guides, 50).get_page(request.GET.get("page"))
        context["department"] = department
        context["departments"] = sorted(
            set(ServiceGuidePage.objects.live().descendant_of(self).exclude(department="").values_list("department", flat=True))
        )
        context["life_events"] = LifeEventPage.objects.live().descendant_of(self).first()
        return context


SERVICE_OBJECT_CHOICES = [("个人", "个人"), ("法人", "法人"), ("个人和法人", "个人和法人")]


def _life_event_field():
    from cms.guide_elements import LIFE_EVENT_CHOICES

    return models.CharField(
        "生命周期阶段", max_length=10, blank=True, choices=LIFE_EVENT_CHOICES,
        help_text="个人：出生、入学、就业、婚育、置业、退休、身后；企业：开办、经营、变更、注销",
    )


class ServiceGuidePage(PublicPage, RoutablePageMixin, Page):
    """办事指南 with the full element set (domain §5)."""

    code = models.CharField("事项编码", max_length=60, unique=True, help_text="如 430100-WS-GG-0001（区划代码+部门代码-事项类型-序号）")
    item_type = models.CharField("事项类型", max_length=30, blank=True)
    department = models.CharField("实施主体", max_length=100, blank=True)
    service_object = models.CharField("服务对象", max_length=10, blank=True, choices=SERVICE_OBJECT_CHOICES)
    life_event = _life_event_field()
    basis = models.TextField("设定依据", blank=True)
    conditions = models.TextField("受理条件", blank=True)
    steps = models.TextField("办理流程", blank=True, help_text="每行一个步骤")
    legal_limit_days = models.PositiveSmallIntegerField("法定期限（工作日）", null=True, blank=True)
    promised_limit_days = models.PositiveSmallIntegerField("承诺期限（工作日，0 为即办）", null=True, blank=True)
    fee = models.CharField("收费", max_length=200, blank=True, default="不收费")
    location = models.CharField("办理地点", max_length=200, blank=True)
    hours = models.CharField("办理时间", max_length=200, blank=True)
    phone = models.CharField("咨询电话", max_length=60, blank=True)
    complaint_phone = models.CharField("监督投诉电话", max_length=60, blank=True)
    visits = models.PositiveSmallIntegerField("到现场次数", null=True, blank=True)
    online_url = models.URLField("网上办理地址", blank=True)
    form_fields = models.TextField("申请表字段", blank=True, help_text="每行一个字段，如：申请人姓名。一件事的“一表申请”由各事项的字段合并而成")
    faq = models.TextField("常见问题", blank=True, help_text="“问：”开头的行是问题，“答：”开头的行是回答")
    missing_elements = models.CharField("缺少的重点要素", max_length=60, blank=True, editable=False)

    content_panels = Page.content_panels + [
        HelpPanel(template="cms/guide_admin_key_elements.html", heading="重点要素检查"),
        MultiFieldPanel(
            [FieldPanel("code"), FieldPanel("item_type"), FieldPanel("department"), FieldPanel("service_object"),
             FieldPanel("life_event"), FieldPanel("basis")],
            heading="基本信息",
        ),
        FieldPanel("conditions"),
        InlinePanel("materials", label="申请材料"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [FieldPanel("legal_limit_days"), FieldPanel("promised_limit_days"), FieldPanel("fee"), FieldPanel("visits")],
            heading="时限与收费",
        ),
        MultiFieldPanel(
            [FieldPanel("location"), FieldPanel("hours"), FieldPanel("phone"), FieldPanel("complaint_phone"), FieldPanel("online_url")],
            heading="办理渠道",
        ),
        FieldPanel("form_fields"),
        FieldPanel("faq"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("conditions"), index.SearchField("department"), index.SearchField("code"), index.FilterField("missing_elements"),
    ]
    parent_page_types = ["cms.GuideIndexPage"]
    subpage_types = []
    search_type = "guide"

    class Meta:
        verbose_name = "办事指南"

    def clean(self):
        from django.core.exceptions import ValidationError

        from cms.item_codes import item_code_error

        super().clean()
        error = item_code_error(self.code)
        if error:
            raise ValidationError({"code": error})
        self.code = self.code.strip().upper()

    def save(self, *args, **kwargs):
        self.missing_elements = "、".join(self.missing_key_elements)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = list(set(kwargs["update_fields"]) | {"missing_elements"})
        return super().save(*args, **kwargs)

    @property
    def missing_key_elements(self):
        from cms.guide_elements import missing_key_elements

        return missing_key_elements(
            name=self.title, basis=self.basis, conditions=self.conditions,
            material_names=[m.name for m in self.materials.all()],
        )

    @property
    def code_parts(self):
        from cms.item_codes import InvalidItemCode, parse_item_code

        try:
            return parse_item_code(self.code).parts()
        except InvalidItemCode:
            return []

    @property
    def legal_limit_text(self):
        from cms.guide_elements import limit_text

        return limit_text(self.legal_limit_days)

    @property
    def promised_limit_text(self):
        from cms.guide_elements import limit_text

        return limit_text(self.promised_limit_days)

    @property
    def step_list(self):
        from cms.guide_elements import split_lines

        return split_lines(self.steps)

    @property
    def form_field_list(self):
        from cms.guide_elements import split_lines

        return split_lines(self.form_fields)

    @property
    def faq_pairs(self):
        from cms.guide_elements import parse_faq

        return parse_faq(self.faq)

    @property
    def online_qr_svg(self):
        from cms.qr import qr_svg

        return qr_svg(self.online_url) if self.online_url else ""

    @property
    def bundles(self):
        if not self.pk:
            return BundlePage.objects.none()
        return BundlePage.objects.live().filter(bundle_guides__guide=self).distinct().order_by("title")

    @path("")
    def guide(self, request):
        return self.render(request)

    @path("checklist/")
    def checklist(self, request):
        """A printable “what to bring” (携带材料清单) view."""
        return self.render(request, template="cms/service_guide_checklist.html")


class GuideMaterial(Orderable):
    guide = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField("材料名称", max_length=200)
    form = models.CharField("材料形式", max_length=20, blank=True, choices=[("原件", "原件"), ("复印件", "复印件"), ("电子", "电子")])
    copies = models.PositiveSmallIntegerField("份数", null=True, blank=True)
    source = models.CharField("来源", max_length=100, blank=True, help_text="如：申请人自备、公安部门（数据共享）")
    paper_required = models.BooleanField("需要纸质", default=True)
    deferrable = models.BooleanField("可容缺", default=False, help_text="可先受理，在作出决定前补交")

    panels = [FieldPanel("name"), FieldPanel("form"), FieldPanel("copies"), FieldPanel("source"), FieldPanel("paper_required"), FieldPanel("deferrable")]

    class Meta(Orderable.Meta):
        verbose_name = "申请材料"


class BundlePage(PublicPage, RoutablePageMixin, Page):
    """一件事: a life event that groups guides across departments."""

    code = models.CharField("编码", max_length=60, unique=True)
    lead_department = models.CharField("牵头部门", max_length=100, blank=True)
    promised_limit_days = models.PositiveSmallIntegerField("承诺时限（工作日，0 为即办）", null=True, blank=True)
    visits = models.PositiveSmallIntegerField("跑动次数", null=True, blank=True)
    life_event = _life_event_field()
    intro = models.TextField("说明", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("code"),
        FieldPanel("lead_department"),
        FieldPanel("life_event"),
        FieldPanel("promised_limit_days"),
        FieldPanel("visits"),
        FieldPanel("intro"),
        InlinePanel("bundle_guides", label="包含的办事指南"),
        InlinePanel("material_merges", label="确认合并的材料", help_text="名称不同但实为同一份的材料，合并后只需提交一次"),
        InlinePanel("field_merges", label="确认合并的申请表字段", help_text="一表申请中含义相同的字段，合并后只需填写一次"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("lead_department")]
    parent_page_types = ["cms.GuideIndexPage"]
    subpage_types = []
    search_type = "bundle"

    class Meta:
        verbose_name = "一件事"

    @property
    def guides(self):
        return [bg.guide for bg in self.bundle_guides.select_related("guide").all() if bg.guide.live]

    def _facts(self):
        from cms.bundle_metrics import GuideFacts

        return [
            GuideFacts(g.title, g.department, tuple(m.name for m in g.materials.all()), g.promised_limit_days, g.visits)
            for g in self.guides
        ]

    def _material_merges(self):
        from cms.bundle_metrics import normalise_material

        return {normalise_material(m.name): normalise_material(m.merged_into) for m in self.material_merges.all()}

    @property
    def gains(self):
        from cms.bundle_metrics import compute_gains

        return compute_gains(self._facts(), promised_days=self.promised_limit_days, visits=self.visits, merges=self._material_merges())

    @property
    def gains_summary(self):
        """The seed's headline, e.g. “申请材料整体减少90%，跑动次数压缩至1次”."""
        gains = self.gains
        parts = []
        if gains.materials_reduction:
            parts.append(f"申请材料整体减少{gains.materials_reduction}%")
        if gains.days_reduction:
            parts.append(f"办理时限压缩{gains.days_reduction}%")
        if gains.visits_after is not None and gains.visits_before > gains.visits_after:
            parts.append(f"跑动次数压缩至{gains.visits_after}次")
        return "，".join(parts)

    @property
    def material_list(self):
        from cms.bundle_metrics import merged_materials

        return merged_materials(self._facts(), self._material_merges())

    @property
    def combined_form(self):
        from cms.bundle_metrics import combined_form, normalise_field

        merges = {normalise_field(m.name): normalise_field(m.merged_into) for m in self.field_merges.all()}
        return combined_form([(g.title, g.form_field_list) for g in self.guides], merges)

    @path("")
    def bundle(self, request):
        return self.render(request)

    @path("form/")
    def form_print(self, request):
        """一表申请 as a printable page."""
        return self.render(request, template="cms/bundle_form.html")

    @path("form/docx/")
    def form_docx(self, request):
        from django.http import HttpResponse

        from cms.bundle_form import form_docx_bytes

        content = form_docx_bytes(self.title, self.lead_department, self.combined_form, [m for m, _ in self.material_list])
        response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        from urllib.parse import quote

        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(self.title + '申请表.docx')}"
        return response


class MaterialMerge(Orderable):
    """An editor-confirmed merge of two material names within a bundle (一套材料)."""

    bundle = ParentalKey(BundlePage, on_delete=models.CASCADE, related_name="material_merges")
    name = models.CharField("材料名称", max_length=200)
    merged_into = models.CharField("合并为", max_length=200)
    panels = [FieldPanel("name"), FieldPanel("merged_into")]


class FormFieldMerge(Orderable):
    """An editor-confirmed merge of two application-form fields within a bundle (一表申请)."""

    bundle = ParentalKey(BundlePage, on_delete=models.CASCADE, related_name="field_merges")
    name = models.CharField("字段", max_length=100)
    merged_into = models.CharField("合并为", max_length=100)
    panels = [FieldPanel("name"), FieldPanel("merged_into")]


class BundleGuide(Orderable):
    bundle = ParentalKey(BundlePage, on_delete=models.CASCADE, related_name="bundle_guides")
    guide = models.ForeignKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="bundle_guides", verbose_name="办事指南")
    panels = [FieldPanel("guide")]


class LifeEventPage(PublicPage, Page):
    """个人/企业全生命周期: bundles and guides grouped by life event."""

    intro = models.TextField("说明", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.GuideIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "全生命周期导航"

    def groups(self):
        """[(heading, [(event, [bundles], [guides])])] for 个人 and 企业, every stage listed even when empty."""
        from cms.guide_elements import ENTERPRISE_EVENTS, PERSONAL_EVENTS

        bundles, guides = {}, {}
        for bundle in BundlePage.objects.live().exclude(life_event="").order_by("title"):
            bundles.setdefault(bundle.life_event, []).append(bundle)
        for guide in ServiceGuidePage.objects.live().exclude(life_event="").order_by("code"):
            guides.setdefault(guide.life_event, []).append(guide)
        return [
            (heading, [(e, bundles.get(e, []), guides.get(e, [])) for e in events])
            for heading, events in (("个人全生命周期", PERSONAL_EVENTS), ("企业全生命周期", ENTERPRISE_EVENTS))
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.groups()
        return context


class PolicyReference(models.Model):
    """A 发文字号 cited in a policy body. The target resolves by number, so later publications link up too."""

    source = models.ForeignKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="outgoing_references")
    doc_number = models.CharField("被引用文号", max_length=60, db_index=True)

    class Meta:
        unique_together = [("source", "doc_number")]
