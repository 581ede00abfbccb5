"""South African identity number: YYMMDD SSSS C A Z (Identification Act 68 of 1997).

SSSS below 5000 is female, 5000 and up male; C is 0 for citizens, 1 for permanent
residents (2 refugees); Z is a Luhn check digit over the first 12 digits.
"""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import (
    Fields,
    Label,
    coded_date,
    digits_only,
    finding,
    luhn_ok,
    parse_any_date,
    parse_sex,
    text,
)
from pictotext_desktop.records import Check, Severity

FIELD = "identityNumber"
LABEL: Label = ("Identity number", "身份号码")


def birth_date(number: str, hint: date | None, today: date) -> date | None:
    """The coded birth date, in the printed date's century when they share the year."""
    return coded_date(int(number[:2]), int(number[2:4]), int(number[4:6]), hint, today)


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD))
    if not raw:
        return []
    if len(raw) != 13 or not raw.isdigit():
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 13 digits.", "应为 13 位数字。")]  # fmt: skip
    out: list[Check] = []
    if not luhn_ok(raw):
        out.append(finding(FIELD, "ID_CHECK_DIGIT", Severity.ERROR, LABEL,
                           "the check digit (Luhn) does not match; a digit was probably "
                           "misread.", "校验位（Luhn）不符，可能有数字识别错误。"))  # fmt: skip
    printed = parse_any_date(fields.get("dateOfBirth"))
    coded = birth_date(raw, printed, today)
    if coded is None:
        out.append(finding(FIELD, "ID_BIRTHDATE_INVALID", Severity.ERROR, LABEL,
                           "the birth date in its first 6 digits is not a real date.",
                           "前 6 位中的出生日期不是有效日期。"))  # fmt: skip
    elif printed is not None and printed != coded:
        out.append(finding("dateOfBirth", "ID_BIRTHDATE_MISMATCH", Severity.WARNING,
                           ("Date of birth", "出生日期"),
                           "differs from the birth date in the identity number.",
                           "与身份号码中的出生日期不一致。", (coded.isoformat(),)))  # fmt: skip
    stated = parse_sex(fields.get("gender"))
    sex = "M" if int(raw[6:10]) >= 5000 else "F"
    if stated in ("M", "F") and stated != sex:
        out.append(finding("gender", "ID_GENDER_MISMATCH", Severity.WARNING, ("Sex", "性别"),
                           "differs from the sex coded in the identity number (digits 7-10).",
                           "与身份号码第 7-10 位所表示的性别不一致。",
                           ("MALE" if sex == "M" else "FEMALE",)))  # fmt: skip
    status = text(fields, "citizenshipStatus").upper()
    coded_status = {"0": "CITIZEN", "1": "PERMANENT RESIDENT"}.get(raw[10])
    if status in ("CITIZEN", "PERMANENT RESIDENT") and coded_status and status != coded_status:
        out.append(finding("citizenshipStatus", "ID_STATUS_MISMATCH", Severity.WARNING,
                           ("Citizenship status", "公民身份"),
                           "differs from the status coded in the identity number (11th "
                           "digit: 0 citizen, 1 permanent resident).",
                           "与身份号码第 11 位所表示的身份不一致（0 为公民，1 为永久居民）。",
                           (coded_status,)))  # fmt: skip
    return out
