"""The `key` sub-commands: what a terminal user sees, and the exit codes."""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from keyring.backends import fail

from pictotext_desktop import keycli
from pictotext_desktop.api.client import ClientConfig, PicToTextClient
from pictotext_desktop.credentials import SERVICE, KeyStore
from pictotext_desktop.settings import SettingsStore
from tests import stand_in_server as sis
from tests.keyring_session import LockedKeyring, MemoryKeyring, use_backend

KEY = "sk_live_0123456789abcdefSECRETabcd"
OTHER = "sk_live_fedcba9876543210OTHERwxyz"


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def all(self) -> str:
        return self.out + self.err


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pictotext-desktop")
    subparsers = parser.add_subparsers(dest="command", required=True)
    keycli.add_key_parser(subparsers)
    return parser.parse_args(argv)


def factory(url: str) -> Callable[[], PicToTextClient]:
    return lambda: PicToTextClient(ClientConfig(base_url=url, rate_limit=100, connect_timeout=2))


def run(argv: list[str], stdin: str = "", url: str = "http://127.0.0.1:9",
        keystore: KeyStore | None = None) -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = keycli.run_key(parse(argv), SettingsStore(), factory(url), keystore=keystore,
                          stdin=io.StringIO(stdin), stdout=out, stderr=err)
    result = Run(code, out.getvalue(), err.getvalue())
    for secret in (KEY, OTHER):
        assert secret not in result.all, "the full key was printed"
        assert secret[:-4] not in result.all
    return result


# -- set -----------------------------------------------------------------------------------
def test_set_reads_one_line_from_piped_stdin(memory: MemoryKeyring) -> None:
    result = run(["key", "set"], stdin=KEY + "\nsecond line ignored\n")
    assert result.code == 0
    assert memory.entries == {(SERVICE, "primary"): KEY}
    assert "sk_live_…abcd" in result.out
    assert "MemoryKeyring" in result.out  # the backend it went to


def test_set_secondary(memory: MemoryKeyring) -> None:
    assert run(["key", "set", "--secondary"], stdin=OTHER).code == 0
    assert memory.entries == {(SERVICE, "secondary"): OTHER}


def test_set_uses_getpass_on_a_terminal(memory: MemoryKeyring,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return KEY

    monkeypatch.setattr(keycli.getpass, "getpass", fake_getpass)
    out, err = io.StringIO(), io.StringIO()
    code = keycli.run_key(parse(["key", "set"]), SettingsStore(), factory("http://127.0.0.1:9"),
                          stdin=Tty(), stdout=out, stderr=err)
    assert code == 0 and prompts and "hidden" in prompts[0]
    assert memory.entries[(SERVICE, "primary")] == KEY


def test_set_refuses_inner_whitespace(memory: MemoryKeyring) -> None:
    result = run(["key", "set"], stdin="sk_live_abc def\n")
    assert result.code == 3
    assert "spaces or line breaks" in result.err
    assert memory.entries == {}


def test_set_empty_input_is_no_key(memory: MemoryKeyring) -> None:
    result = run(["key", "set"], stdin="\n")
    assert result.code == 3 and "No PicToText API key" in result.err


def test_set_warns_on_unusual_prefix_but_stores(memory: MemoryKeyring) -> None:
    result = run(["key", "set"], stdin="key_0123456789abcdef\n")
    assert result.code == 0
    assert "warning" in result.err and "sk_" in result.err
    assert memory.entries[(SERVICE, "primary")] == "key_0123456789abcdef"


def test_set_without_keyring_explains_and_exits_3(tmp_path: Path) -> None:
    with use_backend(fail.Keyring()):
        result = run(["key", "set"], stdin=KEY)
    assert result.code == 3
    assert "No secure key storage" in result.err
    assert "GNOME Keyring" in result.err  # Linux: how to fix it
    assert "PICTOTEXT_API_KEY" in result.err  # the one-run alternative
    assert not list((tmp_path / "config").glob("*")) or KEY.encode() not in (
        tmp_path / "config" / "settings.json").read_bytes()


def test_set_with_locked_keyring_exits_3() -> None:
    with use_backend(LockedKeyring()):
        result = run(["key", "set"], stdin=KEY)
    assert result.code == 3 and "locked" in result.err.lower()


# -- status --------------------------------------------------------------------------------
def test_status_shows_masked_keys_sources_age_and_calls(
    memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock_now = datetime(2025, 3, 10, tzinfo=UTC)
    store = KeyStore(SettingsStore(), clock=lambda: clock_now)
    store.set("primary", KEY)
    store.record_call("primary", ok=True)
    store.record_call("primary", ok=False)
    store.flush()  # what the app does at exit; `key status` reads the file
    monkeypatch.setenv("PICTOTEXT_API_KEY_SECONDARY", OTHER)
    result = run(["key", "status"], keystore=KeyStore(SettingsStore(),
                                                       clock=lambda: clock_now))
    assert result.code == 0
    assert "Keyring: memory keyring MemoryKeyring" in result.out
    assert "Primary key: sk_live_…abcd (from the keyring)" in result.out
    assert "calls this month: 2 (1 succeeded, 1 failed)" in result.out
    assert "Secondary key: sk_live_…wxyz (from the environment)" in result.out
    assert "rotating" not in result.out


def test_status_rotation_note_after_90_days(memory: MemoryKeyring) -> None:
    added = datetime(2025, 1, 1, tzinfo=UTC)
    KeyStore(SettingsStore(), clock=lambda: added).set("primary", KEY)
    later = KeyStore(SettingsStore(), clock=lambda: added + timedelta(days=95))
    result = run(["key", "status"], keystore=later)
    assert "95 days ago" in result.out
    assert "rotating keys every 90 days" in result.out


def test_status_without_any_key_exits_3(memory: MemoryKeyring) -> None:
    result = run(["key", "status"])
    assert result.code == 3
    assert "Primary key: not set" in result.out and "No API key" in result.err


def test_status_without_keyring_explains() -> None:
    with use_backend(fail.Keyring()):
        result = run(["key", "status"])
    assert result.code == 3
    assert "Keyring: none usable" in result.out and "GNOME Keyring" in result.err


# -- test ----------------------------------------------------------------------------------
def test_key_test_valid(memory: MemoryKeyring, server: sis.StandInServer) -> None:
    server.add_key(KEY)
    KeyStore(SettingsStore()).set("primary", KEY)
    result = run(["key", "test"], url=server.url)
    assert result.code == 0 and "works" in result.out
    sent = [r.headers["authorization"] for r in server.ocr_requests()]
    assert sent == [f"Bearer {KEY}"]


@pytest.mark.parametrize(("state", "reason"), [
    (sis.DISABLED, "API_KEY_DISABLED"), (None, "INVALID_API_KEY")])
def test_key_test_invalid_says_why(memory: MemoryKeyring, server: sis.StandInServer,
                                   state: str | None, reason: str) -> None:
    if state:
        server.add_key(KEY, state)
    KeyStore(SettingsStore()).set("primary", KEY)
    result = run(["key", "test"], url=server.url)
    assert result.code == 3
    assert "invalid" in result.err and reason in result.err


@pytest.mark.parametrize(("state", "words"), [
    (sis.NO_CREDITS, "out of PicToText credits"),
    (sis.EMAIL_NOT_VERIFIED, "verify your email"),
    (sis.SUBSCRIPTION_REQUIRED, "plan does not allow"),
])
def test_key_test_account_problem_is_accepted_key(
    memory: MemoryKeyring, server: sis.StandInServer, state: str, words: str
) -> None:
    server.add_key(OTHER, state)
    KeyStore(SettingsStore()).set("secondary", OTHER)
    result = run(["key", "test", "--secondary"], url=server.url)
    assert result.code == 0
    assert "works" in result.out and words in result.out


def test_key_test_unreachable_exits_6(memory: MemoryKeyring) -> None:
    with sis.StandInServer() as srv:
        url = srv.url  # closed again: nothing listens there now
    KeyStore(SettingsStore()).set("primary", KEY)
    result = run(["key", "test"], url=url)
    assert result.code == 6
    assert "Couldn't reach PicToText" in result.err
    assert "does not mean it is invalid" in result.err


def test_key_test_without_key_exits_3(memory: MemoryKeyring) -> None:
    result = run(["key", "test"])
    assert result.code == 3 and "No PicToText API key" in result.err


def test_key_test_with_environment_key(memory: MemoryKeyring, server: sis.StandInServer,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    server.add_key(KEY)
    monkeypatch.setenv("PICTOTEXT_API_KEY", KEY)
    assert run(["key", "test"], url=server.url).code == 0
    assert memory.entries == {}


# -- remove --------------------------------------------------------------------------------
def test_remove(memory: MemoryKeyring) -> None:
    KeyStore(SettingsStore()).set("primary", KEY)
    KeyStore(SettingsStore()).set("secondary", OTHER)
    result = run(["key", "remove", "--secondary"])
    assert result.code == 0 and "Removed the secondary key" in result.out
    assert memory.entries == {(SERVICE, "primary"): KEY}
    again = run(["key", "remove", "--secondary"])
    assert again.code == 0 and "nothing to remove" in again.out


def test_remove_with_locked_keyring_exits_3() -> None:
    with use_backend(LockedKeyring()):
        result = run(["key", "remove"])
    assert result.code == 3 and "Unlock" in result.err


# -- through the real entry point ----------------------------------------------------------
def test_through_cli_main(memory: MemoryKeyring, server: sis.StandInServer,
                          monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    cli = pytest.importorskip("pictotext_desktop.cli")
    server.add_key(KEY)
    monkeypatch.setattr("sys.stdin", io.StringIO(KEY + "\n"))
    assert cli.main(["key", "set"]) == 0
    assert cli.main(["key", "test", "--api-url", server.url]) == 0
    assert cli.main(["key", "status"]) == 0
    captured = capsys.readouterr()
    assert "sk_live_…abcd" in captured.out
    assert KEY not in captured.out + captured.err
