"""Demo 办事指南 and three national 一件事 (新生儿出生、企业职工退休、教育入学) for a Changsha-like city.

Every value is illustrative: the structure follows domain §5, the numbers are made up but plausible.
`load(home, stdout)` is idempotent: guides and bundles are upserted by code and only republished when changed.
"""
from cms.guides.models import GuideIndexPage, LifeEventPage
from importers.content_loader import load_bundle, load_guide
from publishing import events, services

HOTLINE = "12345"
HALL = "长沙市政务服务中心（岳麓区金星中路）"
HOURS = "工作日 9:00-12:00，13:30-17:00（法定节假日除外）"
ONLINE = "https://zwfw.changsha.gov.cn/item/"


def _m(name, form="原件", copies=1, source="申请人自备", paper=True, deferrable=False):
    return {"name": name, "form": form, "copies": copies, "source": source, "paper_required": paper, "deferrable": deferrable}


def _guide(code, name, department, **extra):
    base = {
        "kind": "guide", "code": code, "name": name, "department": department, "service_object": "个人",
        "fee": "不收费", "hours": HOURS, "complaint_phone": HOTLINE, "online_url": ONLINE + code,
    }
    base.update(extra)
    return base


BIRTH = "出生"
GUIDES = [
    # —— 新生儿出生一件事 ——
    _guide(
        "430100-WS-GG-0001", "出生医学证明首次签发", "长沙市卫生健康委员会", item_type="公共服务", life_event=BIRTH,
        basis="《中华人民共和国母婴保健法》第二十三条；《国家卫生健康委办公厅关于进一步做好出生医学证明管理工作的通知》",
        conditions="在本市具有助产技术服务资质的医疗机构内出生的新生儿，由其父母或监护人申请。",
        materials=[_m("父母双方有效身份证件", copies=1), _m("分娩记录", form="电子", copies=None, source="助产机构（数据共享）", paper=False),
                   _m("出生医学证明自填单", copies=1, source="助产机构提供")],
        steps=["申请：父母在助产机构填写出生医学证明自填单", "受理：助产机构核对分娩记录与身份证件", "签发：当场或次日签发出生医学证明"],
        legal_limit_days=5, promised_limit_days=1, visits=1,
        location="各助产机构出生医学证明办理窗口", phone="0731-12320",
        form_fields=["新生儿姓名", "新生儿性别", "出生日期", "出生地点", "母亲姓名", "母亲身份证件号码", "父亲姓名", "父亲身份证件号码", "联系电话"],
        faq=[{"q": "父亲不在场可以办理吗？", "a": "可以，由母亲持本人身份证件和父亲身份证件复印件办理。"},
             {"q": "出生医学证明丢失怎么办？", "a": "向原签发机构申请补发，需提供登报遗失声明。"}],
    ),
    _guide(
        "430100-GA-XK-0002", "出生登记（户口登记）", "长沙市公安局", item_type="行政确认", life_event=BIRTH,
        basis="《中华人民共和国户口登记条例》第七条；《湖南省户口登记管理办法》",
        conditions="婴儿出生后一个月以内，由户主、亲属、抚养人向婴儿常住地户口登记机关申报出生登记；随父或随母落户均可。",
        materials=[_m("出生医学证明"), _m("父母双方有效身份证件"), _m("户口簿"),
                   _m("结婚证", deferrable=True), _m("出生登记申报表", source="派出所提供")],
        steps=["申请：监护人提交材料", "受理：户籍民警审核", "登记：录入人口信息系统", "办结：在户口簿上签发新生儿户口页"],
        legal_limit_days=20, promised_limit_days=3, visits=1,
        location="户籍所在地派出所户籍窗口，或各区县（市）政务服务中心公安窗口", phone="0731-82587110",
        form_fields=["新生儿姓名", "新生儿性别", "出生日期", "民族", "随父/随母落户", "户主姓名", "申报人姓名", "申报人身份证件号码", "联系电话"],
        faq=[{"q": "超过一个月还能落户吗？", "a": "可以，按逾期申报办理，需补充说明原因。"}],
    ),
    _guide(
        "430100-YB-GG-0003", "城乡居民基本医疗保险参保登记（新生儿）", "长沙市医疗保障局", item_type="公共服务", life_event=BIRTH,
        basis="《中华人民共和国社会保险法》第二十五条；《湖南省城乡居民基本医疗保险实施办法》",
        conditions="已办理出生登记的本市户籍新生儿，出生后90日内参保的，自出生之日起享受医保待遇。",
        materials=[_m("户口本", source="公安部门（数据共享）", paper=False), _m("出生医学证明", form="复印件")],
        steps=["申请：监护人提交参保登记信息", "受理并登记：医保经办机构录入", "缴费：通过税务渠道缴纳当年度个人缴费"],
        legal_limit_days=10, promised_limit_days=0, visits=1,
        location="各区县（市）医疗保障服务大厅", phone="0731-12393",
        form_fields=["参保人姓名", "公民身份号码", "出生日期", "监护人姓名", "联系电话", "手机号码"],
        faq=[{"q": "新生儿医保什么时候开始生效？", "a": "出生后90日内参保缴费的，自出生之日起享受待遇。"}],
    ),
    _guide(
        "430100-WS-GG-0004", "预防接种证办理", "长沙市卫生健康委员会", item_type="公共服务", life_event=BIRTH,
        basis="《中华人民共和国疫苗管理法》第四十七条",
        conditions="儿童出生后一个月内，由监护人到儿童居住地承担预防接种工作的接种单位办理。",
        materials=[_m("出生医学证明", form="复印件"), _m("父母双方有效身份证件"), _m("新生儿首针乙肝疫苗和卡介苗接种记录", source="助产机构（数据共享）", paper=False)],
        steps=["建档：接种单位建立预防接种档案", "发证：当场发放预防接种证"],
        legal_limit_days=5, promised_limit_days=0, visits=1,
        location="居住地社区卫生服务中心预防接种门诊", phone="0731-12320",
        form_fields=["儿童姓名", "出生日期", "监护人姓名", "现居住地址", "联系电话"],
    ),
    _guide(
        "430100-RS-GG-0005", "社会保障卡申领（新生儿）", "长沙市人力资源和社会保障局", item_type="公共服务", life_event=BIRTH,
        basis="《中华人民共和国社会保险法》第五十八条；《社会保障卡管理办法》",
        conditions="已完成户口登记和医保参保的新生儿，由监护人代为申领。",
        materials=[_m("户口簿"), _m("监护人有效身份证件"), _m("新生儿免冠照片", form="电子", copies=None, paper=False)],
        steps=["申请：监护人提交制卡信息", "制卡：社保卡服务机构制卡", "领卡：到网点领取或邮寄送达"],
        legal_limit_days=20, promised_limit_days=5, visits=1,
        location="各社会保障卡合作银行网点", phone="0731-12333",
        form_fields=["申领人姓名", "公民身份号码", "监护人姓名", "监护人身份证件号码", "手机号码", "邮寄地址"],
    ),
    # —— 企业职工退休一件事 ——
    _guide(
        "430100-RS-QR-0101", "企业职工正常退休（职）申请", "长沙市人力资源和社会保障局", item_type="行政确认", life_event="退休",
        basis="《国务院关于工人退休、退职的暂行办法》（国发〔1978〕104号）；《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》",
        conditions="达到法定退休年龄、累计缴纳基本养老保险费满规定年限的企业职工，由所在单位或本人（灵活就业人员）申请。",
        materials=[_m("居民身份证"), _m("职工本人档案", source="存档机构"), _m("企业职工退休申请表", source="单位填报"),
                   _m("社会保障卡", deferrable=True)],
        steps=["申请：单位或本人提交退休申请", "审核：人社部门审核档案、出生时间和缴费年限", "核准：出具退休核准意见"],
        legal_limit_days=20, promised_limit_days=10, visits=1,
        location=HALL + "人社窗口", phone="0731-12333",
        form_fields=["姓名", "公民身份号码", "参加工作时间", "单位名称", "统一社会信用代码", "联系电话"],
        faq=[{"q": "档案中出生时间不一致怎么办？", "a": "按照最先记载的出生时间认定。"}],
    ),
    _guide(
        "430100-RS-GF-0102", "企业职工基本养老保险待遇申领", "长沙市人力资源和社会保障局", item_type="行政给付", life_event="退休",
        basis="《中华人民共和国社会保险法》第十六条",
        conditions="已办理退休核准、累计缴费满15年的参保人员。",
        materials=[_m("居民身份证"), _m("社会保障卡"), _m("基本养老保险待遇申领表", source="经办机构提供"),
                   _m("银行账户信息", form="复印件", deferrable=True)],
        steps=["申请：提交待遇申领", "核定：经办机构核定养老金", "发放：次月起按月发放"],
        legal_limit_days=15, promised_limit_days=5, visits=1,
        location=HALL + "社保经办窗口", phone="0731-12333",
        form_fields=["姓名", "公民身份号码", "社会保障号码", "开户银行", "银行账号", "手机号码", "通讯地址"],
    ),
    _guide(
        "430100-YB-GG-0103", "退休人员基本医疗保险待遇核定", "长沙市医疗保障局", item_type="公共服务", life_event="退休",
        basis="《中华人民共和国社会保险法》第二十七条",
        conditions="办理退休手续时，职工基本医疗保险累计缴费年限达到规定年限（男25年、女20年）。",
        materials=[_m("居民身份证"), _m("退休核准表", form="复印件", source="人社部门（数据共享）", paper=False),
                   _m("医保缴费年限核定表", source="医保经办机构")],
        steps=["申请", "核定缴费年限", "不足年限的一次性补缴", "转入退休人员医保待遇"],
        legal_limit_days=10, promised_limit_days=3, visits=1,
        location=HALL + "医保窗口", phone="0731-12393",
        form_fields=["姓名", "公民身份号码", "退休时间", "联系电话"],
    ),
    _guide(
        "430100-GJ-GG-0104", "住房公积金退休提取", "长沙住房公积金管理中心", item_type="公共服务", life_event="退休",
        basis="《住房公积金管理条例》第二十四条",
        conditions="职工离休、退休的，可以提取本人住房公积金账户内的存储余额并同时销户。",
        materials=[_m("居民身份证"), _m("退休证明", form="复印件", source="人社部门（数据共享）", paper=False),
                   _m("本人银行卡", form="复印件")],
        steps=["申请：网上或窗口提交提取申请", "审核", "转账：提取资金转入本人银行账户"],
        legal_limit_days=3, promised_limit_days=1, visits=1,
        location="长沙住房公积金管理中心各管理部", phone="0731-12329",
        form_fields=["姓名", "公民身份号码", "公积金账号", "开户银行", "银行账号", "手机号码"],
    ),
    # —— 教育入学一件事 ——
    _guide(
        "430100-JY-GG-0201", "义务教育阶段新生入学报名", "长沙市教育局", item_type="公共服务", life_event="入学",
        basis="《中华人民共和国义务教育法》第十二条；《长沙市义务教育阶段学校招生入学工作实施办法》",
        conditions="年满6周岁的适龄儿童（小学）或小学毕业生（初中），在户籍或居住地所属学区报名。",
        materials=[_m("户口簿"), _m("房屋产权证明", form="复印件", source="自然资源部门（数据共享）", paper=False),
                   _m("预防接种证", form="复印件"), _m("居住证", deferrable=True), _m("入学报名表", source="网上填报", form="电子", copies=None, paper=False)],
        steps=["网上报名：在招生入学平台填报信息", "信息核验：部门数据共享核验户籍、房产、居住证、社保", "审核结果公示", "学校发放录取通知"],
        legal_limit_days=None, promised_limit_days=15, visits=1,
        location="学区对应学校或区县（市）教育局招生窗口", phone="0731-88665055", service_object="个人",
        form_fields=["学生姓名", "学生公民身份号码", "出生日期", "监护人姓名", "监护人身份证件号码", "户籍地址", "现居住地址", "联系电话"],
        faq=[{"q": "非本市户籍怎么报名？", "a": "持本市居住证并按规定缴纳社会保险的，可在居住地学区报名。"}],
    ),
    _guide(
        "430100-GA-GG-0202", "居住证申领", "长沙市公安局", item_type="公共服务", life_event="入学",
        basis="《居住证暂行条例》第九条",
        conditions="离开常住户口所在地，在本市居住半年以上，且有合法稳定就业、合法稳定住所、连续就读条件之一的公民。",
        materials=[_m("居民身份证"), _m("居住证申领登记表", source="派出所提供"), _m("合法稳定住所证明", form="复印件"),
                   _m("本人近期免冠照片", form="电子", copies=None, paper=False)],
        steps=["申请", "受理审核", "制证", "领证"],
        legal_limit_days=15, promised_limit_days=10, visits=1,
        location="居住地派出所", phone="0731-82587110",
        form_fields=["姓名", "公民身份号码", "户籍地址", "居住地址", "联系电话"],
    ),
    _guide(
        "430100-ZR-GG-0203", "不动产登记信息查询（入学）", "长沙市自然资源和规划局", item_type="公共服务", life_event="入学",
        basis="《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》",
        conditions="权利人或其委托的人，查询本人名下不动产登记信息。",
        materials=[_m("居民身份证"), _m("不动产权证书", form="复印件")],
        steps=["申请查询", "出具查询结果"],
        legal_limit_days=None, promised_limit_days=0, visits=1,
        location="长沙市不动产登记中心各服务大厅", phone="0731-88666300",
        form_fields=["查询人姓名", "查询人身份证件号码", "不动产坐落", "联系电话"],
    ),
    _guide(
        "430100-WS-GG-0204", "入学儿童预防接种证查验", "长沙市卫生健康委员会", item_type="公共服务", life_event="入学",
        basis="《中华人民共和国疫苗管理法》第四十八条",
        conditions="新入托、入学儿童，由学校和接种单位查验预防接种证。",
        materials=[_m("预防接种证"), _m("户口簿", form="复印件")],
        steps=["查验：接种单位核对接种记录", "补种：需要补种的预约补种", "出具查验证明"],
        legal_limit_days=None, promised_limit_days=0, visits=1,
        location="居住地社区卫生服务中心预防接种门诊", phone="0731-12320",
        form_fields=["儿童姓名", "出生日期", "就读学校", "监护人姓名", "联系电话"],
    ),
    _guide(
        "430100-RS-GG-0205", "社会保险参保缴费证明打印", "长沙市人力资源和社会保障局", item_type="公共服务", life_event="入学",
        basis="《中华人民共和国社会保险法》第七十四条",
        conditions="在本市参加社会保险的人员。",
        materials=[_m("居民身份证")],
        steps=["申请打印", "当场出具"],
        legal_limit_days=None, promised_limit_days=0, visits=1,
        location=HALL + "人社窗口或自助终端", phone="0731-12333",
        form_fields=["姓名", "公民身份号码", "联系电话"],
    ),
]

BUNDLES = [
    {
        "kind": "bundle", "code": "YJS-XSECS", "name": "新生儿出生一件事", "lead_department": "长沙市卫生健康委员会",
        "life_event": "出生", "promised_limit_days": 3, "visits": 1,
        "guides": ["430100-WS-GG-0001", "430100-GA-XK-0002", "430100-YB-GG-0003", "430100-WS-GG-0004", "430100-RS-GG-0005"],
        "intro": "一张表单、一个窗口，一次办好出生医学证明、户口登记、医保参保、预防接种证和社保卡，办结后“出生一件事”资料包统一送达。",
        "material_merges": [{"name": "户口本", "merged_into": "户口簿"},
                            {"name": "监护人有效身份证件", "merged_into": "父母双方有效身份证件"},
                            {"name": "出生登记申报表", "merged_into": "出生医学证明自填单"}],
        "field_merges": [{"name": "手机号码", "merged_into": "联系电话"}, {"name": "儿童姓名", "merged_into": "新生儿姓名"},
                         {"name": "参保人姓名", "merged_into": "新生儿姓名"}, {"name": "申领人姓名", "merged_into": "新生儿姓名"}],
    },
    {
        "kind": "bundle", "code": "YJS-QYZGTX", "name": "企业职工退休一件事", "lead_department": "长沙市人力资源和社会保障局",
        "life_event": "退休", "promised_limit_days": 5, "visits": 1,
        "guides": ["430100-RS-QR-0101", "430100-RS-GF-0102", "430100-YB-GG-0103", "430100-GJ-GG-0104"],
        "intro": "退休核准、养老金申领、医保待遇核定和公积金提取一次申请、并联办理，养老金次月到账。",
        "material_merges": [{"name": "退休证明", "merged_into": "退休核准表"}, {"name": "本人银行卡", "merged_into": "银行账户信息"},
                            {"name": "企业职工退休申请表", "merged_into": "基本养老保险待遇申领表"}],
        "field_merges": [{"name": "手机号码", "merged_into": "联系电话"}],
    },
    {
        "kind": "bundle", "code": "YJS-JYRX", "name": "教育入学一件事", "lead_department": "长沙市教育局",
        "life_event": "入学", "promised_limit_days": 10, "visits": 0,
        "guides": ["430100-JY-GG-0201", "430100-GA-GG-0202", "430100-ZR-GG-0203", "430100-WS-GG-0204", "430100-RS-GG-0205"],
        "intro": "网上一次报名，户籍、居住证、房产、社保和预防接种信息由部门共享核验，家长不再跑腿开证明。",
        "material_merges": [{"name": "不动产权证书", "merged_into": "房屋产权证明"}, {"name": "合法稳定住所证明", "merged_into": "房屋产权证明"}],
        "field_merges": [{"name": "儿童姓名", "merged_into": "学生姓名"}, {"name": "姓名", "merged_into": "监护人姓名"},
                         {"name": "查询人姓名", "merged_into": "监护人姓名"}, {"name": "公民身份号码", "merged_into": "监护人身份证件号码"},
                         {"name": "查询人身份证件号码", "merged_into": "监护人身份证件号码"}, {"name": "居住地址", "merged_into": "现居住地址"}],
    },
]

# 通办 flags (illustrative): Hunan's partner regions for 跨省通办 are the 泛珠三角 and 长江中游 groups; 就近办 places are
# street (街道) service centres of the city's districts.
PAN_PEARL = "泛珠三角区域（福建、江西、广东、广西、海南、四川、贵州、云南）"
MID_YANGTZE = "长江中游城市群（湖北省、江西省）"
TONGBAN = {
    "430100-WS-GG-0001": ["全市通办"],
    "430100-GA-XK-0002": ["全市通办"],
    "430100-YB-GG-0003": ["全程网办", "全省通办",
                          {"kind": "就近办", "places": ["芙蓉区定王台街道政务服务中心", "岳麓区橘子洲街道政务服务中心"]}],
    "430100-WS-GG-0004": [{"kind": "就近办", "places": ["各社区卫生服务中心预防接种门诊"]}],
    "430100-RS-GG-0005": ["全程网办", "全省通办", {"kind": "跨省通办", "regions": [PAN_PEARL, MID_YANGTZE]},
                          {"kind": "就近办", "places": ["天心区坡子街街道政务服务中心", "开福区东风路街道政务服务中心"]}],
    "430100-RS-QR-0101": ["全市通办", "全省通办"],
    "430100-RS-GF-0102": ["全程网办", {"kind": "跨省通办", "regions": [MID_YANGTZE]}],
    "430100-GJ-GG-0104": ["全程网办", {"kind": "跨省通办", "regions": [PAN_PEARL]}],
    "430100-GA-GG-0202": [{"kind": "就近办", "places": ["雨花区侯家塘街道政务服务中心", "岳麓区橘子洲街道政务服务中心"]}],
    "430100-RS-GG-0205": ["全程网办", "全省通办", {"kind": "就近办", "places": ["各街道（乡镇）政务服务中心自助终端"]}],
}
for _spec in GUIDES:
    if _spec["code"] in TONGBAN:
        _spec["tongban"] = TONGBAN[_spec["code"]]

LIFE_EVENT_PAGE = {"slug": "smzq", "title": "全生命周期服务", "intro": "按个人和企业的人生阶段，找到要办的事和可以一次办好的“一件事”。"}


def load(home, stdout=None):
    index = GuideIndexPage.objects.child_of(home).filter(slug="bsfw").first()
    if index is None:
        index = services.add_draft(home, GuideIndexPage(slug="bsfw", title="办事服务", intro="办事指南与“一件事一次办”。"))
        services.publish(index, mode="demo")
    if not LifeEventPage.objects.child_of(index).exists():
        services.publish(services.add_draft(index, LifeEventPage(**LIFE_EVENT_PAGE)), mode="demo")
    outcomes = {}
    with events.bulk():
        for spec in GUIDES:
            outcome = load_guide(spec)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        for spec in BUNDLES:
            outcome = load_bundle(spec)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    if stdout is not None:
        stdout.write(f"办事指南与一件事：{len(GUIDES)} 个事项、{len(BUNDLES)} 个一件事（{outcomes}）")
