"""Italian tax code (codice fiscale, D.M. 23/12/1976; DPR 605/1973).

16 characters: 3 surname letters, 3 name letters, year (2 digits), month letter, day
(+40 for women), the municipality code (letter + 3 digits) and a check letter computed
from odd/even position tables.  Digits in positions 7-8, 10-11 and 13-15 may be replaced
by the letters LMNPQRSTUV when codes collide (omocodia).
"""

from __future__ import annotations

import re
from datetime import date

from pictotext_desktop.checks.common import (
    Fields,
    Label,
    finding,
    parse_any_date,
    parse_sex,
    text,
)
from pictotext_desktop.records import Check, Severity

FIELD = "taxCode"
LABEL: Label = ("Tax code", "税号（codice fiscale）")
_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
                 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23), strict=True))
_EVEN = {c: i % 10 if c.isdigit() else ord(c) - 65 for i, c in
         enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}  # fmt: skip
_MONTHS = "ABCDEHLMPRST"
_OMOCODE = "LMNPQRSTUV"
_OMOCODE_AT = (6, 7, 9, 10, 12, 13, 14)
_RE = re.compile(r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z]"
                 r"[0-9LMNPQRSTUV]{3}[A-Z]$")  # fmt: skip


def check_char(first15: str) -> str:
    total = sum((_ODD if i % 2 == 0 else _EVEN)[c] for i, c in enumerate(first15))
    return chr(65 + total % 26)


def decode_omocode(code: str) -> str:
    chars = list(code)
    for i in _OMOCODE_AT:
        if chars[i] in _OMOCODE:
            chars[i] = str(_OMOCODE.index(chars[i]))
    return "".join(chars)


def _letters(name: str) -> tuple[str, str]:
    only = re.sub(r"[^A-Z]", "", _ascii(name))
    consonants = "".join(c for c in only if c not in "AEIOU")
    vowels = "".join(c for c in only if c in "AEIOU")
    return consonants, vowels


def _ascii(value: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", value.upper()).encode("ascii", "ignore").decode()


def surname_code(surname: str) -> str:
    consonants, vowels = _letters(surname)
    return (consonants + vowels + "XXX")[:3]


def name_code(name: str) -> str:
    consonants, vowels = _letters(name)
    if len(consonants) >= 4:
        return consonants[0] + consonants[2] + consonants[3]
    return (consonants + vowels + "XXX")[:3]


def check(fields: Fields, today: date) -> list[Check]:
    raw = re.sub(r"\s+", "", text(fields, FIELD)).upper()
    if not raw:
        return []
    if not _RE.match(raw):
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 16 characters: 6 letters, 2 digits, a month letter, 2 "
                        "digits, a letter, 3 digits and a check letter.",
                        "应为 16 个字符：6 个字母、2 位数字、月份字母、2 位数字、1 个字母、"
                        "3 位数字和校验字母。")]  # fmt: skip
    out: list[Check] = []
    want = check_char(raw[:15])
    if want != raw[15]:
        out.append(finding(FIELD, "ID_CHECK_DIGIT", Severity.ERROR, LABEL,
                           "the check letter does not match; a character was probably "
                           "misread.", "校验字母不符，可能有字符识别错误。",
                           (raw[:15] + want,)))  # fmt: skip
        return out
    plain = decode_omocode(raw)
    yy, month, day = int(plain[6:8]), _MONTHS.index(plain[8]) + 1, int(plain[9:11])
    sex = "F" if day > 40 else "M"
    day -= 40 if day > 40 else 0
    printed = parse_any_date(fields.get("dateOfBirth"))
    if printed is not None and (printed.year % 100, printed.month, printed.day) != (
        yy, month, day
    ):
        out.append(finding("dateOfBirth", "ID_BIRTHDATE_MISMATCH", Severity.WARNING,
                           ("Date of birth", "出生日期"),
                           "differs from the birth date in the tax code.",
                           "与税号中的出生日期不一致。"))  # fmt: skip
    stated = parse_sex(fields.get("gender"))
    if stated in ("M", "F") and stated != sex:
        out.append(finding("gender", "ID_GENDER_MISMATCH", Severity.WARNING, ("Sex", "性别"),
                           "differs from the sex coded in the tax code (day plus 40 for "
                           "women).", "与税号所表示的性别不一致（女性的日数加 40）。",
                           (sex,)))  # fmt: skip
    surname, given = text(fields, "lastName"), text(fields, "firstName")
    if surname and surname_code(surname) != raw[:3]:
        out.append(finding("lastName", "ID_NAME_MISMATCH", Severity.WARNING,
                           ("Surname", "姓"), "does not give the tax code's first three "
                           "letters; one of them was probably misread.",
                           "与税号前三个字母不符，其中一处可能识别错误。"))  # fmt: skip
    if given and name_code(given) != raw[3:6]:
        out.append(finding("firstName", "ID_NAME_MISMATCH", Severity.WARNING,
                           ("Given names", "名"), "do not give the tax code's letters 4-6; "
                           "one of them was probably misread.",
                           "与税号第 4-6 个字母不符，其中一处可能识别错误。"))  # fmt: skip
    return out
