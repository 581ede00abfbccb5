"""No person is lost: every input is exactly one record in every output of `scan`, unless
it is one side of a card whose other side is in the same run (then both are one record).

Each case runs the CLI against the stand-in server, which answers each file as a front,
a back, or not at all (a file that is not a picture), and each output format is read back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TEST_KEY
from tests.merge_cases import CASES, make_files, sources_in
from tests.stand_in_server import StandInServer


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "xlsx"])
@pytest.mark.parametrize("case_name", list(CASES))
def test_every_input_is_one_record_unless_merged_by_the_rules(
    run_cli: Any, server: StandInServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    case_name: str, fmt: str,
) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    monkeypatch.setenv("PICTOTEXT_API_URL", server.url)
    case = CASES[case_name]
    paths = make_files(case, tmp_path / "in", server)
    args = ["scan", "--rate-limit", "100", *map(str, paths)]
    target = tmp_path / f"out.{fmt}"
    if fmt in ("table", "json"):
        args[1:1] = ["-f", fmt]
    else:
        args[1:1] = ["-o", str(target)]
    code, out, err = run_cli(*args)
    assert "Traceback" not in out + err
    unreadable = any(answer is None for _, answer in case.files)
    assert code == (5 if unreadable else 0), err
    produced = sources_in(target if fmt not in ("table", "json") else out, fmt)
    assert produced == list(case.records)


def test_merged_record_has_both_sides(run_cli: Any, server: StandInServer,
                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import json

    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    monkeypatch.setenv("PICTOTEXT_API_URL", server.url)
    paths = make_files(CASES["true_front_and_back"], tmp_path / "in", server)
    code, out, err = run_cli("scan", "-f", "json", "--rate-limit", "100", *map(str, paths))
    assert code == 0, err
    (record,) = json.loads(out)
    assert record["fields"]["name"] == "张三"
    assert record["fields"]["issuingAuthority"] == "北京市公安局朝阳分局"
    assert [Path(p).name for p in record["mergedFrom"]] == ["x_front.jpg", "x_back.jpg"]


def test_two_fronts_keep_each_persons_own_fields(run_cli: Any, server: StandInServer,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    import json

    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    monkeypatch.setenv("PICTOTEXT_API_URL", server.url)
    paths = make_files(CASES["two_fronts_card1_card2"], tmp_path / "in", server)
    code, out, err = run_cli("scan", "-f", "json", "--rate-limit", "100", *map(str, paths))
    assert code == 0, err
    first, second = json.loads(out)
    people = [(r["fields"]["name"], r["fields"]["idNumber"]) for r in (first, second)]
    assert people == [("张一", "110101199001011237"), ("李二", "11010119900101131X")]
    assert first["fields"]["issuingAuthority"] is None and "mergedFrom" not in first
