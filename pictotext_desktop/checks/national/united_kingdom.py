"""British driving licence number (DVLA): 16 characters -- the surname's first 5 letters
(9-padded, MAC as MC), the decade digit, month of birth (+50 for women), day, year digit,
two initials (9-padded), an arbitrary digit and two check letters (their rule is not
published).  The birth date and surname it encodes can be compared with the printed ones.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from pictotext_desktop.checks.common import Fields, Label, finding, parse_any_date, text
from pictotext_desktop.records import Check, Severity

FIELD = "driverNumber"
LABEL: Label = ("Driver number", "驾驶证号码")
_RE = re.compile(r"^([A-Z9]{5})(\d)([0156]\d)(\d{2})(\d)([A-Z9]{2})(\d)([A-Z0-9]{2})$")


def surname_part(surname: str) -> str:
    plain = unicodedata.normalize("NFKD", surname.upper()).encode("ascii", "ignore").decode()
    letters = re.sub(r"[^A-Z]", "", plain)
    if letters.startswith("MAC"):
        letters = "MC" + letters[3:]
    return (letters + "99999")[:5]


def check(fields: Fields, today: date) -> list[Check]:
    raw = re.sub(r"\s+", "", text(fields, FIELD)).upper()[:16]  # the issue number may follow
    if not raw:
        return []
    m = _RE.match(raw)
    if not m:
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 16 characters: 5 surname letters, 6 birth-date digits, 2 "
                        "initials, a digit and 2 check characters.",
                        "应为 16 个字符：5 个姓氏字母、6 位出生日期数字、2 个首字母、1 位数字和 "
                        "2 个校验字符。")]  # fmt: skip
    out: list[Check] = []
    month = int(m[3]) % 50
    printed = parse_any_date(fields.get("dateOfBirth"))
    if printed is not None and (
        (printed.year // 10) % 10, printed.year % 10, printed.month, printed.day
    ) != (int(m[2]), int(m[5]), month, int(m[4])):
        out.append(finding("dateOfBirth", "ID_BIRTHDATE_MISMATCH", Severity.WARNING,
                           ("Date of birth", "出生日期"),
                           "differs from the birth date coded in the driver number "
                           "(characters 6-11).",
                           "与驾驶证号码第 6-11 位中的出生日期不一致。"))  # fmt: skip
    surname = text(fields, "lastName")
    if surname and surname_part(surname) != m[1]:
        out.append(finding("lastName", "ID_NAME_MISMATCH", Severity.WARNING, ("Surname", "姓"),
                           "does not give the driver number's first 5 characters; one of them "
                           "was probably misread.",
                           "与驾驶证号码前 5 个字符不符，其中一处可能识别错误。"))  # fmt: skip
    return out
