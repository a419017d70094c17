"""主题分类 and 主题词 suggested from a document's text, for the officer to confirm or change before publishing.

The vocabulary is the gov.cn 国务院政策文件库 two-level 主题分类 (domain.md §3; the site may add its own under
设置 → 主题分类). A category is suggested when the title or body use its cue words; 主题词 are jieba's TF-IDF
keywords of the text. Suggestions only fill empty fields: what a person chose is never overwritten.
"""
import logging
import re

log = logging.getLogger("gongkai.policies")

# 一级 \ 二级: cue words (the 二级 name itself counts too)
VOCABULARY = {
    "综合政务": {"政务公开": ("政务公开", "信息公开", "公开"), "政务督查": ("督查", "督办"), "应急管理": ("应急", "突发事件", "防汛"),
              "电子政务": ("电子政务", "政务服务平台", "一网通办", "数字政府"), "其他": ()},
    "国民经济管理、国有资产监管": {"发展规划": ("规划", "五年"), "经济运行": ("经济运行", "稳增长"), "国有资产监管": ("国有资产", "国企", "国资")},
    "财政、金融、审计": {"财政": ("财政", "预算", "专项资金", "政府采购"), "金融": ("金融", "融资", "信贷", "银行"), "审计": ("审计",)},
    "国土资源、能源": {"土地": ("土地", "用地", "征地"), "能源": ("能源", "电力", "节能"), "矿产": ("矿产", "矿山")},
    "农业、林业、水利": {"农业、畜牧业、渔业": ("农业", "农村", "粮食", "畜牧", "渔业", "涉农"), "林业": ("林业", "森林", "绿化"),
                  "水利": ("水利", "河道", "河长", "水库")},
    "工业、交通": {"交通": ("交通", "道路", "公路", "运输", "车辆"), "工业": ("工业", "制造业", "企业技术改造"),
              "信息产业（含电信）": ("信息产业", "通信", "5G")},
    "商贸、海关、旅游": {"国内贸易（含供销）": ("商贸", "消费", "市场流通"), "旅游": ("旅游", "景区")},
    "市场监管、安全生产监管": {"安全生产监管": ("安全生产", "安全检查", "消防"), "市场监管": ("市场监管", "营商环境", "价格"),
                     "食品药品监管": ("食品", "药品")},
    "城乡建设、环境保护": {"城市规划": ("城市规划", "国土空间"), "城乡建设（含住房）": ("住房", "城乡建设", "棚户区", "物业", "城市更新"),
                  "环境监测、保护与治理": ("环境", "生态", "污染", "大气", "垃圾")},
    "科技、教育": {"科技": ("科技", "创新", "研发"), "教育": ("教育", "学校", "学生", "教师", "义务教育")},
    "卫生、体育": {"卫生": ("卫生", "医疗", "医保", "疾病", "健康"), "体育": ("体育", "健身", "运动")},
    "公安、安全、司法": {"公安": ("公安", "治安", "户籍"), "司法": ("司法", "法律援助", "调解", "行政复议"), "安全": ("国家安全", "会议安全", "安全保卫")},
    "民政、扶贫、救灾": {"社会福利": ("低保", "最低生活保障", "救助", "养老", "残疾人", "民政", "社会福利"), "减灾救灾": ("救灾", "灾害"),
                  "扶贫": ("扶贫", "乡村振兴", "帮扶")},
    "劳动、人事、监察": {"就业": ("就业", "创业", "招聘"), "社会保障": ("社会保险", "社保", "养老保险"), "人事工作": ("人事", "公务员", "任免")},
}
PATHS = [f"{top}\\{sub}" for top, subs in VOCABULARY.items() for sub in subs]
TITLE_WEIGHT = 3
KEYWORD_COUNT = 5
# words every 公文 uses: they say nothing about the subject
STOP_WORDS = {"通知", "意见", "决定", "公告", "通报", "有关", "工作", "各区县", "人民政府", "政府", "各部门", "市政府", "单位",
              "各地", "部门", "以下", "如下", "加强", "做好", "关于", "现将", "事项", "要求", "落实", "认真", "有关部门", "办公室"}


PLACE_ENDINGS = ("省", "市", "县", "区", "局", "厅", "委")  # the issuing organ and its place are metadata, not 主题词


def suggest_topic(title, text):
    """“一级\\二级” whose cue words the title (counted thrice) and the text use most, or "" when none does."""
    best, best_score = "", 0
    for top, subs in VOCABULARY.items():
        for sub, cues in subs.items():
            words = {sub, *cues} - {"其他"}
            score = sum(TITLE_WEIGHT * (title or "").count(w) + (text or "").count(w) for w in words)
            if score > best_score:
                best, best_score = f"{top}\\{sub}", score
    return best


def suggest_keywords(title, text, count=KEYWORD_COUNT):
    """Up to `count` 主题词 (jieba TF-IDF keywords of the title and text), space-separated."""
    try:
        import jieba.analyse  # noqa: PLC0415 — loads jieba's dictionary (≈1 s) only when a document is imported

        found = jieba.analyse.extract_tags(f"{title or ''}\n{title or ''}\n{text or ''}", topK=count * 4)
    except Exception:  # noqa: BLE001 — a suggestion is a convenience; the officer fills the field by hand
        log.exception("keyword extraction failed")
        return ""
    words = [w for w in found if len(w) > 1 and w not in STOP_WORDS and not re.search(r"[\d〔〕（）()]", w)
             and not w.endswith(PLACE_ENDINGS)]
    return " ".join(words[:count])


def suggest(title, text):
    """(主题分类 path, 主题词) for a document."""
    return suggest_topic(title, text), suggest_keywords(title, text)
