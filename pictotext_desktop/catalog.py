"""The 44 document types the PicToText API knows, and their fields in order.

Data lives in the package's resources (`document_types.json`, copied verbatim from the
API documentation, and `field_labels.json` with readable English labels, a Chinese label
for every field key (`labels_zh_generic`), overridden by the exact wording printed on the
Chinese-language cards (`labels_zh`), and Chinese type and region names), so a docs update
is a data change, not code.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from pictotext_desktop.paths import resource

DEFAULT_TYPE = "cn_id_card"
REGION_ORDER = (
    "asia",
    "international",
    "europe",
    "north-america",
    "south-america",
    "africa",
    "oceania",
)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    label_zh: str
    description: str
    example: str


@dataclass(frozen=True)
class DocumentType:
    value: str  # the API's documentType, e.g. "cn_id_card"
    name: str
    name_zh: str
    region: str
    region_name: str
    country: str
    fields: tuple[FieldSpec, ...]
    region_name_zh: str = ""

    @property
    def field_keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def field(self, key: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.key == key), None)

    def label(self, key: str, zh: bool = False) -> str:
        """A readable label; an extra key the API returned gets its own name."""
        spec = self.field(key)
        if spec is None:
            return key
        return (spec.label_zh or spec.label) if zh else spec.label


class UnknownDocumentType(KeyError):
    """A documentType that is not one of the 44; carries close matches for the message."""

    def __init__(self, value: str) -> None:
        self.value = value
        self.suggestions = close_matches(value)
        super().__init__(value)

    def __str__(self) -> str:
        text = f"Unknown document type {self.value!r}."
        if self.suggestions:
            text += " Did you mean: " + ", ".join(self.suggestions) + "?"
        text += " Run 'pictotext-desktop types' for the list."
        return text


def _load_json(name: str) -> Any:
    return json.loads(resource(name).read_text("utf-8"))


@cache
def _types() -> dict[str, DocumentType]:
    raw = _load_json("document_types.json")["documentTypes"]
    labels = _load_json("field_labels.json")
    result: dict[str, DocumentType] = {}
    for entry in raw:
        value = entry["documentType"]
        zh = labels["labels_zh"].get(value, {})  # the card's own printed wording wins
        generic_zh = labels.get("labels_zh_generic", {})
        fields = tuple(
            FieldSpec(
                key=f["key"],
                label=labels["labels"].get(f["key"], f["key"]),
                label_zh=zh.get(f["key"]) or generic_zh.get(f["key"], ""),
                description=f.get("description", ""),
                example=f.get("example", ""),
            )
            for f in entry["fields"]
        )
        result[value] = DocumentType(
            value=value,
            name=entry["name"],
            name_zh=labels["type_names_zh"].get(value, ""),
            region=entry["region"],
            region_name=labels["region_names"].get(entry["region"], entry["region"]),
            country=entry["country"],
            fields=fields,
            region_name_zh=labels.get("region_names_zh", {}).get(entry["region"], ""),
        )
    return result


def all_types() -> list[DocumentType]:
    """Every type, in the documentation's order."""
    return list(_types().values())


def values() -> list[str]:
    return list(_types())


def get(value: str) -> DocumentType:
    """The type for an exact, case-sensitive documentType (the API is case-sensitive)."""
    try:
        return _types()[value]
    except KeyError:
        raise UnknownDocumentType(value) from None


def field_keys(value: str) -> tuple[str, ...]:
    return get(value).field_keys


def close_matches(value: str, limit: int = 3) -> list[str]:
    """Likely intended types: case-insensitive exact, then fuzzy on value and name."""
    lowered = value.lower().replace("-", "_").strip()
    by_value = {v.lower(): v for v in _types()}
    if lowered in by_value:
        return [by_value[lowered]]
    names = {t.name.lower(): t.value for t in _types().values()}
    found = difflib.get_close_matches(lowered, list(by_value), n=limit, cutoff=0.6)
    by_name = difflib.get_close_matches(lowered, list(names), n=limit, cutoff=0.6)
    found += [names[n] for n in by_name]
    substring = [v for v in _types() if lowered and lowered in v]
    seen: list[str] = []
    for candidate in substring + [by_value.get(f, f) for f in found]:
        if candidate not in seen:
            seen.append(candidate)
    return seen[:limit]


def grouped_by_region() -> list[tuple[str, list[DocumentType]]]:
    """Types grouped for the selector: regions in a fixed order, types by name."""
    groups: dict[str, list[DocumentType]] = {}
    for doc in _types().values():
        groups.setdefault(doc.region, []).append(doc)
    ordered = sorted(groups, key=lambda r: (REGION_ORDER.index(r) if r in REGION_ORDER else 99, r))
    return [(r, sorted(groups[r], key=lambda d: d.name)) for r in ordered]


def order_fields(value: str, fields: dict[str, str | None]) -> dict[str, str | None]:
    """Fields in the catalog's order (missing ones as None), then extra keys as returned."""
    keys = field_keys(value) if value in _types() else ()
    ordered: dict[str, str | None] = {k: fields.get(k) for k in keys}
    for key, val in fields.items():
        if key not in ordered:
            ordered[key] = val
    return ordered
