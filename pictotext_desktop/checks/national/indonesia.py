"""Indonesian population number (NIK): 16 digits, PPKKCC DDMMYY SSSS.

PPKKCC is the registering region, DDMMYY the birth date with 40 added to the day for
women, SSSS a sequence (Permendagri 9/2011 / UU 24/2013).  No check digit.
"""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import (
    Fields,
    Label,
    coded_date,
    digits_only,
    finding,
    parse_any_date,
    parse_sex,
    text,
)
from pictotext_desktop.records import Check, Severity

FIELD = "id"
LABEL: Label = ("NIK", "NIK 号码")


def decode(number: str, hint: date | None, today: date) -> tuple[date | None, str]:
    """(birth date, 'M' or 'F') from digits 7-12."""
    day, month, yy = int(number[6:8]), int(number[8:10]), int(number[10:12])
    sex = "F" if day > 40 else "M"
    day -= 40 if day > 40 else 0
    return coded_date(yy, month, day, hint, today), sex


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD))
    if not raw:
        return []
    if len(raw) != 16 or not raw.isdigit():
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 16 digits.", "应为 16 位数字。")]  # fmt: skip
    printed = parse_any_date(fields.get("dateOfBirth"))
    birth, sex = decode(raw, printed, today)
    out: list[Check] = []
    if birth is None:
        out.append(finding(FIELD, "ID_BIRTHDATE_INVALID", Severity.ERROR, LABEL,
                           "digits 7-12 are not a birth date (women's days have 40 added).",
                           "第 7-12 位不是有效的出生日期（女性的日数加 40）。"))  # fmt: skip
    elif printed is not None and printed != birth:
        out.append(finding("dateOfBirth", "ID_BIRTHDATE_MISMATCH", Severity.WARNING,
                           ("Date of birth", "出生日期"),
                           "differs from the birth date in the NIK.",
                           "与 NIK 号码中的出生日期不一致。", (birth.isoformat(),)))
    stated = parse_sex(fields.get("gender"))
    if stated in ("M", "F") and stated != sex:
        out.append(finding("gender", "ID_GENDER_MISMATCH", Severity.WARNING, ("Sex", "性别"),
                           "differs from the sex coded in the NIK (day of birth plus 40 for "
                           "women).", "与 NIK 号码所表示的性别不一致（女性的出生日加 40）。",
                           ("Male" if sex == "M" else "Female",)))  # fmt: skip
    return out
