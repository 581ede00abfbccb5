"""Front and back of one Chinese ID card become one record.

The front carries name to ID number; the back (the emblem side) carries the issuing
authority and the validity period.  People photograph both sides as two files, so
`pair_by_name` finds the pairs and `merge_records` joins them; checks are re-run on the
merged fields because some (validity length vs. age) need both sides.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from pictotext_desktop import catalog
from pictotext_desktop.checks import run_checks
from pictotext_desktop.errors import UsageError
from pictotext_desktop.records import Record

CN_ID = "cn_id_card"
BACK_FIELDS = ("issuingAuthority", "validityPeriod")
FRONT_MARKERS = ("name", "idNumber")

# (pattern, front word) -- matched against the file name without suffix, case-insensitive.
# A digit suffix needs a non-digit before it, so IMG_0001 / IMG_0002 never pair.
_SIDE_PATTERNS = (
    (re.compile(r"^(?P<stem>.*?)[ _.\-]?(?P<side>front|back)$", re.IGNORECASE), "front"),
    (re.compile(r"^(?P<stem>.*?)[ _.\-]?(?P<side>正面|反面|背面)$"), "正面"),
    (re.compile(r"^(?P<stem>.*\D)(?P<side>[12])$"), "1"),
)


def _read(record: Record, key: str) -> bool:
    value = (record.fields or {}).get(key)
    return bool(value and value.strip())


def _front_score(record: Record) -> int:
    return sum(_read(record, k) for k in FRONT_MARKERS)


def merge_records(front: Record, back: Record) -> Record:
    """One record from the two sides; which side is the front is decided by content.

    The record that has name/idNumber read is the front (on a tie, the first argument).
    Front fields come from the front, back fields from the back, each falling back on the
    other side when its own side did not read it; edited flags and originals travel with
    the value they belong to.
    """
    for record in (front, back):
        if record.document_type != CN_ID or not record.ok:
            raise UsageError("Only two successfully read Chinese ID card sides can be merged.")
    if _front_score(back) > _front_score(front):
        front, back = back, front

    keys: list[str] = []
    for record in (front, back):
        keys += [k for k in record.fields or {} if k not in keys]
    keys = list(catalog.order_fields(CN_ID, dict.fromkeys(keys)))

    merged = Record(
        source=f"{front.source} + {back.source}",
        document_type=CN_ID,
        engine=front.engine if front.engine == back.engine else _join(front.engine, back.engine),
        merged_from=(front.source, back.source),
        warnings=[*front.warnings, *back.warnings],
    )
    fields: dict[str, str | None] = {}
    for key in keys:
        first, second = (back, front) if key in BACK_FIELDS else (front, back)
        donor = first if _read(first, key) or not _read(second, key) else second
        fields[key] = (donor.fields or {}).get(key)
        if key in donor.edited:
            merged.edited.add(key)
            merged.original[key] = donor.original.get(key)
        if key in donor.notes:
            merged.notes[key] = donor.notes[key]
    merged.fields = fields
    merged.checks = run_checks(CN_ID, fields)
    return merged


def _join(a: str | None, b: str | None) -> str | None:
    parts = [p for p in (a, b) if p]
    return "+".join(parts) or None


def _side_key(source: str) -> tuple[str, str, bool] | None:
    """(folder + stem, pattern kind, is_front) when the name says which side it is."""
    path = PurePath(source)
    name = path.stem if path.suffix else path.name
    for kind, (pattern, front_word) in enumerate(_SIDE_PATTERNS):
        m = pattern.match(name)
        if m and m["stem"].strip(" _.-"):
            stem = str(path.parent / m["stem"].strip(" _.-")).lower()
            return stem, str(kind), m["side"].lower() == front_word
    return None


def pair_by_name(records: list[Record]) -> list[tuple[Record, Record]]:
    """(front, back) pairs of cn_id_card records whose file names say front/back.

    `x_front`/`x_back`, `x-front`/`x-back`, `x正面`/`x反面` and `x1`/`x2` with the same
    stem in the same folder, case-insensitive; only successful records; a stem with more
    than one candidate per side is ambiguous and left alone.  Order: by the front's place.
    """
    sides: dict[tuple[str, str], dict[bool, list[Record]]] = {}
    for record in records:
        if record.document_type != CN_ID or not record.ok:
            continue
        key = _side_key(record.source)
        if key is None:
            continue
        stem, kind, is_front = key
        sides.setdefault((stem, kind), {True: [], False: []})[is_front].append(record)
    pairs = [
        (group[True][0], group[False][0])
        for group in sides.values()
        if len(group[True]) == 1 and len(group[False]) == 1
    ]
    order = {id(r): i for i, r in enumerate(records)}
    return sorted(pairs, key=lambda pair: order[id(pair[0])])
