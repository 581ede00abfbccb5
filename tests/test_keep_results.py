"""Results already received (and billed) are never thrown away by the CLI: Ctrl+C, an -o
that cannot be written, or a settings folder that cannot be written or read."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from pictotext_desktop import credentials, errors
from tests.conftest import TEST_KEY
from tests.stand_in_server import Fault, StandInServer

RunCli = Any


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch, server: StandInServer) -> StandInServer:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    monkeypatch.setenv("PICTOTEXT_API_URL", server.url)
    return server


@pytest.fixture
def ten_cards(card_jpeg: Path, tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for i in range(10):
        target = folder / f"card_{i:02d}.jpg"
        target.write_bytes(card_jpeg.read_bytes())
        paths.append(target)
    return paths


def scan(run_cli: RunCli, *args: str) -> tuple[int, str, str]:
    code, out, err = run_cli("scan", "--rate-limit", "100", *args)
    assert "Traceback" not in out + err
    return code, out, err


# -- Ctrl+C ---------------------------------------------------------------------------
def interrupt_scan(server: StandInServer, cards: list[Path], *extra: str) -> tuple[
        subprocess.CompletedProcess[str], int]:
    """Run `scan -j 1` against a slow server, press Ctrl+C once 3 answers went out."""
    server.fail_always(Fault("slow", seconds=0.4))
    env = dict(os.environ, PICTOTEXT_API_KEY=TEST_KEY, PICTOTEXT_API_URL=server.url)
    process = subprocess.Popen(
        [sys.executable, "-m", "pictotext_desktop", "scan", "-j", "1", "--rate-limit", "100",
         "--no-merge", *extra, *map(str, cards)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    deadline = time.monotonic() + 60
    while len(list(server.ocr_requests())) < 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    answered = len(list(server.ocr_requests()))
    return subprocess.CompletedProcess(process.args, process.returncode, out, err), answered


def one_record_each(records: list[dict[str, Any]], cards: list[Path]) -> None:
    assert sorted(r["source"] for r in records) == sorted(map(str, cards))


def test_ctrl_c_writes_what_was_received_to_the_output_file(
        server: StandInServer, ten_cards: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result, sent = interrupt_scan(server, ten_cards, "-o", str(target))
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    one_record_each(records, ten_cards)
    ok = [r for r in records if r["error"] is None]
    not_sent = [r for r in records if r["error"] and r["error"]["reason"] == "NOT_SENT"]
    assert len(ok) >= 3  # the answers received before Ctrl+C
    assert len(ok) <= sent < 10
    assert len(ok) + len(not_sent) == 10
    assert "interrupted" in result.stderr


def test_ctrl_c_writes_what_was_received_to_stdout(
        server: StandInServer, ten_cards: list[Path]) -> None:
    result, _sent = interrupt_scan(server, ten_cards, "-f", "json")
    assert result.returncode == 130, result.stderr
    records = json.loads(result.stdout)
    one_record_each(records, ten_cards)
    assert sum(1 for r in records if r["error"] is None) >= 3
    assert records[0]["fields"]["name"] == "张三"


# -- -o checked before the first request ----------------------------------------------
@pytest.mark.parametrize("case", ["missing folder", "a folder", "under a file"])
def test_unwritable_output_is_refused_before_anything_is_sent(
        run_cli: RunCli, keyed: StandInServer, card_jpeg: Path, tmp_path: Path,
        case: str) -> None:
    target = {"missing folder": tmp_path / "nowhere" / "out.csv",
              "a folder": tmp_path,
              "under a file": card_jpeg / "out.csv"}[case]
    code, _out, err = scan(run_cli, "-f", "csv", "-o", str(target), str(card_jpeg))
    assert code == errors.EXIT_USAGE
    assert str(target) in err and len(err.strip().splitlines()) == 1
    assert keyed.requests == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_keeps_the_records_in_a_recovery_file(
        run_cli: RunCli, keyed: StandInServer, card_jpeg: Path, tmp_path: Path) -> None:
    # Through a link in tmp_path: a writer that replaces its target (as a file) then only
    # replaces the link, never the device itself.
    target = tmp_path / "full.jsonl"
    target.symlink_to("/dev/full")
    code, _out, err = scan(run_cli, "-f", "jsonl", "-o", str(target), str(card_jpeg))
    assert code == 1, err
    assert Path("/dev/full").is_char_device()  # written into, never replaced by a file
    assert "No space left on device" in err
    kept = Path(err.split("were saved to ")[1].split(" instead")[0])
    assert kept.parent == Path(os.environ["PICTOTEXT_CONFIG_DIR"]) / "recovered"
    record = json.loads(kept.read_text("utf-8"))
    assert record["source"] == str(card_jpeg) and record["fields"]["name"] == "张三"


# -- settings that cannot be written or read ------------------------------------------
def test_config_folder_that_cannot_be_written_never_fails_a_job(
        run_cli: RunCli, keyed: StandInServer, card_jpeg: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A folder "inside" a regular file: mkdir fails even for root, where chmod would not.
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("PICTOTEXT_CONFIG_DIR", str(blocker / "config"))
    code, out, err = scan(run_cli, "-f", "json", str(card_jpeg))
    assert code == 0, err
    assert json.loads(out)[0]["fields"]["name"] == "张三"


def test_settings_path_that_is_a_folder_is_never_replaced(
        run_cli: RunCli, keyed: StandInServer, card_jpeg: Path) -> None:
    config = Path(os.environ["PICTOTEXT_CONFIG_DIR"])
    (config / "settings.json").mkdir(parents=True)
    code, _out, err = scan(run_cli, "-f", "json", str(card_jpeg))
    assert code == 0, err
    assert "settings.json could not be read" in err
    assert (config / "settings.json").is_dir()


def write_settings(text: str) -> Path:
    config = Path(os.environ["PICTOTEXT_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    path = config / "settings.json"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("text", ['{"settings": {"read_timeout": 12', "[" * 100_000,
                                  '"just a string"', '{"settings": [], "meta": {}}'],
                         ids=["truncated", "nested", "not an object", "settings not a table"])
def test_damaged_settings_file_is_kept_aside_and_said_once(
        run_cli: RunCli, keyed: StandInServer, card_jpeg: Path, text: str) -> None:
    path = write_settings(text)
    code, _out, err = scan(run_cli, "-f", "json", str(card_jpeg))
    assert code == 0, err
    bad = path.with_name("settings.json.bad")
    assert bad.read_text("utf-8") == text
    lines = [line for line in err.splitlines() if "settings.json" in line]
    assert len(lines) == 1 and str(bad) in lines[0]


def test_malformed_key_usage_metadata_never_fails_a_job(
        run_cli: RunCli, keyed: StandInServer, card_jpeg: Path) -> None:
    mark = credentials.fingerprint(TEST_KEY)
    path = write_settings(json.dumps({"settings": {}, "meta": {"keys": {"primary": {
        "fingerprint": mark, "months": ["not", "a", "table"], "last_used": None}}}}))
    code, out, err = scan(run_cli, "-f", "json", str(card_jpeg))
    assert code == 0, err
    assert json.loads(out)[0]["error"] is None
    saved = json.loads(path.read_text("utf-8"))["meta"]["keys"]["primary"]
    assert sum(month["ok"] for month in saved["months"].values()) == 1


@pytest.mark.parametrize("value", ["nan", "inf", "-5", "NaN"])
def test_timeout_that_is_not_a_number_of_seconds_is_a_usage_error(
        run_cli: RunCli, keyed: StandInServer, card_jpeg: Path, value: str) -> None:
    code, _out, err = scan(run_cli, "--read-timeout", value, str(card_jpeg))
    assert code == errors.EXIT_USAGE
    assert "--read-timeout" in err
    assert keyed.requests == []


def test_nan_timeout_in_the_settings_file_is_ignored_and_kept(
        run_cli: RunCli, keyed: StandInServer, card_jpeg: Path) -> None:
    path = write_settings('{"settings": {"connect_timeout": NaN}}')
    from pictotext_desktop.settings import SettingsStore

    store = SettingsStore(path)
    assert store.get("connect_timeout") == 10.0
    assert any("connect_timeout" in p for p in store.load_problems)
    assert path.with_name("settings.json.bad").read_text("utf-8") == path.read_text("utf-8")


def test_a_settings_file_that_cannot_be_read_is_never_overwritten() -> None:
    from pictotext_desktop.settings import SettingsStore

    config = Path(os.environ["PICTOTEXT_CONFIG_DIR"])
    (config / "settings.json").mkdir(parents=True)
    (config / "settings.json" / "inside").write_text("kept")
    store = SettingsStore()
    assert store.load_problems and "could not be read" in store.load_problems[0]
    store.set("read_timeout", 45)  # used for this run, not written
    assert store.get("read_timeout") == 45.0
    assert (config / "settings.json" / "inside").read_text() == "kept"


def test_settings_this_version_does_not_know_survive_a_save() -> None:
    from pictotext_desktop.settings import SettingsStore

    path = write_settings('{"settings": {"future_option": [1, 2], "rate_limit": 2}}')
    store = SettingsStore(path)
    store.set("concurrency", 2)
    saved = json.loads(path.read_text("utf-8"))["settings"]
    assert saved == {"future_option": [1, 2], "rate_limit": 2.0, "concurrency": 2}
    assert store.load_problems == []
