"""Front and back of one Chinese ID card become one record; no person is ever lost.

The front carries name to ID number; the back (the emblem side) carries the issuing
authority and the validity period.  People photograph both sides as two files.  What was
read decides which side a record is (`side`): only one front and one back are ever
merged, so two people's fronts, two backs or an unreadable side always stay two records.
File names only propose pairs (`pair_by_name`); `merge_front_back` is the one rule both
the command line and the window apply (docs/adr/0009-front-back-pairing.md).  Checks are
re-run on the merged fields because some (validity length vs. age) need both sides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import PurePath

from pictotext_desktop import catalog
from pictotext_desktop.checks import check_record
from pictotext_desktop.errors import UsageError
from pictotext_desktop.records import Record

CN_ID = "cn_id_card"
BACK_FIELDS = ("issuingAuthority", "validityPeriod")
FRONT_FIELDS = ("name", "gender", "ethnicity", "dateOfBirth", "address", "idNumber")
FRONT_MARKERS = ("name", "idNumber")  # a front is a front when one of these was read
FRONT, BACK = "front", "back"

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


def side(record: Record) -> str | None:
    """"front", "back" or None (not one side of a Chinese ID card) -- by what was read.

    A front has name or ID number read and no back field; a back has the issuing
    authority or validity period read and no front field.  A failed record, another
    document type or a record with both sides' fields (the whole card) is neither.
    """
    if record.document_type != CN_ID or not record.ok:
        return None
    has_back = any(_read(record, k) for k in BACK_FIELDS)
    has_front = any(_read(record, k) for k in FRONT_FIELDS)
    if has_back and not has_front:
        return BACK
    if not has_back and any(_read(record, k) for k in FRONT_MARKERS):
        return FRONT
    return None


def _describe(record: Record) -> str:
    kind = side(record)
    if kind is not None:
        return f"a {kind}"
    if not record.ok:
        return "not read"
    if record.document_type != CN_ID:
        return "not a Chinese ID card"
    if any(_read(record, k) for k in BACK_FIELDS):
        return "both sides"
    return "neither side"


def merge_records(first: Record, second: Record) -> Record:
    """One record from the front and the back of one card, in either argument order.

    Which is the front is decided by what was read (`side`); anything but one front and
    one back is refused with a `UsageError` that names both records, so two people are
    never joined into one.  Front fields come from the front, back fields from the back;
    edited flags, originals and notes travel with the value they belong to.
    """
    sides = (side(first), side(second))
    if sorted(s or "" for s in sides) != [BACK, FRONT]:
        raise UsageError(
            f"{PurePath(first.source).name} ({_describe(first)}) and "
            f"{PurePath(second.source).name} ({_describe(second)}) were not merged: only the "
            "front of a Chinese ID card (name or ID number read) and its back (issuing "
            "authority or validity read) can be merged."
        )
    front, back = (first, second) if sides[0] == FRONT else (second, first)

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
        donor = back if key in BACK_FIELDS else front
        fields[key] = (donor.fields or {}).get(key)
        if key in donor.edited:
            merged.edited.add(key)
            merged.original[key] = donor.original.get(key)
        if key in donor.notes:
            merged.notes[key] = donor.notes[key]
    merged.fields = fields
    check_record(merged)
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


def pair_by_name(records: Sequence[Record]) -> list[tuple[Record, Record]]:
    """(front, back) pairs whose file names propose them and whose content agrees.

    Names: `x_front`/`x_back`, `x-front`/`x-back`, `x正面`/`x反面` and `x1`/`x2` with the
    same stem in the same folder, case-insensitive; a stem with more than one candidate
    per side is ambiguous and left alone.  Content decides: the pair is kept only when
    one is a front and the other a back (`side`), whichever name says which.  Order: by
    the front's place.
    """
    sides: dict[tuple[str, str], dict[bool, list[Record]]] = {}
    for record in records:
        if side(record) is None:
            continue
        key = _side_key(record.source)
        if key is None:
            continue
        stem, kind, is_front = key
        sides.setdefault((stem, kind), {True: [], False: []})[is_front].append(record)
    pairs: list[tuple[Record, Record]] = []
    for group in sides.values():
        if len(group[True]) != 1 or len(group[False]) != 1:
            continue
        a, b = group[True][0], group[False][0]
        if {side(a), side(b)} == {FRONT, BACK}:
            pairs.append((a, b) if side(a) == FRONT else (b, a))
    order = {id(r): i for i, r in enumerate(records)}
    return sorted(pairs, key=lambda pair: order[id(pair[0])])


def pair_sides(records: Sequence[Record]) -> list[tuple[Record, Record]]:
    """The (front, back) pairs to merge: those the names propose and the content confirms,
    plus one pair by content alone when it is unambiguous.

    Content alone pairs only when, once the named pairs are taken out, exactly one front
    and exactly one back are left and they are next to each other in `records` (nothing
    between them, not even a failed input): someone's two photos of one card, named by
    the camera.  Anything else (several people, a gap, a side that failed) stays apart.
    """
    pairs = pair_by_name(records)
    taken = {id(r) for pair in pairs for r in pair}
    left = [(i, r) for i, r in enumerate(records) if id(r) not in taken and side(r)]
    if len(left) == 2 and left[1][0] == left[0][0] + 1:
        (_, a), (_, b) = left
        if {side(a), side(b)} == {FRONT, BACK}:
            pairs.append((a, b) if side(a) == FRONT else (b, a))
    order = {id(r): i for i, r in enumerate(records)}
    return sorted(pairs, key=lambda pair: order[id(pair[0])])


def merge_front_back(
    records: Sequence[Record],
    on_merge: Callable[[Record, Record, Record], None] | None = None,
) -> list[Record]:
    """`records` with each pair from `pair_sides` replaced by one merged record, in place
    of the first of the two, so output order still follows input order.

    Every other record is kept as it is: an input is never dropped unless its content
    went into a merged record.  `on_merge(merged, front, back)` lets the window keep the
    two sides of each merged row.
    """
    position = {id(r): i for i, r in enumerate(records)}
    merged_at: dict[int, Record] = {}
    dropped: set[int] = set()
    for front, back in pair_sides(records):
        first, second = sorted((id(front), id(back)), key=position.__getitem__)
        merged = merge_records(front, back)  # re-runs the checks on the merged fields
        merged_at[first] = merged
        dropped.add(second)
        if on_merge is not None:
            on_merge(merged, front, back)
    return [merged_at.get(id(r), r) for r in records if id(r) not in dropped]
