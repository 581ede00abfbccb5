"""Machine-readable zones (ICAO Doc 9303, 8th ed., parts 3-6): parse, verify, compare.

PicToText gives no confidence scores, but an MRZ carries its own: check digits over the
document number, the dates, the optional data and the whole line.  `parse_mrz` reads
TD1 (3x30), TD2 (2x36) and TD3 (2x44) zones and is Qt-free so the window can show the
parsed parts; `check_document` turns a zone and the printed fields into findings.

OCR slips are repaired only in numeric positions (dates, check digits) and only where
the check digit then proves the repair (O->0, I->1, B->8, S->5); a repair is reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from pictotext_desktop.checks.common import (
    Fields,
    Label,
    check_birth_date,
    check_date_pair,
    finding,
    parse_any_date,
    parse_sex,
    text,
)
from pictotext_desktop.records import Check, Severity

MRZ_FIELD = "mrz"
MRZ_LABEL: Label = ("MRZ", "机读区")

# Doc 9303 part 3, 4.9: '<' = 0, digits as themselves, A = 10 ... Z = 35; weights 7 3 1.
_WEIGHTS = (7, 3, 1)
_ALLOWED = re.compile(r"^[A-Z0-9<]+$")
DIGIT_REPAIRS = {"O": "0", "I": "1", "B": "8", "S": "5"}
_LENGTHS = {"TD1": (30, 30, 30), "TD2": (36, 36), "TD3": (44, 44)}


def char_value(char: str) -> int:
    if char == "<":
        return 0
    if char.isdigit():
        return int(char)
    return ord(char) - ord("A") + 10


def check_digit(data: str) -> str:
    """The Doc 9303 check digit of a run of MRZ characters."""
    return str(sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(data)) % 10)


def _digit_ok(data: str, digit: str, *, filler_ok: bool = False) -> bool:
    if filler_ok and digit == "<" and set(data) <= {"<"}:
        return True  # an empty optional field may carry '<' as its check digit
    return digit == check_digit(data)


@dataclass(frozen=True, repr=False)
class MrzResult:
    """One parsed zone; dates stay YYMMDD strings (the century is not in the MRZ).

    Its `repr` names only the format and the failed/repaired parts (no identity data).
    """

    format: str  # "TD1", "TD2" or "TD3"
    lines: tuple[str, ...]  # after the proven repairs
    document_code: str
    issuing_state: str
    document_number: str  # the whole number, also when it runs into the optional data
    nationality: str
    birth_date: str
    sex: str  # "M", "F" or "<" (unspecified)
    expiry_date: str
    optional_data: str  # TD1 line 1 / TD2 / TD3 personal number, fillers removed
    optional_data_2: str  # TD1 line 2 only
    surname: str
    given_names: str
    name_truncated: bool  # the name ran to the end of its field
    failed: tuple[str, ...] = ()  # parts whose check digit does not match
    repairs: tuple[str, ...] = ()  # parts where a letter was read as its look-alike digit
    read_lines: tuple[str, ...] = field(default=(), repr=False)  # before the repairs

    def __repr__(self) -> str:
        return f"MrzResult({self.format}, failed={self.failed}, repairs={self.repairs})"

    @property
    def valid(self) -> bool:
        return not self.failed

    def parts(self) -> list[tuple[str, str]]:
        """(part, value) pairs in display order, for showing the zone parsed."""
        return [
            ("format", self.format),
            ("document_code", self.document_code),
            ("issuing_state", self.issuing_state),
            ("document_number", self.document_number),
            ("surname", self.surname),
            ("given_names", self.given_names),
            ("nationality", self.nationality),
            ("birth_date", self.birth_date),
            ("sex", self.sex),
            ("expiry_date", self.expiry_date),
            ("optional_data", self.optional_data),
            ("optional_data_2", self.optional_data_2),
        ]


PART_LABELS: dict[str, Label] = {
    "document_number": ("document number", "证件号码"),
    "birth_date": ("birth date", "出生日期"),
    "expiry_date": ("expiry date", "有效期至"),
    "optional_data": ("optional data", "可选数据"),
    "composite": ("whole line (composite)", "整行（复合校验）"),
}


def split_lines(raw: str) -> list[str]:
    """Lines of a zone as returned: real or escaped line breaks, spaces dropped."""
    value = raw.replace("\\n", "\n").replace("\r", "\n").upper()
    value = value.replace("«", "<").replace("‹", "<").replace("＜", "<")
    lines = [re.sub(r"\s+", "", line) for line in value.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) == 1:  # no line breaks: cut by the total length
        only = lines[0]
        for lengths in _LENGTHS.values():
            if len(only) == sum(lengths):
                step = lengths[0]
                return [only[i : i + step] for i in range(0, len(only), step)]
    return lines


def _detect(lines: list[str]) -> str | None:
    if len(lines) == 3 and len(lines[0]) == 30 and len(lines[1]) == 30:
        return "TD1"
    if len(lines) == 2 and len(lines[1]) in (36, 44):
        return "TD2" if len(lines[1]) == 36 else "TD3"
    return None


class _Zone:
    """Mutable lines while the check digits decide which repairs stand."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = [list(line) for line in lines]
        self.repairs: list[str] = []

    def get(self, row: int, start: int, end: int) -> str:
        return "".join(self.lines[row][start:end])

    def put(self, row: int, start: int, value: str) -> None:
        self.lines[row][start : start + len(value)] = list(value)

    def repair_numeric(self, name: str, row: int, start: int, end: int, check: int) -> bool:
        """Check a numeric part; repair look-alike letters when that makes it check."""
        data, digit = self.get(row, start, end), self.get(row, check, check + 1)
        if _digit_ok(data, digit):
            return True
        fixed = "".join(DIGIT_REPAIRS.get(c, c) for c in data)
        fixed_digit = DIGIT_REPAIRS.get(digit, digit)
        if (fixed, fixed_digit) != (data, digit) and _digit_ok(fixed, fixed_digit):
            self.put(row, start, fixed)
            self.put(row, check, fixed_digit)
            self.repairs.append(name)
            return True
        return False

    def repair_digit_only(self, name: str, data: str, row: int, check: int,
                          filler_ok: bool = False) -> bool:
        """Alphanumeric data: only its check digit position may be repaired."""
        digit = self.get(row, check, check + 1)
        if _digit_ok(data, digit, filler_ok=filler_ok):
            return True
        fixed = DIGIT_REPAIRS.get(digit, digit)
        if fixed != digit and _digit_ok(data, fixed):
            self.put(row, check, fixed)
            self.repairs.append(name)
            return True
        return False


def _names(field_text: str) -> tuple[str, str, bool]:
    truncated = not field_text.endswith("<")
    surname, _, given = field_text.strip("<").partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip(), truncated


def _long_number(number: str, optional: str) -> tuple[str, str, str] | None:
    """Doc 9303 part 5 note j: a number over 9 characters continues in the optional
    data, ending in its check digit and a filler.  Returns (number, check, rest)."""
    if not optional or optional[0] == "<":
        return None
    head = optional.split("<", 1)[0]
    if len(head) < 2:
        return None
    return number + head[:-1], head[-1], optional[len(head):]


def parse_mrz(raw: str) -> MrzResult | None:
    """The zone's parts, failed check digits and proven repairs; None if it is no MRZ."""
    lines = split_lines(raw)
    fmt = _detect(lines)
    if fmt is None:
        return None
    if any(not _ALLOWED.match(line) for line in lines):
        return None
    zone = _Zone(lines)
    failed: list[str] = []
    if fmt == "TD1":
        number, optional = zone.get(0, 5, 14), zone.get(0, 15, 30)
        if zone.get(0, 14, 15) == "<" and (long := _long_number(number, optional)):
            full, digit, optional = long
            if not _digit_ok(full, digit):
                failed.append("document_number")
            number = full
        elif not zone.repair_digit_only("document_number", number, 0, 14):
            failed.append("document_number")
        birth_at, sex_at, expiry_at, nat_at = (1, 0), (1, 7), (1, 8), (1, 15)
        optional_2 = zone.get(1, 18, 29)
    else:
        width = 36 if fmt == "TD2" else 44
        number = zone.get(1, 0, 9)
        optional = zone.get(1, 28, width - 2 if fmt == "TD3" else width - 1)
        if fmt == "TD2" and zone.get(1, 9, 10) == "<" and (long := _long_number(number, optional)):
            full, digit, optional = long
            if not _digit_ok(full, digit):
                failed.append("document_number")
            number = full
        elif not zone.repair_digit_only("document_number", number, 1, 9):
            failed.append("document_number")
        birth_at, sex_at, expiry_at, nat_at = (1, 13), (1, 20), (1, 21), (1, 10)
        optional_2 = ""
        if fmt == "TD3" and not zone.repair_digit_only(
            "optional_data", optional, 1, 42, filler_ok=True
        ):
            failed.append("optional_data")
    if not zone.repair_numeric("birth_date", birth_at[0], birth_at[1], birth_at[1] + 6,
                               birth_at[1] + 6):
        failed.append("birth_date")
    if not zone.repair_numeric("expiry_date", expiry_at[0], expiry_at[1], expiry_at[1] + 6,
                               expiry_at[1] + 6):
        failed.append("expiry_date")
    composite_ok = _composite(zone, fmt)
    if not composite_ok:
        failed.append("composite")
    if fmt == "TD1":
        surname, given, truncated = _names(zone.get(2, 0, 30))
    else:
        surname, given, truncated = _names(zone.get(0, 5, len(lines[0])))
    repaired = tuple("".join(line) for line in zone.lines)
    return MrzResult(
        format=fmt,
        lines=repaired,
        document_code=zone.get(0, 0, 2).rstrip("<"),
        issuing_state=zone.get(0, 2, 5).strip("<"),
        document_number=number.rstrip("<"),
        nationality=zone.get(nat_at[0], nat_at[1], nat_at[1] + 3).strip("<"),
        birth_date=zone.get(birth_at[0], birth_at[1], birth_at[1] + 6),
        sex=zone.get(sex_at[0], sex_at[1], sex_at[1] + 1),
        expiry_date=zone.get(expiry_at[0], expiry_at[1], expiry_at[1] + 6),
        optional_data=optional.strip("<"),
        optional_data_2=optional_2.strip("<"),
        surname=surname,
        given_names=given,
        name_truncated=truncated,
        failed=tuple(failed),
        repairs=tuple(zone.repairs),
        read_lines=tuple(lines),
    )


# Look-alikes in the alphanumeric document number: never repaired by themselves (both are
# possible there), only offered when the check digits then agree.
_NUMBER_SWAPS = {"0": "OD", "O": "0", "D": "0", "Q": "0", "1": "I", "I": "1", "8": "B",
                 "B": "8", "5": "S", "S": "5", "2": "Z", "Z": "2", "6": "G", "G": "6"}  # fmt: skip
MAX_SUGGESTIONS = 3


def number_fixes(result: MrzResult) -> tuple[str, ...]:
    """Zones with one look-alike swapped in a failing 9-character document number that
    make every check digit agree (suggestions for the person, never applied)."""
    if "document_number" not in result.failed or len(result.document_number) > 9:
        return ()
    row, start = (0, 5) if result.format == "TD1" else (1, 0)
    found: list[str] = []
    for i in range(9):
        line = result.lines[row]
        for alt in _NUMBER_SWAPS.get(line[start + i], ""):
            lines = list(result.lines)
            lines[row] = line[: start + i] + alt + line[start + i + 1 :]
            candidate = parse_mrz("\n".join(lines))
            if candidate is not None and candidate.valid:
                found.append("\n".join(candidate.lines))
    return tuple(found[:MAX_SUGGESTIONS])


def _composite(zone: _Zone, fmt: str) -> bool:
    """Doc 9303 parts 4-6: the composite check digit over the upper/middle data."""
    if fmt == "TD1":
        data = zone.get(0, 5, 30) + zone.get(1, 0, 7) + zone.get(1, 8, 15) + zone.get(1, 18, 29)
        row, at = 1, 29
    else:
        end = 43 if fmt == "TD3" else 35
        data = zone.get(1, 0, 10) + zone.get(1, 13, 20) + zone.get(1, 21, end)
        row, at = 1, end
    return zone.repair_digit_only("composite", data, row, at)


# ---------------------------------------------------------------------------------------
# Dates, sexes and names as printed, compared with the zone
# ---------------------------------------------------------------------------------------
def mrz_date(yymmdd: str, hint: date | None, *, future_ok: bool, today: date) -> date | None:
    """YYMMDD with the century of `hint` (the printed date), else the likeliest one."""
    if not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    if hint is not None and hint.year % 100 == yy:
        century = hint.year - yy
    elif future_ok:
        century = 2000 if 2000 + yy <= today.year + 50 else 1900
    else:
        century = 2000 if 2000 + yy <= today.year else 1900
    try:
        return date(century + yy, mm, dd)
    except ValueError:
        return None


# Doc 9303 part 3, 6.A: transliteration of Latin letters with marks ...
_ICAO_TRANSLIT = {
    "Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "Å": "AA", "Æ": "AE", "Ø": "OE", "Œ": "OE",
    "Ĳ": "IJ", "Þ": "TH", "Ð": "D", "Đ": "D", "Ł": "L", "Ñ": "NXX",
}  # fmt: skip


def name_variants(value: str) -> set[str]:
    """The name's letters as an MRZ could hold them: ICAO transliteration (MÜLLER ->
    MUELLER), marks dropped (MULLER), Spanish Ñ as N; spaces, hyphens, apostrophes gone."""
    upper = unicodedata.normalize("NFC", value.upper())
    icao = "".join(_ICAO_TRANSLIT.get(c, c) for c in upper)
    plain = "".join(_ICAO_TRANSLIT.get(c, c) if c in "ßÆØŒĲÞÐĐŁ" else c for c in upper)
    out = set()
    for variant in (icao, plain, icao.replace("NXX", "N")):
        decomposed = unicodedata.normalize("NFKD", variant)
        out.add(re.sub(r"[^A-Z]", "", decomposed))
    return out


def _name_matches(printed: str, in_mrz: str, truncated: bool) -> bool:
    target = re.sub(r"[^A-Z]", "", in_mrz)
    for variant in name_variants(printed):
        if variant == target or (truncated and target and variant.startswith(target)):
            return True
    return False


def _tokens_match(printed: str, result: MrzResult) -> bool:
    """A full name in any order against surname + given names, word by word."""
    mrz_words = (result.surname + " " + result.given_names).split()
    printed_words = re.split(r"[\s,]+", printed.strip())
    if not printed_words or not mrz_words:
        return True
    wanted = {w for w in mrz_words}
    for word in printed_words:
        if word and not any(_name_matches(word, m, False) for m in wanted):
            return result.name_truncated  # a cut name cannot be compared word by word
    return True


_NATIONALITY_CODES = {
    "D": ("DEUTSCH", "DEUTSCHE", "GERMAN", "GERMANY", "DEUTSCHLAND"),
    "FRA": ("FRANÇAISE", "FRANCAISE", "FRANÇAIS", "FRANCAIS", "FRENCH", "FRANCE"),
    "ITA": ("ITALIANA", "ITALIANO", "ITALIAN", "ITALY", "ITALIA"),
    "NLD": ("NEDERLANDSE", "DUTCH", "NETHERLANDS", "NEDERLAND"),
    "ESP": ("ESPAÑOLA", "ESPANOLA", "ESPAÑOL", "SPANISH", "SPAIN", "ESPAÑA"),
    "SWE": ("SVENSK", "SWEDISH", "SWEDEN", "SVERIGE"),
    "CHE": ("SCHWEIZ/SUISSE/SVIZZERA", "SCHWEIZ", "SUISSE", "SVIZZERA", "SWISS"),
    "ROU": ("ROMANIAN", "ROMÂNĂ", "ROMANA", "ROMANIA", "ROMÂNIA"),
    "VNM": ("VIỆT NAM", "VIET NAM", "VIETNAM", "VIETNAMESE"),
    "GHA": ("GHANAIAN", "GHANA"),
    "USA": ("UNITED STATES OF AMERICA", "UNITED STATES", "AMERICAN", "USA"),
    "GBR": ("BRITISH CITIZEN", "BRITISH", "UNITED KINGDOM"),
    "CHN": ("CHINESE", "CHINA", "中国", "中华人民共和国"),
    "JPN": ("JAPANESE", "JAPAN", "日本"),
    "KOR": ("KOREAN", "REPUBLIC OF KOREA"),
    "IND": ("INDIAN", "INDIA"),
    "CAN": ("CANADIAN", "CANADA"),
    "AUS": ("AUSTRALIAN", "AUSTRALIA"),
}
_NAME_TO_CODE = {
    unicodedata.normalize("NFC", name): code
    for code, names in _NATIONALITY_CODES.items()
    for name in names
}


def nationality_code(printed: str) -> str | None:
    """The ICAO code of a printed nationality, when it is a code or a known name."""
    value = unicodedata.normalize("NFC", printed.strip().upper())
    if value in _NAME_TO_CODE:
        return _NAME_TO_CODE[value]
    if re.fullmatch(r"[A-Z]{3}|D", value):
        return value
    return None


def _alnum(value: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", value.upper())


def number_matches(printed: str, result: MrzResult) -> bool:
    """Printed numbers may add the check digit, a prefix, or be the number kept in the
    optional data (Spain's DNI, Viet Nam's 12 digits): any of these agrees."""
    p = _alnum(printed)
    d = _alnum(result.document_number)
    pool = d + _alnum(result.optional_data) + _alnum(result.optional_data_2)
    if not p or not d:
        return True
    return p == d or p in pool or d in p or p in d + check_digit(d)


# ---------------------------------------------------------------------------------------
# Which printed fields each type has
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Spec:
    numbers: tuple[str, ...]  # printed fields that must agree with the document number
    birth: str
    expiry: str | None
    issue: str | None
    sex: str | None
    nationality: str | None
    surname: str | None
    given: str | None
    full_name: str | None = None
    country: str | None = None  # the issuing state every card of this type carries


def _card(country: str, **changes: object) -> Spec:
    base: dict[str, object] = {
        "numbers": ("documentNumber",), "birth": "dateOfBirth", "expiry": "expiryDate",
        "issue": "issueDate", "sex": "gender", "nationality": "nationality",
        "surname": "lastName", "given": "firstName", "country": country,
    }  # fmt: skip
    base.update(changes)
    return Spec(**base)  # type: ignore[arg-type]


SPECS: dict[str, Spec] = {
    "passport": Spec(("passportNumber",), "birthDay", "expiryDay", "issueDay", "gender",
                     "nationality", None, None, full_name="name"),
    "de_id_card": _card("D", sex=None),
    "fr_id_card": _card("FRA"),
    "it_id_card": _card("ITA"),
    "nl_id_card": _card("NLD"),
    "es_id_card": _card("ESP", issue=None),
    "se_id_card": _card("SWE", sex=None, nationality=None),
    "ch_id_card": _card("CHE"),
    "ro_id_card": _card("ROU", numbers=("series+idNumber",), expiry="validityEnd",
                        issue="validityStart", sex="sex", birth=""),
    "vn_id_card": _card("VNM", numbers=("idNumber",), issue=None, surname=None, given=None,
                        full_name="name"),
    "gh_id_card": _card("GHA", numbers=("documentId", "personalId"), expiry="dateOfExpiry",
                        issue="dateOfIssue", surname="surname", given="firstname"),
}  # fmt: skip

LABELS: dict[str, Label] = {
    "passportNumber": ("Passport number", "护照号码"),
    "documentNumber": ("Document number", "证件号码"),
    "idNumber": ("ID number", "身份证号码"),
    "series+idNumber": ("ID number", "身份证号码"),
    "documentId": ("Document ID", "证件编号"),
    "personalId": ("Personal ID", "个人编号"),
    "birthDay": ("Date of birth", "出生日期"),
    "dateOfBirth": ("Date of birth", "出生日期"),
    "expiryDay": ("Expiry date", "有效期至"),
    "expiryDate": ("Expiry date", "有效期至"),
    "dateOfExpiry": ("Expiry date", "有效期至"),
    "validityEnd": ("Valid until", "有效期至"),
    "issueDay": ("Issue date", "签发日期"),
    "issueDate": ("Issue date", "签发日期"),
    "dateOfIssue": ("Issue date", "签发日期"),
    "validityStart": ("Valid from", "有效期起"),
    "gender": ("Sex", "性别"),
    "sex": ("Sex", "性别"),
    "nationality": ("Nationality", "国籍"),
    "lastName": ("Surname", "姓"),
    "surname": ("Surname", "姓"),
    "firstName": ("Given names", "名"),
    "firstname": ("Given names", "名"),
    "name": ("Name", "姓名"),
}


def _printed(fields: Fields, key: str) -> str:
    if "+" in key:
        return "".join(text(fields, k) for k in key.split("+"))
    return text(fields, key)


def _field_of(key: str) -> str:
    return key.split("+")[-1]


def check_document(document_type: str, fields: Fields, today: date) -> list[Check]:
    """Every finding for a document type with an MRZ: the zone, and the printed dates."""
    spec = SPECS[document_type]
    out: list[Check] = []
    if spec.birth:
        out += check_birth_date(fields, spec.birth, LABELS[spec.birth], today)
    if spec.issue or spec.expiry:
        labels = (LABELS[spec.issue or "issueDate"], LABELS[spec.expiry or "expiryDate"])
        out += check_date_pair(fields, spec.issue, spec.expiry, labels, today)
    raw = text(fields, MRZ_FIELD)
    if not raw:
        return out
    result = parse_mrz(raw)
    if result is None:
        out.append(finding(MRZ_FIELD, "MRZ_FORMAT", Severity.WARNING, MRZ_LABEL,
                           "not a complete machine-readable zone (3 lines of 30, 2 of 36 or "
                           "2 of 44 characters); it may be cut off or misread.",
                           "不是完整的机读区（3 行 30 个、2 行 36 个或 2 行 44 个字符），"
                           "可能被截断或识别错误。"))  # fmt: skip
        return out
    out += _zone_findings(result)
    out += _compare(spec, fields, result, today)
    if spec.expiry and not text(fields, spec.expiry) and "expiry_date" not in result.failed:
        expiry = mrz_date(result.expiry_date, None, future_ok=True, today=today)
        if expiry is not None and expiry < today:
            out.append(finding(MRZ_FIELD, "DOCUMENT_EXPIRED", Severity.WARNING, MRZ_LABEL,
                               "the expiry date in it has passed.", "其中的有效期已过。"))
    return out


def _zone_findings(result: MrzResult) -> list[Check]:
    out: list[Check] = []
    for part in result.failed:
        en, zh = PART_LABELS[part]
        fixes = number_fixes(result) if part == "document_number" else ()
        out.append(
            finding(MRZ_FIELD, "MRZ_CHECK_DIGIT", Severity.ERROR, MRZ_LABEL,
                    f"the check digit of the {en} does not match; a character was probably "
                    "misread.", f"{zh}的校验位不符，可能有字符识别错误。", fixes)
        )
    if result.repairs:
        names_en = ", ".join(PART_LABELS[p][0] for p in result.repairs)
        names_zh = "、".join(PART_LABELS[p][1] for p in result.repairs)
        out.append(
            finding(MRZ_FIELD, "MRZ_REPAIRED", Severity.INFO, MRZ_LABEL,
                    f"letters read where digits belong ({names_en}) were taken as the "
                    "look-alike digits (O/0, I/1, B/8, S/5); the check digits confirm it.",
                    f"数字位置上被读成字母的字符（{names_zh}）已按形近数字理解"
                    "（O/0、I/1、B/8、S/5），校验位证实无误。",
                    ("\n".join(result.lines),))
        )
    return out


def _mismatch(key: str, what: Label, suggestion: str | None) -> list[Check]:
    """A disagreement is a finding on the printed field and on the zone."""
    label = LABELS[key]
    return [
        finding(_field_of(key), "MRZ_MISMATCH", Severity.WARNING, label,
                "differs from the machine-readable zone; one of them was misread.",
                "与机读区不一致，其中一处可能识别错误。",
                (suggestion,) if suggestion else ()),
        finding(MRZ_FIELD, "MRZ_MISMATCH", Severity.WARNING, MRZ_LABEL,
                f"its {what[0]} differs from the printed {label[0].lower()}.",
                f"其中的{what[1]}与印刷的{label[1]}不一致。"),
    ]  # fmt: skip


def _compare(spec: Spec, fields: Fields, result: MrzResult, today: date) -> list[Check]:
    out: list[Check] = []
    number_ok = "document_number" not in result.failed
    for key in spec.numbers:
        printed = _printed(fields, key)
        if printed and not number_matches(printed, result):
            out += _mismatch(key, PART_LABELS["document_number"],
                             result.document_number if number_ok else None)
    dated: tuple[tuple[str | None, str, bool], ...] = (
        (spec.birth, "birth_date", False), (spec.expiry, "expiry_date", True))
    for date_key, part, future_ok in dated:
        printed_date = parse_any_date(fields.get(date_key)) if date_key else None
        if not date_key or printed_date is None:
            continue
        coded = getattr(result, part)
        in_zone = mrz_date(coded, printed_date, future_ok=future_ok, today=today)
        if in_zone is not None and in_zone != printed_date:
            suggest = in_zone.isoformat() if part not in result.failed else None
            out += _mismatch(date_key, PART_LABELS[part], suggest)
    if spec.sex:
        stated = parse_sex(fields.get(spec.sex))
        coded_sex = {"M": "M", "F": "F", "<": "X", "X": "X"}.get(result.sex)
        if stated and coded_sex and stated != coded_sex:
            words = {"M": "Male", "F": "Female"}  # in the style printed: Male or M
            suggest_sex = words.get(coded_sex) if len(text(fields, spec.sex)) > 1 else coded_sex
            out += _mismatch(spec.sex, ("sex", "性别"), suggest_sex)
    if spec.nationality:
        printed_code = nationality_code(text(fields, spec.nationality))
        if printed_code and result.nationality and printed_code != result.nationality:
            out += _mismatch(spec.nationality, ("nationality code", "国籍代码"), None)
    out += _compare_names(spec, fields, result)
    if spec.country and result.issuing_state and result.issuing_state != spec.country:
        out.append(finding(MRZ_FIELD, "MRZ_ISSUER", Severity.WARNING, MRZ_LABEL,
                           "names another issuing country than this document type; check the "
                           "type chosen or the zone.",
                           "所示签发国与所选证件类型不符，请核对证件类型或机读区。"))  # fmt: skip
    return out


def _compare_names(spec: Spec, fields: Fields, result: MrzResult) -> list[Check]:
    out: list[Check] = []
    pairs = ((spec.surname, result.surname, ("surname", "姓")),
             (spec.given, result.given_names, ("given names", "名")))  # fmt: skip
    for key, in_zone, what in pairs:
        printed = text(fields, key) if key else ""
        if key and printed and in_zone and not _name_matches(
            printed, in_zone, result.name_truncated
        ):
            out += _mismatch(key, what, None)
    if spec.full_name:
        printed = text(fields, spec.full_name)
        if printed and not _tokens_match(printed, result):
            out += _mismatch(spec.full_name, ("name", "姓名"), None)
    return out
