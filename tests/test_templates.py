"""Export templates and `scan --mask / --template` against the stand-in server: the files
and the output a person gets, their headers, masking and Excel safety."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from pictotext_desktop import masking, templates
from pictotext_desktop.records import Record
from tests.stand_in_server import StandInServer

RunCli = Any
EXAMPLE_ID = "110101199001011234"  # what the stand-in server reads from any card


def scan(run_cli: RunCli, *args: str) -> tuple[int, str, str]:
    code, out, err = run_cli("scan", "--rate-limit", "100", *args)
    assert "Traceback" not in out + err
    return code, out, err


def _xlsx(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path)["Results"]
    return [[c for c in row] for row in sheet.iter_rows()]


# -- masking through the CLI -------------------------------------------------------------
def test_mask_help_lists_presets_and_exits_0(run_cli: RunCli) -> None:
    code, out, err = run_cli("scan", "--mask", "help")
    assert code == 0 and err == ""
    for name in ("id-6-4", "id-3-3", "id-no-birth", "name", "address", "standard"):
        assert f"  {name} " in out
    assert "450103********8506" in out and "韩**" in out


def test_unknown_mask_is_a_usage_error_before_any_work(
    run_cli: RunCli, keyed: StandInServer, card_jpeg: Path
) -> None:
    code, _out, err = scan(run_cli, "--mask", "standard,surname", str(card_jpeg))
    assert code == 2 and "'surname'" in err and "id-no-birth" in err
    assert keyed.requests == []


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_masked_json(run_cli: RunCli, keyed: StandInServer, card_jpeg: Path, fmt: str) -> None:
    code, out, err = scan(run_cli, "--mask", "standard", "-f", fmt, str(card_jpeg))
    assert code == 0, err
    record = json.loads(out)[0] if fmt == "json" else json.loads(out.splitlines()[0])
    assert record["masked"] == "standard"
    fields = record["fields"]
    assert fields["idNumber"] == "110101********1234"
    assert fields["name"] == "张*" and fields["address"] == "北京市****"
    assert fields["gender"] == "男"  # not masked
    assert EXAMPLE_ID not in out and "朝阳区" not in out
    # The checks are the ones found on the full number (its check digit is wrong).
    assert "ID_CHECK_DIGIT" in [c["code"] for c in record["checks"]]


def test_unmasked_json_has_no_masked_key(
    run_cli: RunCli, keyed: StandInServer, card_jpeg: Path
) -> None:
    code, out, _ = scan(run_cli, "-f", "json", str(card_jpeg))
    assert code == 0 and "masked" not in json.loads(out)[0]


def test_masked_table_says_so_above_the_results(
    run_cli: RunCli, keyed: StandInServer, card_jpeg: Path
) -> None:
    code, out, err = scan(run_cli, "--mask", "id-3-3", str(card_jpeg))
    assert code == 0, err
    assert out.splitlines()[0].startswith("Masked: id-3-3")
    assert "110************234" in out and EXAMPLE_ID not in out
    assert "张三" in out  # names are not part of id-3-3


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_masked_files_have_a_masked_column_and_text_ids(
    run_cli: RunCli, keyed: StandInServer, card_jpeg: Path, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"out{suffix}"
    code, _, err = scan(run_cli, "--mask", "name,address", "-o", str(target), str(card_jpeg))
    assert code == 0, err
    if suffix == ".csv":
        text = target.read_text("utf-8-sig")
        row = next(csv.DictReader(io.StringIO(text)))
        assert row["masked"] == "name,address" and row["name"] == "张*"
        assert row["idNumber"] == f'="{EXAMPLE_ID}"'  # unmasked here, and Excel-safe
    else:
        rows = _xlsx(target)
        head = [c.value for c in rows[0]]
        cells = dict(zip(head, rows[1], strict=True))
        assert cells["masked"].value == "name,address" and cells["address"].value == "北京市****"
        assert cells["idNumber"].value == EXAMPLE_ID
        assert cells["idNumber"].data_type == "s" and cells["idNumber"].number_format == "@"


# -- templates -----------------------------------------------------------------------------
def test_template_help_lists_built_ins_and_mine(run_cli: RunCli) -> None:
    templates.save(templates.Template("短表", (templates.Column("idNumber", text="号码"),),
                                      mask="id-3-3"))  # fmt: skip
    code, out, err = run_cli("scan", "--template", "help")
    assert code == 0 and err == ""
    for name in ("all", "name-id", "hr-onboarding", "短表"):
        assert f"  {name}  (" in out
    assert "姓名+身份证号" in out and "mask id-3-3" in out


def test_name_id_template_csv(run_cli: RunCli, keyed: StandInServer, card_jpeg: Path) -> None:
    code, out, err = scan(run_cli, "--template", "name-id", "-f", "csv", str(card_jpeg))
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [["姓名", "身份证号"], ["张三", f'="{EXAMPLE_ID}"']]


def test_hr_onboarding_writes_xlsx_with_chinese_headers(
    run_cli: RunCli, keyed: StandInServer, card_jpeg: Path, tmp_path: Path
) -> None:
    target = tmp_path / "入职.xlsx"
    code, _, err = scan(run_cli, "--template", "hr-onboarding", "-o", str(target),
                        str(card_jpeg))  # fmt: skip
    assert code == 0, err
    rows = _xlsx(target)
    assert [c.value for c in rows[0]] == ["姓名", "性别", "出生日期", "公民身份号码", "住址",
                                          "有效期限", "校验"]  # fmt: skip
    id_cell = rows[1][3]
    assert id_cell.value == EXAMPLE_ID and id_cell.data_type == "s"
    assert id_cell.number_format == "@"


def test_template_format_is_used_for_stdout_and_xlsx_needs_a_file(
    run_cli: RunCli, keyed: StandInServer, card_jpeg: Path
) -> None:
    code, _, err = scan(run_cli, "--template", "hr-onboarding", str(card_jpeg))
    assert code == 2 and "-o FILE.xlsx" in err
    assert keyed.requests == []
    templates.save(templates.Template(
        "ids-json", (templates.Column("idNumber"), templates.Column("source")),
        mask="id-6-4", format="json",
    ))  # fmt: skip
    code, out, err = scan(run_cli, "--template", "ids-json", str(card_jpeg))
    assert code == 0, err
    record = json.loads(out)[0]
    assert record["fields"] == {"idNumber": "110101********1234"}
    assert record["template"] == "ids-json" and record["masked"] == "id-6-4"
    # --mask overrides the template's preset; "none" switches it off.
    code, out, _ = scan(run_cli, "--template", "ids-json", "--mask", "none", str(card_jpeg))
    assert json.loads(out)[0]["fields"] == {"idNumber": EXAMPLE_ID}
    assert "masked" not in json.loads(out)[0]


def test_own_headers_and_formula_text_stay_safe(tmp_path: Path) -> None:
    template = templates.Template("mine", (
        templates.Column("idNumber", header="en"), templates.Column("name", header="zh"),
        templates.Column("address", text="=HYPERLINK(\"x\")"), templates.Column("gender"),
    ))  # fmt: skip
    record = Record("a.jpg", "cn_id_card", "local", fields={
        "name": "+张三", "idNumber": EXAMPLE_ID, "address": "@地址", "gender": "男"})
    rows = list(csv.reader(io.StringIO(templates.render([record], "csv", template))))
    assert rows[0] == ["ID number", "姓名", '="=HYPERLINK(""x"")"', "gender"]
    assert rows[1] == [f'="{EXAMPLE_ID}"', '="+张三"', '="@地址"', "男"]
    target = tmp_path / "t.xlsx"
    templates.write([record], target, None, template)
    cells = _xlsx(target)
    assert all(c.data_type == "s" for row in cells for c in row)
    assert cells[0][2].value == '=HYPERLINK("x")'  # a header, not a formula


def test_user_templates_round_trip_and_bad_files_are_set_aside(
    run_cli: RunCli, keyed: StandInServer, card_jpeg: Path
) -> None:
    mine = templates.Template(
        "入职 / HR", (templates.Column("name", text="员工姓名"), templates.Column(ALL := "*")),
        title="Mine", headers="zh", mask="standard", format="csv",
        document_type="cn_id_card",
    )  # fmt: skip
    with pytest.raises(templates.TemplateError):
        templates.save(mine)  # "/" cannot be in a name
    mine = templates.Template(**{**mine.__dict__, "name": "入职"})
    path = templates.save(mine)
    assert path.parent == templates.templates_dir() and path.suffix == ".json"
    loaded, problems = templates.load_user_templates()
    assert loaded == [mine] and problems == []
    assert ALL == templates.ALL_FIELDS

    folder = templates.templates_dir()
    (folder / "broken.json").write_text("{not json", "utf-8")
    (folder / "wrong.json").write_text(json.dumps({"name": "w", "columns": [],
                                                   "mask": "x"}), "utf-8")  # fmt: skip
    (folder / "all.json").write_text(json.dumps({"name": "all", "columns": ["name"]}), "utf-8")
    code, out, err = scan(run_cli, "--template", "入职", str(card_jpeg))
    assert code == 0, err
    assert "broken.json was set aside as broken.bad: not valid JSON" in err
    assert "wrong.json was set aside as wrong.bad: needs \"columns\"" in err
    assert "all.json was set aside as all.bad: 'all' is the name of a built-in" in err
    assert (folder / "broken.bad").read_text("utf-8") == "{not json"  # kept, not deleted
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["员工姓名", "性别", "民族"] and rows[0][-1] == "脱敏"
    assert "姓名" not in rows[0]  # name is listed once, under its own header
    assert rows[1][0] == "张*" and "110101********1234" in rows[1]
    # the next run is quiet: the bad files are no longer read
    code, _, err = scan(run_cli, "--template", "入职", str(card_jpeg))
    assert code == 0 and "set aside" not in err


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a JSON object"),
        ({"columns": ["name"]}, "needs a \"name\""),
        ({"name": "x", "columns": [{"key": ""}]}, "each column needs a \"key\""),
        ({"name": "x", "columns": [{"key": "name", "header": "fr"}]}, "\"header\" must be"),
        ({"name": "x", "columns": ["nmae"]}, "'nmae' is not a field of any document type"),
        ({"name": "x", "columns": ["name"], "mask": "id-9-9"}, "'id-9-9'"),
        ({"name": "x", "columns": ["name"], "mask": 3}, "\"mask\" must be text"),
        ({"name": "x", "columns": [{"key": "name", "text": 3}]}, "\"text\" must be text"),
        ({"name": "x", "columns": ["name"], "format": "pdf"}, "\"format\" must be"),
        ({"name": "x", "columns": ["name"], "documentType": "cn_id"}, "cn_id_card"),
    ],
)
def test_template_validation_messages(data: Any, message: str) -> None:
    with pytest.raises(templates.TemplateError) as caught:
        templates.from_dict(data)
    assert message in str(caught.value)


def test_all_template_without_mask_is_the_plain_export() -> None:
    from pictotext_desktop import export

    record = Record("a.jpg", "cn_id_card", "local", fields={"idNumber": EXAMPLE_ID})
    all_fields = templates.get("all", templates.BUILTINS)
    assert templates.render([record], "csv", all_fields) == export.to_csv([record])
    assert masking.parse_mask("none") == masking.NO_MASK


def test_template_on_the_screen_table_shows_only_its_fields(
    run_cli: RunCli, keyed: StandInServer, card_jpeg: Path
) -> None:
    code, out, err = scan(run_cli, "--template", "name-id", "--mask", "id-6-4", str(card_jpeg))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Masked: id-6-4") and lines[1] == "Template: name-id"
    assert "110101********1234" in out and "张三" in out
    assert "Address" not in out and "北京市" not in out and "Gender" not in out


def test_scan_refuses_the_windows_display_mask_flag(run_cli: RunCli, tmp_path: Path) -> None:
    """--display-mask is the window's setting: scan masks with --mask, and a flag that
    would mask nothing is a usage error, never taken silently."""
    card = tmp_path / "card.jpg"
    card.write_bytes(b"not read: the arguments are refused first")
    code, out, err = run_cli("scan", "--display-mask", "standard", str(card))
    assert code == 2 and out == ""
    assert "unrecognized arguments: --display-mask" in err
