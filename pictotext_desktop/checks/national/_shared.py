"""Findings the national modules word alike (birth date and sex against the printed ones)."""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import Fields, finding, parse_any_date, parse_sex
from pictotext_desktop.records import Check, Severity


def birth_mismatch(fields: Fields, key: str, coded: date, number_en: str,
                   number_zh: str) -> list[Check]:
    """The printed birth date against the one coded in a number (full date known)."""
    printed = parse_any_date(fields.get(key))
    if printed is None or printed == coded:
        return []
    return [finding(key, "ID_BIRTHDATE_MISMATCH", Severity.WARNING, ("Date of birth", "出生日期"),
                    f"differs from the birth date in the {number_en}.",
                    f"与{number_zh}中的出生日期不一致。", (coded.isoformat(),))]  # fmt: skip


def sex_mismatch(fields: Fields, key: str, coded: str, where_en: str, where_zh: str,
                 words: tuple[str, str] = ("Male", "Female")) -> list[Check]:
    """The printed sex against 'M'/'F' coded in a number; the fix in the printed style."""
    stated = parse_sex(fields.get(key))
    if stated not in ("M", "F") or stated == coded:
        return []
    return [finding(key, "ID_GENDER_MISMATCH", Severity.WARNING, ("Sex", "性别"),
                    f"differs from the sex coded in the {where_en}.",
                    f"与{where_zh}所表示的性别不一致。",
                    (words[0] if coded == "M" else words[1],))]  # fmt: skip


def real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
