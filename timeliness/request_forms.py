"""Forms of 依申请公开: the public application (design §2.12 field names), the office's written-request entry
(Art. 31 receipt dates) and the workflow steps. Every error is a Chinese message on its field."""
import re

from django import forms

from publishing import uscc
from publishing.checks import is_valid_id_number
from timeliness import report_format as fmt
from timeliness import request_rules as rules

NATURAL, ORGANISATION = "自然人", "法人或其他组织"
ID_TYPES = ["居民身份证", "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证", "其他"]
ORG_KINDS = [(code, fmt.APPLICANT_SHORT[code]) for code in fmt.APPLICANT_CODES if code != fmt.NATURAL]
MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
PROOF_TYPES = {".jpg", ".jpeg", ".png", ".pdf"}
PROOF_MAX_BYTES = 5 * 1024 * 1024


def _choices(values):
    return [(v, v) for v in values]


class ApplicationForm(forms.Form):
    applicant_type = forms.ChoiceField(label="申请人类型", choices=_choices([NATURAL, ORGANISATION]), widget=forms.RadioSelect,
                                       error_messages={"required": "请选择申请人类型", "invalid_choice": "申请人类型只能是自然人或法人或其他组织"})
    name = forms.CharField(label="姓名（法人或其他组织填联系人姓名）", max_length=60, error_messages={"required": "请填写姓名"})
    id_type = forms.ChoiceField(label="证件类型", choices=_choices(ID_TYPES), required=False,
                                error_messages={"invalid_choice": "请选择有效的证件类型"})
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    org_name = forms.CharField(label="法人或其他组织名称", max_length=120, required=False)
    org_code = forms.CharField(label="统一社会信用代码", max_length=30, required=False)
    org_kind = forms.ChoiceField(label="组织类别", choices=ORG_KINDS, required=False, initial="other_org")
    phone = forms.CharField(label="联系电话", max_length=20, error_messages={"required": "请填写联系电话"})
    email = forms.EmailField(label="电子邮箱（填写后发送回执）", required=False, error_messages={"invalid": "电子邮箱格式不正确"})
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    description = forms.CharField(label="所需政府信息的名称或内容描述", widget=forms.Textarea(attrs={"rows": 5}), max_length=2000,
                                  min_length=5, error_messages={"required": "请描述所需的政府信息",
                                                                "min_length": "描述过短，请写明所需政府信息的名称、文号或便于查询的特征"})
    doc_number = forms.CharField(label="文件名称或文号（选填）", max_length=120, required=False)
    purpose = forms.CharField(label="用途（选填）", max_length=200, required=False)
    form_wanted = forms.ChoiceField(label="获取信息的方式", choices=_choices(["纸质", "电子"]), widget=forms.RadioSelect,
                                    error_messages={"required": "请选择获取信息的方式", "invalid_choice": "获取方式只能是纸质或电子"})
    delivery = forms.ChoiceField(label="获取信息的途径", choices=_choices(["邮寄", "电子邮件", "自行领取"]), widget=forms.RadioSelect,
                                 error_messages={"required": "请选择获取信息的途径", "invalid_choice": "获取途径只能是邮寄、电子邮件或自行领取"})
    proof = forms.FileField(label="身份证明（选填，JPG、PNG 或 PDF，不超过5MB）", required=False)
    website = forms.CharField(label="请勿填写此项", required=False)  # honeypot: people never see it, robots fill it

    def clean_phone(self):
        phone = self.cleaned_data["phone"].replace(" ", "")
        if not (MOBILE.match(phone) or LANDLINE.match(phone)):
            raise forms.ValidationError("联系电话格式不正确：请填写11位手机号码或带区号的固定电话")
        return phone

    def clean_proof(self):
        proof = self.cleaned_data.get("proof")
        if not proof:
            return None
        name = proof.name.lower()
        if not any(name.endswith(ext) for ext in PROOF_TYPES):
            raise forms.ValidationError("身份证明只接受 JPG、PNG 或 PDF 文件")
        if proof.size > PROOF_MAX_BYTES:
            raise forms.ValidationError("身份证明文件不能超过5MB")
        return proof

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_type")
        if kind == NATURAL:
            if not data.get("id_type"):
                self.add_error("id_type", "请选择证件类型")
            number = (data.get("id_number") or "").strip().upper()
            data["id_number"] = number
            if not number:
                self.add_error("id_number", "请填写证件号码")
            elif data.get("id_type") == "居民身份证" and not is_valid_id_number(number):
                self.add_error("id_number", "身份证号码不正确：请核对18位号码（出生日期或最后一位校验码有误）")
            data["org_name"] = data["org_code"] = ""
        elif kind == ORGANISATION:
            if not (data.get("org_name") or "").strip():
                self.add_error("org_name", "请填写法人或其他组织名称")
            code = (data.get("org_code") or "").strip().upper()
            if not code:
                self.add_error("org_code", "请填写统一社会信用代码")
            else:
                try:
                    data["org_code"] = uscc.validate(code)
                except uscc.InvalidUSCC as exc:
                    self.add_error("org_code", str(exc))
        delivery = data.get("delivery")
        if delivery == "邮寄" and not (data.get("address") or "").strip():
            self.add_error("address", "选择邮寄的，请填写通信地址")
        if delivery == "电子邮件" and not data.get("email"):
            self.add_error("email", "选择电子邮件的，请填写电子邮箱")
        return data

    @property
    def is_robot(self):
        return bool(self.data.get("website"))

    def model_applicant_type(self):
        if self.cleaned_data["applicant_type"] == NATURAL:
            return fmt.NATURAL
        return self.cleaned_data.get("org_kind") or "other_org"


class WrittenRequestForm(ApplicationForm):
    """The office enters a letter, a counter visit, a fax or an e-mail; its receipt date follows Art. 31."""

    channel = forms.ChoiceField(label="申请渠道", choices=[(c, label) for c, label in fmt.CHANNEL_CHOICES if c != "other"])
    submitted_on = forms.DateField(label="提交（来信、来件）日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    signed_on = forms.DateField(label="签收日期（邮寄）", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    confirmed_on = forms.DateField(label="与申请人确认日期（平常信函、传真、电子邮件）", required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    phone = forms.CharField(label="联系电话", max_length=20, required=False)

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").replace(" ", "")
        return super().clean_phone() if phone else ""

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("address") and not data.get("email"):
            self.add_error("phone", "请至少填写一种联系方式（电话、地址或电子邮箱）")
        if data.get("channel"):
            try:
                data["received_on"] = rules.written_receipt_date(
                    data["channel"], data.get("submitted_on"), data.get("signed_on"), data.get("confirmed_on"))
            except rules.ReceiptError as exc:
                self.add_error(None, str(exc))
        return data


# --- workflow steps (admin) -----------------------------------------------------------------------------------------

DATE = {"widget": forms.DateInput(attrs={"type": "date"}), "error_messages": {"required": "请填写日期", "invalid": "日期格式不正确"}}


class CorrectionForm(forms.Form):
    on = forms.DateField(label="补正通知日期", **DATE)
    correction_days = forms.IntegerField(label="补正期限（工作日）", min_value=1, max_value=30, initial=10)
    what = forms.CharField(label="需要补正的事项（一次性告知）", widget=forms.Textarea(attrs={"rows": 3}), max_length=280)


class DateForm(forms.Form):
    on = forms.DateField(label="日期", **DATE)


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label="征求意见对象", choices=[("third_party", "第三方（第三十二条）"), ("other_organ", "其他机关（第三十四条）")])
    on = forms.DateField(label="发出征求意见日期", **DATE)
    party = forms.CharField(label="征求意见对象名称", max_length=100)


class ConsultationEndForm(forms.Form):
    on = forms.DateField(label="收到意见（或期满）日期", **DATE)
    result = forms.CharField(label="意见摘要", max_length=200, required=False)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20,
                              error_messages={"max_value": "延长期限最长不超过20个工作日", "min_value": "延长期限至少1个工作日"})
    approver = forms.CharField(label="批准人（工作机构负责人）", max_length=60)
    reason = forms.CharField(label="延期理由", max_length=200)


class FeeForm(forms.Form):
    method = forms.ChoiceField(label="计收方式", choices=rules.FEE_METHODS)
    quantity = forms.IntegerField(label="数量（按件：本月累计申请件数；按量：页数）", min_value=0)


class ReplyForm(forms.Form):
    reply_type = forms.ChoiceField(label="答复类型", choices=rules.REPLY_TYPE_CHOICES)
    outcome = forms.ChoiceField(label="计入年报表三的情形", choices=[c for c in fmt.OUTCOME_CHOICES if c[0] != "other_1"])
    on = forms.DateField(label="答复日期", **DATE)
    note = forms.CharField(label="答复说明（理由、依据、获取方式或负责机关）", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                           max_length=2000)
