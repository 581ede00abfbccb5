"""Pakistani CNIC (NADRA): 13 digits printed 12345-1234567-1; the last digit is odd for
men and even for women.  No check digit is published, so the sex is what can be checked."""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import Fields, Label, digits_only, finding, text
from pictotext_desktop.checks.national._shared import sex_mismatch
from pictotext_desktop.records import Check, Severity

FIELD = "idNumber"
LABEL: Label = ("Identity number", "身份证号码")


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD))
    if not raw:
        return []
    if len(raw) != 13 or not raw.isdigit():
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 13 digits, like 12345-1234567-1.",
                        "应为 13 位数字，如 12345-1234567-1。")]  # fmt: skip
    sex = "M" if int(raw[12]) % 2 else "F"
    return sex_mismatch(fields, "gender", sex, "identity number (last digit)", "身份证号码末位")
