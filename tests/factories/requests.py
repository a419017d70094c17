"""Valid 依申请公开 form posts (design §2.12 field names) and requests registered through the real workflow."""
from datetime import date

VALID_ID = "11010519491231002X"  # GB 11643 example number with a correct check character
VALID_USCC = "91350100M000100Y43"


def natural_post(**override):
    data = {
        "applicant_type": "自然人", "name": "张三丰", "id_type": "居民身份证", "id_number": VALID_ID, "phone": "13812345678",
        "email": "", "address": "长沙市芙蓉区五一大道1号", "org_name": "", "org_code": "",
        "description": "申请公开2025年本区老旧小区改造项目的立项批复文件", "doc_number": "", "purpose": "了解小区改造安排",
        "form_wanted": "电子", "delivery": "邮寄", "website": "",
    }
    data.update(override)
    return data


def organisation_post(**override):
    fields = {"applicant_type": "法人或其他组织", "id_type": "", "id_number": "", "org_name": "某某律师事务所",
              "org_code": VALID_USCC, "org_kind": "legal_service"}
    return natural_post(**{**fields, **override})


def registered(received_on=date(2025, 9, 1), *, applicant_type="natural", **data):
    from timeliness import request_workflow as workflow

    fields = {"applicant_type": applicant_type, "description": "申请公开某项目审批文件", "name": "李四", "phone": "13900001111",
              "id_type": "居民身份证", "id_number": VALID_ID, "email": "li@example.cn", "address": "某市某路1号", **data}
    return workflow.register(fields, channel="in_person", received_on=received_on)
