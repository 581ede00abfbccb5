"""Keyring helpers for the tests.

- `MemoryKeyring`: an in-memory keyring backend; `use_backend(b)` installs one for a test
  and restores the previous backend afterwards.
- `LockedKeyring` / `DismissedKeyring`: backends whose every call fails like a locked
  Secret Service or a dismissed unlock prompt.
- `start_private_session(root)`: a private D-Bus session bus plus an unlocked
  gnome-keyring-daemon, with HOME / XDG_* / PICTOTEXT_CONFIG_DIR all inside `root`, so the
  real Secret Service can be used without touching the user's keyring or home.  Returns a
  `KeyringSession` whose `env` is what subprocesses must run with; `close()` kills both
  daemons.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import InitError, KeyringLocked

from tests.memory_keyring import MemoryKeyring  # noqa: F401  (re-exported for tests)

REQUIRED_TOOLS = ("dbus-daemon", "gnome-keyring-daemon", "secret-tool", "dbus-send")
SECRETS_NAME = "org.freedesktop.secrets"


# ---------------------------------------------------------------------------------------
# In-process backends
# ---------------------------------------------------------------------------------------
class LockedKeyring(KeyringBackend):
    """Every call fails as a locked collection does."""

    priority = 1
    error: type[Exception] = KeyringLocked
    message = "Failed to unlock the collection!"

    def _fail(self) -> Any:
        raise self.error(self.message)

    def get_password(self, service: str, username: str) -> str | None:
        return self._fail()  # type: ignore[no-any-return]

    def set_password(self, service: str, username: str, password: str) -> None:
        self._fail()

    def delete_password(self, service: str, username: str) -> None:
        self._fail()


class DismissedKeyring(LockedKeyring):
    """The unlock prompt was dismissed (what SecretService raises then)."""

    error = InitError
    message = "Failed to create the collection: Prompt dismissed."


@contextmanager
def use_backend(backend: Any) -> Iterator[Any]:
    """Install a keyring backend for the duration of a test; restore the previous one."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


# ---------------------------------------------------------------------------------------
# A private Secret Service
# ---------------------------------------------------------------------------------------
def missing_tools() -> list[str]:
    return [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]


@dataclass
class KeyringSession:
    root: Path
    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def run(self, *args: str, input: str | None = None, timeout: float = 60,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Run a command with the session's environment, updated with `env`; output
        captured as text."""
        return subprocess.run(list(args), input=input, env={**self.env, **(env or {})},
                              capture_output=True, text=True, timeout=timeout, check=False)

    def close(self) -> None:
        """Stop gnome-keyring-daemon, then the bus (reverse start order)."""
        for proc in reversed(self.processes):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
        self.processes.clear()


def _read_line(proc: subprocess.Popen[bytes], timeout: float) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        raise RuntimeError("dbus-daemon did not print its address in time")
    return proc.stdout.readline().decode().strip()


def _name_has_owner(env: dict[str, str], name: str) -> bool:
    result = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
         "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
        env=env, capture_output=True, text=True, timeout=10, check=False,
    )
    return "boolean true" in result.stdout


def start_private_session(root: Path, password: str = "test-keyring-password") -> KeyringSession:
    """Start dbus-daemon + gnome-keyring-daemon (unlocked) with everything inside `root`."""
    for sub in ("data", "home", "config", "cache", "home/.config"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    run_dir = root / "run"
    run_dir.mkdir(mode=0o700, exist_ok=True)
    run_dir.chmod(0o700)
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DBUS_", "PICTOTEXT_", "XDG_", "GNOME_KEYRING", "SSH_AUTH"))
        and k not in ("PYTHON_KEYRING_BACKEND", "HOME")
    }
    env.update(
        HOME=str(root / "home"),
        XDG_DATA_HOME=str(root / "data"),
        XDG_RUNTIME_DIR=str(run_dir),
        XDG_CONFIG_HOME=str(root / "home" / ".config"),
        XDG_CACHE_HOME=str(root / "cache"),
        PICTOTEXT_CONFIG_DIR=str(root / "config"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONDONTWRITEBYTECODE="1",
    )
    session = KeyringSession(root=root, env=env)
    try:
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1",
             f"--address=unix:path={run_dir / 'bus'}"],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        session.processes.append(bus)
        address = _read_line(bus, timeout=10)
        if not address.startswith("unix:"):
            raise RuntimeError(f"dbus-daemon printed {address!r} instead of an address")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        session.processes.append(daemon)
        assert daemon.stdin is not None
        daemon.stdin.write(password.encode())
        daemon.stdin.close()
        deadline = time.monotonic() + 15
        while not _name_has_owner(env, SECRETS_NAME):
            if daemon.poll() is not None:
                raise RuntimeError(f"gnome-keyring-daemon exited with {daemon.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError("gnome-keyring-daemon did not take the Secret Service name")
            time.sleep(0.05)
    except BaseException:
        session.close()
        raise
    return session
