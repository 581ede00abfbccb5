"""Writers for results: CSV, XLSX, JSON, JSON Lines, TSV and "Label: value" text.

Qt-free so the GUI (Export, Copy) and the CLI share them.  Two things matter most to the
people using them: an 18-digit ID number must still be the same 18 characters after the
file is opened in Excel (docs/adr/0004-excel-safe-csv.md), and a failed export must never
leave half a file behind (every file is written to a temporary name, then replaced).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pictotext_desktop import catalog
from pictotext_desktop.errors import UsageError
from pictotext_desktop.records import Record

FORMATS = ("csv", "xlsx", "json", "jsonl")
TEXT_FORMATS = ("csv", "json", "jsonl", "tsv")
FIXED_HEAD = ("source", "documentType")
FIXED_TAIL = ("edited", "checks", "error_reason", "error_message")

# Excel turns these into numbers (losing digits past the 15th, showing 1.1E+17, dropping
# leading zeros) or evaluates them as formulas (CSV injection).
_LONG_DIGITS = re.compile(r"^\d{12,}$")
_LEADING_ZERO = re.compile(r"^0\d+$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_EXCEL_LITERAL_MAX = 255  # longest string literal inside an Excel formula


# ---------------------------------------------------------------------------------------
# Columns and rows
# ---------------------------------------------------------------------------------------
def field_columns(records: Iterable[Record]) -> list[str]:
    """Field keys in catalog order per type, types in order of first appearance, then
    any extra keys an engine returned."""
    keys: list[str] = []
    seen_types: list[str] = []
    for record in records:
        if record.document_type not in seen_types:
            seen_types.append(record.document_type)
            with contextlib.suppress(catalog.UnknownDocumentType):
                keys += [k for k in catalog.field_keys(record.document_type) if k not in keys]
        keys += [k for k in record.fields or {} if k not in keys]
    return keys


def columns(records: Sequence[Record]) -> list[str]:
    return [*FIXED_HEAD, *field_columns(records), *FIXED_TAIL]


def row(record: Record, cols: Sequence[str]) -> list[str]:
    """One record as strings in `cols` order; a field not read is an empty string."""
    fields = record.fields or {}
    fixed = {
        "source": record.source,
        "documentType": record.document_type,
        "edited": " ".join(sorted(record.edited)),
        "checks": " ".join(c.code for c in record.checks),
        "error_reason": record.error.reason_code if record.error else "",
        "error_message": record.error.message if record.error else "",
    }
    return [fixed[c] if c in fixed else (fields.get(c) or "") for c in cols]


# ---------------------------------------------------------------------------------------
# Excel-safe text cells (ADR 0004)
# ---------------------------------------------------------------------------------------
def needs_protection(value: str) -> bool:
    """Would Excel mangle this value (long digits, leading zero) or run it as a formula?"""
    return bool(
        _LONG_DIGITS.match(value) or _LEADING_ZERO.match(value) or value.startswith(_FORMULA_START)
    )


def excel_safe(value: str) -> str:
    """`="…"`: Excel shows the exact text and computes nothing from it.

    A value too long for a formula literal gets the OWASP leading apostrophe instead.
    """
    if not value or not needs_protection(value):
        return value
    if len(value) > _EXCEL_LITERAL_MAX:
        return "'" + value
    return '="' + value.replace('"', '""') + '"'


def unprotect(cell: str) -> str:
    """The original value of a cell written by `excel_safe` (for tools reading our CSV)."""
    if cell.startswith('="') and cell.endswith('"') and len(cell) >= 3:
        return cell[2:-1].replace('""', '"')
    if cell.startswith("'") and len(cell) > _EXCEL_LITERAL_MAX and needs_protection(cell[1:]):
        return cell[1:]
    return cell


# ---------------------------------------------------------------------------------------
# Text formats
# ---------------------------------------------------------------------------------------
def to_csv(records: Sequence[Record], protect: bool = True) -> str:
    """CSV text (no BOM; `write` adds it): values Excel would mangle are protected."""
    cols = columns(records)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(cols)
    for record in records:
        cells = row(record, cols)
        writer.writerow([excel_safe(c) for c in cells] if protect else cells)
    return buffer.getvalue()


def _tsv_cell(value: str) -> str:
    """Tabs, line breaks and backslashes escaped as \\t \\n \\r \\\\ so one record is one line."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def to_tsv(
    records: Sequence[Record], with_header: bool = True, protect: bool = True
) -> str:
    """Tab-separated lines for pasting into a spreadsheet.

    `protect` (default, for the clipboard) writes long digit strings as in the CSV, since
    Excel parses pasted text like typed text; `render(..., "tsv")` for pipes does not.
    """
    cols = columns(records)
    lines = [cols] if with_header else []
    for record in records:
        cells = row(record, cols)
        lines.append([excel_safe(c) for c in cells] if protect else cells)
    return "".join("\t".join(_tsv_cell(c) for c in line) + "\n" for line in lines)


def format_label_lines(record: Record, zh: bool = False) -> str:
    """`Label: value` lines of the fields read, for pasting into a message or a form."""
    try:
        doc: catalog.DocumentType | None = catalog.get(record.document_type)
    except catalog.UnknownDocumentType:
        doc = None
    lines = []
    for key, value in (record.fields or {}).items():
        label = doc.label(key, zh) if doc else key
        text = " ".join((value or "").split())
        lines.append(f"{label}: {text}" if not zh else f"{label}：{text}")
    return "\n".join(lines) + ("\n" if lines else "")


def to_json(records: Sequence[Record]) -> str:
    return json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=2) + "\n"


def to_jsonl(records: Sequence[Record]) -> str:
    return "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records)


def render(records: Sequence[Record], fmt: str) -> str:
    """Text for stdout or the clipboard: csv, json, jsonl or tsv."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "csv":
        return to_csv(records)
    if fmt == "json":
        return to_json(records)
    if fmt == "jsonl":
        return to_jsonl(records)
    if fmt == "tsv":
        return to_tsv(records, protect=False)
    raise _unknown_format(fmt, TEXT_FORMATS)


# ---------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------
def _display_width(text: str) -> int:
    """Columns a value needs: CJK and other wide characters count double."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _text_cell(sheet: Any, row_no: int, col_no: int, value: str) -> None:
    """A string cell with Text format: never a number, never a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = sheet.cell(row=row_no, column=col_no)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    cell.number_format = "@"


def _fill_sheet(sheet: Any, head: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths = [_display_width(h) for h in head]
    for c, text in enumerate(head, start=1):
        _text_cell(sheet, 1, c, text)
        sheet.cell(row=1, column=c).font = Font(bold=True)
    for r, cells in enumerate(rows, start=2):
        for c, text in enumerate(cells, start=1):
            _text_cell(sheet, r, c, text)
            widths[c - 1] = max(widths[c - 1], _display_width(text))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"


def to_xlsx_bytes(records: Sequence[Record]) -> bytes:
    """A workbook: sheet "Results" (one row per record) and, if any, sheet "Checks"."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Results"
    cols = columns(records)
    _fill_sheet(sheet, cols, [row(r, cols) for r in records])
    findings = [
        [
            r.source,
            c.field,
            c.code,
            str(c.severity),
            c.message,
            c.message_zh,
            " | ".join(c.suggestions),
        ]
        for r in records
        for c in r.checks
    ]
    if findings:
        checks_head = [
            "source",
            "field",
            "code",
            "severity",
            "message",
            "message_zh",
            "suggestions",
        ]
        _fill_sheet(workbook.create_sheet("Checks"), checks_head, findings)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------
def _unknown_format(fmt: str, known: Sequence[str]) -> UsageError:
    shown = fmt or "(none)"
    return UsageError(
        f"Unknown export format {shown!r}: use one of " + ", ".join("." + k for k in known) + "."
    )


def format_for_path(path: Path) -> str:
    """The file format `path`'s suffix names (one of FORMATS); UsageError if none."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise _unknown_format(fmt, FORMATS)
    return fmt


def write(records: Sequence[Record], path: Path, fmt: str | None = None) -> None:
    """Write `records` to `path` in `fmt` (default: from the suffix), atomically.

    CSV gets a UTF-8 BOM so Excel on a Chinese Windows reads it as UTF-8.
    """
    path = Path(path)
    fmt = fmt.lower().lstrip(".") if fmt else format_for_path(path)
    if fmt == "csv":
        data = to_csv(records).encode("utf-8-sig")
    elif fmt == "xlsx":
        data = to_xlsx_bytes(records)
    elif fmt in ("json", "jsonl"):
        data = render(records, fmt).encode("utf-8")
    else:
        raise _unknown_format(fmt, FORMATS)
    write_atomically(path, data)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then replace: all or nothing."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
