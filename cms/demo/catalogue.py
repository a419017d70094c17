"""Demo content for the 1+9 matrix (idempotent): 10 columns, 26 national domains, realistic standard-catalogue
items in several domains (domain.md §4) and entries published through the publication service."""
from datetime import timedelta

from django.utils import timezone

from cms.demo import content as core_demo
from cms.site.models import SectionPage
from openness_catalog.models import CatalogueItem, Column, Domain, Entry
from openness_catalog.services import publish_entry, refresh_items
from publishing import services
from publishing.gate import PublishRefused

DEFAULT_CHANNELS = ["政府网站", "政务服务中心", "社区/村公示栏(电子屏)"]
TWENTY = "信息形成（变更）之日起20个工作日内"

# (domain, level1, level2, content, basis, time limit, subject suffix, channels, audience, levels)
ITEMS = [
    ("就业", "就业创业政策", "就业创业扶持政策", "政策文件、补贴申领条件、标准、程序",
     "《中华人民共和国就业促进法》《就业补助资金管理办法》", TWENTY, "人力资源和社会保障局", ["政府网站", "两微一端", "政务服务中心"], "全社会", ["县级"]),
    ("就业", "就业服务", "招聘会及岗位信息", "招聘会时间、地点、参会单位、岗位信息",
     "《就业服务与就业管理规定》", "实时公开", "人力资源和社会保障局", ["政府网站", "两微一端", "便民服务站"], "全社会", ["县级", "乡级"]),
    ("社会救助", "最低生活保障", "低保对象认定结果", "低保对象姓名（脱敏）、保障人数、保障金额",
     "《社会救助暂行办法》《最低生活保障审核确认办法》", "每月", "民政局", ["政府网站", "社区/村公示栏(电子屏)"], "全社会", ["县级", "乡级"]),
    ("社会救助", "特困人员救助供养", "政策及申请程序", "政策依据、供养标准、申请条件和程序",
     "《社会救助暂行办法》《特困人员认定办法》", TWENTY, "民政局", DEFAULT_CHANNELS, "全社会", ["县级"]),
    ("社会救助", "临时救助", "临时救助对象公示", "救助对象（脱敏）、救助事由、救助金额",
     "《社会救助暂行办法》", "每季度", "民政局", ["政府网站", "社区/村公示栏(电子屏)"], "特定群体", ["县级", "乡级"]),
    ("保障性住房", "公共租赁住房", "配租结果", "配租房源、配租对象（脱敏）、配租结果",
     "《公共租赁住房管理办法》", "自配租结果形成之日起5个工作日内", "住房保障服务中心", ["政府网站", "公开查阅点"], "全社会", ["县级"]),
    ("财政预决算", "部门预算", "预算公开", "部门预算报表及说明、“三公”经费预算",
     "《中华人民共和国预算法》第十四条", "预算批复后20日内", "财政局", ["政府网站", "政府公报"], "全社会", ["县级"]),
    ("财政预决算", "部门决算", "决算公开", "部门决算报表及说明、“三公”经费决算",
     "《中华人民共和国预算法》第十四条", "每年", "财政局", ["政府网站"], "全社会", ["县级"]),
    ("义务教育", "招生入学", "招生入学政策", "学区划分、招生范围、报名时间和程序",
     "《中华人民共和国义务教育法》", "及时公开", "教育局", ["政府网站", "两微一端", "纸质媒体"], "全社会", ["县级"]),
    ("公共资源交易", "工程建设项目招标投标", "招标公告", "项目名称、招标范围、投标人资格要求、报名时间",
     "《中华人民共和国招标投标法实施条例》", "公告期限为5个工作日", "公共资源交易中心", ["政府网站", "其他"], "全社会", ["县级"]),
    ("卫生健康", "基本公共卫生服务", "服务项目及标准", "服务项目、服务对象、服务内容",
     "《国家基本公共卫生服务规范》", TWENTY, "卫生健康局", ["政府网站", "便民服务站"], "全社会", ["县级", "乡级"]),
    ("养老服务", "养老服务补贴", "高龄津贴发放", "发放对象（脱敏）、发放标准、发放金额",
     "《湖南省老年人优待办法》", "每季度", "民政局", ["政府网站", "社区/村公示栏(电子屏)"], "特定群体", ["县级", "乡级"]),
]

# Which columns carry which items (by index into ITEMS): the city and several districts, not all, so the
# matrix shows empty cells; some items' newest entry is old, so it shows 待更新 too.
COVERAGE = {
    "长沙市": [0, 1, 2, 3, 6, 7, 9, 10],
    "芙蓉区": [0, 1, 2, 3, 4, 5, 6, 8, 11],
    "天心区": [0, 2, 4, 6, 7, 8],
    "岳麓区": [0, 1, 2, 5, 9, 10],
    "开福区": [2, 3, 6],
    "雨花区": [0, 2, 8, 11],
    "望城区": [2, 4],
    "长沙县": [0, 2, 3, 6, 9],
    "浏阳市": [2, 11],
    "宁乡市": [0],
}

ENTRY_TITLES = {
    0: ["{c}关于做好{y}年高校毕业生就业创业工作的通知", "{c}{y}年一次性创业补贴申领指南"],
    1: ["{c}{y}年春风行动专场招聘会公告", "{c}{y}年{m}月重点企业岗位需求信息"],
    2: ["{c}{y}年{m}月城乡最低生活保障对象公示", "{c}{y}年{m}月低保资金发放情况"],
    3: ["{c}特困人员救助供养申请办理流程", "{c}{y}年特困人员基本生活标准调整公告"],
    4: ["{c}{y}年第{q}季度临时救助对象公示"],
    5: ["{c}{y}年第{q}批公共租赁住房配租结果公示"],
    6: ["{c}{y}年部门预算公开说明"],
    7: ["{c}{py}年部门决算公开说明"],
    8: ["{c}{y}年义务教育阶段招生入学工作方案"],
    9: ["{c}{y}年市政道路提质改造工程招标公告"],
    10: ["{c}{y}年国家基本公共卫生服务项目实施方案"],
    11: ["{c}{y}年第{q}季度高龄津贴发放公示"],
}
# Days before today of each demo entry: recent for most, old for a few so that they read 待更新.
AGES = [6, 40, 75, 130, 220]


def _body(column, item, title):
    return (f"根据{item.basis}，现将{title.replace(column.name, '')}有关情况公开如下。\n"
            f"一、公开内容：{item.content}。\n二、公开主体：{item.subject}。\n"
            f"三、监督电话：12345。如对公开内容有异议，请于公示期内向{item.subject}反映。")


def load(home=None, stdout=None):
    for order, name in enumerate(core_demo.COLUMNS):
        Column.objects.get_or_create(name=name, defaults={"sort_order": order})
    for order, name in enumerate(core_demo.DOMAINS):
        Domain.objects.get_or_create(name=name, defaults={"sort_order": order, "national": True})
    domains = {d.name: d for d in Domain.objects.all()}
    today = timezone.localdate()
    published = 0
    for column in Column.objects.filter(name__in=COVERAGE):
        for index in COVERAGE[column.name]:
            domain_name, level1, level2, content, basis, limit, subject, channels, audience, levels = ITEMS[index]
            subject_name = ("长沙市" if column.name == "长沙市" else column.name) + subject
            item, created = CatalogueItem.objects.get_or_create(
                column=column, domain=domains[domain_name], level1=level1, level2=level2,
                defaults=dict(serial=index + 1, content=content, basis=basis, time_limit_text=limit, subject=subject_name,
                              channels=channels, audience=audience, mode="主动", levels=levels,
                              created_at=timezone.now() - timedelta(days=400)),
            )
            for n, template in enumerate(ENTRY_TITLES[index]):
                # the first district of each domain list gets an old newest entry, so the matrix shows 待更新
                age = AGES[(n + index + column.sort_order) % len(AGES)]
                day = today - timedelta(days=age)
                title = template.format(c=column.name, y=day.year, py=day.year - 1, m=day.month, q=(day.month - 1) // 3 + 1)
                entry, made = Entry.objects.get_or_create(
                    item=item, title=title,
                    defaults=dict(body=_body(column, item, title), formed_on=day - timedelta(days=2), unit=subject_name),
                )
                if entry.status == Entry.DRAFT:
                    try:
                        publish_entry(entry, imported_published_on=day, mode="demo")
                        published += 1
                    except PublishRefused as exc:  # pragma: no cover — demo data is clean
                        if stdout:
                            stdout.write(f"演示信息未发布：{title}：{'；'.join(exc.reasons)}")
    refresh_items()
    _link_section(home)
    if stdout and published:
        stdout.write(f"基层政务公开：发布演示信息{published}条")


def _link_section(home):
    """The demo 基层政务公开 SectionPage points citizens at the matrix."""
    section = SectionPage.objects.filter(slug="jczwgk").first()
    link = '<p><a href="/jczwgk/">进入基层政务公开地图</a>：按栏目和领域查看标准目录及已公开信息。</p>'
    if section is not None and "/jczwgk/" not in (section.body or ""):
        section.body = link + (section.body or "")
        services.publish(section, mode="demo")
