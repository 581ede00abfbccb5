"""KeyStore against in-memory, failing, locked and 'insecure' keyring backends."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import chainer, fail

from pictotext_desktop import credentials
from pictotext_desktop.api.client import ClientConfig, PicToTextClient
from pictotext_desktop.credentials import SERVICE, KeyStore, detect_backend
from pictotext_desktop.errors import (
    KeyringLockedError,
    KeyringUnavailableError,
    MalformedApiKeyError,
    NoApiKeyError,
)
from pictotext_desktop.settings import SettingsStore
from tests import stand_in_server as sis
from tests.keyring_session import DismissedKeyring, LockedKeyring, MemoryKeyring, use_backend

KEY = "sk_live_0123456789abcdefSECRETabcd"
OTHER = "sk_live_fedcba9876543210OTHERwxyz"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def make_store(clock: Clock | None = None) -> KeyStore:
    return KeyStore(SettingsStore(), clock=clock or Clock())


# -- storing and reading -------------------------------------------------------------------
def test_set_stores_in_the_keyring_under_service_and_slot(memory: MemoryKeyring) -> None:
    store = make_store()
    result = store.set("primary", f"  {KEY}\n")
    assert memory.entries == {(SERVICE, "primary"): KEY}
    assert result.masked == "sk_live_…abcd"
    assert result.stored_in == "keyring"
    assert result.warning is None
    # A fresh store (another process) reads it back from the keyring.
    fresh = make_store()
    assert fresh.get("primary") == KEY
    assert fresh.source("primary") == "keyring"
    assert fresh.masked("primary") == "sk_live_…abcd"
    assert fresh.get("secondary") is None
    assert fresh.has_any_key()


def test_secondary_slot_is_separate(memory: MemoryKeyring) -> None:
    store = make_store()
    store.set("secondary", OTHER)
    assert memory.entries == {(SERVICE, "secondary"): OTHER}
    assert store.get("primary") is None
    assert store.masked("secondary") == "sk_live_…wxyz"


def test_inner_whitespace_is_refused_and_nothing_stored(memory: MemoryKeyring) -> None:
    store = make_store()
    with pytest.raises(MalformedApiKeyError):
        store.set("primary", "sk_live_abc def")
    with pytest.raises(MalformedApiKeyError):
        store.set("primary", "sk_live_abc\ndef")
    with pytest.raises(NoApiKeyError):
        store.set("primary", "   \n")
    assert memory.entries == {}


def test_unusual_prefix_warns_but_is_stored(memory: MemoryKeyring) -> None:
    result = make_store().set("primary", "pk_0123456789abcdef")
    assert result.warning is not None and "sk_" in result.warning
    assert memory.entries[(SERVICE, "primary")] == "pk_0123456789abcdef"
    assert make_store().set("primary", "sk-0123456789abcdef").warning is None


def test_environment_overrides_and_is_never_stored(
    memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    make_store().set("primary", KEY)
    monkeypatch.setenv("PICTOTEXT_API_KEY", " " + OTHER + " ")
    store = make_store()
    assert store.get("primary") == OTHER
    assert store.source("primary") == "env"
    store.record_call("primary", ok=True)
    assert memory.entries == {(SERVICE, "primary"): KEY}
    assert OTHER.encode() not in (tmp_path / "config" / "settings.json").read_bytes()
    result = store.set("primary", KEY)
    assert result.overridden_by_env


def test_remove_deletes_entry_and_metadata(memory: MemoryKeyring) -> None:
    store = make_store()
    store.set("primary", KEY)
    store.record_call("primary", ok=True)
    assert store.remove("primary") is True
    assert memory.entries == {}
    assert store.get("primary") is None
    assert "primary" not in store.settings.meta("keys")
    assert store.remove("primary") is False  # nothing left: not an error


# -- metadata ------------------------------------------------------------------------------
def test_usage_counts_per_month_and_reset_on_replace(memory: MemoryKeyring,
                                                     tmp_path: Path) -> None:
    clock = Clock()
    store = make_store(clock)
    store.set("primary", KEY)
    store.record_call("primary", ok=True)
    store.record_call("primary", ok=True)
    store.record_call("primary", ok=False)
    usage = store.usage_this_month("primary")
    assert (usage.ok, usage.failed, usage.total) == (2, 1, 3)
    assert store.last_used("primary") == clock.now
    clock.now += timedelta(days=31)  # next month starts at zero
    assert store.usage_this_month("primary").total == 0
    store.record_call("primary", ok=True)
    assert store.usage_this_month("primary").ok == 1
    # The settings file holds the fingerprint (last 4), never the key.
    raw = (tmp_path / "config" / "settings.json").read_bytes()
    assert KEY.encode() not in raw and KEY[:-4].encode() not in raw
    assert b'"fingerprint": "abcd"' in raw
    # Replacing the key resets the slot's metadata.
    store.set("primary", OTHER)
    assert store.usage_this_month("primary").total == 0
    assert store.age_days("primary") == 0


def test_call_counts_are_written_in_batches(memory: MemoryKeyring, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store()
    store.set("primary", KEY)
    writes: list[int] = []
    save = store.settings.save
    monkeypatch.setattr(store.settings, "save", lambda: (writes.append(1), save())[1])
    for i in range(50):
        store.record_call("primary", ok=i % 5 != 0)
    assert len(writes) <= 2  # not one rewrite of settings.json per API call
    usage = store.usage_this_month("primary")
    assert (usage.ok, usage.failed) == (40, 10)  # counted in memory meanwhile
    store.flush()
    assert make_store().usage_this_month("primary").total == 50  # all of them on disk
    store.flush()  # nothing new: no write
    writes.clear()
    store.flush()
    assert writes == []


def test_age_and_rotation_reminder_at_90_days(memory: MemoryKeyring) -> None:
    clock = Clock()
    store = make_store(clock)
    store.set("primary", KEY)
    assert store.age_days("primary") == 0 and not store.rotation_due("primary")
    clock.now += timedelta(days=89, hours=23)
    assert store.age_days("primary") == 89 and not store.rotation_due("primary")
    clock.now += timedelta(hours=1)
    assert store.age_days("primary") == 90 and store.rotation_due("primary")
    assert store.age_days("secondary") is None and not store.rotation_due("secondary")


def test_key_changed_outside_the_app_gets_fresh_metadata(memory: MemoryKeyring) -> None:
    store = make_store()
    store.set("primary", KEY)
    store.record_call("primary", ok=True)
    memory.entries[(SERVICE, "primary")] = OTHER  # e.g. replaced with another tool
    fresh = make_store()
    assert fresh.usage_this_month("primary").total == 0
    assert fresh.age_days("primary") is None  # unknown: not added here


def test_fallback_state() -> None:
    store = make_store()
    assert store.active_slot == "primary"
    assert store.use_secondary_for_session() is True  # it made the switch
    assert store.active_slot == "secondary"
    assert store.use_secondary_for_session() is False  # already on the secondary
    store.reset_active_slot()
    assert store.active_slot == "primary"
    store.use_secondary_for_session()
    store.set_session_only("primary", OTHER)  # a new primary key is tried first again
    assert store.active_slot == "primary"


# -- no backend, locked, dismissed, insecure -----------------------------------------------
def test_fail_backend_explains_and_session_only_works(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with use_backend(fail.Keyring()):
        store = make_store()
        info = store.backend_info
        assert not info.available
        assert isinstance(info.problem, KeyringUnavailableError)
        assert "GNOME Keyring" in info.problem.message  # Linux: how to fix it
        assert store.get("primary") is None  # no crash
        with pytest.raises(KeyringUnavailableError):
            store.set("primary", KEY)
        result = store.set_session_only("primary", KEY)
        assert result.stored_in == "session"
        assert store.get("primary") == KEY and store.source("primary") == "session"
        assert store.remove("primary") is True
        assert store.get("primary") is None
    assert KEY not in caplog.text and KEY[:-4] not in caplog.text


@pytest.mark.parametrize("backend_cls", [LockedKeyring, DismissedKeyring])
def test_locked_keyring_explains_and_session_only_works(backend_cls: type) -> None:
    with use_backend(backend_cls()):
        store = make_store()
        assert store.backend_info.available  # detected fine; fails on use
        assert store.get("primary") is None
        assert isinstance(store.problem, KeyringLockedError)
        with pytest.raises(KeyringLockedError) as caught:
            store.set("primary", KEY)
        assert "Unlock" in caught.value.message
        assert KEY not in str(caught.value) and KEY not in (caught.value.detail or "")
        with pytest.raises(KeyringLockedError):
            store.require("primary")
        with pytest.raises(KeyringLockedError):
            store.remove("primary")
        store.set_session_only("primary", KEY)
        assert store.require("primary") == KEY


def test_platform_specific_help() -> None:
    assert "Keychain Access" in credentials.keyring_help(platform="darwin")
    assert "Credential Manager" in credentials.keyring_help(platform="win32")
    assert "KWallet" in credentials.keyring_help(platform="linux")
    assert "Keychain" in credentials.keyring_help(locked=True, platform="darwin")


def test_plaintext_keyrings_alt_backend_is_not_used() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    with use_backend(PlaintextKeyring()) as backend:
        store = make_store()
        assert not store.backend_info.available
        with pytest.raises(KeyringUnavailableError):
            store.set("primary", KEY)
        assert backend.entries == {}


def test_chainer_without_viable_backends_is_none() -> None:
    class EmptyChainer(chainer.ChainerBackend):
        backends = ()

    assert not detect_backend(EmptyChainer()).available


def test_chainer_skips_plaintext_members() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    secure = MemoryKeyring()

    class Mixed(chainer.ChainerBackend):
        backends = (PlaintextKeyring(), secure)

    info = detect_backend(Mixed())
    assert info.backend is secure


# -- the key test outcome ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("state", "outcome"),
    [
        (sis.ACTIVE, "valid"),
        (sis.NO_CREDITS, "account"),
        (sis.EMAIL_NOT_VERIFIED, "account"),
        (sis.SUBSCRIPTION_REQUIRED, "account"),
        (sis.DISABLED, "invalid"),
    ],
)
def test_check_outcome_follows_the_docs(state: str, outcome: str) -> None:
    with sis.StandInServer() as srv:
        srv.add_key(KEY, state)
        client = PicToTextClient(ClientConfig(base_url=srv.url, rate_limit=100))
        assert client.check_key(KEY).outcome == outcome
        assert client.check_key(OTHER).outcome == "invalid"  # unknown key: 401
        client.close()


def test_check_outcome_unreachable_is_not_invalid() -> None:
    with sis.StandInServer() as srv:
        url = srv.url
    client = PicToTextClient(ClientConfig(base_url=url, rate_limit=100, connect_timeout=2))
    assert client.check_key(KEY).outcome == "unreachable"
    client.close()


def test_key_never_in_logs(memory: MemoryKeyring, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    store = make_store()
    store.set("primary", KEY)
    store.get("primary")
    store.record_call("primary", ok=False)
    store.set_session_only("secondary", OTHER)
    store.remove("primary")
    assert "sk_live_…abcd" in caplog.text  # it does log, masked
    for secret in (KEY, OTHER):
        assert secret not in caplog.text and secret[8:-4] not in caplog.text


# -- choosing the backend without keyring's probe of every backend ------------------------
_CHOOSE = """
import json, sys
from pictotext_desktop.credentials import KeyStore
from pictotext_desktop.settings import SettingsStore
info = KeyStore(SettingsStore(persist=False)).backend_info
probed = sorted(m for m in sys.modules if m.startswith("keyring.backends.") and m.count(".") == 2)
print(json.dumps([info.name, info.available, *probed]))
"""


def _choose_in_a_fresh_process(tmp_path: Path, **env: str) -> list[Any]:
    """What a fresh process picks (keyring chooses once per process), and which backend
    modules it imported on the way."""
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items()
             if k not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")}
    clean.update(XDG_CONFIG_HOME=str(tmp_path / "xdg"), XDG_DATA_HOME=str(tmp_path / "data"),
                 DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}", **env)
    run = subprocess.run([sys.executable, "-c", _CHOOSE], env=clean, capture_output=True,
                         text=True, timeout=60, check=True, cwd=Path(__file__).parent.parent)
    return list(json.loads(run.stdout))


@pytest.mark.skipif(credentials.platform_key() != "linux", reason="the Linux choice")
def test_linux_asks_only_its_own_stores(tmp_path: Path) -> None:
    # No session bus: Secret Service is not there, so no secure storage (the fail backend);
    # the macOS and Windows backends are never imported (on Linux the macOS one runs
    # ldconfig, gcc and ld to look for its framework).
    name, available, *imported = _choose_in_a_fresh_process(tmp_path)
    assert (name, available) == ("fail Keyring", False)
    assert "keyring.backends.SecretService" in imported
    assert "keyring.backends.macOS" not in imported
    assert "keyring.backends.Windows" not in imported


def test_configured_backend_is_honoured(tmp_path: Path) -> None:
    name, available, *_ = _choose_in_a_fresh_process(
        tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    assert (name, available) == ("null Keyring", False)  # configured, but not secure
    rc = tmp_path / "xdg" / "python_keyring" / "keyringrc.cfg"
    rc.parent.mkdir(parents=True)
    rc.write_text("[backend]\ndefault-keyring=tests.memory_keyring.MemoryKeyring\n")
    name, available, *_ = _choose_in_a_fresh_process(tmp_path)
    assert available is True and "Memory" in name


def test_a_backend_set_in_process_is_used(memory: MemoryKeyring) -> None:
    assert credentials.platform_backend() is memory
    assert detect_backend().backend is memory


def test_the_keystore_does_not_load_the_http_client() -> None:
    """The window reads the key's status right after its first paint: the keystore must
    not pull in `requests` (~0.3 s) for the key's text helpers (api/keys.py)."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from pictotext_desktop.credentials import KeyStore\n"
            "from pictotext_desktop.settings import SettingsStore\n"
            "store = KeyStore(SettingsStore(persist=False))\n"
            "store.set_session_only('primary', ' sk_live_0123456789abcdefSECRETabcd ')\n"
            "print(store.masked('primary'))\n"
            "print(','.join(m for m in ('requests', 'urllib3', 'pictotext_desktop.api.client')"
            " if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    masked, loaded = out.stdout.splitlines()[-2:]
    assert masked == "sk_live_…abcd"
    assert loaded == ""


def test_the_client_still_offers_the_key_helpers() -> None:
    from pictotext_desktop.api import client, keys

    assert client.clean_key is keys.clean_key and client.mask_key is keys.mask_key
    assert client.mask_key(f"  {KEY} ") == "sk_live_…abcd"
    with pytest.raises(MalformedApiKeyError):
        client.clean_key("sk_live_ab cd")
