"""Thai national identification number (เลขประจำตัวประชาชน): 13 digits.

The 13th digit is (11 - sum(d_i * (13 - i)) mod 11) mod 10 over the first 12 digits
(Department of Provincial Administration rule as published).
"""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import Fields, Label, digits_only, finding, text
from pictotext_desktop.records import Check, Severity

FIELD = "idNumber"
LABEL: Label = ("ID number", "身份证号码")


def check_digit(first12: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return str((11 - total % 11) % 10)


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD))
    if not raw:
        return []
    if len(raw) != 13 or not raw.isdigit():
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 13 digits.", "应为 13 位数字。")]  # fmt: skip
    if check_digit(raw[:12]) != raw[12]:
        return [finding(FIELD, "ID_CHECK_DIGIT", Severity.ERROR, LABEL,
                        "the check digit does not match; a digit was probably misread.",
                        "校验位不符，可能有数字识别错误。")]  # fmt: skip
    return []
