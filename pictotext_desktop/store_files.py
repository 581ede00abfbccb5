"""Where the encrypted result store lives and how its SQLite file is opened, set aside
and removed (store.py does the encryption and the records).

WAL mode, full sync (a commit survives a power cut) and secure delete (a deleted record is
overwritten); the file is set aside with its -wal/-shm companions, never half.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

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
