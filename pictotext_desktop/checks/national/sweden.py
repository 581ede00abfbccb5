"""Swedish personal identity number (personnummer, Folkbokföringslagen; SKV 704).

YYMMDD-NNNC (or YYYYMMDD-NNNC; '+' instead of '-' from age 100): C is a Luhn digit over
the 10 digits YYMMDDNNN; a coordination number (samordningsnummer) adds 60 to the day;
the ninth digit is odd for men.
"""

from __future__ import annotations

import re
from datetime import date

from pictotext_desktop.checks.common import (
    Fields,
    Label,
    century_year,
    finding,
    luhn_ok,
    parse_any_date,
    text,
)
from pictotext_desktop.records import Check, Severity

FIELD = "personalIdNumber"
LABEL: Label = ("Personal identity number", "个人身份号码")
_RE = re.compile(r"^(\d{2})?(\d{6})([-+]?)(\d{4})$")


def is_valid(number: str) -> bool:
    m = _RE.match(re.sub(r"\s+", "", number))
    return m is not None and luhn_ok(m[2] + m[4])


def check(fields: Fields, today: date) -> list[Check]:
    raw = re.sub(r"\s+", "", text(fields, FIELD))
    if not raw:
        return []
    m = _RE.match(raw)
    if not m:
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected YYYYMMDD-NNNN or YYMMDD-NNNN.",
                        "应为 YYYYMMDD-NNNN 或 YYMMDD-NNNN 格式。")]  # fmt: skip
    out: list[Check] = []
    if not luhn_ok(m[2] + m[4]):
        out.append(finding(FIELD, "ID_CHECK_DIGIT", Severity.ERROR, LABEL,
                           "the check digit (Luhn) does not match; a digit was probably "
                           "misread.", "校验位（Luhn）不符，可能有数字识别错误。"))  # fmt: skip
    printed = parse_any_date(fields.get("dateOfBirth"))
    yy, mm, dd = int(m[2][:2]), int(m[2][2:4]), int(m[2][4:6])
    dd -= 60 if dd > 60 else 0  # coordination number
    if m[1]:
        year = int(m[1] + m[2][:2])
    else:
        year = century_year(yy, printed, today)
        # "+" marks someone 100 or older (unless the printed date already said the year)
        year -= 100 if m[3] == "+" and not (printed and printed.year % 100 == yy) else 0
    try:
        coded: date | None = date(year, mm, dd)
    except ValueError:
        coded = None
    if coded is None:
        out.append(finding(FIELD, "ID_BIRTHDATE_INVALID", Severity.ERROR, LABEL,
                           "the birth date in it is not a real date.",
                           "其中的出生日期不是有效日期。"))  # fmt: skip
    elif printed is not None and printed != coded:
        out.append(finding("dateOfBirth", "ID_BIRTHDATE_MISMATCH", Severity.WARNING,
                           ("Date of birth", "出生日期"),
                           "differs from the birth date in the personal identity number.",
                           "与个人身份号码中的出生日期不一致。", (coded.isoformat(),)))
    return out
