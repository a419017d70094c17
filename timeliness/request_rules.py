"""The rules of 依申请公开 that need no database (plain Python): receipt date (条例 Art. 31), 补正 window (Art. 30),
信息处理费 (国办函〔2020〕109号), reply types (Art. 36) and the masks used wherever an applicant appears in a list."""
from __future__ import annotations

import re
import secrets
from datetime import date, datetime, time

CORRECTION_NOTICE_DAYS = 7  # Art. 30: notify 补正 once, within 7 working days of receipt
CONSULTATION_DAYS = 15  # Arts. 32 and 34: the consulted party answers within 15 working days
OFFICE_OPENS, OFFICE_CLOSES = time(8, 30), time(17, 30)  # an online application received after hours counts next working day

# Channels and what their receipt date is (Art. 31).
ONLINE, IN_PERSON, REGISTERED_MAIL, PLAIN_LETTER, FAX, EMAIL = "online", "in_person", "letter", "plainmail", "fax", "email"
RECEIPT_RULES = {
    IN_PERSON: "当面提交：提交之日为收到申请之日",
    REGISTERED_MAIL: "邮寄（需签收）：行政机关签收之日为收到申请之日",
    PLAIN_LETTER: "平常信函（无需签收）：与申请人确认之日为收到申请之日，应当于收到当日确认",
    ONLINE: "互联网渠道：双方确认之日为收到申请之日（工作日办公时间内提交的为当日，否则为下一工作日）",
    FAX: "传真：双方确认之日为收到申请之日",
    EMAIL: "电子邮件：双方确认之日为收到申请之日",
}


class ReceiptError(ValueError):
    """A Chinese message naming the missing date."""


def online_receipt_date(submitted_at: datetime, is_working_day, next_working_day) -> date:
    """Art. 31 for the online form: the Beijing date of submission if it is a working day within office hours,
    otherwise the next working day after it (`submitted_at` is already in Beijing time)."""
    day = submitted_at.date()
    if is_working_day(day) and OFFICE_OPENS <= submitted_at.time() < OFFICE_CLOSES:
        return day
    return next_working_day(day)


def written_receipt_date(channel: str, submitted_on: date | None, signed_on: date | None, confirmed_on: date | None) -> date:
    """Art. 31 for a request entered by the office (letters, counters, faxes, e-mail)."""
    if channel == IN_PERSON:
        if not submitted_on:
            raise ReceiptError("当面提交的申请请填写提交日期")
        return submitted_on
    if channel == REGISTERED_MAIL:
        if not signed_on:
            raise ReceiptError("邮寄的申请请填写签收日期")
        return signed_on
    if channel in (PLAIN_LETTER, FAX, EMAIL, ONLINE):
        if not confirmed_on:
            raise ReceiptError("该渠道以双方确认之日为收到申请之日，请填写与申请人确认的日期")
        if submitted_on and confirmed_on < submitted_on:
            raise ReceiptError("确认日期不能早于来信（来件）日期")
        return confirmed_on
    if not submitted_on:
        raise ReceiptError("请填写收到申请的日期")
    return submitted_on


# --- 信息处理费 (国办函〔2020〕109号) --------------------------------------------------------------------------------
BY_COUNT, BY_VOLUME = "count", "volume"
FEE_METHODS = [(BY_COUNT, "按件计收"), (BY_VOLUME, "按量计收")]


def fee_by_count(items: int) -> int:
    """Yuan for the n-th application of one applicant in a calendar month: ≤10 free; 11–30 at 100 each; from 31 the
    price rises by 100 for each further tier of 10 (31–40 at 200, 41–50 at 300 …). `items` is the monthly total."""
    total = 0
    for n in range(11, items + 1):
        total += 100 if n <= 30 else 100 * (2 + (n - 31) // 10)
    return total


def fee_by_volume(pages: int) -> int:
    """Yuan for one application of `pages` pages: ≤30 free; 31–100 at 10; 101–200 at 20; from 201 at 40 each."""
    total = 0
    for p in range(31, pages + 1):
        total += 10 if p <= 100 else 20 if p <= 200 else 40
    return total


def fee(method: str, quantity: int) -> int:
    if quantity < 0:
        raise ValueError("数量不能为负数")
    if method == BY_COUNT:
        return fee_by_count(quantity)
    if method == BY_VOLUME:
        return fee_by_volume(quantity)
    raise ValueError("请选择一种计收方式：按件或按量（同一申请只能选一种）")


# --- Reply types (Art. 36) and the table-three rows each may be counted in -----------------------------------------
WITHHOLD_ROWS = [f"withhold_{i}" for i in range(1, 9)]
REPLY_TYPES = {  # key: (label, legal basis, allowed outcome rows of table three)
    "already_public": ("已主动公开，告知获取方式", "《中华人民共和国政府信息公开条例》第三十六条第（一）项", ["open"]),
    "open": ("予以公开", "《中华人民共和国政府信息公开条例》第三十六条第（二）项", ["open"]),
    "partial": ("部分公开", "《中华人民共和国政府信息公开条例》第三十六条第（三）项、第三十七条", ["partial"]),
    "withhold": ("不予公开", "《中华人民共和国政府信息公开条例》第三十六条第（三）项", WITHHOLD_ROWS),
    "not_exist": ("政府信息不存在", "《中华人民共和国政府信息公开条例》第三十六条第（四）项", ["unable_1"]),
    "not_ours": ("不属于本机关负责公开", "《中华人民共和国政府信息公开条例》第三十六条第（五）项", ["unable_1"]),
    "unable": ("无法提供", "《中华人民共和国政府信息公开条例》第三十八条", ["unable_2", "unable_3"]),
    "repeated": ("重复申请，不予重复处理", "《中华人民共和国政府信息公开条例》第三十六条第（六）项", ["reject_2"]),
    "reject": ("不予处理", "《中华人民共和国政府信息公开条例》第三十五条、第三十九条", ["reject_1", "reject_3", "reject_4", "reject_5"]),
    "abandoned": ("逾期未补正，视为放弃申请", "《中华人民共和国政府信息公开条例》第三十条", ["other_1"]),
    "other": ("其他处理", "《中华人民共和国政府信息公开条例》第四十二条", ["other_2", "other_3"]),
}
REPLY_TYPE_CHOICES = [(key, label) for key, (label, _, _) in REPLY_TYPES.items()]
REMEDIES = ("申请人如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，"
            "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。")


def reply_type_allows(reply_type: str, outcome: str) -> bool:
    return outcome in REPLY_TYPES.get(reply_type, ("", "", []))[2]


# --- Masks and the 查询码 ------------------------------------------------------------------------------------------
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone


def new_query_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))


def normalise_code(value: str) -> str:
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())[:32]


def mask_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1) if len(name) <= 3 else name[:2] + "*" * (len(name) - 2)


def mask_number(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    value = (value or "").strip()
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


# --- 咨询留言 ------------------------------------------------------------------------------------------------------
# Art. 39: 信访、投诉、举报 are not requests (nor questions); they go to their own channels.
PETITION_WORDS = ("信访", "投诉", "举报", "检举", "控告", "上访")
_LONG_NUMBER = re.compile(r"\d[\d\s-]{5,}\d[\dXx]?")


def is_petition(*texts: str) -> bool:
    return any(word in (text or "") for text in texts for word in PETITION_WORDS)


def hide_numbers(text: str) -> str:
    """Long digit runs (phone, ID, card numbers) in a published message become asterisks."""
    return _LONG_NUMBER.sub(lambda m: "*" * len(m.group(0)), text or "")
