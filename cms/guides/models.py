"""Service guides (办事指南) with the full element set, 一件事 bundles that group them, and the life-event navigation."""
from functools import cached_property
from urllib.parse import quote

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.guides import tongban as tb
from cms.guides.bundle_form import form_docx_bytes
from cms.guides.bundle_metrics import (
    GuideFacts,
    combined_form,
    compute_gains,
    merged_materials,
    normalise_field,
    normalise_material,
)
from cms.guides.guide_elements import (
    ENTERPRISE_EVENTS,
    LIFE_EVENT_CHOICES,
    PERSONAL_EVENTS,
    limit_text,
    missing_key_elements,
    parse_faq,
    split_lines,
)
from cms.guides.item_codes import InvalidItemCode, item_code_error, parse_item_code, type_contradiction
from cms.guides.qr import qr_svg
from cms.site import group_names
from cms.site.page_urls import DefaultSiteUrls
from publishing.gate import GatedPageForm


class GuideIndexPage(DefaultSiteUrls, RoutablePageMixin, Page):
    """办事服务: the index of guides and 一件事 bundles, with a 通办 list per kind at tongban/<kind-slug>/."""

    intro = models.TextField("说明", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["guides.ServiceGuidePage", "guides.BundlePage", "guides.LifeEventPage"]
    base_form_class = GatedPageForm
    search_auto_update = False  # the admin index is kept by cms.site.admin_search (bulk-aware)

    class Meta:
        verbose_name = "办事服务"
        verbose_name_plural = "办事服务"

    def live_guides(self):
        return ServiceGuidePage.objects.live().public().descendant_of(self)

    def tongban_links(self):
        """[(kind, url)] of the 通办 list pages."""
        return [(kind, f"{self.url}tongban/{tb.SLUGS[kind]}/") for kind in tb.KINDS]

    def listed_guides(self):
        """Its own guides; on the group's own (default) site also those of every district site (站群)."""
        if group_names.by_root_path() and group_names.on_default_site(self):
            return ServiceGuidePage.objects.live().public()
        return ServiceGuidePage.objects.live().descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["bundles"] = BundlePage.objects.live().descendant_of(self)
        names = group_names.by_root_path()
        guides = self.listed_guides().order_by("department", "code")
        department = request.GET.get("department", "")
        if department:
            guides = guides.filter(department=department)
        kind = (request.GET.get("tongban") or "").strip()
        if kind in tb.KINDS:
            guides = guides.filter(tongban__contains=kind)
        elif kind:
            context["filter_error"] = f"不支持的通办类型“{kind[:20]}”，可选：{'、'.join(tb.KINDS)}"
            guides = guides.none()
        context["guides"] = Paginator(guides, 50).get_page(request.GET.get("page"))
        for guide in context["guides"]:
            guide.site_label = group_names.label_for(guide, names)
        context["department"] = department
        context["tongban"] = kind
        context["tongban_kinds"] = tb.KINDS
        context["tongban_links"] = self.tongban_links()
        context["departments"] = sorted(
            set(self.listed_guides().exclude(department="").values_list("department", flat=True))
        )
        context["life_events"] = LifeEventPage.objects.live().descendant_of(self).first()
        return context

    @path("")
    def index(self, request):
        response = self.render(request)
        if response.context_data.get("filter_error"):
            response.status_code = 400
        return response

    @path("tongban/<slug:kind_slug>/")
    def tongban_list(self, request, kind_slug):
        """跨省通办事项清单 and the like: the live guides of one kind, with department and regions or places."""
        kind = tb.KIND_OF_SLUG.get(kind_slug)
        if kind is None:
            raise Http404("没有这种通办类型")
        guides = self.live_guides().filter(tongban__contains=kind).order_by("department", "code")
        return self.render(request, template="guides/tongban_list.html", context_overrides={
            "kind": kind, "list_title": f"{kind}事项清单", "description": tb.DESCRIPTIONS[kind],
            "guides": Paginator(guides, 100).get_page(request.GET.get("page")), "tongban_links": self.tongban_links(),
        })


class TongbanFormField(forms.MultipleChoiceField):
    """Check boxes for the 通办 kinds; the model keeps them as one text (cms.guides.tongban)."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return tb.split_kinds(value) if isinstance(value, str) else value

    def has_changed(self, initial, data):
        return tb.split_kinds(initial or "") != tb.split_kinds(data or [])

    def clean(self, value):
        return tb.join_kinds(super().clean(value))


class TongbanField(models.CharField):
    """通办 kinds as one text (“全程网办,跨省通办”), edited as check boxes."""

    def formfield(self, **kwargs):
        return TongbanFormField(choices=tb.CHOICES, required=False, label=self.verbose_name, help_text=self.help_text)


SERVICE_OBJECT_CHOICES = [("个人", "个人"), ("法人", "法人"), ("个人和法人", "个人和法人")]


def _life_event_field():
    return models.CharField(
        "生命周期阶段", max_length=10, blank=True, choices=LIFE_EVENT_CHOICES,
        help_text="个人：出生、入学、就业、婚育、置业、退休、身后；企业：开办、经营、变更、注销",
    )


class ServiceGuidePage(DefaultSiteUrls, RoutablePageMixin, Page):
    """办事指南 with the full element set (domain §5)."""

    code = models.CharField(
        "事项编码", max_length=100, unique=True,
        help_text="国家标准实施编码（如 511Z07001006-511602000000-000-11511301008778183N-1-00）、基本编码，"
                  "或本地编码（如 430100-WS-GG-0001）",
    )
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
    tongban = TongbanField("通办类型", max_length=60, blank=True, help_text="可在哪里、以什么方式办理（可多选）")
    tongban_regions = models.TextField("跨省通办合作地区", blank=True,
                                       help_text="选择“跨省通办”时必填，每行一个，如：川渝、长三角，或四川省、重庆市")
    tongban_places = models.TextField("就近办地点", blank=True,
                                      help_text="选择“就近办”时必填，每行一个，如：松陵街道便民服务中心")

    content_panels = Page.content_panels + [
        HelpPanel(template="guides/guide_admin_key_elements.html", heading="重点要素检查"),
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
        MultiFieldPanel([FieldPanel("tongban"), FieldPanel("tongban_regions"), FieldPanel("tongban_places")], heading="通办"),
        FieldPanel("form_fields"),
        FieldPanel("faq"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("conditions"), index.SearchField("department"), index.SearchField("code"), index.FilterField("missing_elements"),
    ]
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []
    search_type = "guide"
    base_form_class = GatedPageForm
    search_auto_update = False  # the admin index is kept by cms.site.admin_search (bulk-aware)
    # Official contact numbers: a mobile number here is the office's hotline, not a citizen's (publishing.gate).
    gate_contact_fields = ("phone", "complaint_phone")

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"

    def clean(self):
        super().clean()
        errors = tb.validation_errors(self.tongban, self.tongban_regions, self.tongban_places)
        error = item_code_error(self.code)
        if error:
            errors["code"] = error
        if errors:
            raise ValidationError(errors)
        self.code = parse_item_code(self.code).code
        self.tongban = tb.join_kinds(tb.split_kinds(self.tongban))

    def save(self, *args, **kwargs):
        self.missing_elements = "、".join(self.missing_key_elements)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = list(set(kwargs["update_fields"]) | {"missing_elements"})
        return super().save(*args, **kwargs)

    @property
    def missing_key_elements(self):
        return missing_key_elements(
            name=self.title, basis=self.basis, conditions=self.conditions,
            material_names=[m.name for m in self.materials.all()],
        )

    @property
    def code_parts(self):
        try:
            return parse_item_code(self.code).parts()
        except InvalidItemCode:
            return []

    @property
    def code_warnings(self):
        """What the parser could not confirm about the code (Chinese; the code is still accepted)."""
        try:
            return list(parse_item_code(self.code).warnings)
        except InvalidItemCode:
            return []

    @property
    def code_type_conflict(self):
        """“事项编码表明为行政许可（XK），但事项类型填写为行政确认”, or None."""
        return type_contradiction(self.code, self.item_type)

    @property
    def tongban_list(self):
        """The guide's 通办 kinds, e.g. ["全程网办", "跨省通办"]."""
        return tb.split_kinds(self.tongban)

    @property
    def tongban_region_list(self):
        return tb.split_items(self.tongban_regions)

    @property
    def tongban_place_list(self):
        return tb.split_items(self.tongban_places)

    @cached_property
    def _index_url(self):
        parent = self.get_parent() if self.pk else None
        return (parent.url or "") if parent is not None else ""

    def tongban_list_url(self, kind):
        return f"{self._index_url}tongban/{tb.SLUGS[kind]}/" if self._index_url else ""

    @property
    def tongban_badges(self):
        """[(kind, detail, list url)]: 跨省通办 with its partner regions, 就近办 with its places."""
        kinds = self.tongban_list
        if not kinds:
            return []
        details = {tb.CROSS: "、".join(self.tongban_region_list), tb.NEARBY: "、".join(self.tongban_place_list)}
        return [(kind, details.get(kind, ""), self.tongban_list_url(kind)) for kind in kinds]

    @property
    def tongban_list_paths(self):
        """The 通办 list pages that may show (or have shown) this guide: purged when it changes."""
        return [u for u in (self.tongban_list_url(kind) for kind in tb.KINDS) if u]

    @property
    def legal_limit_text(self):
        return limit_text(self.legal_limit_days)

    @property
    def promised_limit_text(self):
        return limit_text(self.promised_limit_days)

    @property
    def step_list(self):
        return split_lines(self.steps)

    @property
    def form_field_list(self):
        return split_lines(self.form_fields)

    @property
    def faq_pairs(self):
        return parse_faq(self.faq)

    @property
    def online_qr_svg(self):
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
        return self.render(request, template="guides/service_guide_checklist.html")


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
        verbose_name_plural = "申请材料"


class BundlePage(DefaultSiteUrls, RoutablePageMixin, Page):
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
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []
    search_type = "bundle"
    base_form_class = GatedPageForm
    search_auto_update = False  # the admin index is kept by cms.site.admin_search (bulk-aware)

    class Meta:
        verbose_name = "一件事"
        verbose_name_plural = "一件事"

    @property
    def guides(self):
        return [bg.guide for bg in self.bundle_guides.select_related("guide").all() if bg.guide.live]

    def _facts(self):
        return [
            GuideFacts(g.title, g.department, tuple(m.name for m in g.materials.all()), g.promised_limit_days, g.visits)
            for g in self.guides
        ]

    def _material_merges(self):
        return {normalise_material(m.name): normalise_material(m.merged_into) for m in self.material_merges.all()}

    @property
    def shared_tongban_badges(self):
        """The 通办 kinds every guide of the bundle has (e.g. all 全程网办), as [(kind, "", list url)]."""
        guides = self.guides
        if not guides:
            return []
        shared = set(guides[0].tongban_list)
        for guide in guides[1:]:
            shared &= set(guide.tongban_list)
        return [(kind, "", guides[0].tongban_list_url(kind)) for kind in tb.KINDS if kind in shared]

    @property
    def gains(self):
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
        return merged_materials(self._facts(), self._material_merges())

    @property
    def combined_form(self):
        merges = {normalise_field(m.name): normalise_field(m.merged_into) for m in self.field_merges.all()}
        return combined_form([(g.title, g.form_field_list) for g in self.guides], merges)

    @path("")
    def bundle(self, request):
        return self.render(request)

    @path("form/")
    def form_print(self, request):
        """一表申请 as a printable page."""
        return self.render(request, template="guides/bundle_form.html")

    @path("form/docx/")
    def form_docx(self, request):
        content = form_docx_bytes(self.title, self.lead_department, self.combined_form, [m for m, _ in self.material_list])
        response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
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


class LifeEventPage(DefaultSiteUrls, Page):
    """个人/企业全生命周期: bundles and guides grouped by life event."""

    intro = models.TextField("说明", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []
    max_count_per_parent = 1
    base_form_class = GatedPageForm
    search_auto_update = False  # the admin index is kept by cms.site.admin_search (bulk-aware)

    class Meta:
        verbose_name = "全生命周期导航"
        verbose_name_plural = "全生命周期导航"

    def groups(self):
        """[(heading, [(event, [bundles], [guides])])] for 个人 and 企业, every stage listed even when empty."""
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


