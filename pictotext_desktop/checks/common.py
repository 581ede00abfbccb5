"""Small pieces the rule modules share: field access, sexes, dates and their findings.

Messages follow cn_id's style: "Label: what is wrong." in English with the same sentence
in Chinese, never quoting a value; values a person could apply go in the suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from pictotext_desktop.checks.cn_id import age_on, parse_date
from pictotext_desktop.records import Check, Severity

Fields = dict[str, str | None]
Label = tuple[str, str]  # (English, Chinese)

__all__ = [
    "Fields", "Label", "age_on", "check_birth_date", "check_date_pair", "digits_only",
    "finding", "luhn_ok", "parse_any_date", "parse_sex", "text",
]  # fmt: skip


def text(fields: Fields, key: str) -> str:
    """The stripped value, or "" when absent."""
    return (fields.get(key) or "").strip()


def digits_only(value: str) -> str:
    """The value without the spaces, dashes, dots and slashes printed inside numbers."""
    return re.sub(r"[\s\-./]", "", value)


def finding(
    field: str,
    code: str,
    severity: Severity,
    label: Label,
    en: str,
    zh: str,
    suggestions: tuple[str, ...] = (),
) -> Check:
    """A Check whose messages start with the field's label in each language."""
    return Check(field, code, severity, f"{label[0]}: {en}", f"{label[1]}：{zh}", suggestions)


_SEXES = {
    "m": "M", "male": "M", "男": "M", "man": "M", "nam": "M", "hombre": "M",
    "masculin": "M", "maschile": "M", "männlich": "M", "mannelijk": "M", "ذكر": "M",
    "f": "F", "female": "F", "女": "F", "v": "F", "vrouw": "F", "vrouwelijk": "F",
    "nữ": "F", "nu": "F", "mujer": "F", "féminin": "F", "feminin": "F", "femminile": "F",
    "weiblich": "F", "kvinna": "F", "أنثى": "F", "w": "F",
    "x": "X", "<": "X",
}  # fmt: skip


def parse_sex(value: str | None) -> str | None:
    """'M', 'F' or 'X' from the ways documents print sex; None when unknown."""
    key = unicodedata.normalize("NFC", (value or "").strip().lower())
    return _SEXES.get(key)


def parse_any_date(value: str | None, day_first: bool = True) -> date | None:
    """A date written year first, or day first (DD/MM/YYYY) as most of these cards do;
    `day_first=False` where a card may print month first (US, Philippines, Canada)."""
    return parse_date(value, day_first=day_first)


def check_birth_date(
    fields: Fields, key: str, label: Label, today: date, day_first: bool = True
) -> list[Check]:
    birth = parse_any_date(fields.get(key), day_first)
    if birth is not None and birth > today:
        return [finding(key, "BIRTH_DATE_FUTURE", Severity.ERROR, label,
                        "is in the future.", "晚于今天。")]  # fmt: skip
    return []


def check_date_pair(
    fields: Fields,
    issue_key: str | None,
    expiry_key: str | None,
    labels: tuple[Label, Label],
    today: date,
    day_first: bool = True,
) -> list[Check]:
    """An expiry before the issue date is an error; an expired document is a warning."""
    issue = parse_any_date(fields.get(issue_key), day_first) if issue_key else None
    expiry = parse_any_date(fields.get(expiry_key), day_first) if expiry_key else None
    out: list[Check] = []
    if issue is not None and issue_key and issue > today:
        out.append(finding(issue_key, "ISSUE_DATE_FUTURE", Severity.WARNING, labels[0],
                           "is in the future.", "晚于今天。"))  # fmt: skip
    if expiry is None or not expiry_key:
        return out
    if issue is not None and expiry <= issue:
        out.append(
            finding(expiry_key, "EXPIRY_BEFORE_ISSUE", Severity.ERROR, labels[1],
                    f"is not after the {labels[0][0].lower()}; one of them was misread.",
                    f"不晚于{labels[0][1]}，其中一个可能识别错误。")
        )
    elif expiry < today:
        out.append(finding(expiry_key, "DOCUMENT_EXPIRED", Severity.WARNING, labels[1],
                           "the document has expired.", "证件已过期。"))  # fmt: skip
    return out


def century_year(yy: int, hint: date | None, today: date) -> int:
    """The full year of a two-digit year in an ID number: the printed birth date's when they
    share the last two digits, else the latest year not after today."""
    if hint is not None and hint.year % 100 == yy:
        return hint.year
    return 2000 + yy if 2000 + yy <= today.year else 1900 + yy


def coded_date(yy: int, mm: int, dd: int, hint: date | None, today: date) -> date | None:
    """The birth date coded as YY, MM, DD, or None when that is no real date."""
    try:
        return date(century_year(yy, hint, today), mm, dd)
    except ValueError:
        return None


def luhn_ok(number: str) -> bool:
    """The Luhn (ISO/IEC 7812-1 annex B) test over a string of digits."""
    if not number.isdigit():
        return False
    total = 0
    for i, char in enumerate(reversed(number)):
        d = int(char)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
