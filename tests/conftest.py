"""Shared fixtures: every test gets its own config folder, an in-memory keyring and no
API key from the environment; the stand-in server is a fixture away."""

from __future__ import annotations

import gc
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.image_corpus import card_image
from tests.keyring_session import use_backend
from tests.memory_keyring import MemoryKeyring
from tests.stand_in_server import StandInServer

# tests/gui look for this literal and its last four ("…abcd") in what the window shows
TEST_KEY = "sk_test_gui_key_abcd"
SECOND_KEY = "sk_live_SECONDKEYdonotuse0002"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.setenv("PICTOTEXT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PICTOTEXT_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("PICTOTEXT_DATA_DIR", str(tmp_path / "data"))  # the result store
    for name in ("PICTOTEXT_API_KEY", "PICTOTEXT_API_KEY_SECONDARY", "PICTOTEXT_API_URL"):
        monkeypatch.delenv(name, raising=False)
    with use_backend(MemoryKeyring()) as backend:
        yield backend
    # The log handler is process-wide: a test that started logging (any CLI run) must not
    # leave it writing into its own folder for the tests after it.
    from pictotext_desktop import logs

    logs.shutdown()


@pytest.fixture(scope="session", autouse=True)
def garbage_collected_in_the_main_thread() -> Iterator[None]:
    """As in the app (ui/gc_guard.py): cyclic GC never runs in a worker thread, where
    collecting a Qt object left by an earlier GUI test would crash the process.  Tests
    collect in the main thread after each test instead, as the app's timer does."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.fixture(autouse=True)
def collect_after_test() -> Iterator[None]:
    yield
    from pictotext_desktop.ui.gc_guard import collect_if_due

    collect_if_due(gc.get_threshold())  # disable() keeps the thresholds


@pytest.fixture
def memory(isolated_environment: MemoryKeyring) -> MemoryKeyring:
    """The in-memory keyring every test runs with (look into `.entries`)."""
    return isolated_environment


@pytest.fixture
def server() -> Iterator[StandInServer]:
    with StandInServer() as srv:
        srv.add_key(TEST_KEY)
        yield srv


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch, server: StandInServer) -> StandInServer:
    """The stand-in server, with the CLI's key and address in the environment."""
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    monkeypatch.setenv("PICTOTEXT_API_URL", server.url)
    return server


@pytest.fixture(scope="session")
def ca() -> object:
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


@pytest.fixture
def https_server(ca: object, tmp_path: Path) -> Iterator[tuple[StandInServer, Path]]:
    with StandInServer(tls=ca) as srv:
        srv.add_key(TEST_KEY)
        pem = tmp_path / "ca.pem"
        ca.cert_pem.write_to_path(str(pem))  # type: ignore[attr-defined]
        yield srv, pem


@pytest.fixture
def card_jpeg(tmp_path: Path) -> Path:
    """A small real JPEG (a plain card-like picture) to upload."""
    path = tmp_path / "card.jpg"
    card_image().save(path, "JPEG", quality=90)
    return path


class Captured:
    def __init__(self) -> None:
        self.out = io.StringIO()
        self.err = io.StringIO()


@pytest.fixture
def run_cli() -> object:
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    from pictotext_desktop.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        captured = Captured()
        code = main(list(argv), stdout=captured.out, stderr=captured.err)
        return code, captured.out.getvalue(), captured.err.getvalue()

    return run
