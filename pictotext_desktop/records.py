"""The data every stage hands on: an engine's Result, a Check, and a Record per source.

Field values are identity data: these objects go to the person who asked (window,
clipboard, export, CLI output) and nowhere else -- their `repr` hides the values so a
stray log line or traceback cannot leak them.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pictotext_desktop.errors import PicToTextError


class Severity(enum.StrEnum):
    ERROR = "error"  # the value is certainly wrong (bad check digit, impossible date)
    WARNING = "warning"  # the value is doubtful (disagreement, expired card)
    INFO = "info"


@dataclass(frozen=True)
class Check:
    """One finding about one field: code, severity, message in English and Chinese.

    Messages never quote values; `suggestions` are values, so `repr` leaves them out.
    """

    field: str
    code: str
    severity: Severity
    message: str
    message_zh: str = ""
    suggestions: tuple[str, ...] = dataclasses.field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "field": self.field,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
        }
        if self.message_zh:
            data["message_zh"] = self.message_zh
        if self.suggestions:
            data["suggestions"] = list(self.suggestions)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Check:
        return cls(
            field=str(data["field"]),
            code=str(data["code"]),
            severity=Severity(data["severity"]),
            message=str(data["message"]),
            message_zh=str(data.get("message_zh") or ""),
            suggestions=tuple(data.get("suggestions") or ()),
        )


@dataclass
class Result:
    """What an engine read from one image.

    `fields` is in the catalog's order, then any extra keys the engine returned; a value
    of None means "not read" (missing, empty or null).  `notes` explains values that were
    converted (e.g. a number turned into text).
    """

    document_type: str
    engine: str  # "cloud" | "local"
    fields: dict[str, str | None]
    notes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def __repr__(self) -> str:  # never show values
        return (
            f"Result(document_type={self.document_type!r}, engine={self.engine!r}, "
            f"fields={len(self.fields)} keys, read={len(self.fields) - len(self.not_read)})"
        )

    @property
    def not_read(self) -> list[str]:
        return [k for k, v in self.fields.items() if v is None]


@dataclass
class Record:
    """One source (file, pasted image, stdin) and everything known about it.

    This is what the CLI prints, the GUI shows and the exporters write.  `edited` holds
    the keys the person changed by hand; `original` keeps what the engine read for them.
    """

    source: str
    document_type: str
    engine: str | None = None
    fields: dict[str, str | None] | None = None
    notes: dict[str, str] = field(default_factory=dict)
    edited: set[str] = field(default_factory=set)
    original: dict[str, str | None] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: PicToTextError | None = None
    # Set when this record is a merge of a card's front and back.
    merged_from: tuple[str, ...] = ()
    # The masking preset this copy was made with (masking.mask_record); "" = full values.
    masked: str = ""

    def __repr__(self) -> str:  # never show values
        state = f"error={self.error.reason_code}" if self.error else "ok"
        return f"Record(source={self.source!r}, document_type={self.document_type!r}, {state})"

    @property
    def ok(self) -> bool:
        return self.error is None and self.fields is not None

    @classmethod
    def from_result(cls, source: str, result: Result) -> Record:
        return cls(
            source=source,
            document_type=result.document_type,
            engine=result.engine,
            fields=dict(result.fields),
            notes=dict(result.notes),
            warnings=list(result.warnings),
        )

    def set_field(self, key: str, value: str | None) -> None:
        """A correction by the person: remember what the engine read, mark it edited."""
        if self.fields is None:
            self.fields = {}
        if key not in self.edited:
            self.original[key] = self.fields.get(key)
        if self.original.get(key) == value:
            self.edited.discard(key)
            self.original.pop(key, None)
        else:
            self.edited.add(key)
        self.fields[key] = value

    def to_json(self) -> dict[str, Any]:
        """The JSON record of the CLI contract (also used by the JSON/JSONL exporters)."""
        data: dict[str, Any] = {
            "source": self.source,
            "documentType": self.document_type,
            "engine": self.engine,
            "fields": dict(self.fields) if self.fields is not None else None,
            "edited": sorted(self.edited),
            "checks": [c.to_dict() for c in self.checks],
            "error": self.error.to_dict() if self.error is not None else None,
        }
        if self.notes:
            data["notes"] = dict(self.notes)
        if self.merged_from:
            data["mergedFrom"] = list(self.merged_from)
        if self.masked:
            data["masked"] = self.masked
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        """The record `to_json` wrote (the saved session and history read it back).

        Also reads `original` and `warnings` when present (the result store keeps them,
        the CLI contract does not).  The error comes back as the class its reason code
        names, with its message; server details beyond the contract are not kept.
        """
        fields = data.get("fields")
        error = data.get("error")
        return cls(
            source=str(data["source"]),
            document_type=str(data["documentType"]),
            engine=data.get("engine"),
            fields=dict(fields) if isinstance(fields, dict) else None,
            notes=dict(data.get("notes") or {}),
            edited=set(data.get("edited") or ()),
            original=dict(data.get("original") or {}),
            checks=[Check.from_dict(c) for c in data.get("checks") or ()],
            warnings=list(data.get("warnings") or ()),
            error=_error_from_dict(error) if isinstance(error, dict) else None,
            merged_from=tuple(data.get("mergedFrom") or ()),
        )


def _error_from_dict(data: dict[str, Any]) -> PicToTextError:
    """An error of the class named by its reason code (the base class if none is)."""
    from pictotext_desktop.errors import PicToTextError

    reason = str(data.get("reason") or PicToTextError.reason)
    classes: list[type[PicToTextError]] = [PicToTextError]
    found: type[PicToTextError] = PicToTextError
    while classes:  # breadth first: a base class wins over a subclass sharing its reason
        current = classes.pop(0)
        if current.reason == reason:
            found = current
            break
        classes.extend(current.__subclasses__())
    status = data.get("status")
    message = data.get("message")
    return found(
        message if isinstance(message, str) else None,
        status=status if isinstance(status, int) else None,
        reason=reason,
    )
