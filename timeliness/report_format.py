"""The vocabulary of the annual report format 国办公开办函〔2021〕30号 (plain Python, no Django).

Table three: columns are the applicant types, rows are 本年新收 / 上年结转 / 办理结果 (一)–(六) with their
sub-rows / 总计 / 结转下年度. Table four: 行政复议 and the two kinds of 行政诉讼 × five result columns.
"""

NATURAL = "natural"
APPLICANT_CHOICES = [
    (NATURAL, "自然人"),
    ("commercial", "法人或其他组织－商业企业"),
    ("research", "法人或其他组织－科研机构"),
    ("public_welfare", "法人或其他组织－社会公益组织"),
    ("legal_service", "法人或其他组织－法律服务机构"),
    ("other_org", "法人或其他组织－其他"),
]
APPLICANT_CODES = [code for code, _ in APPLICANT_CHOICES]
#: Column headings of table three, in the official order (the 总计 column comes last).
APPLICANT_SHORT = {
    NATURAL: "自然人", "commercial": "商业企业", "research": "科研机构", "public_welfare": "社会公益组织",
    "legal_service": "法律服务机构", "other_org": "其他",
}
TOTAL = "total"
NO_SOURCE = "无数据来源"  # a manual figure nobody reported: said, never printed as 0

CHANNEL_CHOICES = [
    ("in_person", "当面提交"), ("letter", "邮寄信函（签收）"), ("plainmail", "平常信函"), ("online", "网络平台"), ("email", "电子邮件"),
    ("fax", "传真"), ("other", "其他"),
]

# Outcome rows of table three: (code, group, label). Group labels are the (一)–(六) headings.
OUTCOME_GROUPS = [
    ("open", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withhold", "（三）不予公开"),
    ("unable", "（四）无法提供"),
    ("reject", "（五）不予处理"),
    ("other", "（六）其他处理"),
]
OUTCOME_ROWS = [
    ("open", "open", "（一）予以公开"),
    ("partial", "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withhold_1", "withhold", "1.属于国家秘密"),
    ("withhold_2", "withhold", "2.其他法律行政法规禁止公开"),
    ("withhold_3", "withhold", "3.危及“三安全一稳定”"),
    ("withhold_4", "withhold", "4.保护第三方合法权益"),
    ("withhold_5", "withhold", "5.属于三类内部事务信息"),
    ("withhold_6", "withhold", "6.属于四类过程性信息"),
    ("withhold_7", "withhold", "7.属于行政执法案卷"),
    ("withhold_8", "withhold", "8.属于行政查询事项"),
    ("unable_1", "unable", "1.本机关不掌握相关政府信息"),
    ("unable_2", "unable", "2.没有现成信息需要另行制作"),
    ("unable_3", "unable", "3.补正后申请内容仍不明确"),
    ("reject_1", "reject", "1.信访举报投诉类申请"),
    ("reject_2", "reject", "2.重复申请"),
    ("reject_3", "reject", "3.要求提供公开出版物"),
    ("reject_4", "reject", "4.无正当理由大量反复申请"),
    ("reject_5", "reject", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_1", "other", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_2", "other", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_3", "other", "3.其他"),
]
OUTCOME_CODES = [code for code, _, _ in OUTCOME_ROWS]
_GROUP_LABEL = dict(OUTCOME_GROUPS)
OUTCOME_CHOICES = [
    (code, label if group in ("open", "partial") else f"{_GROUP_LABEL[group][3:]}：{label}") for code, group, label in OUTCOME_ROWS
]

# Table four.
REVIEW = "review"
SUIT_DIRECT = "suit_direct"
SUIT_AFTER_REVIEW = "suit_after_review"
CASE_KIND_CHOICES = [(REVIEW, "行政复议"), (SUIT_DIRECT, "行政诉讼（未经复议直接起诉）"), (SUIT_AFTER_REVIEW, "行政诉讼（复议后起诉）")]
CASE_KINDS = [code for code, _ in CASE_KIND_CHOICES]
CASE_RESULT_CHOICES = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果")]
PENDING_RESULT = "pending"
CASE_COLUMNS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), (PENDING_RESULT, "尚未审结"), (TOTAL, "总计")]

SECTION_TITLES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
