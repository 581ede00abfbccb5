"""An in-memory keyring backend, so no test ever touches a developer's real keyring."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise PasswordDeleteError("not found")
        del self.entries[(service, username)]


class GatedKeyring(MemoryKeyring):
    """A MemoryKeyring whose reads wait until the test opens `gate`, as a locked keyring
    waits for its unlock prompt to be answered.  A read waits at most `wait` seconds (then
    answers anyway), so a test of code that reads in the wrong thread fails, not hangs.
    `readers` names the threads that read."""

    def __init__(self, wait: float = 5.0) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.entered = threading.Event()  # a read is waiting (or has waited) at the gate
        self.wait = wait
        self.readers: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.readers.append(threading.current_thread().name)
        self.entered.set()
        self.gate.wait(self.wait)
        return super().get_password(service, username)
