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
from pictotext_desktop.textsafe import for_xml, json_text_safe, without_lone_surrogates

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
# Excel's own limits: a sheet has at most 16,384 columns (openpyxl stops at 18,278 with a
# ValueError), a cell at most 32,767 characters.
XLSX_MAX_COLUMNS = 16_384
XLSX_MAX_CELL = 32_767
OTHER_FIELDS = "other_fields"  # the XLSX column for field names beyond the sheet's columns


# ---------------------------------------------------------------------------------------
# Columns and rows
# ---------------------------------------------------------------------------------------
def field_columns(records: Iterable[Record]) -> list[str]:
    """Field keys in catalog order per type, types in order of first appearance, then
    any extra keys an engine returned."""
    keys: dict[str, None] = {}  # an ordered set: linear in the number of keys
    seen_types: set[str] = set()
    for record in records:
        if record.document_type not in seen_types:
            seen_types.add(record.document_type)
            with contextlib.suppress(catalog.UnknownDocumentType):
                keys.update(dict.fromkeys(catalog.field_keys(record.document_type)))
        keys.update(dict.fromkeys(record.fields or {}))
    return list(keys)


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
    # Field names come from the server too: the header is protected like the data.
    writer.writerow([excel_safe(c) for c in cols] if protect else cols)
    for record in records:
        cells = row(record, cols)
        writer.writerow([excel_safe(c) for c in cells] if protect else cells)
    return without_lone_surrogates(buffer.getvalue())


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
    lines = [[excel_safe(c) for c in cols] if protect else cols] if with_header else []
    for record in records:
        cells = row(record, cols)
        lines.append([excel_safe(c) for c in cells] if protect else cells)
    return without_lone_surrogates(
        "".join("\t".join(_tsv_cell(c) for c in line) + "\n" for line in lines))


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
    """JSON; C1/bidi controls and lone surrogates as \\u escapes (`json_text_safe`)."""
    return json_text_safe(
        json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=2) + "\n")


def to_jsonl(records: Sequence[Record]) -> str:
    return "".join(json_text_safe(json.dumps(r.to_json(), ensure_ascii=False)) + "\n"
                   for r in records)


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
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text[:64])  # widths stop at 60


class _XlsxNotes:
    """What the workbook had to change to fit Excel, said on a "Notes" sheet."""

    def __init__(self) -> None:
        self.moved_keys = 0
        self.cut_cells = 0
        self.escaped_cells = 0

    def lines(self) -> list[str]:
        lines = []
        if self.moved_keys:
            lines.append(
                f"{self.moved_keys} field name(s) did not fit in Excel's {XLSX_MAX_COLUMNS:,} "
                f"columns: their values are in the column {OTHER_FIELDS!r} as JSON "
                "(name: value). The JSON and CSV exports have a column for each.")
        if self.cut_cells:
            lines.append(
                f"{self.cut_cells} value(s) were longer than Excel's {XLSX_MAX_CELL:,} "
                "characters per cell and were cut (they end with […]). The JSON export "
                "keeps them whole.")
        if self.escaped_cells:
            lines.append(
                f"{self.escaped_cells} value(s) held control characters a spreadsheet "
                "cannot store: each is shown as its code (\\x1b, \\x00 ...).")
        return lines


def _text_cell(sheet: Any, row_no: int, col_no: int, value: str,
               notes: _XlsxNotes | None = None) -> None:
    """A string cell with Text format: never a number, never a formula.

    Characters XML cannot hold are shown as escapes (openpyxl would raise
    IllegalCharacterError); text over Excel's cell limit is cut with a marker.
    """
    safe = for_xml(value)
    if safe != value and notes is not None:
        notes.escaped_cells += 1
    if len(safe) > XLSX_MAX_CELL:
        safe = safe[: XLSX_MAX_CELL - 3] + "[…]"
        if notes is not None:
            notes.cut_cells += 1
    cell = sheet.cell(row=row_no, column=col_no)
    cell.value = safe
    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    cell.number_format = "@"


def _fill_sheet(sheet: Any, head: Sequence[str], rows: Sequence[Sequence[str]],
                notes: _XlsxNotes | None = None) -> None:
    """Header in bold, one row per entry; empty cells are left out (the column's Text
    format still applies to what a person types there later)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths = [_display_width(h) for h in head]
    bold = Font(bold=True)
    for c, text in enumerate(head, start=1):
        _text_cell(sheet, 1, c, text, notes)
        sheet.cell(row=1, column=c).font = bold
    for r, cells in enumerate(rows, start=2):
        for c, text in enumerate(cells, start=1):
            if text:
                _text_cell(sheet, r, c, text, notes)
                widths[c - 1] = max(widths[c - 1], _display_width(text))
    for c, width in enumerate(widths, start=1):
        dimension = sheet.column_dimensions[get_column_letter(c)]
        dimension.width = min(max(width + 2, 8), 60)
        dimension.number_format = "@"
    sheet.freeze_panes = "A2"


def xlsx_columns(cols: Sequence[str]) -> tuple[list[str], list[str]]:
    """(columns of the sheet, field keys moved to OTHER_FIELDS) within Excel's limit."""
    if len(cols) <= XLSX_MAX_COLUMNS:
        return list(cols), []
    head = [c for c in cols if c in FIXED_HEAD]
    tail = [c for c in cols if c in FIXED_TAIL]
    fields = [c for c in cols if c not in FIXED_HEAD and c not in FIXED_TAIL]
    room = XLSX_MAX_COLUMNS - len(head) - len(tail) - 1
    return [*head, *fields[:room], OTHER_FIELDS, *tail], fields[room:]


def _xlsx_row(record: Record, cols: Sequence[str], moved: Sequence[str]) -> list[str]:
    cells = row(record, [c for c in cols if c != OTHER_FIELDS])
    if moved:
        fields = record.fields or {}
        other = {k: fields[k] for k in moved if k in fields}
        cells.insert(cols.index(OTHER_FIELDS),
                     json.dumps(other, ensure_ascii=False) if other else "")
    return cells


CHECKS_HEAD = ["source", "field", "code", "severity", "message", "message_zh", "suggestions"]


def check_rows(records: Sequence[Record]) -> list[list[str]]:
    """The "Checks" sheet's rows: one per finding, under CHECKS_HEAD."""
    return [[r.source, c.field, c.code, str(c.severity), c.message, c.message_zh,
             " | ".join(c.suggestions)] for r in records for c in r.checks]


def to_xlsx_bytes(records: Sequence[Record]) -> bytes:
    """A workbook: sheet "Results" (one row per record), "Checks" if any findings, and
    "Notes" if something had to change to fit Excel (see `_XlsxNotes`)."""
    return xlsx_workbook(records)[0]


def xlsx_workbook(records: Sequence[Record]) -> tuple[bytes, list[str]]:
    """The workbook of `to_xlsx_bytes` and its notes (empty when all fit as it was)."""
    from openpyxl import Workbook

    notes = _XlsxNotes()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Results"
    cols, moved = xlsx_columns(columns(records))
    notes.moved_keys = len(moved)
    _fill_sheet(sheet, cols, [_xlsx_row(r, cols, moved) for r in records], notes)
    findings = check_rows(records)
    if findings:
        _fill_sheet(workbook.create_sheet("Checks"), CHECKS_HEAD, findings, notes)
    if notes.lines():
        _fill_sheet(workbook.create_sheet("Notes"), ["note"], [[n] for n in notes.lines()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), notes.lines()


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


def write(records: Sequence[Record], path: Path, fmt: str | None = None) -> list[str]:
    """Write `records` to `path` in `fmt` (default: from the suffix), atomically.

    CSV gets a UTF-8 BOM so Excel on a Chinese Windows reads it as UTF-8.  Returns what
    had to change for the format (an XLSX's "Notes" sheet), for the person to be told.
    """
    path = Path(path)
    fmt = fmt.lower().lstrip(".") if fmt else format_for_path(path)
    notes: list[str] = []
    if fmt == "csv":
        data = to_csv(records).encode("utf-8-sig")
    elif fmt == "xlsx":
        data, notes = xlsx_workbook(records)
    elif fmt in ("json", "jsonl"):
        data = render(records, fmt).encode("utf-8")
    else:
        raise _unknown_format(fmt, FORMATS)
    write_atomically(path, data)
    return notes


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
