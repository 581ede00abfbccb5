"""Japanese Individual Number (マイナンバー): 12 digits, the last a check digit by the
Cabinet Office ordinance (番号法施行令 art. 8): with P_n the n-th digit from the right of
the first 11 and Q_n = n + 1 (n <= 6) or n - 5 (n >= 7), the check is 11 - sum mod 11,
and 0 when the remainder is 0 or 1."""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import Fields, Label, digits_only, finding, text
from pictotext_desktop.records import Check, Severity

FIELD = "individualNumber"
LABEL: Label = ("Individual Number", "个人编号")


def check_digit(first11: str) -> str:
    total = 0
    for n, char in enumerate(reversed(first11), start=1):
        total += int(char) * (n + 1 if n <= 6 else n - 5)
    remainder = total % 11
    return "0" if remainder <= 1 else str(11 - remainder)


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD))
    if not raw:
        return []
    if len(raw) != 12 or not raw.isdigit():
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 12 digits.", "应为 12 位数字。")]  # fmt: skip
    if check_digit(raw[:11]) != raw[11]:
        return [finding(FIELD, "ID_CHECK_DIGIT", Severity.ERROR, LABEL,
                        "the check digit does not match; a digit was probably misread.",
                        "校验位不符，可能有数字识别错误。")]  # fmt: skip
    return []
