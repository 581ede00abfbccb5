"""GUI test fixtures: offscreen Qt, private settings, the stand-in server, a window.

Every test gets its own config folder and in-memory keyring (tests/conftest.py), so
nothing touches the developer's files or Secret Service.  The window's blocking hooks
(confirm, the quit question, file dialogs) are replaced; its upload thread is shut down
after each test.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TEST_KEY
from tests.image_corpus import card_image
from tests.memory_keyring import MemoryKeyring
from tests.stand_in_server import StandInServer


@pytest.fixture
def keyring_backend(memory: MemoryKeyring) -> MemoryKeyring:
    """The window's keyring: the one in-memory keyring every test runs with."""
    return memory


@pytest.fixture
def store(server: StandInServer) -> Any:
    from pictotext_desktop.settings import SettingsStore

    settings = SettingsStore()
    settings.override("api_url", server.url)
    settings.override("rate_limit", 100)
    settings.override("auto_merge", False)
    return settings


@pytest.fixture
def with_key(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    return TEST_KEY


def make_window(qtbot: Any, store: Any, backend: MemoryKeyring, **kwargs: Any) -> Any:
    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.ui.main_window import MainWindow

    window = MainWindow(store, keystore=KeyStore(store, backend=backend), **kwargs)
    window.confirm = lambda title, text: True
    window.ask_quit = lambda title, text, can_export: "quit"
    qtbot.addWidget(window)
    return window


def key_status_known(qtbot: Any, window: Any) -> None:
    """Wait until the window has read the key's status (in its own thread, right after
    the first paint: ui/key_status.py); Settings open only then."""
    qtbot.waitUntil(lambda: not window.key_state.pending, timeout=10_000)


def read_in(qtbot: Any, window: Any, timeout: int = 10_000) -> None:
    """Wait until what was dropped, pasted or opened is read in (its rows all there:
    the intake thread reads files off the GUI thread, ui/intake_runner.py)."""
    qtbot.waitUntil(lambda: not window.reading_in, timeout=timeout)


@pytest.fixture
def window(qtbot: Any, store: Any, keyring_backend: MemoryKeyring,
           with_key: str) -> Iterator[Any]:
    """The window a moment after start: shown, built, the key's status read."""
    win = make_window(qtbot, store, keyring_backend)
    win.show()
    qtbot.waitExposed(win)
    key_status_known(qtbot, win)
    yield win
    win.shutdown()


@pytest.fixture
def cards(tmp_path: Path) -> list[Path]:
    """Small JPEG 'photos' to queue (the stand-in server answers with the docs' example)."""
    folder = tmp_path / "cards"
    folder.mkdir()
    paths = [folder / f"card_{i + 1}.jpg" for i in range(3)]
    for i, path in enumerate(paths):
        card_image((320, 200), tint=i * 20).save(path, "JPEG", quality=85)
    return paths
