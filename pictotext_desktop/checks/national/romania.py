"""Romanian personal numeric code (CNP, SR 13; Law 119/1996 as published by DEPABD).

S YYMMDD JJ NNN C: S gives sex and century (1/2: 1900s, 3/4: 1800s, 5/6: 2000s, odd =
male; 7/8 residents, 9 foreigners), JJ the county, and C = sum(d_i * 279146358279) mod 11
(10 becomes 1).
"""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import (
    Fields,
    Label,
    digits_only,
    finding,
    parse_sex,
    text,
)
from pictotext_desktop.records import Check, Severity

FIELD = "cnp"
LABEL: Label = ("Personal numeric code (CNP)", "个人数字代码（CNP）")
_WEIGHTS = "279146358279"
_CENTURY = {"1": 1900, "2": 1900, "3": 1800, "4": 1800, "5": 2000, "6": 2000}


def check_digit(first12: str) -> str:
    total = sum(int(d) * int(w) for d, w in zip(first12, _WEIGHTS, strict=True)) % 11
    return "1" if total == 10 else str(total)


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD))
    if not raw:
        return []
    if len(raw) != 13 or not raw.isdigit() or raw[0] == "0":
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 13 digits, the first 1-9.", "应为 13 位数字，首位为 1-9。")]
    out: list[Check] = []
    if check_digit(raw[:12]) != raw[12]:
        out.append(finding(FIELD, "ID_CHECK_DIGIT", Severity.ERROR, LABEL,
                           "the check digit does not match; a digit was probably misread.",
                           "校验位不符，可能有数字识别错误。"))  # fmt: skip
    century = _CENTURY.get(raw[0])
    if century is not None:
        try:
            date(century + int(raw[1:3]), int(raw[3:5]), int(raw[5:7]))
        except ValueError:
            out.append(finding(FIELD, "ID_BIRTHDATE_INVALID", Severity.ERROR, LABEL,
                               "digits 2-7 are not a real birth date.",
                               "第 2-7 位不是有效的出生日期。"))  # fmt: skip
    stated = parse_sex(fields.get("sex"))
    if raw[0] in "12345678" and stated in ("M", "F"):
        coded = "M" if int(raw[0]) % 2 else "F"
        if stated != coded:
            out.append(finding("sex", "ID_GENDER_MISMATCH", Severity.WARNING, ("Sex", "性别"),
                               "differs from the sex coded in the CNP's first digit.",
                               "与 CNP 首位所表示的性别不一致。", (coded,)))  # fmt: skip
    return out
