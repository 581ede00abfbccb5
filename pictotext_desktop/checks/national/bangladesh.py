"""Bangladeshi national ID numbers (Election Commission): 10 digits (smart card), 13
(older cards) or 17 -- the 13 digits preceded by the year of birth."""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import (
    Fields,
    Label,
    digits_only,
    finding,
    parse_any_date,
    text,
)
from pictotext_desktop.records import Check, Severity

FIELD = "idNumber"
LABEL: Label = ("NID number", "国民身份证号码")


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD))
    if not raw:
        return []
    if len(raw) not in (10, 13, 17) or not raw.isdigit():
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 10, 13 or 17 digits.", "应为 10、13 或 17 位数字。")]
    printed = parse_any_date(fields.get("birthday"))
    if len(raw) == 17 and printed is not None and int(raw[:4]) != printed.year:
        return [finding("birthday", "ID_BIRTHDATE_MISMATCH", Severity.WARNING,
                        ("Date of birth", "出生日期"),
                        "its year differs from the birth year that starts the 17-digit NID.",
                        "年份与 17 位身份证号码开头的出生年份不一致。")]  # fmt: skip
    return []
