"""The demo's statutory 政府信息公开 pages with the structure real sites give them (illustrative Changsha wording).

- 政府信息公开指南: the parts 条例 Art. 12 requires (分类、编排体系、获取方式, the 工作机构 with its address, hours,
  telephone, fax and e-mail, the 依申请公开 procedure) plus 监督和救济 (Art. 51).
- 政府信息公开制度: the systems 条例 Art. 7, 17, 19 and 47 name (保密审查, 发布协调, 考核评议, 责任追究) with what each
  requires here.
- 法定主动公开内容: Art. 20's categories, each with where on this site it is kept.
- 依申请公开: the channels and the office (shown above the online form at /zfxxgk/ysqgk/).
The 政府信息公开年报 column gets its reports from timeliness.annual_publication (the demo publishes 2025's).
Each district site of the demo group (站群) gets the same pages in its own name (district_bodies).
"""

OFFICE = ("长沙市人民政府办公厅政务公开科", "长沙市岳麓区岳麓大道218号市政府办公楼", "410013",
          "0731-88665114", "0731-88665115", "zwgk@changsha.gov.cn")


def _office_rows(office=OFFICE):
    name, address, postcode, phone, fax, email = office
    return (f"<table><tbody><tr><th scope=\"row\">工作机构</th><td>{name}</td></tr>"
            f"<tr><th scope=\"row\">办公地址</th><td>{address}（邮编{postcode}）</td></tr>"
            "<tr><th scope=\"row\">办公时间</th><td>工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）</td></tr>"
            f"<tr><th scope=\"row\">联系电话</th><td>{phone}</td></tr><tr><th scope=\"row\">传真号码</th><td>{fax}</td></tr>"
            f"<tr><th scope=\"row\">电子邮箱</th><td>{email}</td></tr></tbody></table>")


GUIDE = (
    "<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。"
    "申请人获取长沙市人民政府的政府信息，请阅读本指南。本指南每年更新，最近一次更新于2026年1月。</p>"
    "<h2>一、主动公开</h2>"
    "<h3>（一）公开范围</h3><p>本机关按照《条例》第十九条、第二十条、第二十一条的规定，主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，"
    "具体见“法定主动公开内容”栏目。</p>"
    "<h3>（二）分类和编排体系</h3><p>主动公开的政府信息按“机构职能、政策文件、规划信息、财政信息、重点领域、办事服务”等类别编排，"
    "政策文件按主题分类、发文机关和成文日期编排，每条信息有唯一的索引号（组织机构代码-年份-流水号）。</p>"
    "<h3>（三）公开形式</h3><p>以本网站“政府信息公开”专栏为第一平台，同时通过《长沙市人民政府公报》、新闻发布会、市档案馆和市图书馆政府信息查阅点等方式公开。</p>"
    "<h3>（四）公开时限</h3><p>属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开（《条例》第二十六条）；法律、法规对公开期限另有规定的，从其规定。</p>"
    "<h2>二、依申请公开</h2>"
    "<h3>（一）受理机构</h3>" + _office_rows() +
    "<h3>（二）申请方式</h3><ul><li>网上申请：通过本网站“依申请公开”栏目在线填写申请，提交后取得查询码，凭查询码查询办理进度；</li>"
    "<li>信函申请：将申请表邮寄至上述地址，请在信封左下角注明“政府信息公开申请”字样；</li>"
    "<li>当面申请：工作日办公时间内到上述地址当面填写申请表。</li></ul>"
    "<p>申请人应当提供身份证明，写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述，以及获取信息的方式、途径。"
    "信访、投诉、举报等事项不作为政府信息公开申请处理（《条例》第三十九条）。</p>"
    "<h3>（三）办理流程和期限</h3><p>本机关收到申请，能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；"
    "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。"
    "申请内容不明确的，本机关自收到申请之日起7个工作日内一次性告知申请人补正，答复期限自收到补正的申请之日起计算。</p>"
    "<h3>（四）收费</h3><p>本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
    "按照《政府信息公开信息处理费管理办法》收取信息处理费。</p>"
    "<h2>三、监督和救济</h2><p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向长沙市人民政府办公厅政务公开科投诉、举报，"
    "也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。</p>"
)

SYSTEMS = (
    "<p>本机关按照《中华人民共和国政府信息公开条例》建立健全以下政府信息公开工作制度。</p>"
    "<h2>一、保密审查制度</h2><p>拟公开的政府信息在公开前依照《中华人民共和国保守国家秘密法》及其他法律、法规和国家有关规定进行审查（《条例》第十七条）；"
    "标注密级、不予公开或者依申请公开属性的公文，以及含有未经处理的身份证号码、手机号码、银行账号等个人信息的内容，不予发布。</p>"
    "<h2>二、发布协调制度</h2><p>拟发布的政府信息涉及其他机关的，与有关机关进行沟通、确认，保证行政机关发布的政府信息准确一致（《条例》第十八条）。</p>"
    "<h2>三、主动公开时限制度</h2><p>主动公开的政府信息自形成或者变更之日起20个工作日内公开，工作日按国务院办公厅公布的节假日安排（含调休）计算；"
    "公开时间由系统自动记录，不得人工修改。</p>"
    "<h2>四、考核评议制度</h2><p>政府信息公开工作纳入年度绩效考核，每年组织社会评议（《条例》第四十七条、第四十八条）；"
    "公开时效、按时公开率和逾期事项按部门、按月统计并公开。</p>"
    "<h2>五、责任追究制度</h2><p>不依法履行政府信息公开职能、不及时更新公开的政府信息内容或者违反规定公开不应当公开的政府信息的，依照《条例》第五十三条追究责任。</p>"
)

# Art. 20 categories -> where this site keeps them (relative URLs of the demo site).
STATUTORY_CATEGORIES = [
    ("行政法规、规章和规范性文件", "/zfxxgk/zcwjk/", "政策文件库"),
    ("机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", "/zfxxgk/xxgkzn/", "政府信息公开指南"),
    ("国民经济和社会发展规划、专项规划、区域规划及相关政策", "/zfxxgk/zcwjk/?topic=综合政务", "政策文件库（综合政务）"),
    ("国民经济和社会发展统计信息", "/zfxxgk/jczwgk/", "基层政务公开标准目录"),
    ("办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", "/bsfw/", "办事服务"),
    ("实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定", "/zfxxgk/jczwgk/", "基层政务公开标准目录（城市综合执法）"),
    ("财政预算、决算信息", "/zfxxgk/jczwgk/", "基层政务公开标准目录（财政预决算）"),
    ("行政事业性收费项目及其依据、标准", "/zfxxgk/zcwjk/", "政策文件库"),
    ("政府集中采购项目的目录、标准及实施情况", "/zfxxgk/jczwgk/", "基层政务公开标准目录（公共资源交易）"),
    ("重大建设项目的批准和实施情况", "/zfxxgk/jczwgk/", "基层政务公开标准目录（重大建设项目）"),
    ("扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", "/zfxxgk/jczwgk/", "基层政务公开标准目录"),
    ("突发公共事件的应急预案、预警信息及应对情况", "/zfxxgk/zcwjk/", "政策文件库"),
    ("环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况", "/zfxxgk/jczwgk/", "基层政务公开标准目录（生态环境、安全生产）"),
    ("公务员招考的职位、名额、报考条件等事项以及录用结果", "/zfxxgk/zcwjk/", "政策文件库"),
    ("政府信息公开工作年度报告", "/zfxxgk/xxgknb/", "政府信息公开年报"),
]


def _categories():
    rows = "".join(f"<tr><td>{n}</td><td>{what}</td><td><a href=\"{url}\">{where}</a></td></tr>"
                   for n, (what, url, where) in enumerate(STATUTORY_CATEGORIES, start=1))
    return ("<p>按照《中华人民共和国政府信息公开条例》第二十条，本机关主动公开下列政府信息，各类信息的公开位置如下。</p>"
            "<table><thead><tr><th scope=\"col\">序号</th><th scope=\"col\">法定主动公开内容</th><th scope=\"col\">公开位置</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


REQUESTS = (
    "<h2>受理机构和申请渠道</h2>" + _office_rows() +
    "<p>除在线申请外，也可以信函或者当面提出申请（信封左下角请注明“政府信息公开申请”）。"
    "申请表可在本页在线填写，或者到受理机构领取。</p>"
)

BODIES = {"xxgkzn": GUIDE, "xxgkzd": SYSTEMS, "fdzdgknr": _categories(), "ysqgk": REQUESTS}


def district_bodies(full_name, slug, column_pk=None):
    """The statutory pages of a district's site in its own name: its office, its 公报, its column of the 1+9 matrix
    (illustrative contacts, as the city's)."""
    office = (f"{full_name}办公室政务公开股", f"{full_name}办公楼", "410000", "0731-12345", "0731-12346",
              f"zwgk@{slug}.example.gov.cn")

    def own(html):
        return (html.replace(_office_rows(), _office_rows(office)).replace("长沙市人民政府办公厅政务公开科", office[0])
                .replace("长沙市人民政府", full_name).replace("市档案馆和市图书馆", "档案馆和图书馆"))

    matrix = f"/jczwgk/column/{column_pk}/" if column_pk else "/jczwgk/"
    return {"xxgkzn": own(GUIDE), "xxgkzd": own(SYSTEMS), "fdzdgknr": _categories(), "ysqgk": own(REQUESTS),
            "jczwgk": f'<p><a href="{matrix}">进入本级基层政务公开标准目录</a>：按领域查看目录及已公开信息。</p>'}
