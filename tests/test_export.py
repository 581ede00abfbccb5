"""Exports as a person opens them: Excel-safe CSV, XLSX text cells, JSON, TSV, labels."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from pictotext_desktop import export
from pictotext_desktop.checks import run_checks
from pictotext_desktop.errors import InsufficientCreditsError, UsageError
from pictotext_desktop.records import Record

ID = "110101199001011237"
FIELDS: dict[str, str | None] = {
    "name": "张三",
    "gender": "男",
    "ethnicity": "汉",
    "dateOfBirth": "1990-01-01",
    "address": '北京市朝阳区\n建国路1号, "A"座',
    "idNumber": ID,
    "issuingAuthority": None,
    "validityPeriod": "2020.05.01-2030.05.01",
}


def records() -> list[Record]:
    cn = Record(
        source="照片/张三.jpg", document_type="cn_id_card", engine="cloud", fields=dict(FIELDS)
    )
    cn.set_field("ethnicity", "满")
    cn.checks = run_checks("cn_id_card", cn.fields or {})
    hk = Record(
        source="hk.png",
        document_type="hk_id_card",
        engine="cloud",
        fields={
            "englishName": "CHAN, TAI MAN",
            "idNumber": "A123456(3)",
            "chineseCommercialCode": "0001 7111",
        },
    )
    failed = Record(source="c.jpg", document_type="cn_id_card", error=InsufficientCreditsError())
    return [cn, hk, failed]


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel on a Chinese Windows
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_columns_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    export.write(records(), path)
    rows = read_csv(path)
    cn_keys = list(FIELDS)
    # union in order of first appearance: hk's dateOfBirth and gender are already there
    hk_keys = ["englishName", "chineseName", "chineseCommercialCode", "issueDate",
               "firstRegistrationDate", "symbols"]  # fmt: skip
    assert rows[0] == ["source", "documentType", *cn_keys, *hk_keys, "edited", "checks",
                       "error_reason", "error_message"]  # fmt: skip
    cn = dict(zip(rows[0], (export.unprotect(c) for c in rows[1]), strict=True))
    assert cn["source"] == "照片/张三.jpg"
    assert cn["idNumber"] == ID
    assert cn["address"] == FIELDS["address"]  # newline, comma and quotes survive
    assert cn["ethnicity"] == "满"
    assert cn["edited"] == "ethnicity"
    assert cn["checks"] == "VALIDITY_LENGTH"
    assert cn["issuingAuthority"] == ""
    hk = dict(zip(rows[0], (export.unprotect(c) for c in rows[2]), strict=True))
    assert hk["idNumber"] == "A123456(3)" and hk["chineseCommercialCode"] == "0001 7111"
    failed = dict(zip(rows[0], rows[3], strict=True))
    assert failed["error_reason"] == "INSUFFICIENT_CREDITS"
    assert failed["error_message"] == InsufficientCreditsError.explanation


def test_csv_protects_what_excel_would_mangle(tmp_path: Path) -> None:
    # GIVEN values Excel turns into numbers or formulas
    fields: dict[str, str | None] = {
        "idNumber": ID,
        "name": '=HYPERLINK("http://x")',
        "address": "0123456",
        "ethnicity": "汉",
        "dateOfBirth": "12345678901",  # 11 digits: Excel keeps it exact
    }
    path = tmp_path / "x.csv"
    export.write([Record(source="s", document_type="cn_id_card", fields=fields)], path)
    head, row = read_csv(path)
    cells = dict(zip(head, row, strict=True))
    # THEN the 18-digit ID is written in the ADR-0004 form ="…"
    assert cells["idNumber"] == f'="{ID}"'
    assert cells["name"] == '="=HYPERLINK(""http://x"")"'
    assert cells["address"] == '="0123456"'
    assert cells["ethnicity"] == "汉"
    assert cells["dateOfBirth"] == "12345678901"
    assert path.read_bytes().count(f'"=""{ID}"""'.encode()) == 1  # exact bytes on disk
    assert {k: export.unprotect(v) for k, v in cells.items() if k in fields} == fields


def test_xlsx_round_trip_keeps_ids_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    recs = records()
    recs[0].fields = {**(recs[0].fields or {}), "name": "=1+1"}
    export.write(recs, path)
    book = load_workbook(path)
    sheet = book["Results"]
    head = [c.value for c in sheet[1]]
    cn = {h: c for h, c in zip(head, sheet[2], strict=True)}
    assert cn["idNumber"].value == ID and cn["idNumber"].data_type == "s"
    assert cn["idNumber"].number_format == "@"
    assert cn["name"].value == "=1+1" and cn["name"].data_type == "s"  # not a formula
    assert sheet.freeze_panes == "A2"
    width = sheet.column_dimensions[cn["idNumber"].column_letter].width
    assert width is not None and width >= 18
    checks = book["Checks"]
    assert [c.value for c in checks[1]][:3] == ["source", "field", "code"]
    assert [c.value for c in checks[2]][:3] == [
        "照片/张三.jpg",
        "validityPeriod",
        "VALIDITY_LENGTH",
    ]


def test_xlsx_without_findings_has_no_checks_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    export.write(records()[1:2], path)
    assert load_workbook(path).sheetnames == ["Results"]


@pytest.mark.parametrize("suffix", [".json", ".JSONL"])
def test_json_and_jsonl(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    export.write(records(), path)
    text = path.read_text("utf-8")
    if suffix == ".json":
        data = json.loads(text)
    else:
        data = [json.loads(line) for line in text.splitlines()]
        assert len(text.splitlines()) == 3
    assert data == [r.to_json() for r in records()]
    assert data[0]["fields"]["idNumber"] == ID
    assert data[0]["edited"] == ["ethnicity"]
    assert "张三" in text  # readable, not \\u escapes


def test_unknown_suffix_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as err:
        export.write(records(), tmp_path / "out.pdf")
    assert "'pdf'" in str(err.value) and ".xlsx" in str(err.value)
    assert export.format_for_path(Path("Results.XLSX")) == "xlsx"
    with pytest.raises(UsageError):
        export.render(records(), "xlsx")  # binary: not for stdout
    assert os.listdir(tmp_path) == []


def test_failed_export_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")

    bad = Record(source="s", document_type="cn_id_card", fields={"idNumber": ID})
    bad.checks = None  # type: ignore[assignment]  # breaks the writer half-way
    with pytest.raises(TypeError):
        export.write([records()[0], bad], path)
    assert path.read_text("utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_tsv_escapes_and_header_option() -> None:
    recs = records()[:1]
    with_head = export.to_tsv(recs).splitlines()
    assert len(with_head) == 2 and with_head[0].split("\t")[:3] == [
        "source",
        "documentType",
        "name",
    ]
    cells = with_head[1].split("\t")
    assert len(cells) == len(with_head[0].split("\t"))
    assert "北京市朝阳区\\n建国路1号" in cells[6]
    assert cells[7] == f'="{ID}"'  # for pasting into Excel
    plain = export.render(recs, "tsv").splitlines()
    assert plain[1].split("\t")[7] == ID
    assert export.to_tsv(recs, with_header=False).count("\n") == 1
    tabbed = Record(source="a\tb", document_type="passport", fields={"name": "x\\y"})
    assert export.to_tsv([tabbed], with_header=False, protect=False).startswith("a\\tb\tpassport\t")


def test_label_lines() -> None:
    rec = records()[0]
    lines = export.format_label_lines(rec).splitlines()
    assert lines[0] == "Name: 张三"
    assert f"ID number: {ID}" in lines or any(line.endswith(ID) for line in lines)
    assert 'Address: 北京市朝阳区 建国路1号, "A"座' in lines
    assert export.format_label_lines(rec, zh=True).splitlines()[0].endswith("：张三")


def test_render_text_formats() -> None:
    recs = records()
    assert export.render(recs, "csv") == export.to_csv(recs)
    assert json.loads(export.render(recs, "json"))[0]["source"] == "照片/张三.jpg"
    assert len(export.render(recs, "jsonl").splitlines()) == 3
