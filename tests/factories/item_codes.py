"""Build national 事项编码 from their parts, following the published format rules (not the parser under test).

实施编码 (GB/T 39554.1-2020, as in the national 政务服务事项 lists):
    基本编码 (12) - 行政区划代码 (12 = GB/T 2260 6 digits + 6) - 3 digits - 实施机构统一社会信用代码 (18) - 业务办理项
统一社会信用代码 (GB 32100-2015): 登记管理部门代码 1 + 机构类别代码 1 + 登记管理机关行政区划码 6 + 主体标识码 9
(组织机构代码, GB 11714, with its own check character) + check character (publishing.uscc.check_character).
"""
import random
import string
from dataclasses import dataclass

from publishing.uscc import ALPHABET, check_character, organisation_check_character

# Real GB/T 2260 county-level codes with their province (public knowledge), for test data.
AREAS = [
    ("110101", "北京市"),  # 东城区
    ("120101", "天津市"),  # 和平区
    ("310104", "上海市"),  # 徐汇区
    ("430102", "湖南省"),  # 芙蓉区
    ("440305", "广东省"),  # 南山区
    ("450102", "广西壮族自治区"),  # 兴宁区
    ("500103", "重庆市"),  # 渝中区
    ("511602", "四川省"),  # 广安区
    ("520102", "贵州省"),  # 南明区
    ("540102", "西藏自治区"),  # 城关区
    ("620524", "甘肃省"),  # 武山县
    ("650102", "新疆维吾尔自治区"),  # 天山区
]
ITEM_TYPE_LETTERS = ("XK", "CF", "QZ", "ZS", "GF", "JC", "QR", "JL", "CJ", "QT", "GG")
_ALNUM = string.digits + string.ascii_uppercase


def organisation_code(rng):
    """A 9-character 组织机构代码 (GB 11714): 8 characters and the check character."""
    body = "".join(rng.choice(string.digits + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    return body + organisation_check_character(body)


def uscc_code(rng, area):
    """A 统一社会信用代码 of a 机关 (1 1) registered in `area`, with the right check character."""
    first17 = "11" + area + organisation_code(rng)
    assert all(c in ALPHABET for c in first17)
    return first17 + check_character(first17)


def wrong_check(code):
    """The same USCC with a wrong (but allowed) 18th character; returns (bad code, the expected character)."""
    expected = code[17]
    wrong = ALPHABET[(ALPHABET.index(expected) + 1) % len(ALPHABET)]
    return code[:17] + wrong, expected


def basic_code(rng, type_letters=""):
    """A 12-character 基本编码. Without type_letters it starts with a digit, so it carries no 事项类型."""
    if type_letters:
        return type_letters + rng.choice(string.digits) + "".join(rng.choice(_ALNUM) for _ in range(9))
    return rng.choice(string.digits) + "".join(rng.choice(_ALNUM) for _ in range(11))


@dataclass
class NationalCode:
    basic: str
    area12: str
    province: str
    segment: str
    uscc: str
    business: str

    @property
    def code(self):
        return f"{self.basic}-{self.area12}-{self.segment}-{self.uscc}-{self.business}"


def national_code(rng=None, *, type_letters="", area=None):
    """A national 实施编码 with every part valid."""
    rng = rng or random.Random()
    area6, province = area or rng.choice(AREAS)
    township = rng.choice(["000000", f"{rng.randint(1, 30):03d}000"])
    return NationalCode(
        basic=basic_code(rng, type_letters),
        area12=area6 + township,
        province=province,
        segment=f"{rng.randint(0, 999):03d}",
        uscc=uscc_code(rng, area6),
        business=f"{rng.randint(1, 9)}-{rng.randint(0, 99):02d}",
    )


def provincial_basic_code(rng=None, type_letters="XK"):
    """The older 10-character provincial 基本编码: 事项类型 (2 letters) + 主项 (5 digits) + 子项 (3 characters)."""
    rng = rng or random.Random()
    main = "".join(rng.choice(string.digits) for _ in range(5))
    sub = "".join(rng.choice(string.digits) for _ in range(2)) + rng.choice(_ALNUM)
    return type_letters + main + sub, main, sub
