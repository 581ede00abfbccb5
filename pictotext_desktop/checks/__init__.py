"""Offline checks of what was read: one rule set per document type that has public rules.

`run_checks` is what the GUI (badges next to fields) and the CLI (`checks`) call;
`normalize_fields` offers the values in the API's formats, and `normalize_record` applies
them to what an engine read, noting each value it rewrote.  Types without rules get no
checks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pictotext_desktop.checks import cn_id, other_ids
from pictotext_desktop.records import Check, Record

Rules = Callable[[dict[str, str | None], date], list[Check]]

_RULES: dict[str, Rules] = {
    "cn_id_card": cn_id.run,
    "hk_id_card": other_ids.check_hk_id,
    "tw_id_card": other_ids.check_tw_id,
}

_NORMALIZERS: dict[str, Callable[[dict[str, str | None]], dict[str, str | None]]] = {
    "cn_id_card": cn_id.normalize,
    "hk_id_card": lambda f: other_ids.normalize_dates(f, ("dateOfBirth", "issueDate"), True),
    "tw_id_card": lambda f: other_ids.normalize_dates(f, ("dateOfBirth", "issueDate"), False),
}

__all__ = ["normalize_fields", "normalize_record", "run_checks"]


def run_checks(
    document_type: str, fields: dict[str, str | None], today: date | None = None
) -> list[Check]:
    """Every finding for these fields; `today` is a parameter so tests can fix the date."""
    rules = _RULES.get(document_type)
    if rules is None:
        return []
    return rules(dict(fields), today or date.today())


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
