"""Vietnamese citizen identity number (số định danh cá nhân; Circular 07/2016/TT-BCA,
art. 7): 12 digits -- province of birth registration (001-096), a digit for sex and
century (0/1: 1900s man/woman, 2/3: 2000s, 4/5: 2100s ...), the year's last two digits,
then 6 random digits.  No check digit: the sex and birth year can be checked."""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import (
    Fields,
    Label,
    digits_only,
    finding,
    parse_any_date,
    text,
)
from pictotext_desktop.checks.national._shared import sex_mismatch
from pictotext_desktop.records import Check, Severity

FIELD = "idNumber"
LABEL: Label = ("ID number", "身份证号码")


def decode(number: str) -> tuple[int, str]:
    """(birth year, 'M' or 'F') from digits 4-6."""
    code = int(number[3])
    return 1900 + 100 * (code // 2) + int(number[4:6]), "F" if code % 2 else "M"


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD))
    if not raw:
        return []
    if len(raw) != 12 or not raw.isdigit():
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 12 digits.", "应为 12 位数字。")]  # fmt: skip
    out: list[Check] = []
    if not 1 <= int(raw[:3]) <= 96:
        out.append(finding(FIELD, "ID_PLACE_CODE", Severity.ERROR, LABEL,
                           "the first 3 digits are not a province code (001-096); a digit was "
                           "probably misread.",
                           "前 3 位不是省级代码（001-096），可能有数字识别错误。"))  # fmt: skip
    year, sex = decode(raw)
    printed = parse_any_date(fields.get("dateOfBirth"))
    if printed is not None and printed.year != year:
        out.append(finding("dateOfBirth", "ID_BIRTHDATE_MISMATCH", Severity.WARNING,
                           ("Date of birth", "出生日期"),
                           "its year differs from the birth year in the ID number (digits 4-6).",
                           "年份与身份证号码第 4-6 位所表示的出生年份不一致。"))  # fmt: skip
    out += sex_mismatch(fields, "gender", sex, "ID number (4th digit)", "身份证号码第 4 位",
                        ("Nam", "Nữ"))
    return out
