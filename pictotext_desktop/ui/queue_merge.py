"""Merging a card's two sides into one row, for the queue controller (its mixin).

A merged row keeps both sides (`merge_parts`); they stay in the queue but are exported
through the merged row only (`merged_into`).  Kept apart from queue_controller.py so that
module stays readable; Qt-free but for QtCore, like it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, SignalInstance

from pictotext_desktop.errors import PicToTextError
from pictotext_desktop.row_sources import path_key, photo_path

if TYPE_CHECKING:
    from pictotext_desktop.jobs import Job
    from pictotext_desktop.records import Record
    from pictotext_desktop.ui.queue_view import QueueModel


def tr(text: str) -> str:
    """The window's strings keep the window's translation context."""
    return QCoreApplication.translate("MainWindow", text)


class MergeRows:
    """Merge, un-merge and auto-merge (the controller's; see the module docstring)."""

    model: QueueModel
    merged_into: set[int]
    merge_parts: dict[int, tuple[Job, Job]]
    _seen_paths: set[Path]
    message: SignalInstance
    state_changed: SignalInstance
    jobs_removed: SignalInstance

    # -- merging front and back ----------------------------------------------------------
    def merge(self, jobs: Sequence[Job]) -> Job | None:
        """Merge two finished sides into one row; what refuses it comes as `message`."""
        from pictotext_desktop.ui.language import tr_error

        if len(jobs) != 2 or not all(j.record is not None and j.record.ok for j in jobs):
            self.message.emit(tr("Select the two finished sides of one card to merge."))
            return None
        merged = [j for j in jobs if j.id in self.merged_into or j.id in self.merge_parts]
        if merged:
            self.message.emit(tr(
                "{name} is merged already: delete its merged row to merge it again."
            ).format(name=merged[0].source.display_name))
            return None
        try:
            return self._merge(jobs[0], jobs[1])
        except PicToTextError as exc:
            self.message.emit(tr_error(exc.message))
            return None

    def _merge(self, first: Job, second: Job, merged: Record | None = None) -> Job:
        """A merged row after the sides' rows; it keeps both sides (`merge_parts`), which
        stay in the queue but are exported through the merged row only."""
        from pictotext_desktop.imaging import Source
        from pictotext_desktop.jobs import Job, JobState
        from pictotext_desktop.merge import FRONT, merge_records, side

        assert first.record is not None and second.record is not None
        if merged is None:
            merged = merge_records(first.record, second.record)  # refuses two fronts etc.
        front, back = (first, second) if side(first.record) == FRONT else (second, first)
        name = tr("{a} + {b}").format(a=front.source.display_name,
                                      b=back.source.display_name)
        job = Job(source=Source(name=name, data=b""), document_type=merged.document_type,
                  state=JobState.DONE, record=merged, engine=merged.engine)
        job.prepared = front.prepared
        self.model.add([job])
        extras = self.model.extras.get(front.id)
        if extras is not None and extras.thumbnail is not None:
            self.model.set_thumbnail(job.id, extras.thumbnail)
        self.merged_into.update({front.id, back.id})
        self.merge_parts[job.id] = (front, back)
        self.state_changed.emit()
        return job

    def unmerge(self, job: Job) -> tuple[Job, Job] | None:
        """Take a merged row apart: the row goes, its two sides are rows and results again
        (put back in the queue if they had been deleted).  None if `job` is not merged."""
        parts = self.merge_parts.pop(job.id, None)
        if parts is None:
            return None
        for part in parts:
            self.merged_into.discard(part.id)
            if self.model.row_of(part.id) < 0:
                self.model.add([part])
                if (path := photo_path(part.source)) is not None:
                    self._seen_paths.add(path_key(path))
        self.model.remove([job])
        self.jobs_removed.emit([job])
        self.state_changed.emit()
        return parts

    def auto_merge(self) -> list[Job]:
        """Merge finished front/back sides by the one rule the CLI uses too
        (merge.merge_front_back: names propose, what was read decides)."""
        from pictotext_desktop.merge import merge_front_back
        from pictotext_desktop.records import Record

        rows = [j for j in self.model.jobs
                if j.id not in self.merged_into and j.id not in self.merge_parts]
        records = [j.record or Record(source=j.source.display_name,
                                      document_type=j.document_type) for j in rows]
        job_of = {id(r): j for r, j in zip(records, rows, strict=True)}
        made: list[Job] = []

        def add(merged: Record, front: Record, back: Record) -> None:
            made.append(self._merge(job_of[id(front)], job_of[id(back)], merged))

        merge_front_back(records, on_merge=add)
        return made
