"""Malaysian MyKad number: YYMMDD-PB-###G (Jabatan Pendaftaran Negara).

YYMMDD is the birth date; PB the place of birth (01-16 and 21-59 states, 60-68, 71-72,
74-79, 82-93 and 98-99 abroad or special); the last digit is odd for men.  There is no
check digit, so the birth date, place code and sex are what can be checked.
"""

from __future__ import annotations

import re
from datetime import date

from pictotext_desktop.checks.common import (
    Fields,
    Label,
    coded_date,
    finding,
    parse_any_date,
    parse_sex,
    text,
)
from pictotext_desktop.records import Check, Severity

FIELD = "cardNumber"
LABEL: Label = ("MyKad number", "MyKad 号码")
_RE = re.compile(r"^(\d{6})-?(\d{2})-?(\d{4})$")
_UNASSIGNED = {0, 17, 18, 19, 20, 69, 70, 73, 80, 81, 94, 95, 96, 97}


def place_code_known(code: str) -> bool:
    return int(code) not in _UNASSIGNED


def birth_date(yymmdd: str, hint: date | None, today: date) -> date | None:
    return coded_date(int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]), hint, today)


def check(fields: Fields, today: date) -> list[Check]:
    raw = re.sub(r"\s+", "", text(fields, FIELD))
    if not raw:
        return []
    m = _RE.match(raw)
    if not m:
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 12 digits, like 901231-08-6123.",
                        "应为 12 位数字，如 901231-08-6123。")]  # fmt: skip
    out: list[Check] = []
    printed = parse_any_date(fields.get("dateOfBirth"))
    coded = birth_date(m[1], printed, today)
    if coded is None:
        out.append(finding(FIELD, "ID_BIRTHDATE_INVALID", Severity.ERROR, LABEL,
                           "the birth date in its first 6 digits is not a real date.",
                           "前 6 位中的出生日期不是有效日期。"))  # fmt: skip
    elif printed is not None and printed != coded:
        out.append(finding("dateOfBirth", "ID_BIRTHDATE_MISMATCH", Severity.WARNING,
                           ("Date of birth", "出生日期"),
                           "differs from the birth date in the MyKad number.",
                           "与 MyKad 号码中的出生日期不一致。", (coded.isoformat(),)))
    if not place_code_known(m[2]):
        out.append(finding(FIELD, "ID_PLACE_CODE", Severity.ERROR, LABEL,
                           "digits 7-8 are not a place-of-birth code in use; a digit was "
                           "probably misread.",
                           "第 7-8 位不是在用的出生地代码，可能有数字识别错误。"))  # fmt: skip
    stated = parse_sex(fields.get("gender"))
    sex = "M" if int(m[3][-1]) % 2 else "F"
    if stated in ("M", "F") and stated != sex:
        out.append(finding("gender", "ID_GENDER_MISMATCH", Severity.WARNING, ("Sex", "性别"),
                           "differs from the sex coded in the last digit of the MyKad number.",
                           "与 MyKad 号码末位所表示的性别不一致。",
                           ("Male" if sex == "M" else "Female",)))  # fmt: skip
    return out
