"""统一社会信用代码 (GB 32100-2015): 18 characters with a check character. Plain Python, no Django.

Layout: 登记管理部门代码 (1) + 机构类别代码 (1) + 登记管理机关行政区划码 (6, GB/T 2260) + 主体标识码 (9, the old
组织机构代码 including its own check character) + 校验码 (1). The alphabet leaves out I, O, Z, S and V.
"""
import re

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
SHAPE = re.compile(rf"^[{ALPHABET}]{{18}}$")


class InvalidUSCC(ValueError):
    """Raised with a Chinese message naming what is wrong."""


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (each from ALPHABET)."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def organisation_check_character(body8: str) -> str:
    """The 9th character of a 组织机构代码 (GB 11714, positions 9–17 of a USCC) for its first 8 (digits or letters)."""
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in body8]
    check = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2))) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def is_valid(value) -> bool:
    code = str(value or "").strip().upper()
    return bool(SHAPE.match(code)) and check_character(code[:17]) == code[17]


def validate(value) -> str:
    """The code in upper case, or InvalidUSCC saying why it is not one."""
    code = str(value or "").strip().upper()
    if len(code) != 18:
        raise InvalidUSCC(f"统一社会信用代码应为18位，“{value}”为{len(code)}位")
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        raise InvalidUSCC(f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用 I、O、Z、S、V）")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise InvalidUSCC(f"统一社会信用代码校验码错误：第18位应为 {expected}，实为 {code[17]}")
    return code


def area_code(code: str) -> str:
    """The 6-digit 登记管理机关行政区划码 (positions 3–8)."""
    return code[2:8]
