"""Dutch citizen service number (BSN): 9 digits passing the '11-test' (elfproef).

sum(d_i * (9, 8, ..., 2)) - d_9 must be a multiple of 11 (Wet algemene bepalingen
burgerservicenummer; Logius' published rule).  Old 8-digit numbers get a leading 0.
"""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import Fields, Label, digits_only, finding, text
from pictotext_desktop.records import Check, Severity

FIELD = "personalNumber"
LABEL: Label = ("Citizen service number (BSN)", "公民服务号（BSN）")


def is_valid(number: str) -> bool:
    if len(number) == 8:
        number = "0" + number
    if len(number) != 9 or not number.isdigit() or number == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(number[:8], range(9, 1, -1), strict=True))
    return (total - int(number[8])) % 11 == 0


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD))
    if not raw:
        return []
    if not raw.isdigit() or len(raw) not in (8, 9):
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 9 digits.", "应为 9 位数字。")]  # fmt: skip
    if not is_valid(raw):
        return [finding(FIELD, "ID_CHECK_DIGIT", Severity.ERROR, LABEL,
                        "fails the 11-test; a digit was probably misread.",
                        "未通过 11 校验，可能有数字识别错误。")]  # fmt: skip
    return []
