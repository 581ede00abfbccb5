"""Offline checks of what was read: one rule set per document type that has public rules.

`run_checks` is what the GUI (badges next to fields) and the CLI (`checks`) call;
`check_record` sets a record's findings from its fields, the one way to (re)check a record
after it is read, merged or edited;
`normalize_fields` offers the values in the API's formats, and `normalize_record` applies
them to what an engine read, noting each value it rewrote.  Types without a number rule
get the date checks (issue before expiry, not expired, birth date not in the future).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pictotext_desktop.checks import cn_id, mrz, other_ids
from pictotext_desktop.checks.common import Label, check_birth_date, check_date_pair
from pictotext_desktop.checks.national import (
    argentina,
    bangladesh,
    egypt,
    india,
    indonesia,
    italy,
    japan,
    korea,
    malaysia,
    mexico,
    netherlands,
    pakistan,
    romania,
    south_africa,
    spain,
    sweden,
    thailand,
    united_kingdom,
    vietnam,
)
from pictotext_desktop.checks.photo import photo_checks
from pictotext_desktop.records import Check, Record

Rules = Callable[[dict[str, str | None], date], list[Check]]

_ISSUE: Label = ("Issue date", "签发日期")
_EXPIRY: Label = ("Expiry date", "有效期至")
_BIRTH: Label = ("Date of birth", "出生日期")


def _with_mrz(document_type: str, *more: Rules) -> Rules:
    """The zone and printed dates (mrz.SPECS), then the type's own number rules."""

    def rules(fields: dict[str, str | None], today: date) -> list[Check]:
        out = mrz.check_document(document_type, fields, today)
        for rule in more:
            out += rule(fields, today)
        return out

    return rules


def _all(*rules: Rules) -> Rules:
    def combined(fields: dict[str, str | None], today: date) -> list[Check]:
        return [c for rule in rules for c in rule(fields, today)]

    return combined


def _dates(issue: str | None, expiry: str | None, birth: str | None = None) -> Rules:
    def rules(fields: dict[str, str | None], today: date) -> list[Check]:
        out = check_birth_date(fields, birth, _BIRTH, today) if birth else []
        return out + check_date_pair(fields, issue, expiry, (_ISSUE, _EXPIRY), today)

    return rules


_RULES: dict[str, Rules] = {
    "cn_id_card": cn_id.run,
    "hk_id_card": other_ids.check_hk_id,
    "tw_id_card": other_ids.check_tw_id,
    # Machine-readable zones (ICAO 9303), with the national number where there is one
    "passport": _with_mrz("passport"),
    "de_id_card": _with_mrz("de_id_card"),
    "fr_id_card": _with_mrz("fr_id_card"),
    "it_id_card": _with_mrz("it_id_card", italy.check),
    "nl_id_card": _with_mrz("nl_id_card", netherlands.check),
    "es_id_card": _with_mrz("es_id_card", spain.check),
    "se_id_card": _with_mrz("se_id_card", sweden.check),
    "ch_id_card": _with_mrz("ch_id_card"),
    "ro_id_card": _with_mrz("ro_id_card", romania.check),
    "vn_id_card": _with_mrz("vn_id_card", vietnam.check),
    "gh_id_card": _with_mrz("gh_id_card"),
    # National numbers with a published rule
    "se_drivers_license": _all(sweden.check, _dates("issueDate", "expiryDate", "dateOfBirth")),
    "kr_id_card": _all(korea.check, _dates("issueDate", None)),
    "za_id_card": _all(south_africa.check, _dates("issueDate", None, "dateOfBirth")),
    "th_id_card": _all(thailand.check, _dates("issueDateEN", "expiryDateEN", "birthEn")),
    "th_drivers_license": _all(thailand.check, _dates("issueDate", "expiryDate", "birthEn")),
    "my_id_card": malaysia.check,
    "id_ktp": _all(indonesia.check, _dates(None, None, "dateOfBirth")),
    "in_aadhaar_front": _all(india.check, _dates("issueDate", None, "dateOfBirth")),
    "in_aadhaar_back": india.check,
}

# Other types: only their dates (issue before expiry, not expired, birth not ahead).
_DATE_KEYS = (
    ("issueDate", "expiryDate"), ("issueDay", "expiryDay"), ("dateOfIssue", "dateOfExpiry"),
    ("validityStart", "validityEnd"), ("issueDate", "expiresDate"),
)  # fmt: skip
_BIRTH_KEYS = ("dateOfBirth", "birthDay", "birthday")


# Cards that may print dates month first: only year-first dates are read on them.
_MONTH_FIRST = frozenset({"us_drivers_license", "ca_drivers_license", "ph_voters_id",
                          "ph_drivers_license", "ph_tinid", "ph_umid"})  # fmt: skip


def _generic_dates(
    fields: dict[str, str | None], today: date, day_first: bool = True
) -> list[Check]:
    out: list[Check] = []
    for key in _BIRTH_KEYS:
        if key in fields:
            out += check_birth_date(fields, key, _BIRTH, today, day_first)
    for issue, expiry in _DATE_KEYS:
        if expiry in fields or issue in fields:
            pair = check_date_pair(fields, issue, expiry, (_ISSUE, _EXPIRY), today, day_first)
            out += [c for c in pair if c not in out]  # issueDate is in two pairs
    return out


def _year_first_dates(fields: dict[str, str | None], today: date) -> list[Check]:
    return _generic_dates(fields, today, day_first=False)


# More national numbers (check digits where published, else the birth date and sex they
# encode), each with the type's dates.
_RULES.update({
    "in_pan": _all(india.check_pan, _generic_dates),
    "eg_id_card": _all(egypt.check, _generic_dates),
    "mx_id_card": _all(mexico.check, _generic_dates),
    "ar_id_card": _all(argentina.check, _generic_dates),
    "jp_my_number_card": _all(japan.check, _generic_dates),
    "gb_drivers_license": _all(united_kingdom.check, _generic_dates),
    "pk_id_card": _all(pakistan.check, _generic_dates),
    "bd_id_card": _all(bangladesh.check, _generic_dates),
})

_NORMALIZERS: dict[str, Callable[[dict[str, str | None]], dict[str, str | None]]] = {
    "cn_id_card": cn_id.normalize,
    "hk_id_card": lambda f: other_ids.normalize_dates(f, ("dateOfBirth", "issueDate"), True),
    "tw_id_card": lambda f: other_ids.normalize_dates(f, ("dateOfBirth", "issueDate"), False),
}
# The other types with rules print dates day first (DD/MM/YYYY, DD.MM.YYYY) or year first,
# never month first, so their readable dates can be written as YYYY-MM-DD before checking.
_DATE_FIELDS = (
    "dateOfBirth", "birthDay", "birthday", "birthEn", "issueDate", "issueDay", "dateOfIssue",
    "issueDateEN", "expiryDate", "expiryDay", "dateOfExpiry", "expiryDateEN", "validityStart",
    "validityEnd", "downloadDate",
)  # fmt: skip
for _type in _RULES:
    if _type not in _NORMALIZERS:
        _NORMALIZERS[_type] = lambda f: other_ids.normalize_dates(f, _DATE_FIELDS, True)
del _type

__all__ = ["check_record", "normalize_fields", "normalize_record", "parse_mrz", "run_checks"]

parse_mrz = mrz.parse_mrz


def run_checks(
    document_type: str, fields: dict[str, str | None], today: date | None = None
) -> list[Check]:
    """Every finding for these fields; `today` is a parameter so tests can fix the date."""
    rules = _RULES.get(document_type)
    if rules is None:
        rules = _year_first_dates if document_type in _MONTH_FIRST else _generic_dates
    return rules(dict(fields), today or date.today())


def check_record(record: Record, today: date | None = None) -> None:
    """Set `record.checks` from its fields as they are now (none for a failed reading)."""
    record.checks = (run_checks(record.document_type, record.fields, today)
                     + photo_checks(record.warnings) if record.fields is not None else [])


def normalize_fields(document_type: str, fields: dict[str, str | None]) -> dict[str, str | None]:
    """A normalised copy (dates as YYYY-MM-DD, validity as YYYY.MM.DD-YYYY.MM.DD, ...).

    Values that cannot be parsed are left as they are; the input is never modified.
    """
    normalizer = _NORMALIZERS.get(document_type)
    return normalizer(dict(fields)) if normalizer else dict(fields)


def normalize_record(record: Record) -> None:
    """Put what an engine read into the API's formats (dates, validity, gender, ID number).

    Each rewritten value is kept in the record's notes ("Read as …"), so nothing read is
    lost; the person's own edits never come through here.
    """
    if record.fields is None:
        return
    normal = normalize_fields(record.document_type, record.fields)
    for key, value in normal.items():
        raw = record.fields.get(key)
        if raw is not None and value != raw:
            note = f"Read as \u201c{raw}\u201d; shown in the API's format."
            earlier = record.notes.get(key)
            record.notes[key] = f"{earlier} {note}" if earlier else note
    record.fields = normal
