"""The `scan` and `types` CLI against the stand-in server: output, exit codes, stderr."""

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

from pictotext_desktop import errors
from tests.conftest import TEST_KEY
from tests.stand_in_server import NO_CREDITS, Fault, StandInServer, status

RunCli = Any


@pytest.fixture
def cards(card_jpeg: Path, tmp_path: Path) -> list[Path]:
    paths = []
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        target = tmp_path / name
        target.write_bytes(card_jpeg.read_bytes())
        paths.append(target)
    return paths


def scan(run_cli: RunCli, *args: str) -> tuple[int, str, str]:
    code, out, err = run_cli("scan", "--rate-limit", "100", *args)
    assert TEST_KEY not in out + err and TEST_KEY[:-4] not in out + err
    assert "Traceback" not in out + err
    return code, out, err


def test_table_output(run_cli: RunCli, keyed: StandInServer, card_jpeg: Path) -> None:
    code, out, err = scan(run_cli, str(card_jpeg))
    assert code == 0, err
    assert "card.jpg  (cn_id_card, cloud)" in out
    assert "ID number" in out and "110101199001011234" in out
    upload = keyed.requests[0].parts["image"]
    assert upload.content_type == "image/jpeg" and upload.filename == "card.jpg"


def test_json_records_in_input_order(run_cli: RunCli, keyed: StandInServer,
                                     cards: list[Path]) -> None:
    code, out, _ = scan(run_cli, "-f", "json", *map(str, cards))
    assert code == 0
    records = json.loads(out)
    assert [Path(r["source"]).name for r in records] == ["a.jpg", "b.jpg", "c.jpg"]
    first = records[0]
    assert set(first) >= {"source", "documentType", "engine", "fields", "checks", "error"}
    assert first["engine"] == "cloud" and first["error"] is None
    assert first["fields"]["name"] == "张三"
    assert all({"field", "code", "message"} <= set(c) for c in first["checks"])


def test_jsonl_and_csv(run_cli: RunCli, keyed: StandInServer, cards: list[Path]) -> None:
    code, out, _ = scan(run_cli, "-f", "jsonl", str(cards[0]), str(cards[1]))
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["documentType"] == "cn_id_card"

    code, out, _ = scan(run_cli, "-f", "csv", str(cards[0]))
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0]["documentType"] == "cn_id_card"
    assert {"source", "name", "idNumber", "error_reason", "error_message"} <= set(rows[0])


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".csv", ".xlsx"])
def test_output_file_format_from_suffix(run_cli: RunCli, keyed: StandInServer,
                                        card_jpeg: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"results{suffix}"
    code, out, _ = scan(run_cli, "-o", str(target), str(card_jpeg))
    assert code == 0 and out == ""
    assert target.stat().st_size > 0
    if suffix == ".xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(target).active
        values = [c.value for c in sheet[2]]
        assert "110101199001011234" in values  # stored as text, not 1.1E+17
    elif suffix == ".json":
        assert json.loads(target.read_text("utf-8"))[0]["fields"]["gender"] == "男"


def test_stdin_and_folder(run_cli: RunCli, keyed: StandInServer, card_jpeg: Path,
                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "x.JPG").write_bytes(card_jpeg.read_bytes())
    (folder / "notes.txt").write_text("not an image")
    code, out, _ = scan(run_cli, "-f", "json", str(folder))
    assert code == 0
    assert [Path(r["source"]).name for r in json.loads(out)] == ["x.JPG"]

    class Stdin:
        buffer = io.BytesIO(card_jpeg.read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin)
    code, out, _ = scan(run_cli, "-f", "json", "-")
    assert code == 0 and json.loads(out)[0]["source"] == "stdin"


def test_bad_image_fails_alone_with_exit_5(run_cli: RunCli, keyed: StandInServer,
                                           cards: list[Path], tmp_path: Path) -> None:
    bad = tmp_path / "scan.jpg"
    bad.write_text("this is a text file")
    code, out, err = scan(run_cli, "-f", "json", str(cards[0]), str(bad), str(cards[1]))
    assert code == errors.EXIT_INPUT
    records = json.loads(out)
    assert [r["error"] is None for r in records] == [True, False, True]
    assert records[1]["error"]["reason"] == "NOT_AN_IMAGE"
    assert err.strip().splitlines() == [line for line in err.strip().splitlines()
                                        if line.startswith(str(bad))]
    assert len(err.strip().splitlines()) == 1
    assert len(keyed.requests) == 2


def test_missing_file_is_reported_not_crashed(run_cli: RunCli, keyed: StandInServer,
                                              tmp_path: Path) -> None:
    code, _, err = scan(run_cli, str(tmp_path / "gone.jpg"))
    assert code == errors.EXIT_INPUT
    assert "gone.jpg" in err and "FILE_NOT_FOUND" in err


def test_auth_error_stops_batch_and_reports_not_sent(
    run_cli: RunCli, server: StandInServer, cards: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", "sk_live_WRONGkey9999")
    code, out, err = scan(run_cli, "--api-url", server.url, "-j", "1", "-f", "json",
                          *map(str, cards))
    assert code == errors.EXIT_AUTH
    records = json.loads(out)
    assert records[0]["error"]["reason"] == "INVALID_API_KEY"
    assert [r["error"]["reason"] for r in records[1:]] == ["NOT_SENT", "NOT_SENT"]
    assert len(server.requests) == 1  # the others were never sent
    assert len(err.strip().splitlines()) == 3
    assert "sk_live_WRONGkey" not in out + err


def test_no_key_cloud_engine_exit_3(run_cli: RunCli, server: StandInServer,
                                    card_jpeg: Path) -> None:
    code, _, err = scan(run_cli, "--api-url", server.url, "--engine", "cloud", str(card_jpeg))
    assert code == errors.EXIT_AUTH
    assert "NO_API_KEY" in err
    assert server.requests == []


def test_other_type_without_key_needs_a_key(run_cli: RunCli, server: StandInServer,
                                            card_jpeg: Path) -> None:
    code, _, err = scan(run_cli, "--api-url", server.url, "-t", "passport", str(card_jpeg))
    assert code == errors.EXIT_AUTH
    assert "NEEDS_API_KEY" in err


def test_credits_exit_4(run_cli: RunCli, server: StandInServer, card_jpeg: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", server.add_key("sk_live_poor0000", NO_CREDITS))
    code, _, err = scan(run_cli, "--api-url", server.url, str(card_jpeg))
    assert code == errors.EXIT_CREDITS
    assert "INSUFFICIENT_CREDITS" in err


def test_service_error_exit_6(run_cli: RunCli, keyed: StandInServer, card_jpeg: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    import pictotext_desktop.api.client as client_module

    monkeypatch.setattr(client_module, "retry_sleep", lambda s: None)
    keyed.fail_always(status(500, "AI_SERVICE_ERROR"))
    code, _, err = scan(run_cli, str(card_jpeg))
    assert code == errors.EXIT_SERVICE
    assert "AI_SERVICE_ERROR" in err
    assert len(keyed.requests) == 3


def test_exit_code_priority(run_cli: RunCli, keyed: StandInServer, cards: list[Path],
                            tmp_path: Path) -> None:
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"")
    keyed.fail_next(Fault("drop"))
    code, _, _ = scan(run_cli, "-j", "1", str(cards[0]), str(bad), str(cards[1]))
    assert code == errors.EXIT_SERVICE  # 6 comes before 5


def test_usage_errors_exit_2(run_cli: RunCli, card_jpeg: Path) -> None:
    code, _, err = run_cli("scan", "-t", "CN_ID_CARD", str(card_jpeg))
    assert code == 2 and "cn_id_card" in err
    code, _, err = run_cli("scan", "--api-url", "http://example.com", str(card_jpeg))
    assert code == 2 and "https://" in err
    code, _, err = run_cli("scan", "--jobs", "zero", str(card_jpeg))
    assert code == 2
    code, _, err = run_cli("scan")
    assert code == 2 and "PATH" in err
    code, _, err = run_cli("scan", "--upload-format", "tiff", str(card_jpeg))
    assert code == 2
    code, _, err = run_cli("scan", "-o", str(card_jpeg.with_name("out.txt")), str(card_jpeg))
    assert code == 2 and "'txt'" in err and ".xlsx" in err


def test_scan_help_lists_only_what_scan_uses(run_cli: RunCli, card_jpeg: Path) -> None:
    """The window's own settings (auto start, theme, language, the result store...) are
    neither listed by `scan -h` nor taken silently by scan or watch."""
    from pictotext_desktop.cli import build_scan_parser

    out = build_scan_parser().format_help()  # what `scan -h` prints
    assert "--upload-long-side" in out and "--send" in out and "--merge" in out
    for flag in ("--auto-start", "--auto-copy", "--auto-merge", "--theme", "--language",
                 "--result-store", "--history-days", "--watch-folder"):
        assert flag not in out
    for command in ("scan", "watch"):
        code, out, err = run_cli(command, "--theme", "dark", str(card_jpeg))
        assert code == 2 and out == "" and "unrecognized arguments: --theme" in err


def test_engine_local_refuses_other_types(run_cli: RunCli, card_jpeg: Path) -> None:
    code, _, err = run_cli("scan", "--engine", "local", "-t", "passport", str(card_jpeg))
    assert code != 0 and "cn_id_card" in err


def test_types(run_cli: RunCli) -> None:
    code, out, _ = run_cli("types")
    assert code == 0 and "cn_id_card" in out and "pe_id_card" in out
    code, out, _ = run_cli("types", "--format", "json")
    types = json.loads(out)
    assert len(types) == 44
    assert types[0]["fields"][0]["key"]


def test_subprocess_console_script_no_traceback(card_jpeg: Path, tmp_path: Path,
                                                server: StandInServer) -> None:
    env = dict(os.environ, PICTOTEXT_API_KEY="sk_live_BADKEYzzzz1234",
               PICTOTEXT_API_URL=server.url)
    missing = str(tmp_path / "x.heic")
    result = subprocess.run(
        [sys.executable, "-m", "pictotext_desktop", "scan", str(card_jpeg), missing],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.returncode == errors.EXIT_AUTH
    assert "Traceback" not in result.stderr
    assert "sk_live_BADKEYzzzz" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert any("INVALID_API_KEY" in line for line in lines)


def test_log_file_never_holds_the_key_or_field_values(
    run_cli: RunCli, keyed: StandInServer, card_jpeg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pictotext_desktop.api.client as client_module

    monkeypatch.setattr(client_module, "retry_sleep", lambda s: None)
    keyed.fail_next(status(500, "AI_SERVICE_ERROR"))  # a retry, so the log has lines
    monkeypatch.setenv("PICTOTEXT_API_KEY_SECONDARY", "sk_live_SECONDARYnever9999")
    code, out, _ = scan(run_cli, "-f", "json", "--log-level", "DEBUG", str(card_jpeg))
    assert code == 0 and "张三" in out
    log_dir = Path(os.environ["PICTOTEXT_LOG_DIR"])
    text = "".join(p.read_text("utf-8", "replace") for p in log_dir.rglob("*") if p.is_file())
    assert "retrying" in text  # the log is really written
    for secret in (TEST_KEY, TEST_KEY[:-4], "SECONDARYnever", "张三", "110101199001011234",
                   "北京市朝阳区"):
        assert secret not in text


def test_output_closed_early_is_quiet_and_sockets_stay_safe(
        tmp_path: Path, server: StandInServer, card_jpeg: Path) -> None:
    """`scan … | head -c 1` ends without a traceback; the CLI never makes SIGPIPE fatal
    (a connection dropped by the server must be an error, not a silent kill)."""
    env = dict(os.environ, PICTOTEXT_API_KEY=TEST_KEY, PICTOTEXT_API_URL=server.url)
    cards = [str(card_jpeg)] * 30
    result = subprocess.run(
        f"{sys.executable} -m pictotext_desktop scan -f jsonl --rate-limit 100 "
        + " ".join(cards) + " | head -c 1",
        shell=True, capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.stdout == "{"
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr

    import signal

    from pictotext_desktop.cli import main

    assert main(["types"]) == 0  # as the console script calls it: real stdout
    assert signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN  # sockets still raise EPIPE
