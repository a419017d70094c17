"""The demo's site group (站群, design §2.13): the city on the default host and one site per district column of the
1+9 matrix on `<slug>.localhost`, each with its own 政府信息公开, 政策文件库, 办事服务, a 工作动态 column with news
for 信息报送, two district policies and a district guide — all through the same services a real site uses."""
from datetime import date

from wagtail.models import Site

from cms.demo import statutory
from cms.guides.services import guide_index, upsert_guide
from cms.policies.models import PolicyDocumentPage
from cms.policies.services import library, upsert_policy
from cms.site import skeleton
from cms.site.models import NewsPage, SectionPage
from importers.content_loader import guide_values
from openness_catalog.services import ensure_column
from publishing import services
from publishing.uscc import check_character, organisation_check_character
from sitegroup import services as group
from sitegroup import sharing
from timeliness import annual_publication
from timeliness.models import AnnualReport

CITY = "长沙市"
# (1+9 column and short name, slug, 行政区划代码, 机关代字)
DISTRICTS = [
    ("芙蓉区", "furong", "430102", "芙政发"), ("天心区", "tianxin", "430103", "天政发"), ("岳麓区", "yuelu", "430104", "岳政发"),
    ("开福区", "kaifu", "430105", "开政发"), ("雨花区", "yuhua", "430111", "雨政发"), ("望城区", "wangcheng", "430112", "望政发"),
    ("长沙县", "changshaxian", "430121", "长县政发"), ("浏阳市", "liuyang", "430181", "浏政发"), ("宁乡市", "ningxiang", "430182", "宁政发"),
]
NEWS_SLUG = "gzdt"
SHARED_SLUGS = ["cszf-2024-3", "cswjw-cfrs-2024"]  # 优化营商环境; 新生儿出生一件事联办: they apply to every district


def full_name(name):
    return f"{CITY}{name}人民政府" if name.endswith("区") or name.endswith("县") else f"{name}人民政府"


def org_code(area, serial):
    """A well-formed 统一社会信用代码 of a 机关 (11) registered in `area`, with both check characters computed."""
    body8 = f"MB{int(area) % 1000:03d}{serial:03d}"
    first17 = f"11{area}{body8}{organisation_check_character(body8)}"
    return first17 + check_character(first17)


def _news(home, name):
    column = skeleton.ensure_child(home, SectionPage, NEWS_SLUG, mode="demo", title="工作动态",
                                   intro=f"{name}政务工作动态。")
    new = []
    for slug, title, body in [
        ("jmzs", f"{name}召开基层政务公开标准化规范化工作推进会",
         f"<p>近日，{name}召开基层政务公开标准化规范化工作推进会，部署全面梳理26个试点领域公开事项，"
         "更新标准目录，推动政务公开向村（社区）延伸。</p>"),
        ("bmfw", f"{name}政务服务中心推出“一件事一次办”延时服务",
         f"<p>为方便上班族办事，{name}政务服务中心在工作日中午和周六上午提供延时服务，"
         "新生儿出生、开办企业等“一件事”均可办理。</p>"),
    ]:
        if not column.get_children().filter(slug=slug).exists():
            new.append(NewsPage(slug=slug, title=title, source=f"{name}人民政府办公室", body=body))
    if new:
        services.publish_new_pages(column, new, mode="demo")


def _policies(home, name, short, organ_name):
    into = library(home=home)
    year = 2025
    for serial, (title, doc_type, text) in enumerate([
        (f"{name}人民政府关于印发《{name}基层政务公开标准目录（2025年版）》的通知", "通知",
         f"各街道办事处，区直各单位：现将《{name}基层政务公开标准目录（2025年版）》印发给你们，请认真贯彻执行。"),
        (f"{name}人民政府办公室关于做好2025年城乡居民基本医疗保险参保工作的通知", "通知",
         "各街道办事处：为做好2025年度城乡居民基本医疗保险参保缴费工作，现就有关事项通知如下。"),
    ], start=1):
        upsert_policy(title=title, doc_number=f"{short}〔{year}〕{serial}号", issuers=[organ_name],
                      formed_on=date(year, 3, serial * 5), published_on=date(year, 3, serial * 5 + 7),
                      doc_type=doc_type, body_html=f"<p>{text}</p>", mode="demo", into=into)


def _guide(home, name, area):
    spec = {
        "kind": "guide", "code": f"{area}-MZ-GF-0001", "name": "城乡居民最低生活保障申请",
        "department": f"{CITY}{name}民政局", "item_type": "行政给付", "service_object": "个人",
        "basis": "《社会救助暂行办法》第九条；《湖南省最低生活保障工作实施细则》",
        "conditions": f"具有{name}户籍，共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的家庭。",
        "materials": [{"name": "户口簿和身份证件"}, {"name": "家庭经济状况核对授权书", "source": "街道（乡镇）提供"}],
        "legal_limit_days": 30, "promised_limit_days": 15, "visits": 1, "fee": "不收费",
        "location": f"{name}各街道（乡镇）便民服务中心社会救助窗口", "phone": "0731-12345",
    }
    code, fields, materials = guide_values(spec)
    upsert_guide(code, fields, materials, mode="demo", index=guide_index(home=home))


def _annual_report(organ, name, index, year=2025):
    """The district's own 政府信息公开工作年度报告, from its registers and illustrative 第二十条 figures, in its
    政府信息公开年报 column (as the city's)."""
    AnnualReport.objects.get_or_create(year=year, organ=organ, defaults={
        "licensing_decisions": 180 + 37 * index, "penalty_decisions": 60 + 11 * index, "enforcement_decisions": 3 + index,
        "fees_wan_yuan": f"{4 + index}.{index * 125:04d}",
        "problems": f"一是{name}部分部门政策解读形式较为单一；二是基层政务公开标准目录个别领域更新不够及时。\n"
                    "下一步将加强业务培训，按季度更新标准目录。"})
    if annual_publication.published_page(year, organ) is None:
        annual_publication.publish_report(year, organ, mode="demo")


def _share_city_documents(home, sites):
    """Two city documents that apply to every district, shown on the district sites as 上级文件 (references)."""
    city_library = library(home=home)
    for policy in PolicyDocumentPage.objects.live().child_of(city_library).filter(slug__in=SHARED_SLUGS):
        sharing.share(policy, sites)


def load(home, stdout=None):
    group.ensure_city(CITY)
    made = []
    for index, (name, slug, area, short) in enumerate(DISTRICTS, start=1):
        bodies = statutory.district_bodies(full_name(name), slug, ensure_column(name).pk)
        unit = group.add_district(name=name, full_name=full_name(name), slug=slug, mode="demo",
                                  org_code=org_code(area, index), bodies=bodies)
        district_home = unit.site.root_page.specific
        _news(district_home, name)
        _policies(district_home, name, short, unit.organ.name)
        _guide(district_home, name, area)
        _annual_report(unit.organ, name, index)
        made.append(unit.site.hostname)
    _news(home, CITY)
    _share_city_documents(home, list(Site.objects.filter(hostname__in=made)))
    if stdout is not None:
        stdout.write(f"站群：市级站点和 {len(made)} 个区县（市）站点（{'、'.join(made[:3])} 等）")
