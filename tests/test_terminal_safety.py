"""What the terminal receives when the server, a photo or a file name is hostile.

Field names and values, the server's messages and reasons, and file names are not
written by the app: printed raw, ESC/OSC sequences retitle or clear the terminal, CR and
BS overwrite what was printed, bidi controls reorder it, and a newline in a file name
forges a second "failure" line.  Each must show as a visible escape, each failure must
stay exactly one stderr line, and printable text (Chinese included) must stay as it is.
"""

from __future__ import annotations

import io
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from pictotext_desktop import cli, keycli, textsafe
from pictotext_desktop.api.client import ClientConfig, PicToTextClient
from pictotext_desktop.credentials import KeyStore
from pictotext_desktop.records import Record
from pictotext_desktop.settings import SettingsStore
from tests.keyring_session import MemoryKeyring
from tests.stand_in_server import Fault, StandInServer

RunCli = Any
ESC_TITLE = "\x1b]0;pwned\x07"  # OSC: sets the terminal's title
CLEAR = "\x1b[2J\x1b[H"  # CSI: clears the screen
BIDI = "\u202e\u2066\u200f\u061c"
# Anything a terminal would act on rather than print (LF is the only line break allowed).
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
                     + textsafe.BIDI_CONTROLS + "]")


def assert_inert(text: str) -> None:
    found = CONTROL.findall(text)
    assert not found, f"raw control characters reached the terminal: {found!r}"
    text.encode("utf-8")  # what a strict UTF-8 terminal stream must be able to write


# -- the function ---------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b]0;t\x07", "\\x1b]0;t\\x07"),
    ("a\rb\bc\x00d\x7f", "a\\rb\\x08c\\x00d\\x7f"),
    ("line\nforged", "line\\nforged"),
    ("\x9b2J", "\\x9b2J"),  # the one-byte CSI of C1
    ("\u202eabc\u2066\u2069\u200e\u200f\u061c", "\\u202eabc\\u2066\\u2069\\u200e\\u200f\\u061c"),
    ("\u2028", "\\u2028"),
    ("photo-\udcb2\udce2.jpg", "photo-\\udcb2\\udce2.jpg"),  # a GBK name read as UTF-8
])
def test_for_terminal_escapes_controls(raw: str, shown: str) -> None:
    assert textsafe.for_terminal(raw) == shown


def test_for_terminal_keeps_printable_text() -> None:
    text = "张三 北京市朝阳区 José Ünal «ä» ١٢٣ 😀 C:\\Users\\照片\\a.jpg"
    assert textsafe.for_terminal(text) == text
    assert textsafe.for_terminal("a\nb", keep_newlines=True) == "a\nb"
    assert textsafe.for_terminal("a\n\x1bb", keep_newlines=True) == "a\n\\x1bb"


# -- scan: the failure lines on stderr ------------------------------------------------------
def test_a_file_name_cannot_forge_or_hide_failure_lines(run_cli: RunCli, tmp_path: Path,
                                                        keyed: StandInServer) -> None:
    names = [f"bad{ESC_TITLE}\nforged.jpg: NOT_AN_IMAGE: fake.jpg",
             f"over\rwrite{CLEAR}\b\b.jpg", f"{BIDI}gpj.exe.jpg"]
    paths = []
    for name in names:
        path = tmp_path / name
        path.write_bytes(b"not an image")
        paths.append(str(path))
    code, out, err = run_cli("scan", "--engine", "cloud", "-f", "json", *paths)
    assert code == 5
    lines = err.splitlines()
    assert len(lines) == len(names), lines  # exactly one line per failure
    assert_inert(err)
    assert "bad\\x1b]0;pwned\\x07\\nforged.jpg: NOT_AN_IMAGE: fake.jpg" in lines[0]
    assert "over\\rwrite\\x1b[2J\\x1b[H\\x08\\x08.jpg" in lines[1]
    assert "\\u202e\\u2066\\u200f\\u061cgpj.exe.jpg" in lines[2]
    # JSON stays JSON, and keeps the exact names.
    assert [Path(r["source"]).name for r in json.loads(out)] == names


def test_a_server_message_stays_on_its_line(run_cli: RunCli, card_jpeg: Path,
                                            keyed: StandInServer) -> None:
    keyed.fail_always(Fault("status", status=400, reason=f"EVIL{ESC_TITLE}\nsecond line"))
    code, _, err = run_cli("scan", "--engine", "cloud", "--rate-limit", "100", str(card_jpeg))
    assert code == 5
    assert len(err.splitlines()) == 1, err
    assert_inert(err)
    # The server's words arrive, their control characters made inert (escaped here, or
    # already blanked where the error was built from the answer).
    assert "EVIL" in err and "]0;pwned" in err and "second line" in err


def test_the_error_line_of_main_is_escaped(run_cli: RunCli, tmp_path: Path) -> None:
    """A setting's value quoted in its error (here a path) is shown inert, on one line."""
    missing = tmp_path / f"ca{ESC_TITLE}\nforged: line.pem"
    code, _, err = run_cli("scan", "--ca-bundle", str(missing), "x.jpg")
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith("pictotext-desktop: ")
    assert_inert(err)
    assert "ca\\x1b]0;pwned\\x07\\nforged: line.pem" in err


def test_wrote_line_names_the_output_safely(run_cli: RunCli, tmp_path: Path, card_jpeg: Path,
                                            keyed: StandInServer) -> None:
    out_file = tmp_path / f"out{ESC_TITLE}.json"
    code, _, err = run_cli("scan", "--engine", "cloud", "--rate-limit", "100",
                           "-o", str(out_file), str(card_jpeg))
    assert code == 0, err
    assert_inert(err)
    assert "out\\x1b]0;pwned\\x07.json" in err and out_file.exists()


# -- scan: the table on stdout --------------------------------------------------------------
HOSTILE_FIELDS = {
    "name": f"张三{ESC_TITLE}",
    "address": "北京市\n朝阳区\r\n建国路",  # a legitimate multi-line value
    "idNumber": f"1101{CLEAR}0119900101123X",
    f"extra{CLEAR}key\nforged": f"{BIDI}value\x00\x08",
}


def test_table_shows_hostile_names_and_values_inert(run_cli: RunCli, card_jpeg: Path,
                                                    keyed: StandInServer) -> None:
    keyed.respond("cn_id_card", HOSTILE_FIELDS)
    code, out, err = run_cli("scan", "--engine", "cloud", "--rate-limit", "100", "-f", "table",
                             str(card_jpeg))
    assert code == 0, err
    assert_inert(out + err)
    lines = out.splitlines()
    assert any(line.endswith("张三\\x1b]0;pwned\\x07") for line in lines)
    assert any(line.endswith("北京市 ⏎ 朝阳区 ⏎ 建国路") for line in lines)
    extra = [line for line in lines if "extra" in line]
    assert len(extra) == 1  # the newline in the field name forged no line
    assert "extra\\x1b[2J\\x1b[Hkey\\nforged" in extra[0]
    assert extra[0].endswith("\\u202e\\u2066\\u200f\\u061cvalue\\x00\\x08")


def test_json_output_keeps_exact_values_and_no_raw_controls(run_cli: RunCli, card_jpeg: Path,
                                                            keyed: StandInServer) -> None:
    fields = {**HOSTILE_FIELDS, "c1": "\x9b31m\x85", "sep": "a\u2028b"}
    keyed.respond("cn_id_card", fields)
    for fmt in ("json", "jsonl"):
        code, out, err = run_cli("scan", "--engine", "cloud", "--rate-limit", "100", "-f", fmt,
                                 str(card_jpeg))
        assert code == 0, err
        assert_inert(out.replace("\n", ""))
        record = json.loads(out)[0] if fmt == "json" else json.loads(out.splitlines()[0])
        assert {k: record["fields"][k] for k in fields} == fields


def test_a_file_name_that_is_not_utf8_cannot_break_the_output(
        run_cli: RunCli, tmp_path: Path, card_jpeg: Path, keyed: StandInServer) -> None:
    """A GBK file name on a UTF-8 system decodes to lone surrogates, which no UTF-8
    stream can write: the table and the CSV/JSON on stdout or in a file must still be."""
    import os

    gbk = os.fsdecode("测试".encode("gbk") + b".jpg")
    photo = tmp_path / gbk
    photo.write_bytes(card_jpeg.read_bytes())
    for fmt in ("table", "json", "jsonl", "csv"):
        code, out, err = run_cli("scan", "--engine", "cloud", "--rate-limit", "100",
                                 "-f", fmt, str(photo))
        assert code == 0, err
        assert_inert(out.replace("\n", "").replace("\r", ""))
        assert "\\udcb2\\udce2\\udcca\\udcd4.jpg" in out
    parsed = json.loads(run_cli("scan", "--engine", "cloud", "--rate-limit", "100",
                                "-f", "json", str(photo))[1])
    assert parsed[0]["source"] == str(photo)  # JSON keeps the exact (escaped) name
    for suffix in (".csv", ".json", ".xlsx"):
        target = tmp_path / f"out{suffix}"
        code, _, err = run_cli("scan", "--engine", "cloud", "--rate-limit", "100",
                               "-o", str(target), str(photo))
        assert code == 0 and "Traceback" not in err, err
        assert target.stat().st_size > 0


def test_render_table_width_and_content_for_plain_records() -> None:
    record = Record(source="a.jpg", document_type="unknown_type", engine="cloud",
                    fields={"k\x1b": "v", "longer": "张三"})
    text = cli.render_table([record])
    assert "  k\\x1b   v" in text and "  longer  张三" in text


# -- key test --------------------------------------------------------------------------------
class _Hostile401(BaseHTTPRequestHandler):
    """A server whose 401 answer carries control characters in its reason and message."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"error": {
            "code": 401, "status": "UNAUTHENTICATED",
            "message": f"Bad key{ESC_TITLE}\nfake: next line{BIDI}",
            "details": [{"reason": f"INVALID{CLEAR}\u202eYEK"}]}}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def hostile_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile401)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_key_test_prints_the_servers_words_inert(memory: MemoryKeyring,
                                                 hostile_server: str) -> None:
    import argparse

    KeyStore(SettingsStore()).set("primary", "sk_live_0123456789abcdefSECRETabcd")
    parser = argparse.ArgumentParser(prog="pictotext-desktop")
    keycli.add_key_parser(parser.add_subparsers(dest="command", required=True))
    out, err = io.StringIO(), io.StringIO()
    code = keycli.run_key(
        parser.parse_args(["key", "test"]), SettingsStore(),
        lambda: PicToTextClient(ClientConfig(base_url=hostile_server, rate_limit=100)),
        stdout=out, stderr=err)
    assert code == 3
    assert_inert(out.getvalue() + err.getvalue())
    assert "INVALID" in err.getvalue() and "[2J" in err.getvalue()
    assert "\\u202eYEK" in err.getvalue()  # the bidi control shown, not obeyed
    assert not any(line.startswith("fake:") for line in err.getvalue().splitlines())
