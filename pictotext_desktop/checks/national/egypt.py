"""Egyptian national number (الرقم القومي, Civil Status Law 143/1994): 14 digits --
century (2: 1900s, 3: 2000s), YYMMDD, governorate code, a sequence whose last digit is odd
for men, and a check digit whose rule is not published (so it is not checked)."""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import Fields, Label, digits_only, finding, text
from pictotext_desktop.checks.national._shared import birth_mismatch, real_date, sex_mismatch
from pictotext_desktop.records import Check, Severity

FIELD = "nationalNumber"
LABEL: Label = ("National number", "国民身份号码")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD).translate(_ARABIC_DIGITS))
    if not raw:
        return []
    if len(raw) != 14 or not raw.isdigit() or raw[0] not in "23":
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 14 digits starting with 2 or 3.",
                        "应为以 2 或 3 开头的 14 位数字。")]  # fmt: skip
    out: list[Check] = []
    birth = real_date(1700 + 100 * int(raw[0]) + int(raw[1:3]), int(raw[3:5]), int(raw[5:7]))
    if birth is None or birth > today:
        out.append(finding(FIELD, "ID_BIRTHDATE_INVALID", Severity.ERROR, LABEL,
                           "digits 2-7 are not a real past birth date.",
                           "第 2-7 位不是有效的过去出生日期。"))  # fmt: skip
    else:
        out += birth_mismatch(fields, "dateOfBirth", birth, "national number", "国民身份号码")
    sex = "M" if int(raw[12]) % 2 else "F"
    out += sex_mismatch(fields, "gender", sex, "national number (13th digit)",
                        "国民身份号码第 13 位", ("ذكر", "أنثى"))
    return out
