"""The window's duplicate-person notes: "This person was read on 2026-11-30 (card_12.jpg)".

Each row that finishes is looked up (people.seen_before) in this run's batch and in the
encrypted store (saved sessions and the history) by HMAC of its ID numbers; the queue
row shows the note under its status and the result view above the findings.  The answer
is worked out once when the row finishes (or is edited) and kept with the row, so
painting never queries the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from pictotext_desktop.people import BatchPeople, EarlierRuns, SeenBefore, seen_before

if TYPE_CHECKING:
    from pictotext_desktop.jobs import Job, JobEvent
    from pictotext_desktop.ui.queue_controller import QueueController

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("PersonNotes", text)


def note_text(seen: SeenBefore) -> str:
    return tr("This person was read on {date} ({name})").format(date=seen.day,
                                                                  name=seen.source)


def _now() -> datetime:
    return datetime.now(UTC)


class PersonNotes(QObject):
    """Who was read before, per row (see the module docstring)."""

    def __init__(self, controller: QueueController, *,
                 clock: Callable[[], datetime] = _now, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.clock = clock
        self.batch = BatchPeople()
        self.started = clock()  # readings before this: the store's; since: the batch's
        self._earlier: EarlierRuns | None = None
        self._read_at: dict[int, datetime] = {}
        self._notes: dict[int, SeenBefore | None] = {}
        controller.job_changed.connect(self._job_changed)

    def _store(self) -> EarlierRuns | None:
        results = self.controller.results
        if results is None:
            return None
        if self._earlier is None or self._earlier.store is not results:
            self._earlier = EarlierRuns(results, self.started)
        return self._earlier

    def forget(self, *args: object) -> None:
        """The history may have changed (deleted, purged): look the store up again."""
        self._earlier = None

    def _job_changed(self, job: Job, event: JobEvent) -> None:
        from pictotext_desktop.jobs import JobState

        if event.state != JobState.DONE or job.record is None or not job.record.ok:
            return
        now = self.clock()
        self._read_at[job.id] = now
        self._notes.pop(job.id, None)
        self.seen(job)  # worked out now, after the store saved it (the controller's slot)
        self.batch.add(job.id, job.record, now)

    def edited(self, job: Job) -> None:
        """A field was edited: the number may be another one now."""
        if job.record is None:
            return
        self._notes.pop(job.id, None)
        read_at = self._read_at.get(job.id)
        if read_at is not None:
            self.batch.add(job.id, job.record, read_at)
        self.controller.model.job_updated(job)

    def seen(self, job: Job) -> SeenBefore | None:
        """The earliest earlier reading of this row's person (kept once worked out)."""
        if job.id in self._notes:
            return self._notes[job.id]
        record = job.record
        sides = self.controller.merge_parts.get(job.id, ())
        # When each reading was made: in this run, or (a row restored from an earlier run
        # and not read again) when it was saved then.
        times = [t for t in (self._read_at.get(j.id) or self.controller.restored_at(j)
                             for j in (job, *sides)) if t is not None]
        if record is None or not record.ok or not times:
            return None
        stored = {self.controller.stored_id(j) for j in (job, *sides)}
        try:
            found = seen_before(record, min(times), batch=self.batch,
                                store=self._store(),
                                exclude_owners={j.id for j in (job, *sides)},
                                exclude_results={s for s in stored if s is not None})
        except Exception as exc:  # a store problem costs the note, never the window
            log.warning("duplicate-person lookup failed: %s", type(exc).__name__)
            found = None
        self._notes[job.id] = found
        return found

    def text(self, job: Job) -> str:
        """The note for a row ("" when this is the first reading)."""
        seen = self.seen(job)
        return note_text(seen) if seen is not None else ""
