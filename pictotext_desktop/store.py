"""The encrypted result store: finished results saved as they come, restored after a crash.

Qt-free; docs/adr/0012 says why it is built this way, docs/privacy.md what it keeps.

- One SQLite file (store_files.py) in WAL mode; every finished result is one
  transaction, so a crash or a power cut loses at most the result being written.
- Every value a person could read -- field values, names, ID numbers, the source file's
  name (which can hold a name), error messages -- is encrypted with AES-GCM (random
  96-bit nonce per value, the result id and column as associated data) under a key
  derived from a 32-byte data key kept in the OS keyring (credentials.StoreKeyring).
- Lookups never need a value in clear: the duplicate-image, ID-number and name columns
  hold HMAC-SHA256s under their own HKDF subkeys, so a search computes the HMAC of the
  query and matches it exactly.
- No keyring: `ResultStoreUnavailableError`, and nothing is written; the window keeps the
  session in memory (`matching.MemoryDedupe` avoids paying twice within it).
- A damaged file, or one whose key is gone from the keyring, is renamed aside
  (`results.db.<time>.bad`) and a fresh store started; `notices` says what happened.

Modes (setting `result_store`): "off" writes nothing (not even an empty file: use
`open_for_settings`, which then returns None), "session" keeps the current session until
the next start has restored or discarded it, "history" also keeps every result for
`history_days` days (purged at open and by `purge` when `purge_due`).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pictotext_desktop.errors import KeyringUnavailableError, ResultStoreUnavailableError
from pictotext_desktop.matching import (
    MIN_ID_LENGTH,
    normalise_id,
    normalise_name,
    person_ids,
    person_names,
    prepared_hash,
)
from pictotext_desktop.records import Record
from pictotext_desktop.store_files import (
    ReadConnection,
    _close_quietly,
    _companions,
    _connect,
    _in_use,
    default_path,
    set_aside_files,
)

if TYPE_CHECKING:
    from pictotext_desktop.settings import SettingsStore

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
PURGE_INTERVAL = timedelta(days=1)
_BLOB_VERSION = b"\x01"
_NONCE_BYTES = 12
_CHECK_PLAINTEXT = b"pictotext-desktop result store"
_HKDF_INFO = b"pictotext-desktop result store v1 "

Mode = Literal["off", "session", "history"]
Kind = Literal["image", "id", "name"]

def _(text: str) -> str:
    """Mark a string for translation (the Qt layer translates it in the 'store' context)."""
    return text


MSG_DAMAGED = _(
    "The saved results could not be read: the file is damaged. It was set aside as {name} "
    "and saving starts afresh."
)
MSG_KEY_GONE = _(
    "The saved results cannot be opened: their key is no longer in the system's keyring. "
    "The file was set aside as {name} and saving starts afresh."
)
MSG_KEY_WRONG = _(
    "The saved results were encrypted with a different key from the one in the system's "
    "keyring. The file was set aside as {name} and saving starts afresh."
)


# ---------------------------------------------------------------------------------------
# Small public types
# ---------------------------------------------------------------------------------------
class KeyProvider(Protocol):
    """Where the data key lives: credentials.StoreKeyring (the OS keyring) in the app.

    `load`/`create` raise KeyringUnavailableError when there is no secure keyring.
    """

    def load(self) -> bytes | None: ...

    def create(self) -> bytes: ...


@dataclass(frozen=True)
class StoreNotice:
    """Something the window should tell the person about the store (never a value)."""

    kind: Literal["damaged", "key_gone", "key_wrong"]
    message: str  # English, translated at display time (i18n, context "store")
    aside: Path  # where the old file now is

    def text(self) -> str:
        return self.message.format(name=self.aside.name)


@dataclass(frozen=True)
class StoredResult:
    """One saved result: `id` is the store's (random, reveals nothing), shared by the
    session row and the history row of the same result."""

    id: str
    source: str
    record: Record
    saved_at: datetime
    session_id: str | None = None  # None: found in the history only
    position: int = 0
    state: str = "done"

    def __repr__(self) -> str:  # never show the source's name or values
        return f"StoredResult({self.id[:8]}, {self.state}, session={self.session_id is not None})"


@dataclass(frozen=True)
class SavedSession:
    """The session a previous run left behind: what "Restore the last session" offers."""

    results: int
    started_at: datetime
    ended_at: datetime


@dataclass(frozen=True)
class Sighting:
    """Where a person's number was seen before: "read on 2026-11-30 (card_12.jpg)"."""

    result_id: str
    read_at: datetime
    source: str
    in_history: bool

    def __repr__(self) -> str:
        return f"Sighting({self.result_id[:8]}, {self.read_at:%Y-%m-%d})"


def _utc(clock_value: datetime) -> datetime:
    return clock_value if clock_value.tzinfo else clock_value.replace(tzinfo=UTC)


def _now() -> datetime:
    return datetime.now(UTC)


def _from_epoch(value: float) -> datetime:
    return datetime.fromtimestamp(value, UTC)


class _Keys:
    """The subkeys derived from the data key (HKDF-SHA256, one label each)."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.aead = AESGCM(self._derive(key, b"encrypt"))
        self._mac = {kind: self._derive(key, kind.encode()) for kind in ("image", "id", "name")}

    @staticmethod
    def _derive(key: bytes, label: bytes) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                    info=_HKDF_INFO + label).derive(key)

    def mac(self, kind: Kind, text: str) -> bytes:
        return hmac.new(self._mac[kind], text.encode("utf-8"), hashlib.sha256).digest()

    def seal(self, plaintext: bytes, row_id: str, column: str) -> bytes:
        nonce = secrets.token_bytes(_NONCE_BYTES)
        sealed = self.aead.encrypt(nonce, plaintext, f"{row_id}/{column}".encode())
        return _BLOB_VERSION + nonce + sealed

    def open(self, blob: bytes, row_id: str, column: str) -> bytes:
        """The plaintext; cryptography's InvalidTag if the blob or its place was changed."""
        if blob[:1] != _BLOB_VERSION:
            raise ValueError("unknown blob version")
        nonce, sealed = blob[1:1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES:]
        return self.aead.decrypt(nonce, sealed, f"{row_id}/{column}".encode())


class _Damaged(Exception):
    """The file is not a store we can use (unreadable, or its key does not fit)."""

    def __init__(self, kind: Literal["damaged", "key_gone", "key_wrong"]) -> None:
        super().__init__(kind)
        self.kind = kind


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS session_results (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    state TEXT NOT NULL,
    saved_at REAL NOT NULL,
    source BLOB NOT NULL,
    record BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS session_order ON session_results (session_id, position);
CREATE TABLE IF NOT EXISTS history (
    id TEXT PRIMARY KEY,
    created_at REAL NOT NULL,
    source BLOB NOT NULL,
    record BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS history_age ON history (created_at);
CREATE TABLE IF NOT EXISTS lookup (
    kind TEXT NOT NULL,
    mac BLOB NOT NULL,
    result_id TEXT NOT NULL,
    PRIMARY KEY (kind, mac, result_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lookup_result ON lookup (result_id);
"""


# ---------------------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------------------
class ResultStore:
    """Finished results of this session (and, in history mode, of the last days).

    Thread-safe (writes on one connection behind a lock, reads on a second one: see
    `ReadConnection`); every write is one transaction.
    Open with `ResultStore.open` (or `open_for_settings`, which honours "off").
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, keys: _Keys, *,
                 keep_history: bool, history_days: int,
                 clock: Callable[[], datetime], notices: list[StoreNotice]) -> None:
        self.path = path
        self._conn = conn
        self._reader = ReadConnection(path)
        self._keys = keys
        self._lock = threading.RLock()
        self.keep_history = keep_history
        self.history_days = history_days
        self._clock = clock
        self.notices = notices
        self.session_id = secrets.token_hex(16)
        self._closed = False
        self.purged_at_open = 0  # history records past their period, deleted by `open`

    # -- opening -----------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path,
        key_provider: KeyProvider,
        *,
        keep_history: bool = False,
        history_days: int = 30,
        clock: Callable[[], datetime] = _now,
    ) -> ResultStore:
        """Open (or create) the store at `path` and purge history past its retention.

        Raises ResultStoreUnavailableError when there is no usable keyring: then nothing
        has been written.  A damaged file or one whose key is gone is set aside (see
        `notices`) and a fresh store is opened instead.
        """
        if not 1 <= history_days <= 3650:
            raise ValueError("history_days must be 1-3650")
        path = Path(path)
        notices: list[StoreNotice] = []
        key = _load_key(key_provider)
        conn: sqlite3.Connection | None = None
        if path.exists():
            try:
                conn = _connect(path)
                _check_integrity(conn)
                if key is None:
                    # A new key first: if the keyring refuses it, the old file stays put.
                    key = _create_key(key_provider)
                    if not _is_empty(conn):
                        raise _Damaged("key_gone")
                _validate(conn, _Keys(key))
            except ResultStoreUnavailableError:
                _close_quietly(conn)
                raise
            except (_Damaged, sqlite3.Error, OSError) as exc:
                _close_quietly(conn)
                conn = None
                if _in_use(exc):  # another copy of the app is writing: never move it
                    raise ResultStoreUnavailableError(
                        f"The results file {path} is in use by another program.",
                        detail=type(exc).__name__,
                    ) from None
                kind = exc.kind if isinstance(exc, _Damaged) else "damaged"
                if not isinstance(exc, _Damaged):
                    log.warning("result store unreadable: %s", type(exc).__name__)
                try:
                    notices.append(_set_aside(path, kind))
                except OSError as move_error:
                    raise ResultStoreUnavailableError(
                        f"The results file {path} cannot be read or moved aside.",
                        detail=type(move_error).__name__,
                    ) from None
        if key is None:
            key = _create_key(key_provider)
        keys = _Keys(key)
        if conn is None:
            try:
                conn = _create(path, keys)
            except (sqlite3.Error, OSError) as exc:
                raise ResultStoreUnavailableError(
                    f"The results file {path} could not be created.",
                    detail=f"{type(exc).__name__}",
                ) from None
        store = cls(path, conn, keys, keep_history=keep_history, history_days=history_days,
                    clock=clock, notices=notices)
        store.purged_at_open = store.purge()
        return store

    def close(self) -> None:
        """Checkpoint the WAL into the file and close (the -wal/-shm files go away)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._reader.close()
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise RuntimeError("the result store is closed")
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._reader.query(sql, params)

    # -- encryption helpers ------------------------------------------------------------
    def _seal_record(self, record: Record, row_id: str) -> tuple[bytes, bytes]:
        payload = record.to_json()
        if record.original:
            payload["original"] = dict(record.original)
        if record.warnings:
            payload["warnings"] = list(record.warnings)
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        return (self._keys.seal(record.source.encode("utf-8"), row_id, "source"),
                self._keys.seal(text.encode("utf-8"), row_id, "record"))

    def _open_record(self, row_id: str, source: bytes, record: bytes) -> tuple[str, Record]:
        name = self._keys.open(source, row_id, "source").decode("utf-8")
        data = json.loads(self._keys.open(record, row_id, "record").decode("utf-8"))
        return name, Record.from_json(data)

    def _index(self, conn: sqlite3.Connection, row_id: str, record: Record,
               prepared: str | None) -> None:
        conn.execute("DELETE FROM lookup WHERE result_id = ? AND kind != 'image'", (row_id,))
        rows: list[tuple[str, bytes, str]] = []
        rows += [("id", self._keys.mac("id", n), row_id) for n in person_ids(record)]
        rows += [("name", self._keys.mac("name", n), row_id) for n in person_names(record)]
        if prepared is not None and record.ok:
            rows.append(("image", self._image_mac(prepared, record.document_type), row_id))
        conn.executemany("INSERT OR IGNORE INTO lookup VALUES (?, ?, ?)", rows)

    def _image_mac(self, prepared: str, document_type: str) -> bytes:
        return self._keys.mac("image", f"{document_type}\0{prepared}")

    # -- writing -----------------------------------------------------------------------
    def put(self, record: Record, *, position: int, state: str = "done",
            prepared: str | None = None, result_id: str | None = None) -> str:
        """Save one finished result (one transaction) and return its id.

        `prepared` is `prepared_hash(prepared.data)`: a successful result can then be
        found again for the same image and document type (`find_prepared`).  In history
        mode the result is also added to the history.  Passing the `result_id` of an
        earlier `put` replaces that result (an edit, a Read again).
        """
        row_id = result_id or secrets.token_hex(16)
        source, sealed = self._seal_record(record, row_id)
        now = _utc(self._clock()).timestamp()
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO session_results VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET position = excluded.position, "
                "state = excluded.state, saved_at = excluded.saved_at, "
                "source = excluded.source, record = excluded.record",
                (row_id, self.session_id, position, state, now, source, sealed))
            if self.keep_history and record.ok:
                conn.execute(
                    "INSERT INTO history VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "source = excluded.source, record = excluded.record",
                    (row_id, now, source, sealed))
            if prepared is not None:
                conn.execute("DELETE FROM lookup WHERE result_id = ? AND kind = 'image'",
                             (row_id,))
            self._index(conn, row_id, record, prepared)
        return row_id

    def update(self, result_id: str, record: Record, *, state: str | None = None) -> bool:
        """Save an edited record in place (session row and history row); False if unknown."""
        source, sealed = self._seal_record(record, result_id)
        with self._transaction() as conn:
            changed = conn.execute(
                "UPDATE session_results SET source = ?, record = ?, state = COALESCE(?, state) "
                "WHERE id = ?", (source, sealed, state, result_id)).rowcount
            changed += conn.execute(
                "UPDATE history SET source = ?, record = ? WHERE id = ?",
                (source, sealed, result_id)).rowcount
            if changed:
                self._index(conn, result_id, record, None)
        return bool(changed)

    def remove(self, result_id: str) -> None:
        """Drop a result from the session (the history keeps its copy)."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM session_results WHERE id = ?", (result_id,))
            self._drop_orphans(conn)

    def start_new_session(self) -> str:
        """After Clear: later results go to a new session; the cleared one stays on disk
        as the "previous" session until restored or discarded.  Returns the old id."""
        with self._lock:
            old, self.session_id = self.session_id, secrets.token_hex(16)
        return old

    # -- sessions ----------------------------------------------------------------------
    def session_results(self) -> list[StoredResult]:
        """This session's results in position order."""
        rows = self._query(
            "SELECT id, session_id, position, state, saved_at, source, record "
            "FROM session_results WHERE session_id = ? ORDER BY position, saved_at",
            (self.session_id,))
        return self._results(rows)

    def previous_session(self) -> SavedSession | None:
        """What an earlier run (or a cleared session) left: None when nothing."""
        rows = self._query(
            "SELECT COUNT(*), MIN(saved_at), MAX(saved_at) FROM session_results "
            "WHERE session_id != ?", (self.session_id,))
        count, first, last = rows[0]
        if not count:
            return None
        return SavedSession(results=int(count), started_at=_from_epoch(first),
                            ended_at=_from_epoch(last))

    def restore_previous(self) -> list[StoredResult]:
        """Take the previous session's results into this one (so they stay safe from the
        next crash) and return them in their order; unreadable rows are dropped."""
        with self._transaction() as conn:
            rows = list(conn.execute(
                "SELECT id, session_id, position, state, saved_at, source, record "
                "FROM session_results WHERE session_id != ?", (self.session_id,)))
            results = self._results(rows)
            kept = {r.id for r in results}
            taken = conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM session_results "
                "WHERE session_id = ?", (self.session_id,)).fetchone()[0]
            # Older sessions first, each in its own row order.
            began: dict[str | None, datetime] = {}
            for result in results:
                began[result.session_id] = min(began.get(result.session_id, result.saved_at),
                                               result.saved_at)
            ordered = sorted(results, key=lambda r: (began[r.session_id], r.position))
            restored = []
            for offset, result in enumerate(ordered):
                conn.execute("UPDATE session_results SET session_id = ?, position = ? "
                             "WHERE id = ?", (self.session_id, taken + offset, result.id))
                restored.append(StoredResult(
                    id=result.id, source=result.source, record=result.record,
                    saved_at=result.saved_at, session_id=self.session_id,
                    position=taken + offset, state=result.state))
            for row in rows:
                if row[0] not in kept:
                    conn.execute("DELETE FROM session_results WHERE id = ?", (row[0],))
            self._drop_orphans(conn)
        return restored

    def discard_previous(self) -> int:
        """Delete what earlier runs left (the person chose not to restore it)."""
        with self._transaction() as conn:
            count = conn.execute("DELETE FROM session_results WHERE session_id != ?",
                                 (self.session_id,)).rowcount
            self._drop_orphans(conn)
        self._checkpoint()
        return int(count)

    def _results(self, rows: Iterable[tuple[Any, ...]]) -> list[StoredResult]:
        out = []
        for row_id, session_id, position, state, saved_at, source, record in rows:
            try:
                name, rec = self._open_record(row_id, source, record)
            except Exception as exc:  # one bad row must not lose the others
                log.warning("a saved result could not be read: %s", type(exc).__name__)
                continue
            out.append(StoredResult(id=row_id, source=name, record=rec,
                                    saved_at=_from_epoch(saved_at), session_id=session_id,
                                    position=position, state=state))
        return out

    # -- never pay twice ---------------------------------------------------------------
    def find_prepared(self, prepared: str, document_type: str) -> StoredResult | None:
        """The latest successful result for these prepared bytes and document type: this
        session first, then earlier sessions, then the history."""
        mac = self._image_mac(prepared, document_type)
        ids = [r[0] for r in self._query(
            "SELECT result_id FROM lookup WHERE kind = 'image' AND mac = ?", (mac,))]
        if not ids:
            return None
        found = self._by_ids(ids)
        found.sort(key=lambda r: (r.session_id == self.session_id, r.session_id is not None,
                                  r.saved_at), reverse=True)
        for result in found:
            if result.record.ok:
                return result
        return None

    def lookup_prepared(self, data: bytes, document_type: str) -> Record | None:
        """The batch runner's hook: an earlier record for these prepared bytes, or None.

        Called after prepare and before recognize; a hit means "do not send".  The record
        is a fresh copy whose `source` is the earlier file's: set the new one on it.
        """
        found = self.find_prepared(prepared_hash(data), document_type)
        return found.record if found is not None else None

    def _by_ids(self, ids: Sequence[str]) -> list[StoredResult]:
        marks = ",".join("?" * len(ids))
        rows = self._query(
            "SELECT id, session_id, position, state, saved_at, source, record "
            f"FROM session_results WHERE id IN ({marks})", list(ids))
        results = self._results(rows)
        seen = {r.id for r in results}
        missing = [i for i in ids if i not in seen]
        if missing:
            marks = ",".join("?" * len(missing))
            rows = self._query(
                "SELECT id, NULL, 0, 'done', created_at, source, record "
                f"FROM history WHERE id IN ({marks})", missing)
            results += self._results(rows)
        return results

    # -- duplicate person and search ---------------------------------------------------
    def seen_person(self, id_number: str, *, exclude: str | None = None) -> list[Sighting]:
        """Where this ID number was read before (saved sessions and history), oldest first.

        `exclude` leaves out one result (the row being checked).  Exact match on the
        normalised number (`normalise_id`).
        """
        number = normalise_id(id_number)
        if len(number) < MIN_ID_LENGTH:
            return []
        return self._sightings("id", number, exclude)

    def _sightings(self, kind: Kind, text: str, exclude: str | None) -> list[Sighting]:
        ids = [r[0] for r in self._query(
            "SELECT result_id FROM lookup WHERE kind = ? AND mac = ?",
            (kind, self._keys.mac(kind, text)))]
        ids = [i for i in ids if i != exclude]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        history = {r[0] for r in self._query(f"SELECT id FROM history WHERE id IN ({marks})",
                                             ids)}
        return sorted(
            (Sighting(result_id=r.id, read_at=r.saved_at, source=r.source,
                      in_history=r.id in history) for r in self._by_ids(ids)),
            key=lambda s: s.read_at)

    def search(self, query: str) -> list[StoredResult]:
        """History results whose ID number or name is exactly `query` (normalised: case,
        spaces and punctuation do not matter; a part of a name or number does not match)."""
        ids: set[str] = set()
        number, name = normalise_id(query), normalise_name(query)
        if len(number) >= MIN_ID_LENGTH:
            ids.update(r[0] for r in self._query(
                "SELECT result_id FROM lookup WHERE kind = 'id' AND mac = ?",
                (self._keys.mac("id", number),)))
        if name:
            ids.update(r[0] for r in self._query(
                "SELECT result_id FROM lookup WHERE kind = 'name' AND mac = ?",
                (self._keys.mac("name", name),)))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self._query(
            "SELECT id, NULL, 0, 'done', created_at, source, record FROM history "
            f"WHERE id IN ({marks}) ORDER BY created_at DESC", sorted(ids))
        return self._results(rows)

    def history(self, limit: int | None = None) -> list[StoredResult]:
        """The history, newest first."""
        rows = self._query(
            "SELECT id, NULL, 0, 'done', created_at, source, record FROM history "
            "ORDER BY created_at DESC LIMIT ?", (-1 if limit is None else limit,))
        return self._results(rows)

    def history_count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM history")[0][0])

    # -- retention ---------------------------------------------------------------------
    def purge(self, now: datetime | None = None) -> int:
        """Delete history older than `history_days` (at open, then daily); the count."""
        now = _utc(now or self._clock())
        cutoff = (now - timedelta(days=self.history_days)).timestamp()
        with self._transaction() as conn:
            count = conn.execute("DELETE FROM history WHERE created_at < ?",
                                 (cutoff,)).rowcount
            self._drop_orphans(conn)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('last_purge', ?)",
                         (str(now.timestamp()),))
        if count:
            self._checkpoint()
            log.info("purged %d result(s) past the %d-day history", count, self.history_days)
        return int(count)

    def purge_due(self, now: datetime | None = None) -> bool:
        """Whether a day has passed since the last purge (the window's daily timer)."""
        now = _utc(now or self._clock())
        rows = self._query("SELECT value FROM meta WHERE name = 'last_purge'")
        if not rows:
            return True
        try:
            last = float(rows[0][0])
        except (TypeError, ValueError):
            return True
        return now.timestamp() - last >= PURGE_INTERVAL.total_seconds()

    def delete_all_history(self) -> int:
        """Settings -> Delete all history: every history record, and the files set aside."""
        with self._transaction() as conn:
            count = conn.execute("DELETE FROM history").rowcount
            self._drop_orphans(conn)
        self._checkpoint(vacuum=True)
        for aside in set_aside_files(self.path):
            with contextlib.suppress(OSError):
                aside.unlink()
        return int(count)

    def _drop_orphans(self, conn: sqlite3.Connection) -> None:
        conn.execute(
            "DELETE FROM lookup WHERE result_id NOT IN (SELECT id FROM session_results) "
            "AND result_id NOT IN (SELECT id FROM history)")

    def _checkpoint(self, *, vacuum: bool = False) -> None:
        """Rewrite the file so deleted records' pages are gone from the WAL too."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            if vacuum:
                self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# ---------------------------------------------------------------------------------------
# Opening helpers
# ---------------------------------------------------------------------------------------
def _unavailable(exc: KeyringUnavailableError) -> ResultStoreUnavailableError:
    return ResultStoreUnavailableError(exc.message, detail=exc.detail)


def _load_key(provider: KeyProvider) -> bytes | None:
    try:
        return provider.load()
    except KeyringUnavailableError as exc:
        raise _unavailable(exc) from None


def _create_key(provider: KeyProvider) -> bytes:
    try:
        return provider.create()
    except KeyringUnavailableError as exc:
        raise _unavailable(exc) from None


def _check_integrity(conn: sqlite3.Connection) -> None:
    """Raise _Damaged / sqlite3.Error unless the file is a sound SQLite database; add
    the tables it lacks."""
    check = conn.execute("PRAGMA quick_check").fetchone()
    if not check or check[0] != "ok":
        raise _Damaged("damaged")
    conn.executescript(_SCHEMA)


def _is_empty(conn: sqlite3.Connection) -> bool:
    """No result and no key check: nothing in it needs the old key."""
    return not conn.execute(
        "SELECT EXISTS(SELECT 1 FROM session_results) OR EXISTS(SELECT 1 FROM history) "
        "OR EXISTS(SELECT 1 FROM meta WHERE name = 'check')").fetchone()[0]


def _validate(conn: sqlite3.Connection, keys: _Keys) -> None:
    """Raise _Damaged unless this store was sealed with `keys` (after _check_integrity)."""
    rows = dict(conn.execute("SELECT name, value FROM meta"))
    sealed = rows.get("check")
    if sealed is None:
        if not _is_empty(conn):
            raise _Damaged("damaged")
        _write_check(conn, keys)  # created, then the run ended before the check was written
        return
    from cryptography.exceptions import InvalidTag

    try:
        plain = keys.open(bytes(sealed), "meta", "check")
    except (InvalidTag, ValueError):
        raise _Damaged("key_wrong") from None
    if plain != _CHECK_PLAINTEXT:
        raise _Damaged("key_wrong")


def _write_check(conn: sqlite3.Connection, keys: _Keys) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('check', ?)",
                 (keys.seal(_CHECK_PLAINTEXT, "meta", "check"),))
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))


def _create(path: Path, keys: _Keys) -> sqlite3.Connection:
    """A new, empty store readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)  # SQLite gives -wal/-shm the same mode
    os.close(fd)
    conn = _connect(path)
    try:
        conn.executescript(_SCHEMA)
        _write_check(conn, keys)
    except BaseException:
        conn.close()
        raise
    return conn


def _set_aside(path: Path, kind: Literal["damaged", "key_gone", "key_wrong"]) -> StoreNotice:
    """Rename the store (and its -wal/-shm) to `<name>.<UTC time>.bad`; say so."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.{stamp}.bad")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.{stamp}-{n}.bad")
    for original in _companions(path):
        if original.exists():
            suffix = original.name[len(path.name):]  # "", "-wal", "-shm"
            os.replace(original, aside.with_name(aside.name + suffix))
    message = {"damaged": MSG_DAMAGED, "key_gone": MSG_KEY_GONE, "key_wrong": MSG_KEY_WRONG}[kind]
    log.warning("result store set aside (%s)", kind)
    return StoreNotice(kind=kind, message=message, aside=aside)


def open_for_settings(
    settings: SettingsStore,
    key_provider: KeyProvider | None = None,
    *,
    path: Path | None = None,
    clock: Callable[[], datetime] = _now,
) -> ResultStore | None:
    """The store the settings ask for; None when `result_store` is "off" (nothing is
    written, not even an empty file).  Raises ResultStoreUnavailableError without a
    keyring."""
    mode = settings.get("result_store")
    if mode == "off":
        return None
    if key_provider is None:
        from pictotext_desktop.credentials import StoreKeyring

        key_provider = StoreKeyring()
    return ResultStore.open(path or default_path(), key_provider,
                            keep_history=mode == "history",
                            history_days=int(settings.get("history_days")), clock=clock)
