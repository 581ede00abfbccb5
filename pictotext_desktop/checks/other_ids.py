"""Check digits of the Hong Kong and Taiwan identity card numbers.

Both have a published checksum, so a misread character is caught offline, the same way
as for the mainland card (same check codes, so the GUI treats them alike).
"""

from __future__ import annotations

import re
from datetime import date

from pictotext_desktop.checks.cn_id import check_date_format, parse_date, parse_gender
from pictotext_desktop.records import Check, Severity

ID_FIELD = "idNumber"

# ---------------------------------------------------------------------------------------
# Hong Kong: 1-2 letters, 6 digits, check character 0-9 or A, usually printed as "(c)"
# ---------------------------------------------------------------------------------------
_HK_RE = re.compile(r"^([A-Z]{1,2})(\d{6})\(?([0-9A])\)?$")


def hk_check_char(prefix: str, digits: str) -> str:
    """Weights 9..2 over (space or letter)(letter)(6 digits); A=10..Z=35, space=36."""
    letters = prefix.rjust(2)
    values = [36 if c == " " else ord(c) - ord("A") + 10 for c in letters]
    values += [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True))
    remainder = (11 - total % 11) % 11
    return "A" if remainder == 10 else str(remainder)


def check_hk_id(fields: dict[str, str | None], today: date) -> list[Check]:
    raw = fields.get(ID_FIELD)
    out: list[Check] = []
    if raw and raw.strip():
        number = re.sub(r"\s+", "", raw).upper()
        m = _HK_RE.match(number)
        if not m:
            out.append(
                Check(
                    ID_FIELD,
                    "ID_FORMAT",
                    Severity.ERROR,
                    "HKID number: expected 1-2 letters, 6 digits and a check character, "
                    "like A123456(3).",
                    "香港身份证号码：应为 1-2 个字母、6 位数字和校验码，如 A123456(3)。",
                )
            )
        else:
            want = hk_check_char(m[1], m[2])
            if m[3] != want:
                out.append(
                    Check(
                        ID_FIELD,
                        "ID_CHECK_DIGIT",
                        Severity.ERROR,
                        "HKID number: the check character does not match; a character was "
                        "probably misread.",
                        "香港身份证号码：校验码不符，可能有字符识别错误。",
                    )
                )
    label_dob = ("Date of birth", "出生日期")
    out += check_date_format(fields, "dateOfBirth", label_dob, day_first=True)
    out += check_date_format(fields, "issueDate", ("Issue date", "签发日期"), day_first=True)
    return out


# ---------------------------------------------------------------------------------------
# Taiwan: a letter, 1 (male) or 2 (female), 7 digits, a check digit
# ---------------------------------------------------------------------------------------
_TW_LETTERS = {c: i for i, c in enumerate("ABCDEFGHJKLMNPQRSTUVXYWZIO", start=10)}
_TW_RE = re.compile(r"^([A-Z])([12])(\d{8})$")


def tw_checksum_ok(number: str) -> bool:
    """Letter as two digits (A=10 ... O=35), weights 1 9 8 7 6 5 4 3 2 1 1; sum % 10 == 0."""
    if not _TW_RE.match(number):
        return False
    head = _TW_LETTERS[number[0]]
    digits = [head // 10, head % 10] + [int(c) for c in number[1:]]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


def check_tw_id(fields: dict[str, str | None], today: date) -> list[Check]:
    raw = fields.get(ID_FIELD)
    out: list[Check] = []
    if raw and raw.strip():
        number = re.sub(r"\s+", "", raw).upper()
        if not _TW_RE.match(number):
            out.append(
                Check(
                    ID_FIELD,
                    "ID_FORMAT",
                    Severity.ERROR,
                    "ID number: expected a letter, then 1 or 2, then 8 digits, like A123456789.",
                    "身分证字号：应为 1 个字母、1 或 2、再 8 位数字，如 A123456789。",
                )
            )
        elif not tw_checksum_ok(number):
            out.append(
                Check(
                    ID_FIELD,
                    "ID_CHECK_DIGIT",
                    Severity.ERROR,
                    "ID number: the check digit does not match; a character was probably misread.",
                    "身分证字号：检查码不符，可能有字符识别错误。",
                )
            )
        else:
            stated = parse_gender(fields.get("gender"))
            coded = "M" if number[1] == "1" else "F"
            if stated is not None and stated != coded:
                out.append(
                    Check(
                        "gender",
                        "ID_GENDER_MISMATCH",
                        Severity.WARNING,
                        "Gender: differs from the sex coded in the ID number (2nd character).",
                        "性别：与身分证字号第 2 位所表示的性别不一致。",
                        ("男" if coded == "M" else "女",),
                    )
                )
    out += check_date_format(fields, "dateOfBirth")
    out += check_date_format(fields, "issueDate", ("Issue date", "发证日期"))
    return out


def normalize_dates(
    fields: dict[str, str | None], keys: tuple[str, ...], day_first: bool
) -> dict[str, str | None]:
    """A copy with the readable dates among `keys` written as YYYY-MM-DD."""
    out = dict(fields)
    for key in keys:
        parsed = parse_date(fields.get(key), day_first=day_first)
        if parsed is not None:
            out[key] = parsed.isoformat()
    return out
