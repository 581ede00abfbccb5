"""Results written as they finish: `scan -f jsonl` streams in input order, and the
appending writers `watch` uses keep every file whole."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pictotext_desktop import export, stream_export
from pictotext_desktop.records import Record
from tests.conftest import TEST_KEY
from tests.stand_in_server import StandInServer

RunCli = Any


class WatchedOutput(io.StringIO):
    """stdout that notes, for each line written, how many images the server had answered."""

    def __init__(self, server: StandInServer) -> None:
        super().__init__()
        self.server = server
        self.answered_at_line: list[int] = []

    def write(self, text: str) -> int:
        self.answered_at_line += [len(list(self.server.ocr_requests()))] * text.count("\n")
        return super().write(text)


def test_scan_jsonl_writes_each_record_as_soon_as_it_is_done(
        server: StandInServer, monkeypatch: pytest.MonkeyPatch, card_jpeg: Path,
        tmp_path: Path) -> None:
    from pictotext_desktop.cli import main

    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    monkeypatch.setenv("PICTOTEXT_API_URL", server.url)
    cards = []
    for name in ("a.jpg", "b.jpg", "c.jpg", "d.jpg"):
        cards.append(tmp_path / name)
        cards[-1].write_bytes(card_jpeg.read_bytes())
    out = WatchedOutput(server)
    code = main(["scan", "--rate-limit", "100", "-j", "1", "-f", "jsonl", "--no-merge",
                 *map(str, cards)], stdout=out, stderr=io.StringIO())
    assert code == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [Path(r["source"]).name for r in records] == ["a.jpg", "b.jpg", "c.jpg", "d.jpg"]
    # The first record was out while later images were still to be sent.
    assert out.answered_at_line[0] < 4
    assert out.answered_at_line == sorted(out.answered_at_line)


def test_streamed_output_closed_early_is_quiet(tmp_path: Path, server: StandInServer,
                                               card_jpeg: Path) -> None:
    env = dict(os.environ, PICTOTEXT_API_KEY=TEST_KEY, PICTOTEXT_API_URL=server.url)
    result = subprocess.run(
        f"{sys.executable} -m pictotext_desktop scan -f jsonl --no-merge --rate-limit 100 "
        + " ".join([str(card_jpeg)] * 20) + " | head -c 1",
        shell=True, capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.stdout == "{"
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def record(name: str, id_number: str = "110101199001011234") -> Record:
    return Record(source=name, document_type="cn_id_card",
                  fields={"name": "张三", "idNumber": id_number, "address": "=1+1"})


def test_jsonl_appender_continues_a_file_and_drops_a_cut_off_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    writer = stream_export.open_writer(path, "jsonl", "cn_id_card")
    writer.add(record("a.jpg"))
    writer.close()
    with open(path, "ab") as handle:
        handle.write(b'{"source": "half')  # killed mid-write (kill -9, power cut)
    writer = stream_export.open_writer(path, "jsonl", "cn_id_card")
    writer.add(record("b.jpg"))
    writer.close()
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert [line["source"] for line in lines] == ["a.jpg", "b.jpg"]
    with pytest.raises(ValueError):
        writer.add(record("c.jpg"))  # closed: nothing is written after the end


def test_csv_appender_matches_the_csv_export_and_writes_the_header_once(
        tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    writer = stream_export.open_writer(path, "csv", "cn_id_card")
    writer.add(record("a.jpg"))
    writer.close()
    writer = stream_export.open_writer(path, "csv", "cn_id_card")
    writer.add(record("b.jpg", "0012"))
    writer.close()
    streamed = path.read_bytes()
    exported = tmp_path / "export.csv"
    export.write([record("a.jpg"), record("b.jpg", "0012")], exported)
    assert streamed == exported.read_bytes()  # byte for byte: BOM, header, protected cells
    rows = list(csv.DictReader(io.StringIO(streamed.decode("utf-8-sig"))))
    assert [r["idNumber"] for r in rows] == ['="110101199001011234"', '="0012"']
    assert rows[0]["address"] == '="=1+1"'


def test_json_cannot_be_appended(tmp_path: Path) -> None:
    with pytest.raises(export.UsageError):
        stream_export.open_writer(tmp_path / "x.json", "json", "cn_id_card")
