"""Where the encrypted result store lives and how its SQLite file is opened, set aside
and removed (store.py does the encryption and the records).

WAL mode, full sync (a commit survives a power cut) and secure delete (a deleted record is
overwritten); the file is set aside with its -wal/-shm companions, never half.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pictotext_desktop import APP_ID

DATA_DIR_ENV = "PICTOTEXT_DATA_DIR"
FILE_NAME = "results.db"
BUSY_TIMEOUT = 10.0  # seconds to wait for another copy of the app to finish a write


def data_dir() -> Path:
    """The app's data folder (PICTOTEXT_DATA_DIR overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def default_path() -> Path:
    return data_dir() / FILE_NAME


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT)
    try:
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.DatabaseError(f"journal mode {mode}")
        conn.execute("PRAGMA synchronous=FULL")  # a commit survives a power cut
        conn.execute("PRAGMA secure_delete=ON")  # deleted records are overwritten
        conn.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _in_use(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _close_quietly(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        with contextlib.suppress(sqlite3.Error):
            conn.close()


def _companions(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def set_aside_files(path: Path) -> list[Path]:
    """The files earlier runs set aside next to `path` (`results.db.<time>.bad*`)."""
    if not path.parent.is_dir():
        return []
    return sorted(p for p in path.parent.iterdir()
                  if p.name.startswith(path.name + ".") and ".bad" in p.name)


def remove_store_files(path: Path | None = None) -> None:
    """Delete the store file, its -wal/-shm and anything set aside (e.g. when the person
    turns saving off and asks for what was kept to go)."""
    path = path or default_path()
    for item in [*_companions(path), *set_aside_files(path)]:
        with contextlib.suppress(FileNotFoundError):
            item.unlink()


class ReadConnection:
    """A second connection, for reads only.  In WAL mode a read takes no lock a write
    holds, so a lookup from the window (a duplicate-person check while a batch runs) never
    waits for a save's transaction and fsync on the store's writer thread.  Opened on
    first use; each query is its own read transaction (it sees every committed write)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._closed = False
        self._lock = threading.Lock()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            if self._closed:
                raise RuntimeError("the result store is closed")
            if self._conn is None:
                self._conn = _connect(self._path)
            return list(self._conn.execute(sql, params))

    def close(self) -> None:
        with self._lock:
            self._closed = True
            _close_quietly(self._conn)
            self._conn = None
