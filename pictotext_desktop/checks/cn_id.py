"""Checks for the Chinese resident identity card (cn_id_card).

The 18-character number (GB 11643) carries a region code, the birth date, a sequence
whose last digit gives the sex, and an ISO 7064 MOD 11-2 check character, so most OCR
slips in it -- and disagreements with the other fields -- can be caught offline.
Messages never quote field values (they may end up in a bug report); the values a person
could apply go in `Check.suggestions`, and nothing here changes a field by itself.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass
from datetime import date

from pictotext_desktop.paths import resource
from pictotext_desktop.records import Check, Severity

ID_FIELD = "idNumber"
DOB_FIELD = "dateOfBirth"
GENDER_FIELD = "gender"
ADDRESS_FIELD = "address"
VALIDITY_FIELD = "validityPeriod"

LONG_TERM = "长期"
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")

# OCR confusions: letters read where a digit belongs (always wrong in an ID number) ...
# (the one table: the on-device extractor reads ID numbers and dates with it too)
LETTER_FIXES: dict[str, str] = {
    "O": "0", "o": "0", "D": "0", "Q": "0",
    "I": "1", "l": "1", "L": "1", "i": "1", "|": "1",
    "Z": "2", "z": "2",
    "S": "5", "s": "5",
    "G": "6", "b": "6",
    "B": "8",
}  # fmt: skip
# ... look-alikes of the check character X ...
X_FIXES = frozenset({"x", "×", "K", "k", "Y", "y"})
# ... and digits that OCR confuses with each other (tried one at a time, filtered hard).
DIGIT_FIXES: dict[str, str] = {
    "0": "689",
    "1": "7",
    "3": "8",
    "5": "6",
    "6": "058",
    "7": "1",
    "8": "0369",
    "9": "08",
}
MAX_SUGGESTIONS = 3

# Provinces split off after codes were given out: people born before the split keep the
# old province's code (Hainan left Guangdong in 1988, Chongqing left Sichuan in 1997).
_PROVINCE_PARENT = {"46": "44", "50": "51"}


# ---------------------------------------------------------------------------------------
# Small helpers shared with other_ids
# ---------------------------------------------------------------------------------------
_DATE_RES = (
    # 1990-01-02, 1990.1.2, 1990/01/02, 1990年1月2日, 1990 01 02
    re.compile(r"^(\d{4})\s*[-./年\s]\s*(\d{1,2})\s*[-./月\s]\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),  # 19900102
)
_DMY_RE = re.compile(r"^(\d{1,2})\s*[-./\s]\s*(\d{1,2})\s*[-./\s]\s*(\d{4})$")  # 02-01-1990


def parse_date(text: str | None, *, day_first: bool = False) -> date | None:
    """A date from the formats OCR produces; None when it is not a real date.

    Year first is always tried; `day_first` also accepts DD-MM-YYYY (Hong Kong cards).
    """
    if not text:
        return None
    value = text.strip()
    for pattern in _DATE_RES:
        m = pattern.match(value)
        if m:
            return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if day_first:
        m = _DMY_RE.match(value)
        if m:
            return _make_date(int(m[3]), int(m[2]), int(m[1]))
    return None


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_gender(text: str | None) -> str | None:
    """'M' or 'F' from 男/女/Male/Female/M/F (any case); None when unknown."""
    value = (text or "").strip().lower()
    if value in ("男", "male", "m"):
        return "M"
    if value in ("女", "female", "f"):
        return "F"
    return None


def age_on(birth: date, day: date) -> int:
    """Completed years of age on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# ---------------------------------------------------------------------------------------
# The ID number
# ---------------------------------------------------------------------------------------
def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def is_valid_checksum(number: str) -> bool:
    return bool(_ID_RE.match(number)) and check_char(number[:17]) == number[17]


def clean_id(text: str) -> str:
    """The number without spaces, with a lower-case check character upper-cased."""
    value = re.sub(r"\s+", "", text)
    if len(value) == 18 and value[17] in ("x", "×"):
        value = value[:17] + "X"
    return value


def fix_letters(number: str) -> str:
    """18 characters with digit look-alike letters made digits and an X look-alike last X."""
    fixed = "".join(LETTER_FIXES.get(c, c) for c in number[:17])
    last = number[17]
    return fixed + ("X" if last in X_FIXES else LETTER_FIXES.get(last, last))


def birth_date_of(number: str) -> date | None:
    if len(number) < 14 or not number[6:14].isdigit():
        return None
    return _make_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def gender_of(number: str) -> str:
    """男 or 女, from the 17th digit (odd for men)."""
    return "男" if int(number[16]) % 2 else "女"


@dataclass(frozen=True)
class RegionTable:
    names: dict[str, str]
    withdrawn: frozenset[str] = frozenset()  # codes of earlier revisions, still in numbers

    def name(self, code: str) -> str | None:
        return self.names.get(code)


@functools.cache
def regions() -> RegionTable:
    """The GB/T 2260 table shipped in resources (loaded once, on first use)."""
    data = json.loads(resource("gbt2260_regions.json").read_text("utf-8"))
    return RegionTable(dict(data["regions"]), frozenset(data.get("withdrawn", ())))


# ---------------------------------------------------------------------------------------
# The card's neighbours: numbers of the same shape and check character
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kind:
    """Which document an 18-character number belongs to, and how findings name it."""

    code: str  # "resident", "permit_hk", "permit_mo", "permit_tw", "foreign"
    label: tuple[str, str]  # the number's name in findings (English, Chinese)

    @property
    def is_permit(self) -> bool:
        return self.code.startswith("permit")


RESIDENT = Kind("resident", ("ID number", "身份证号码"))
# Residence permits for Hong Kong, Macao and Taiwan residents (State Council order, 2018):
# GB 11643 numbers whose address code is 810000, 820000 or 830000.
PERMITS = {
    "810000": Kind("permit_hk", ("Residence permit number (Hong Kong resident)",
                                 "港澳居民居住证号码（香港居民）")),
    "820000": Kind("permit_mo", ("Residence permit number (Macao resident)",
                                 "港澳居民居住证号码（澳门居民）")),
    "830000": Kind("permit_tw", ("Residence permit number (Taiwan resident)",
                                 "台湾居民居住证号码")),
}  # fmt: skip
# Foreign permanent resident ID card, 2023 format (NIA announcement, 2023-12): "9", the
# accepting province (2 digits), a nationality code (3), birth date (8), sequence (2),
# sex (1, odd for men) and the GB 11643 check character.
FOREIGN = Kind("foreign", ("Foreign permanent resident ID number", "外国人永久居留身份证号码"))


def kind_of(number: str) -> Kind:
    if number[:6] in PERMITS:
        return PERMITS[number[:6]]
    if number.startswith("9"):
        return FOREIGN
    return RESIDENT


def from_15(number: str) -> str:
    """A first-generation 15-digit number as its 18-digit form (19 + YY, check char)."""
    body = number[:6] + "19" + number[6:15]
    return body + check_char(body)


def _relabel(checks: list[Check], kind: Kind) -> list[Check]:
    """Findings on the number name the document it belongs to."""
    if kind is RESIDENT:
        return checks
    out = []
    for c in checks:
        if c.field == ID_FIELD and c.message.startswith(RESIDENT.label[0] + ":"):
            c = dataclasses.replace(
                c,
                message=kind.label[0] + c.message[len(RESIDENT.label[0]) :],
                message_zh=kind.label[1] + c.message_zh[len(RESIDENT.label[1]) :],
            )
        out.append(c)
    return out


def _plausible(number: str, today: date, dob: date | None) -> bool:
    """Would this candidate fix be a believable ID: right checksum, date, region?"""
    if not is_valid_checksum(number):
        return False
    birth = birth_date_of(number)
    if birth is None or birth > today or birth.year < 1880:
        return False
    if dob is not None and birth != dob:
        return False
    return regions().name(number[:6]) is not None


def suggest_fixes(value: str, today: date, dob: date | None = None) -> tuple[str, ...]:
    """Numbers one OCR slip away that would be valid; never applied by themselves.

    Letters that are digit look-alikes are replaced all at once (they cannot be right).
    A single character that is no look-alike is solved for from the check character.
    Otherwise single digit-for-digit confusions are tried.  Every candidate must have a
    valid check character, a real past birth date (equal to `dob` when known) and a known
    region code, so a suggestion is rare and specific.
    """
    number = re.sub(r"\s+", "", value)
    if len(number) != 18:
        return ()
    fixed = fix_letters(number)
    found: list[str] = []
    if fixed != number and _plausible(fixed, today, dob):
        found.append(fixed)
    unknown = [i for i, c in enumerate(fixed) if not (c.isdigit() or (i == 17 and c == "X"))]
    if len(unknown) == 1:
        i = unknown[0]
        for alt in "0123456789" + ("X" if i == 17 else ""):
            candidate = fixed[:i] + alt + fixed[i + 1 :]
            if candidate not in found and _plausible(candidate, today, dob):
                found.append(candidate)
    elif not unknown and not is_valid_checksum(fixed):
        for i, char in enumerate(fixed):
            alternatives = DIGIT_FIXES.get(char, "")
            if i == 17 and char != "X":
                alternatives += "X"
            for alt in alternatives:
                candidate = fixed[:i] + alt + fixed[i + 1 :]
                if candidate not in found and _plausible(candidate, today, dob):
                    found.append(candidate)
    return tuple(found[:MAX_SUGGESTIONS])


def check_id_number(fields: dict[str, str | None], today: date) -> list[Check]:
    raw = fields.get(ID_FIELD)
    if not raw or not raw.strip():
        return []
    number = clean_id(raw)
    dob = parse_date(fields.get(DOB_FIELD))
    out: list[Check] = []
    if len(number) == 15 and number.isdigit():
        return _check_old_number(number, fields, today)
    if len(number) != 18:
        extra = " (15-digit numbers are from cards withdrawn in 2013)" if len(number) == 15 else ""
        out.append(
            Check(
                ID_FIELD,
                "ID_LENGTH",
                Severity.ERROR,
                f"ID number: has {len(number)} characters, expected 18{extra}.",
                f"身份证号码：有 {len(number)} 位，应为 18 位。",
            )
        )
        return out
    if not _ID_RE.match(number):
        out.append(
            Check(
                ID_FIELD,
                "ID_FORMAT",
                Severity.ERROR,
                "ID number: contains characters other than digits (only the last may be X).",
                "身份证号码：含有非数字字符（仅最后一位可为 X）。",
                suggest_fixes(number, today, dob),
            )
        )
        return out
    kind = kind_of(number)
    if kind is not RESIDENT:
        en, zh = kind.label
        out.append(
            Check(
                ID_FIELD,
                "ID_OTHER_DOCUMENT",
                Severity.INFO,
                f"{en}: this number belongs to that document, not to a resident identity "
                "card; it is checked by that document's rules.",
                f"{zh}：此号码属于该证件，而非居民身份证，已按该证件的规则校验。",
            )
        )
    if not is_valid_checksum(number):
        out.append(
            Check(
                ID_FIELD,
                "ID_CHECK_DIGIT",
                Severity.ERROR,
                "ID number: the check digit does not match; a character was probably misread.",
                "身份证号码：校验码不符，可能有字符识别错误。",
                suggest_fixes(number, today, dob) if kind is RESIDENT else (),
            )
        )
    out += _check_birth(number, fields, today)
    out += _check_gender(number, fields)
    if kind is FOREIGN:
        out += _check_foreign_province(number)
    else:
        out += _check_region(number, fields, check_address=not kind.is_permit)
    return _relabel(out, kind)


def _check_old_number(number: str, fields: dict[str, str | None], today: date) -> list[Check]:
    """15 digits (cards withdrawn in 2013): checked as 18 digits, the value left as read."""
    full = from_15(number)
    out = [
        Check(
            ID_FIELD,
            "ID_OLD_15_DIGIT",
            Severity.INFO,
            "ID number: a 15-digit number from a first-generation card (withdrawn in 2013); "
            "checked as its 18-digit form, the number read is kept.",
            "身份证号码：为第一代身份证的 15 位号码（2013 年停止使用），已按 18 位形式校验，"
            "保留原号码。",
        )
    ]
    for c in _check_birth(full, fields, today) + _check_gender(full, fields):
        out.append(  # positions in the number as read: birth date 7-12, sex the 15th
            dataclasses.replace(
                c,
                message=c.message.replace("(digits 7-14)", "(digits 7-12)").replace(
                    "(17th digit)", "(15th digit)"),
                message_zh=c.message_zh.replace("第 7-14 位", "第 7-12 位").replace(
                    "第 17 位", "第 15 位"),
            )
        )
    out += _check_region(full, fields)
    return out


def _check_foreign_province(number: str) -> list[Check]:
    if regions().name(number[1:3] + "0000") is not None:
        return []
    return [
        Check(
            ID_FIELD,
            "ID_REGION_UNKNOWN",
            Severity.WARNING,
            "ID number: digits 2-3 are not a province code of GB/T 2260.",
            "身份证号码：第 2-3 位不是 GB/T 2260 中的省级代码。",
        )
    ]


def _check_birth(number: str, fields: dict[str, str | None], today: date) -> list[Check]:
    birth = birth_date_of(number)
    if birth is None:
        return [
            Check(
                ID_FIELD,
                "ID_BIRTHDATE_INVALID",
                Severity.ERROR,
                "ID number: the birth date inside it (digits 7-14) is not a real date.",
                "身份证号码：其中的出生日期（第 7-14 位）不是有效日期。",
            )
        ]
    if birth > today:
        return [
            Check(
                ID_FIELD,
                "ID_BIRTHDATE_FUTURE",
                Severity.ERROR,
                "ID number: the birth date inside it is in the future.",
                "身份证号码：其中的出生日期晚于今天。",
            )
        ]
    raw_dob = fields.get(DOB_FIELD)
    dob = parse_date(raw_dob)
    if raw_dob and dob is not None and dob != birth:
        return [
            Check(
                DOB_FIELD,
                "ID_BIRTHDATE_MISMATCH",
                Severity.WARNING,
                "Date of birth: differs from the birth date in the ID number.",
                "出生日期：与身份证号码中的出生日期不一致。",
                (birth.isoformat(),),
            )
        ]
    return []


def _check_gender(number: str, fields: dict[str, str | None]) -> list[Check]:
    stated = parse_gender(fields.get(GENDER_FIELD))
    by_number = gender_of(number)
    if stated is None or stated == parse_gender(by_number):
        return []
    return [
        Check(
            GENDER_FIELD,
            "ID_GENDER_MISMATCH",
            Severity.WARNING,
            "Gender: differs from the sex coded in the ID number (17th digit).",
            "性别：与身份证号码第 17 位所表示的性别不一致。",
            (by_number,),
        )
    ]


def _province_short(name: str) -> str:
    """北京市 -> 北京, 广西壮族自治区 -> 广西, 香港特别行政区 -> 香港."""
    for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def address_province(address: str) -> str | None:
    """The 2-digit province code an address starts with, if it names one."""
    text = re.sub(r"\s+", "", address)
    table = regions()
    for code, name in table.names.items():
        if code.endswith("0000") and text.startswith(_province_short(name)):
            return code[:2]
    return None


def _check_region(
    number: str, fields: dict[str, str | None], check_address: bool = True
) -> list[Check]:
    table = regions()
    code = number[:6]
    if table.name(code) is None:
        return [
            Check(
                ID_FIELD,
                "ID_REGION_UNKNOWN",
                Severity.WARNING,
                "ID number: the region code (first 6 digits) is not in the GB/T 2260 table.",
                "身份证号码：前 6 位地址码不在 GB/T 2260 行政区划代码表中。",
            )
        ]
    out: list[Check] = []
    if code in table.withdrawn:
        out.append(
            Check(
                ID_FIELD,
                "ID_REGION_WITHDRAWN",
                Severity.INFO,
                "ID number: the region code is from an earlier GB/T 2260 revision (the county "
                "was renamed or merged since); numbers given then keep it, so it is valid.",
                "身份证号码：地址码属于 GB/T 2260 的旧版本（该县区后来更名或合并），"
                "当时编配的号码保留此码，属正常。",
            )
        )
    address = fields.get(ADDRESS_FIELD)
    if not address or not check_address:
        return out
    found = address_province(address)
    coded = code[:2]
    if found is None or found == coded or _PROVINCE_PARENT.get(found) == coded:
        return out
    return [
        *out,
        Check(
            ADDRESS_FIELD,
            "ID_REGION_ADDRESS_MISMATCH",
            Severity.WARNING,
            "Address: its province differs from the region in the ID number (fine if the "
            "holder moved).",
            "住址：所在省份与身份证号码的地址码不一致（迁居时属正常）。",
        )
    ]


# ---------------------------------------------------------------------------------------
# Validity period (back of the card)
# ---------------------------------------------------------------------------------------
_D = r"(\d{4})\s*[./\-年]?\s*(\d{1,2})\s*[./\-月]?\s*(\d{1,2})\s*日?"
_VALIDITY_RE = re.compile(rf"^{_D}\s*[-–—~至]+\s*(?:{_D}|(长期))$")


@dataclass(frozen=True)
class Validity:
    start: date
    end: date | None  # None: long-term (长期)

    def format(self) -> str:
        """`YYYY.MM.DD-YYYY.MM.DD` or `YYYY.MM.DD-长期`."""
        end = _dotted(self.end) if self.end else LONG_TERM
        return f"{_dotted(self.start)}-{end}"


def _dotted(day: date) -> str:
    return f"{day.year:04d}.{day.month:02d}.{day.day:02d}"  # strftime drops a year's 0s


def parse_validity(text: str | None) -> Validity | None:
    """`YYYY.MM.DD-YYYY.MM.DD` or `YYYY.MM.DD-长期`, with the separators OCR produces."""
    if not text:
        return None
    m = _VALIDITY_RE.match(text.strip())
    if not m:
        return None
    start = _make_date(int(m[1]), int(m[2]), int(m[3]))
    if start is None:
        return None
    if m[7]:
        return Validity(start, None)
    end = _make_date(int(m[4]), int(m[5]), int(m[6]))
    return Validity(start, end) if end is not None else None


def _years_for(kind: Kind, age_at_issue: int) -> int | None:
    """Residence permits last 5 years; the foreigners' card 10 (5 under 18)."""
    if kind.is_permit:
        return 5
    if kind is FOREIGN:
        return 10 if age_at_issue >= 18 else 5
    return expected_years(age_at_issue)


def expected_years(age_at_issue: int) -> int | None:
    """Years of validity by law for an age at issue; None means long-term."""
    if age_at_issue < 16:
        return 5
    if age_at_issue <= 25:
        return 10
    if age_at_issue <= 45:
        return 20
    return None


def add_years(day: date, years: int) -> date:
    """`day` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _length_label(years: int | None) -> tuple[str, str]:
    return ("long-term", "长期") if years is None else (f"{years} years", f"{years} 年")


def check_validity(fields: dict[str, str | None], today: date) -> list[Check]:
    raw = fields.get(VALIDITY_FIELD)
    if not raw or not raw.strip():
        return []
    period = parse_validity(raw)
    if period is None:
        return [
            Check(
                VALIDITY_FIELD,
                "VALIDITY_UNPARSEABLE",
                Severity.WARNING,
                "Validity period: not in the form YYYY.MM.DD-YYYY.MM.DD or YYYY.MM.DD-长期.",
                "有效期限：不是 YYYY.MM.DD-YYYY.MM.DD 或 YYYY.MM.DD-长期 的格式。",
            )
        ]
    out: list[Check] = []
    if period.end is not None and period.end <= period.start:
        return [
            Check(
                VALIDITY_FIELD,
                "VALIDITY_ORDER",
                Severity.ERROR,
                "Validity period: the end date is not after the start date.",
                "有效期限：截止日期不晚于起始日期。",
            )
        ]
    if period.start > today:
        out.append(
            Check(
                VALIDITY_FIELD,
                "VALIDITY_START_FUTURE",
                Severity.WARNING,
                "Validity period: the start (issue) date is in the future.",
                "有效期限：起始（签发）日期晚于今天。",
            )
        )
    out += _check_length(period, fields)
    if period.end is not None and period.end < today:
        out.append(
            Check(
                VALIDITY_FIELD,
                "CARD_EXPIRED",
                Severity.WARNING,
                "Validity period: the card has expired.",
                "有效期限：证件已过期。",
            )
        )
    return out


def _birth_for_validity(fields: dict[str, str | None]) -> date | None:
    number = clean_id(fields.get(ID_FIELD) or "")
    if is_valid_checksum(number):
        return birth_date_of(number)
    return parse_date(fields.get(DOB_FIELD))


def _check_length(period: Validity, fields: dict[str, str | None]) -> list[Check]:
    if period.end is None:
        actual: int | None = None
    else:
        actual = period.end.year - period.start.year
        if period.end != add_years(period.start, actual) and not (
            period.start.month == 2 and period.start.day == 29 and period.end.month == 3
        ):
            return [
                Check(
                    VALIDITY_FIELD,
                    "VALIDITY_LENGTH",
                    Severity.WARNING,
                    "Validity period: the end date is not the start date plus whole years.",
                    "有效期限：截止日期不是起始日期加整年。",
                )
            ]
    birth = _birth_for_validity(fields)
    if birth is None:
        allowed: set[int | None] = {5, 10, 20, None}
        if actual in allowed:
            return []
        expected_en, expected_zh = "5, 10 or 20 years or long-term", "5、10、20 年或长期"
    else:
        want = _years_for(kind_of(clean_id(fields.get(ID_FIELD) or "") or "0"),
                          age_on(birth, period.start))  # fmt: skip
        if actual == want:
            return []
        expected_en, expected_zh = _length_label(want)
        expected_en += " for the holder's age at issue"
        expected_zh = "按签发时年龄应为" + expected_zh
    got_en, got_zh = _length_label(actual)
    return [
        Check(
            VALIDITY_FIELD,
            "VALIDITY_LENGTH",
            Severity.WARNING,
            f"Validity period: lasts {got_en}; expected {expected_en}.",
            f"有效期限：为{got_zh}，{expected_zh}。",
        )
    ]


# ---------------------------------------------------------------------------------------
# Entry points used by the registry
# ---------------------------------------------------------------------------------------
def run(fields: dict[str, str | None], today: date) -> list[Check]:
    out = check_id_number(fields, today)
    out += check_date_format(fields, DOB_FIELD)
    out += check_validity(fields, today)
    return out


def check_date_format(
    fields: dict[str, str | None],
    key: str,
    label: tuple[str, str] = ("Date of birth", "出生日期"),
    day_first: bool = False,
) -> list[Check]:
    """A date that is readable but not in the API's YYYY-MM-DD gets an INFO with the fix."""
    raw = fields.get(key)
    if not raw or not raw.strip():
        return []
    parsed = parse_date(raw, day_first=day_first)
    if parsed is None:
        return [
            Check(
                key,
                "DATE_UNPARSEABLE",
                Severity.WARNING,
                f"{label[0]}: not a recognisable date.",
                f"{label[1]}：无法识别为日期。",
            )
        ]
    if raw.strip() != parsed.isoformat():
        return [
            Check(
                key,
                "DATE_FORMAT",
                Severity.INFO,
                f"{label[0]}: can be written as YYYY-MM-DD.",
                f"{label[1]}：可规范为 YYYY-MM-DD 格式。",
                (parsed.isoformat(),),
            )
        ]
    return []


def normalize(fields: dict[str, str | None]) -> dict[str, str | None]:
    """A copy with dates, validity, gender and the ID number in the API's formats."""
    out = dict(fields)
    dob = parse_date(fields.get(DOB_FIELD))
    if dob is not None:
        out[DOB_FIELD] = dob.isoformat()
    period = parse_validity(fields.get(VALIDITY_FIELD))
    if period is not None:
        out[VALIDITY_FIELD] = period.format()
    gender = parse_gender(fields.get(GENDER_FIELD))
    if gender is not None:
        out[GENDER_FIELD] = "男" if gender == "M" else "女"
    raw_id = fields.get(ID_FIELD)
    if raw_id:
        out[ID_FIELD] = clean_id(raw_id)
    return out
