"""Aadhaar numbers: 12 digits, not starting with 0 or 1, with a Verhoeff check digit
(UIDAI, "Aadhaar number" specification); the 16-digit Virtual ID uses Verhoeff too."""

from __future__ import annotations

import re
from datetime import date

from pictotext_desktop.checks.common import Fields, Label, digits_only, finding, text
from pictotext_desktop.records import Check, Severity

# Verhoeff (1969): the dihedral group D5 multiplication table and the permutation table.
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6), (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4), (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)  # fmt: skip
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2), (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)  # fmt: skip


def verhoeff_ok(number: str) -> bool:
    if not number.isdigit():
        return False
    c = 0
    for i, char in enumerate(reversed(number)):
        c = _D[c][_P[i % 8][int(char)]]
    return c == 0


_NUMBERS: dict[str, tuple[Label, int]] = {
    "cardNumber": (("Aadhaar number", "Aadhaar 号码"), 12),
    "vid": (("Virtual ID", "虚拟 ID"), 16),
}


def check(fields: Fields, today: date) -> list[Check]:
    out: list[Check] = []
    for key, (label, length) in _NUMBERS.items():
        raw = digits_only(text(fields, key))
        if not raw or "X" in raw.upper() or "*" in raw:  # masked copies show 4 digits
            continue
        if len(raw) != length or not raw.isdigit() or (length == 12 and raw[0] in "01"):
            out.append(finding(key, "ID_FORMAT", Severity.ERROR, label,
                               f"expected {length} digits"
                               + (", not starting with 0 or 1." if length == 12 else "."),
                               f"应为 {length} 位数字"
                               + ("，且不以 0 或 1 开头。" if length == 12 else "。")))
        elif not verhoeff_ok(raw):
            out.append(finding(key, "ID_CHECK_DIGIT", Severity.ERROR, label,
                               "the check digit (Verhoeff) does not match; a digit was "
                               "probably misread.",
                               "校验位（Verhoeff）不符，可能有数字识别错误。"))  # fmt: skip
    return out


# PAN (Income Tax Department): 5 letters, 4 digits, a letter; the 4th letter is the
# holder's type (P person, C company, H Hindu undivided family, F firm, A association,
# T trust, B body of individuals, L local authority, J juridical person, G government).
_PAN_TYPES = "PCHFATBLJG"


def check_pan(fields: Fields, today: date) -> list[Check]:
    raw = text(fields, "cardNumber").replace(" ", "").upper()
    if not raw:
        return []
    label: Label = ("PAN", "PAN 号码")
    if not re.fullmatch(r"[A-Z]{5}\d{4}[A-Z]", raw):
        return [finding("cardNumber", "ID_FORMAT", Severity.ERROR, label,
                        "expected 5 letters, 4 digits and a letter, like ABCPE1234F.",
                        "应为 5 个字母、4 位数字和 1 个字母，如 ABCPE1234F。")]  # fmt: skip
    if raw[3] not in _PAN_TYPES:
        return [finding("cardNumber", "ID_FORMAT", Severity.ERROR, label,
                        "the 4th letter is not a holder type (P, C, H, F, A, T, B, L, J or G); "
                        "a letter was probably misread.",
                        "第 4 个字母不是持有人类型（P、C、H、F、A、T、B、L、J 或 G），"
                        "可能有字母识别错误。")]  # fmt: skip
    return []
