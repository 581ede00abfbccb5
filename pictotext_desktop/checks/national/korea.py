"""Korean resident registration number (주민등록번호): YYMMDD-SBBBBNC.

The 7th digit gives sex and century (9/0: 1800s, 1/2 and 5/6: 1900s, 3/4 and 7/8:
2000s; odd = male); the 13th digit is (11 - sum(d_i * w_i) mod 11) mod 10 with weights
2..9,2..5 (Ministry of the Interior rule as published).  Numbers given since October 2020
have random digits after the 7th and no check digit, so a failing check is a warning.
"""

from __future__ import annotations

import re
from datetime import date

from pictotext_desktop.checks.common import Fields, Label, finding, text
from pictotext_desktop.records import Check, Severity

FIELD = "residentRegistrationNumber"
LABEL: Label = ("Resident registration number", "居民登记号")
_RE = re.compile(r"^(\d{6})-?(\d{7})$")
_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_CENTURY = {"9": 1800, "0": 1800, "1": 1900, "2": 1900, "5": 1900, "6": 1900,
            "3": 2000, "4": 2000, "7": 2000, "8": 2000}  # fmt: skip
RANDOM_SINCE = date(2020, 10, 5)  # numbers issued from then on carry no check digit


def check_digit(first12: str) -> str:
    total = sum(int(d) * w for d, w in zip(first12, _WEIGHTS, strict=True))
    return str((11 - total % 11) % 10)


def birth_date(number: str) -> date | None:
    """The birth date coded in 13 digits; None when it is not a real date."""
    year = _CENTURY[number[6]] + int(number[:2])
    try:
        return date(year, int(number[2:4]), int(number[4:6]))
    except ValueError:
        return None


def check(fields: Fields, today: date) -> list[Check]:
    raw = text(fields, FIELD).replace(" ", "")
    if not raw or "*" in raw:  # masked numbers cannot be checked
        return []
    m = _RE.match(raw)
    if not m:
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 6 digits, a dash and 7 digits, like 900101-1234567.",
                        "应为 6 位数字、短横线和 7 位数字，如 900101-1234567。")]  # fmt: skip
    number = m[1] + m[2]
    birth = birth_date(number)
    if birth is None or birth > today:
        return [finding(FIELD, "ID_BIRTHDATE_INVALID", Severity.ERROR, LABEL,
                        "the birth date in its first 6 digits is not a real past date.",
                        "前 6 位中的出生日期不是有效的过去日期。")]  # fmt: skip
    if birth < RANDOM_SINCE and check_digit(number[:12]) != number[12]:
        return [finding(FIELD, "ID_CHECK_DIGIT", Severity.WARNING, LABEL,
                        "the check digit does not match; a digit was probably misread "
                        "(numbers given since October 2020 have none, so this may be fine "
                        "for a number changed since).",
                        "校验位不符，可能有数字识别错误（2020 年 10 月以后发放的号码没有校验位，"
                        "若号码在此后变更则属正常）。")]  # fmt: skip
    return []
