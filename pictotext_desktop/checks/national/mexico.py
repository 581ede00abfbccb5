"""Mexican CURP (RENAPO, Instructivo Normativo para la Asignación de la CURP): 18
characters -- 4 name letters, YYMMDD, H/M sex, state, 3 consonants, a differentiator
(digit before 2000, letter from 2000) and a check digit: (10 - sum(v_i * (18 - i)) mod 10)
mod 10 with v from 0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ."""

from __future__ import annotations

import re
from datetime import date

from pictotext_desktop.checks.common import Fields, Label, finding, text
from pictotext_desktop.checks.national._shared import birth_mismatch, real_date, sex_mismatch
from pictotext_desktop.records import Check, Severity

FIELD = "curp"
LABEL: Label = ("CURP", "CURP")
_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
_RE = re.compile(r"^[A-ZÑ]{4}\d{6}[HMX][A-Z]{2}[A-ZÑ]{3}[0-9A-Z]\d$")


def check_digit(first17: str) -> str:
    total = sum(_ALPHABET.index(c) * (18 - i) for i, c in enumerate(first17))
    return str((10 - total % 10) % 10)


def check(fields: Fields, today: date) -> list[Check]:
    raw = re.sub(r"\s+", "", text(fields, FIELD)).upper()
    if not raw:
        return []
    if not _RE.match(raw):
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 18 characters: 4 letters, 6 digits, H or M, 5 letters, a "
                        "letter or digit and a digit.",
                        "应为 18 个字符：4 个字母、6 位数字、H 或 M、5 个字母、"
                        "1 个字母或数字和 1 位数字。")]
    out: list[Check] = []
    want = check_digit(raw[:17])
    if want != raw[17]:
        out.append(finding(FIELD, "ID_CHECK_DIGIT", Severity.ERROR, LABEL,
                           "the check digit does not match; a character was probably misread.",
                           "校验位不符，可能有字符识别错误。", (raw[:17] + want,)))  # fmt: skip
    century = 2000 if raw[16].isalpha() else 1900
    birth = real_date(century + int(raw[4:6]), int(raw[6:8]), int(raw[8:10]))
    if birth is None:
        out.append(finding(FIELD, "ID_BIRTHDATE_INVALID", Severity.ERROR, LABEL,
                           "characters 5-10 are not a real birth date.",
                           "第 5-10 位不是有效的出生日期。"))  # fmt: skip
    else:
        out += birth_mismatch(fields, "birthday", birth, "CURP", "CURP")
    if raw[10] in "HM":
        out += sex_mismatch(fields, "gender", "M" if raw[10] == "H" else "F",
                            "CURP (11th character)", "CURP 第 11 位")
    return out
