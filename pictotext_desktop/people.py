"""Duplicate person: "This person was read on 2026-11-30 (card_12.jpg)".

A card's ID numbers (matching.person_ids: normalised, any field that identifies the person
or the document) are looked up where they were read before: in the encrypted store
(`ResultStore.seen_person`, HMACs under the store's key: the saved sessions and the
history) and in this run's own batch (`BatchPeople`, HMACs under a key made for the run
and never written, so it works when nothing is stored: result_store off, or no keyring).
No number is kept in clear by either.  Qt-free: the window words the note.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Protocol

from pictotext_desktop.matching import person_ids
from pictotext_desktop.records import Record

if TYPE_CHECKING:
    from pictotext_desktop.store import ResultStore, Sighting


class Sightings(Protocol):
    """Where an ID number was read before: `ResultStore.seen_person`, or `EarlierRuns`."""

    def seen_person(self, id_number: str) -> list[Sighting]: ...


@dataclass(frozen=True)
class SeenBefore:
    """The earliest other reading of the same person: when, and which file (its name)."""

    read_at: datetime
    source: str

    def __repr__(self) -> str:  # never the file's name (it can hold a person's name)
        return f"SeenBefore({self.read_at:%Y-%m-%d})"

    @property
    def day(self) -> str:
        """The local date it was read, as 2026-11-30."""
        return self.read_at.astimezone().date().isoformat()


def file_name(source: str) -> str:
    """The file's name alone (a record's source may be a whole path)."""
    return PurePath(source.replace("\\", "/")).name or source


class BatchPeople:
    """Who was read in this run, by HMAC of the ID number (a random key per run, in memory
    only): the batch part of the duplicate check, with or without a store."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._seen: dict[bytes, dict[object, tuple[datetime, str]]] = {}
        self._numbers: dict[object, list[bytes]] = {}  # owner -> the MACs it was read with

    def _mac(self, number: str) -> bytes:
        return hmac.new(self._key, number.encode("utf-8"), hashlib.sha256).digest()

    def add(self, owner: object, record: Record, read_at: datetime) -> None:
        """Note `record`'s numbers as read by `owner` (a job id) at `read_at`; a new
        reading by the same owner (an edit, Read again) replaces the old one."""
        macs = [self._mac(number) for number in person_ids(record)]
        with self._lock:
            for mac in self._numbers.pop(owner, ()):
                self._seen.get(mac, {}).pop(owner, None)
            for mac in macs:
                self._seen.setdefault(mac, {})[owner] = (read_at, record.source)
            if macs:
                self._numbers[owner] = macs

    def sightings(self, record: Record, exclude: Collection[object],
                  before: datetime | None = None) -> list[SeenBefore]:
        """The earliest reading of each of `record`'s numbers by another owner (before
        `before`, when given).  One per number, not every reading: a batch of one person's
        cards would otherwise build a list growing with the batch for each finished row."""
        found = []
        macs = [self._mac(number) for number in person_ids(record)]
        with self._lock:
            for mac in macs:
                readings = [(read_at, source)
                            for owner, (read_at, source) in self._seen.get(mac, {}).items()
                            if owner not in exclude and (before is None or read_at < before)]
                if readings:
                    read_at, source = min(readings, key=lambda r: r[0])
                    found.append(SeenBefore(read_at, file_name(source)))
        return found


class EarlierRuns:
    """The store's readings from before this run, looked up once per ID number.

    Readings made in this run are the batch's (`BatchPeople`); the store also holds them
    (saved as they finish), and `seen_person` decrypts every reading of the number, so
    asking it again for each finished row grew with the batch (a 200-card batch of few
    people spent 15 s of the window's thread there).  What was read before the run does
    not change while it runs, so one lookup per number is enough; deleting the history
    asks for `forget`.
    """

    def __init__(self, store: ResultStore, started: datetime) -> None:
        self.store = store
        self.started = started
        self._known: dict[str, list[Sighting]] = {}

    def seen_person(self, id_number: str) -> list[Sighting]:
        if id_number not in self._known:
            self._known[id_number] = [s for s in self.store.seen_person(id_number)
                                      if s.read_at < self.started]
        return self._known[id_number]

    def forget(self) -> None:
        self._known.clear()


def seen_before(
    record: Record,
    before: datetime,
    *,
    batch: BatchPeople | None = None,
    store: Sightings | None = None,
    exclude_owners: Collection[object] = (),
    exclude_results: Iterable[str] = (),
) -> SeenBefore | None:
    """The earliest reading of one of `record`'s ID numbers before `before`, in the batch
    or the store, leaving out the record's own readings (its job and result ids, and
    those of the sides a merged row was made of); None for a first reading."""
    if record.fields is None:
        return None
    found = batch.sightings(record, exclude_owners, before) if batch is not None else []
    if store is not None:
        skip = set(exclude_results)
        for number in person_ids(record):
            found += [SeenBefore(s.read_at, file_name(s.source))
                      for s in store.seen_person(number) if s.result_id not in skip]
    earlier = [s for s in found if s.read_at < before]
    return min(earlier, key=lambda s: s.read_at) if earlier else None
