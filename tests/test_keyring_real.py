"""The real Secret Service (gnome-keyring) in a private D-Bus session, through the CLI.

Everything the app could write goes under one temporary directory T (HOME, XDG_*,
PICTOTEXT_CONFIG_DIR), so after storing a key we can byte-search all of it -- including
gnome-keyring's own (encrypted) keyring file -- and every captured output, and find the
key nowhere.  Attribute layout in the Secret Service: service=pictotext-desktop,
username=primary|secondary (keyring's SecretService backend).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.keyring_session import KeyringSession, missing_tools, start_private_session
from tests.stand_in_server import StandInServer

pytestmark = pytest.mark.keyring_real

REPO = Path(__file__).resolve().parent.parent
KEY = "sk_live_REALkeyring0123456789wxyz"
SECONDARY = "sk_live_REALsecondary98765qrst"
CLI = [sys.executable, "-m", "pictotext_desktop"]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeyringSession]:
    missing = missing_tools()
    if missing:
        message = f"real-keyring tests need {', '.join(missing)} (apt: dbus gnome-keyring " \
                  "libsecret-tools)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("kr")
    session = start_private_session(root)
    session.env["PYTHONPATH"] = str(REPO)
    try:
        yield session
    finally:
        session.close()


class Outputs:
    """Every byte any command printed, to search for the key at the end."""

    def __init__(self) -> None:
        self.text: list[str] = []

    def add(self, *parts: str) -> None:
        self.text.extend(parts)


def cli(session: KeyringSession, outputs: Outputs, *args: str,
        input: str | None = None) -> tuple[int, str, str]:
    done = session.run(*CLI, *args, input=input)
    outputs.add(done.stdout, done.stderr)
    return done.returncode, done.stdout, done.stderr


def lookup(session: KeyringSession, slot: str) -> str | None:
    """The secret stored for `slot`, or None (its output is the key: never print it)."""
    done = session.run("secret-tool", "lookup", "service", "pictotext-desktop",
                       "username", slot)
    return done.stdout if done.returncode == 0 else None


def find_bytes(root: Path, needle: bytes) -> list[Path]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            try:
                if needle in path.read_bytes():
                    hits.append(path)
            except OSError:
                continue
    return hits


def test_key_set_status_read_back_test_and_nothing_in_plaintext(
        session: KeyringSession, server: StandInServer) -> None:
    outputs = Outputs()

    # key set: piped stdin, one line
    code, out, err = cli(session, outputs, "key", "set", input=KEY + "\n")
    assert code == 0, err
    assert "sk_live_…wxyz" in out and "SecretService" in out

    # stored in the Secret Service under service + username
    assert lookup(session, "primary") == KEY
    assert lookup(session, "secondary") is None

    code, out, err = cli(session, outputs, "key", "set", "--secondary", input=SECONDARY)
    assert code == 0, err
    assert lookup(session, "secondary") == SECONDARY

    # key status: masked, from the keyring
    code, out, err = cli(session, outputs, "key", "status")
    assert code == 0, err
    assert "Keyring: SecretService" in out
    assert "Primary key: sk_live_…wxyz (from the keyring)" in out
    assert "Secondary key: sk_live_…qrst (from the keyring)" in out

    # key test against the stand-in server: a new process reads back exactly that key
    server.add_key(KEY)
    code, out, err = cli(session, outputs, "key", "test", "--api-url", server.url)
    assert code == 0, err
    assert [r.headers["authorization"] for r in server.ocr_requests()] == [f"Bearer {KEY}"]

    # the settings file exists and holds only metadata
    settings_file = session.config_dir / "settings.json"
    assert settings_file.is_file()
    assert b'"fingerprint": "wxyz"' in settings_file.read_bytes()

    # the key is nowhere in T (home, config, data incl. keyrings/, cache, run) ...
    keyring_files = list((session.data_dir / "keyrings").glob("*.keyring"))
    assert keyring_files, "gnome-keyring wrote no keyring file under XDG_DATA_HOME"
    for secret in (KEY, SECONDARY):
        assert find_bytes(session.root, secret.encode()) == []
        assert find_bytes(session.root, secret.encode("utf-16-le")) == []
        assert find_bytes(session.root, secret[8:].encode()) == []  # nor its body
        # ... nor in anything a command printed
        assert not any(secret in text for text in outputs.text)

    # key remove: gone from the Secret Service
    code, out, err = cli(session, outputs, "key", "remove")
    assert code == 0, err
    assert lookup(session, "primary") is None
    code, out, err = cli(session, outputs, "key", "remove", "--secondary")
    assert code == 0, err
    assert lookup(session, "secondary") is None
    code, out, err = cli(session, outputs, "key", "status")
    assert code == 3 and "Primary key: not set" in out


def test_keystore_in_a_subprocess(session: KeyringSession) -> None:
    """The KeyStore alone (no CLI): set, read back in a new process, remove."""
    script = (
        "import sys\n"
        "from pictotext_desktop.credentials import KeyStore\n"
        "from pictotext_desktop.settings import SettingsStore\n"
        "store = KeyStore(SettingsStore())\n"
        "action, key = sys.argv[1], sys.stdin.read().strip()\n"
        "if action == 'set':\n"
        "    print(store.set('primary', key).masked)\n"
        "elif action == 'check':\n"
        "    print(store.get('primary') == key, store.source('primary'))\n"
        "else:\n"
        "    print(store.remove('primary'))\n"
    )
    done = session.run(sys.executable, "-c", script, "set", input=KEY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "sk_live_…wxyz"
    done = session.run(sys.executable, "-c", script, "check", input=KEY)
    assert done.stdout.split() == ["True", "keyring"], done.stderr
    done = session.run(sys.executable, "-c", script, "remove", input="")
    assert done.stdout.strip() == "True", done.stderr
    done = session.run(sys.executable, "-c", script, "check", input=KEY)
    assert done.stdout.split() == ["False", "None"], done.stderr


def test_no_keyring_daemon_explains_and_exits_3(session: KeyringSession,
                                               tmp_path: Path) -> None:
    """A session bus without a Secret Service: `key set` explains; nothing is written."""
    done = session.run(*CLI, "key", "set", input=KEY, env={
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}",
        "PICTOTEXT_CONFIG_DIR": str(tmp_path / "config"),
    })
    assert done.returncode == 3, done.stdout + done.stderr
    assert "No secure key storage" in done.stderr
    assert KEY not in done.stdout + done.stderr
    assert find_bytes(tmp_path, KEY.encode()) == []
