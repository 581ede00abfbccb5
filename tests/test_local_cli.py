"""`scan --engine local` end to end on generated cards: exact fields, front/back merge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.cards import make_card


def write(card: Any, folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(card.data)
    return path


def test_scan_local_reads_front_and_back_and_merges_them(run_cli: Any, tmp_path: Path) -> None:
    front = make_card(31, "front", "phone")
    back = make_card(31, "back", "rot90")
    write(front, tmp_path, "zhang_front.jpg")
    write(back, tmp_path, "zhang_back.jpg")

    code, out, err = run_cli("scan", "--engine", "local", "-f", "json", "--no-merge",
                             str(tmp_path))
    assert code == 0, err
    by_name = {Path(r["source"]).name: r for r in json.loads(out)}
    assert by_name["zhang_front.jpg"]["engine"] == "local"
    for name, card in (("zhang_front.jpg", front), ("zhang_back.jpg", back)):
        fields = by_name[name]["fields"]
        assert {k: v for k, v in fields.items() if v is not None} == \
            {k: v for k, v in card.expected.items() if v is not None}

    code, out, _ = run_cli("scan", "--engine", "local", "-f", "json", str(tmp_path))
    (merged,) = json.loads(out)
    assert merged["fields"] == {**front.expected, **{k: v for k, v in back.expected.items()
                                                     if v is not None}}
    assert len(merged["mergedFrom"]) == 2


def test_auto_without_key_uses_the_device_and_no_server(run_cli: Any, tmp_path: Path) -> None:
    card = make_card(5, "front", "heic")
    path = write(card, tmp_path, "card" + Path(card.filename).suffix)
    # An address where nothing listens: the on-device path must not try it.
    code, out, err = run_cli("scan", "--api-url", "http://127.0.0.1:9", "-f", "json", str(path))
    assert code == 0, err
    (record,) = json.loads(out)
    assert record["engine"] == "local"
    assert record["fields"]["idNumber"] == card.expected["idNumber"]
    assert record["fields"]["name"] == card.expected["name"]
