"""Masking (脱敏): hide parts of ID numbers, names and addresses in what is shown or shared.

Presets are data (`PRESETS`); `parse_mask("standard,id-3-3")` turns what a person typed
into a `Mask`, and `mask_record` returns a masked copy of a record.  The checks are never
re-run on masked values: they keep what they found on the full values, minus their
suggestions (a suggestion is a value, e.g. a corrected ID number).  Which field of which
of the 44 types is an ID number, a name or an address is decided once, in `ROLES`.
Decisions and examples: docs/adr/0011-masking-and-templates.md.
"""

from __future__ import annotations

import dataclasses
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pictotext_desktop.errors import UsageError
from pictotext_desktop.records import Record

HIDDEN = "*"
HIDDEN_REST = "****"  # stands for the hidden rest of an address, whatever its length


# ---------------------------------------------------------------------------------------
# Presets
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Preset:
    name: str
    help: str
    label_zh: str
    example: str
    parts: tuple[str, ...] = ()  # a combination: the presets it stands for


PRESETS: tuple[Preset, ...] = (
    Preset("id-6-4", "ID numbers keep the first 6 and the last 4 characters",
           "证件号保留前 6 位和后 4 位", "450103********8506"),
    Preset("id-3-3", "ID numbers keep the first 3 and the last 3 characters",
           "证件号保留前 3 位和后 3 位", "450************506"),
    Preset("id-no-birth", "ID numbers hide the digits that encode the birth date (numbers "
           "with no birth date in them are left as they are)",
           "证件号隐藏出生日期位", "450103********8506"),
    Preset("name", "names keep the surname (韩**); a name in Latin letters keeps the first "
           "letter of each part (J*** M. D**); surname fields are kept",
           "姓名保留姓氏", "韩**"),
    Preset("address", "addresses keep the province and the city; the rest is ****",
           "地址保留省市", "广西壮族自治区南宁市****"),
    Preset("standard", "id-6-4 + name + address", "标准（证件号前6后4 + 姓名 + 地址）",
           "450103********8506 / 韩** / 广西壮族自治区南宁市****",
           parts=("id-6-4", "name", "address")),
    Preset("none", "no masking (overrides a template's preset)", "不脱敏", ""),
)
BY_NAME = {p.name: p for p in PRESETS}
ID_RULES = ("id-6-4", "id-3-3", "id-no-birth")


@dataclass(frozen=True)
class Mask:
    """What to hide: any of the ID rules (their hidden positions are combined), names,
    addresses.  `spec` is the canonical text shown in masked output ("standard,id-3-3")."""

    spec: str = ""
    id_rules: frozenset[str] = frozenset()
    names: bool = False
    addresses: bool = False

    def __bool__(self) -> bool:
        return bool(self.id_rules or self.names or self.addresses)


NO_MASK = Mask()


def parse_mask(text: str | None) -> Mask:
    """`"standard,id-3-3"` -> a Mask; UsageError naming the valid presets for anything else.

    Presets combine: ID rules hide the union of their positions (so id-3-3 wins over
    id-6-4).  "none" alone means no masking; "" and None too.
    """
    if text is None:
        return NO_MASK
    names: list[str] = []
    for raw in text.split(","):
        name = raw.strip().lower()
        if not name:
            continue
        if name not in BY_NAME:
            raise UsageError(
                f"--mask: unknown preset {raw.strip()!r}; use one or more of "
                + ", ".join(p.name for p in PRESETS)
                + " (comma-separated). 'pictotext-desktop scan --mask help' explains them."
            )
        if name not in names:
            names.append(name)
    if "none" in names:
        if len(names) > 1:
            raise UsageError("--mask: 'none' cannot be combined with other presets.")
        return NO_MASK
    parts: set[str] = set()
    for name in names:
        parts.update(BY_NAME[name].parts or (name,))
    return Mask(
        spec=",".join(names),
        id_rules=frozenset(parts & set(ID_RULES)),
        names="name" in parts,
        addresses="address" in parts,
    )


def presets_help() -> str:
    """The text of `--mask help`."""
    width = max(len(p.name) for p in PRESETS)
    lines = ["Masking presets for --mask (combine with commas, e.g. --mask id-3-3,name):", ""]
    for preset in PRESETS:
        wrapped = textwrap.wrap(preset.help, 86 - width)
        lines.append(f"  {preset.name:<{width}}  {wrapped[0]}")
        lines += [f"  {'':<{width}}  {more}" for more in wrapped[1:]]
        if preset.example:
            lines.append(f"  {'':<{width}}  e.g. {preset.example}")
    lines += [
        "",
        "Checks run on the full values before masking; masked output drops their",
        "suggestions and says which preset it used (JSON \"masked\", a \"masked\" column in",
        "CSV and XLSX, a first line in the table). MRZ and barcode fields are hidden whole",
        "when ID numbers or names are masked.",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------
# Which fields are what (all 44 types; tests/test_masking.py checks every catalog key)
# ---------------------------------------------------------------------------------------
ID = "id"  # a number that identifies the person or the document
NAME = "name"  # a name, or part of one, that is masked
SURNAME = "surname"  # a family name: kept by the name preset ("keeps the surname")
ADDRESS = "address"  # a whole address: province and city kept
ADDRESS_DETAIL = "address-detail"  # a part of an address below the city: hidden whole
WHOLE = "whole"  # machine-readable data holding number, name and birth date: hidden whole

ROLES: dict[str, str] = {
    **dict.fromkeys((
        "passportNumber", "idNumber", "cardNumber", "id", "individualNumber", "licenseNumber",
        "vin", "licenseNo", "crn", "residentRegistrationNumber", "nationalNumber",
        "personalId", "documentId", "nationalIdentificationNumber", "trackingId",
        "identityNumber", "documentNumber", "personalNumber", "cnp", "taxCode",
        "personalIdNumber", "driverNumber", "curp", "electorKey", "cuil", "vid",
        "serialNumber", "licenceCardNumber", "documentDiscriminator", "mobileNumber",
    ), ID),
    **dict.fromkeys((
        "name", "fullName", "englishName", "chineseName", "firstName", "firstname",
        "middleName", "givenName", "givenNames", "foreNames", "nameTh", "nameEn",
        "fatherName", "motherName", "parentsNames", "chineseCommercialCode",
    ), NAME),
    **dict.fromkeys((
        "lastName", "surname", "secondSurname", "fatherLastName", "motherLastName",
        "lastNameEn",
    ), SURNAME),
    **dict.fromkeys(("address", "addressAll", "placeOfResidence", "placeOfOrigin"), ADDRESS),
    **dict.fromkeys((
        "rt", "rw", "village", "district", "subDistrict", "postCode", "zipCode", "postalCode",
    ), ADDRESS_DETAIL),
    **dict.fromkeys(("mrz", "pdf417BarcodeData", "qrCodeData", "fingerprint"), WHOLE),
}  # fmt: skip

# Where the birth date sits in a national number, by (type, field) and then by the number
# of letters and digits in it: (start, end) over those characters, separators not counted.
BIRTH_SPANS: dict[tuple[str, str], dict[int, tuple[int, int]]] = {
    ("cn_id_card", "idNumber"): {18: (6, 14), 15: (6, 12)},
    ("kr_id_card", "residentRegistrationNumber"): {13: (0, 7)},  # YYMMDD + century/sex
    ("za_id_card", "identityNumber"): {13: (0, 6)},
    ("my_id_card", "cardNumber"): {12: (0, 6)},
    ("eg_id_card", "nationalNumber"): {14: (0, 7)},  # century + YYMMDD
    ("ro_id_card", "cnp"): {13: (0, 7)},  # sex/century + YYMMDD
    ("se_id_card", "personalIdNumber"): {12: (0, 8), 10: (0, 6)},
    ("se_drivers_license", "personalIdNumber"): {12: (0, 8), 10: (0, 6)},
    ("se_drivers_license", "licenseNumber"): {12: (0, 8), 10: (0, 6)},
    ("mx_id_card", "curp"): {18: (4, 10)},
    ("mx_id_card", "electorKey"): {18: (6, 12)},
    ("it_id_card", "taxCode"): {16: (6, 11)},
    ("id_ktp", "id"): {16: (6, 12)},  # DDMMYY (+40 for women)
    ("gb_drivers_license", "driverNumber"): {16: (5, 11)},
    ("vn_id_card", "idNumber"): {12: (3, 6)},  # century/sex + YY
    ("bd_id_card", "idNumber"): {17: (0, 4)},  # the 17-digit form starts with the year
}


def role_of(key: str) -> str | None:
    return ROLES.get(key)


def masks_field(key: str, mask: Mask) -> bool:
    """Would `mask` change this field's value (when it has one)?"""
    role = ROLES.get(key)
    if role == ID:
        return bool(mask.id_rules)
    if role == NAME:
        return mask.names
    if role in (ADDRESS, ADDRESS_DETAIL):
        return mask.addresses
    if role == WHOLE:
        return bool(mask.id_rules) or mask.names
    return False


# ---------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------
def mask_value(document_type: str, key: str, value: str | None, mask: Mask) -> str | None:
    """`value` as `mask` shows it for this type's field; None and "" stay as they are."""
    if not value or not masks_field(key, mask):
        return value
    role = ROLES[key]
    if role == ID:
        return mask_id(value, mask.id_rules, BIRTH_SPANS.get((document_type, key), {}))
    if role == NAME:
        if key == "chineseCommercialCode":
            return _mask_commercial_code(value)
        return mask_name(value)
    if role == ADDRESS:
        return mask_address(value, document_type)
    return re.sub(r"[^\s<]", HIDDEN, value) if role == WHOLE else HIDDEN_REST


def _keep_positions(count: int, first: int, last: int) -> tuple[int, int]:
    """How many to keep at each end: as asked, but never more than 60% of the characters
    (nor all but 4), so a short number is still mostly hidden."""
    shown_max = max(0, min(count - 4, count - (count * 2 + 4) // 5))
    if first + last <= shown_max:
        return first, last
    keep_first = shown_max * first // (first + last)
    return keep_first, shown_max - keep_first


def mask_id(value: str, rules: Iterable[str], birth: dict[int, tuple[int, int]]) -> str:
    """Hide letters and digits by position (separators such as - ( ) stay where they are)."""
    positions = [i for i, ch in enumerate(value) if ch.isalnum()]
    count = len(positions)
    hidden: set[int] = set()
    for rule in rules:
        if rule == "id-no-birth":
            span = birth.get(count)
            if span is not None:
                hidden.update(range(*span))
            continue
        first, last = (6, 4) if rule == "id-6-4" else (3, 3)
        first, last = _keep_positions(count, first, last)
        hidden.update(range(first, count - last))
    chars = list(value)
    for index in hidden:
        chars[positions[index]] = HIDDEN
    return "".join(chars)


_COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "夏侯", "令狐", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "赫连",
    "澹台", "公冶", "太史", "申屠", "钟离", "闻人", "万俟", "第五", "歐陽", "司馬", "諸葛",
    "長孫", "軒轅", "鍾離", "聞人",
))
_LIST_SEPARATORS = re.compile(r"([、，,;/]+\s*)")


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF
            or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF)  # fmt: skip


def _hide_letters(text: str) -> str:
    """Letters and digits become *; combining marks (Thai vowels) go with their letter."""
    out: list[str] = []
    for ch in text:
        if unicodedata.category(ch).startswith("M"):
            if not out or out[-1] != HIDDEN:
                out.append(ch)
        else:
            out.append(HIDDEN if ch.isalnum() else ch)
    return "".join(out)


def _mask_one_name(name: str) -> str:
    stripped = name.strip()
    if not stripped:
        return name
    if _is_cjk(stripped[0]):
        if " " in stripped:  # 山田 太郎: the family name is the first part
            head, _, rest = stripped.partition(" ")
            return f"{head} {_hide_letters(rest)}"
        keep = 2 if len(stripped) >= 3 and stripped[:2] in _COMPOUND_SURNAMES else 1
        return stripped[:keep] + _hide_letters(stripped[keep:])
    # Latin, Cyrillic, Arabic, Thai...: which part is the surname is not known, so each part
    # keeps its first letter: JOHN MICHAEL DOE -> J*** M****** D**.
    parts = re.split(r"([\s\-.'’·]+)", stripped)
    out = []
    for part in parts:
        letters = [i for i, ch in enumerate(part) if ch.isalnum()]
        if not letters:
            out.append(part)
            continue
        first = letters[0]
        out.append(part[: first + 1] + _hide_letters(part[first + 1 :]))
    return "".join(out)


def mask_name(value: str) -> str:
    """韩梅梅 -> 韩**, 欧阳娜娜 -> 欧阳**, 陳大文、林美玲 -> 陳**、林**, JOHN DOE -> J*** D**."""
    pieces = _LIST_SEPARATORS.split(value)
    return "".join(
        piece if i % 2 else _mask_one_name(piece) for i, piece in enumerate(pieces)
    )


def _mask_commercial_code(value: str) -> str:
    """Hong Kong's Chinese commercial codes, one group per character: the surname's stays."""
    groups = value.split()
    return " ".join([groups[0], *(_hide_letters(g) for g in groups[1:])]) if groups else value


# -- addresses -------------------------------------------------------------------------
_NOT_CITIES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})


def _short(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@cache
def _region_names() -> tuple[list[tuple[str, str, str]], dict[str, list[tuple[str, str]]]]:
    """Provinces as (code, full, short) and cities by province as (full, short)."""
    from pictotext_desktop.checks.cn_id import regions

    names = regions().names
    provinces = [
        (code[:2], name, _short(name, ("特别行政区", "维吾尔自治区", "壮族自治区",
                                       "回族自治区", "自治区", "省", "市")))
        for code, name in names.items() if code.endswith("0000")
    ]  # fmt: skip
    cities: dict[str, list[tuple[str, str]]] = {}
    for code, name in names.items():
        city_level = code.endswith("00") and not code.endswith("0000")
        direct = code[2:4] == "90" and not code.endswith("00")  # 仙桃市: under the province
        if (city_level or direct) and name not in _NOT_CITIES:
            cities.setdefault(code[:2], []).append((name, _short(name, ("市", "地区", "盟"))))
    # Longest first, so 张家口市 is tried before 张家界市's shorter neighbours.
    for entries in cities.values():
        entries.sort(key=lambda e: -len(e[0]))
    return provinces, cities


_CHINESE_FALLBACK = re.compile(r"^(\S{1,6}?[省縣县市])([^区區\d]{1,5}?[市縣县])?")
_JAPANESE = re.compile(r"^(東京都|北海道|京都府|大阪府|\S{2,3}?県)([^区\d]{1,5}?[市区町村])?")


def _chinese_prefix(text: str) -> str:
    provinces, cities = _region_names()
    for code, full, short in provinces:
        for name in (full, short):
            if text.startswith(name):
                if code in _MUNICIPALITIES:
                    return name
                rest = text[len(name) :]
                entries = cities.get(code, [])
                for candidate in [e[0] for e in entries] + [e[1] for e in entries]:
                    if len(candidate) >= 2 and rest.startswith(candidate):
                        return name + candidate
                return name
    match = _CHINESE_FALLBACK.match(text)
    return "".join(g for g in match.groups() if g) if match else ""


def _korean_prefix(value: str) -> str:
    parts = value.split()
    if not parts:
        return ""
    if parts[0].endswith(("특별시", "광역시", "특별자치시")) or len(parts) == 1:
        return parts[0] if parts[0].endswith(("시", "도")) else ""
    if parts[0].endswith("도") and parts[1].endswith(("시", "군")):
        return f"{parts[0]} {parts[1]}"
    return parts[0] if parts[0].endswith("도") else ""


def _component_suffix(value: str) -> str:
    """Street first, city last: the last two parts after the first, without postcodes."""
    parts = [p.strip() for p in re.split(r"[,，、،;\n]+", value) if p.strip()]
    kept = []
    for part in parts[1:][-2:]:
        words = [w for w in part.split() if not any(ch.isdigit() for ch in w)]
        if words:
            kept.append(" ".join(words))
    return ", ".join(kept)


def mask_address(value: str, document_type: str = "") -> str:
    """Keep the province and the city; anything not recognised is hidden whole.

    Chinese addresses use the GB/T 2260 names (广西壮族自治区南宁市****, 北京市****),
    Japanese keep the prefecture and the municipality, Korean the province and the city,
    others (street first) their last two parts without house numbers or postcodes
    (****, TORONTO, ON).
    """
    text = re.sub(r"\s+", "", value)
    if document_type.startswith("jp_"):
        match = _JAPANESE.match(text)
        kept = "".join(g for g in match.groups() if g) if match else ""
        return kept + HIDDEN_REST
    if document_type == "kr_id_card":
        kept = _korean_prefix(value.strip())
        return f"{kept} {HIDDEN_REST}" if kept else HIDDEN_REST
    if text and _is_cjk(text[0]):
        return _chinese_prefix(text) + HIDDEN_REST
    kept = _component_suffix(value)
    return f"{HIDDEN_REST}, {kept}" if kept else HIDDEN_REST


# ---------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------
def mask_record(record: Record, mask: Mask) -> Record:
    """A masked copy of `record` (the record itself is never changed).

    Fields, the values before hand edits (`original`) and the notes of masked fields (a
    note may quote the value as read) are masked or dropped; every check stays as found on
    the full values, without its suggestions; `masked` says which preset was used.
    """
    if not mask:
        return record
    doc = record.document_type

    def hide(values: dict[str, str | None]) -> dict[str, str | None]:
        return {k: mask_value(doc, k, v, mask) for k, v in values.items()}

    return dataclasses.replace(
        record,
        fields=hide(record.fields) if record.fields is not None else None,
        original=hide(record.original),
        notes={k: v for k, v in record.notes.items() if not masks_field(k, mask)},
        edited=set(record.edited),
        checks=[dataclasses.replace(c, suggestions=()) for c in record.checks],
        warnings=list(record.warnings),
        masked=mask.spec,
    )


def mask_records(records: Iterable[Record], mask: Mask) -> list[Record]:
    return [mask_record(r, mask) for r in records]


def mask_record_except(record: Record, mask: Mask, revealed: Iterable[str]) -> Record:
    """`mask_record`, but the `revealed` fields keep their full values (the window's "Show"
    on one value: that value is copied as it is, the others masked)."""
    keep = {k for k in revealed if k in (record.fields or {})}
    masked = mask_record(record, mask)
    if not keep or masked is record or masked.fields is None:
        return masked
    full = record.fields or {}
    masked.fields = {k: (full[k] if k in keep else v) for k, v in masked.fields.items()}
    return masked
