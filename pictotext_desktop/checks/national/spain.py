"""Spanish DNI and NIE letters (Real Decreto 1553/2005, art. 11; Orden INT/2058/2008).

DNI: 8 digits and the letter TRWAGMYFPDXBNJZSQVHLCKE[number mod 23]; NIE: X, Y or Z
(read as 0, 1, 2), 7 digits and the same letter.
"""

from __future__ import annotations

import re
from datetime import date

from pictotext_desktop.checks.common import Fields, Label, finding, text
from pictotext_desktop.records import Check, Severity

FIELD = "documentNumber"
LABEL: Label = ("DNI number", "DNI 号码")
LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_RE = re.compile(r"^([XYZ]?)(\d{7,8})([A-Z])$")


def letter(number: str) -> str:
    """The control letter of an 8-digit DNI or an NIE (X/Y/Z and 7 digits)."""
    head = {"X": "0", "Y": "1", "Z": "2"}.get(number[0], number[0])
    return LETTERS[int(head + number[1:]) % 23]


def check(fields: Fields, today: date) -> list[Check]:
    raw = re.sub(r"[\s\-.]", "", text(fields, FIELD)).upper()
    if not raw:
        return []
    m = _RE.match(raw)
    if not m or len(m[1] + m[2]) != 8:
        return [finding(FIELD, "ID_FORMAT", Severity.WARNING, LABEL,
                        "expected 8 digits and a letter (DNI) or X/Y/Z, 7 digits and a "
                        "letter (NIE).",
                        "应为 8 位数字加 1 个字母（DNI），或 X/Y/Z、7 位数字加 1 个字母（NIE）。")]
    want = letter(m[1] + m[2])
    if want != m[3]:
        return [finding(FIELD, "ID_CHECK_DIGIT", Severity.ERROR, LABEL,
                        "the control letter does not match the digits; a character was "
                        "probably misread.",
                        "校验字母与数字不符，可能有字符识别错误。",
                        (m[1] + m[2] + want,))]  # fmt: skip
    return []
