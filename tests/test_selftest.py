"""`pictotext-desktop --self-test`: every check passes here, failures are isolated and
reported, and nothing secret or personal is printed."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from pictotext_desktop import selftest
from pictotext_desktop.standin import load_examples

ROOT = Path(__file__).resolve().parent.parent
CHECK_NAMES = ("keyring", "heic", "https", "pdf", "card-worker", "local-engine", "window")
LINE = re.compile(r"^(PASS|FAIL)  (\S+)\s+(\d+\.\d\d) s  (.*)$")


def parse(output: str) -> dict[str, tuple[str, str]]:
    found = {}
    for line in output.splitlines():
        match = LINE.match(line)
        if match:
            found[match.group(2)] = (match.group(1), match.group(4))
    return found


def assert_nothing_private(output: str) -> None:
    assert not re.search(r"sk_test_selftest_[0-9a-f]{4}", output), "the test key was printed"
    for value in load_examples()["cn_id_card"].values():
        if len(value) >= 4:
            assert value not in output, "a field value was printed"


def test_the_self_test_passes_in_process() -> None:
    stream = io.StringIO()
    code = selftest.run_self_test(stream)
    output = stream.getvalue()
    lines = parse(output)
    assert list(lines) == list(CHECK_NAMES), output
    failed = {name: detail for name, (status, detail) in lines.items() if status == "FAIL"}
    assert failed == {}, output
    assert code == 0
    assert output.splitlines()[-1] == "self-test passed: all 7 checks"
    assert lines["card-worker"][1].startswith("prepared in process ")
    assert "over TLS (verified)" in lines["https"][1]
    assert lines["pdf"][1].startswith("2 pages rendered (")
    assert "HEIC" in lines["heic"][1]
    assert "main window shown" in lines["window"][1]
    assert_nothing_private(output)


def test_one_failure_does_not_stop_the_others_and_sets_the_exit_code() -> None:
    def broken() -> str:
        raise RuntimeError("Bearer sk_live_NEVERPRINTED00001234 went\nwrong")

    stream = io.StringIO()
    code = selftest.run_self_test(stream, checks=(
        ("first", lambda: "fine"),
        ("broken", broken),
        ("last", lambda: "still ran"),
    ))
    output = stream.getvalue()
    lines = parse(output)
    assert code == 1
    assert lines == {
        "first": ("PASS", "fine"),
        "broken": ("FAIL", "RuntimeError: Bearer …1234 went wrong"),
        "last": ("PASS", "still ran"),
    }
    assert "self-test FAILED: 1 of 3 checks failed (broken)" in output
    assert "NEVERPRINTED" not in output


def test_a_build_without_pdfium_fails_the_pdf_check(monkeypatch: pytest.MonkeyPatch) -> None:
    # What a frozen bundle that left PDFium out would do: the import fails.
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    stream = io.StringIO()
    code = selftest.run_self_test(stream, checks=(("pdf", selftest.check_pdf),))
    status, detail = parse(stream.getvalue())["pdf"]
    assert code == 1 and status == "FAIL"
    assert "pypdfium2" in detail


def test_no_keyring_is_reported_but_is_not_a_failure() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        stream = io.StringIO()
        code = selftest.run_self_test(stream, checks=(("keyring", selftest.check_keyring),))
    finally:
        keyring.set_keyring(previous)
    assert code == 0
    assert parse(stream.getvalue())["keyring"] == ("PASS", "none (session-only keys)")


def test_the_self_test_never_writes_the_users_settings(tmp_path: Path) -> None:
    config = Path(os.environ["PICTOTEXT_CONFIG_DIR"])  # the conftest's per-test folder
    before = sorted(config.rglob("*"))
    seen: list[str] = []

    def where() -> str:
        seen.append(os.environ["PICTOTEXT_CONFIG_DIR"])
        return "noted"

    selftest.run_self_test(io.StringIO(), checks=(("where", where),
                                                  ("window", selftest.check_window)))
    assert seen and Path(seen[0]) != config
    assert not Path(seen[0]).exists()  # the temporary folder is removed afterwards
    assert sorted(config.rglob("*")) == before
    assert os.environ["PICTOTEXT_CONFIG_DIR"] == str(config)


def test_the_certificate_adapter_covers_loopback_only() -> None:
    cert = selftest.PemCertificate(Path("c.pem"), Path("k.pem"))
    assert cert.issue_cert("127.0.0.1", "localhost") is cert
    with pytest.raises(ValueError, match="covers only"):
        cert.issue_cert("pictotext.io")


def test_shipped_certificates_are_labelled_loopback_only() -> None:
    from pictotext_desktop.paths import resource

    for name in (selftest.CA_PEM, selftest.LEAF_CERT_PEM, selftest.LEAF_KEY_PEM):
        text = resource(name).read_text("ascii")
        assert text.startswith("LOOPBACK-ONLY TEST MATERIAL"), name


@pytest.mark.slow
def test_command_line_self_test_exits_zero(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PICTOTEXT_CONFIG_DIR"] = str(tmp_path / "config")
    env["PICTOTEXT_LOG_DIR"] = str(tmp_path / "logs")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "pictotext_desktop", "--self-test"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr
    lines = parse(done.stderr)
    assert list(lines) == list(CHECK_NAMES), done.stderr
    assert all(status == "PASS" for status, _ in lines.values())
    assert done.stdout == ""
    assert_nothing_private(done.stderr)
    assert not (tmp_path / "config" / "settings.json").exists()


def test_a_cloud_only_build_skips_the_on_device_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from pictotext_desktop import paths

    monkeypatch.setattr(paths, "build_flavor", lambda: "cloud")
    out = io.StringIO()
    code = selftest.run_self_test(out, (("local-engine", selftest.check_local_engine),))
    assert code == 0
    assert "SKIP  local-engine" in out.getvalue()
    assert "1 skipped: not part of this build" in out.getvalue()


def test_build_flavor_reads_the_bundle_marker(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    from pictotext_desktop import paths

    assert paths.build_flavor() == "full"  # a source tree or wheel has no marker
    (tmp_path / "build_flavor.txt").write_text("cloud\n")
    monkeypatch.setattr(paths, "resource", lambda name: tmp_path / name)
    assert paths.build_flavor() == "cloud"
