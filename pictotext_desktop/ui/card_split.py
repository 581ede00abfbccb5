"""One row per card: a photo of several cards becomes `photo.jpg #1`, `photo.jpg #2`.

Counting a photo's cards costs about 150 ms per 12 MP photo, so a photo's row is added at
once and its cards are counted off the GUI thread: two photos at a time (as `scan` does),
each in a card worker process (card_worker.py: the GIL stays the GUI thread's), or in the
worker thread itself for what a worker process does not take.  Until its count is in, the
row is *held*: it waits and is not sent (`QueueController.waiting_jobs` leaves it out), so
a row is never sent before it is split and nothing is sent twice.  A count of two or more
turns the row into card #1 (same row, same id) and adds a row for each other card right
after it, with the row's type, rotation, state and reader.  Once the photos added together
(up to GROUP of them) are all counted, what waits starts, as adding (or Start, pressed
meanwhile) would have started it; a batch that ended meanwhile ends (`batch_finished`)
only then.  What the count found is kept by the photo's bytes, so the jobs do not detect
again (ADR 0013).

PDF pages are counted as photos are (rendered in the worker); a page whose count found no
card is sent whole, with no "no card" note (ADR 0013).
Rows that are neither held nor split: `send = whole`, rows without an image,
and an image already shaped like a card (a scan cropped to it), told from its first bytes
(no decoding; read by the intake thread, intake_scan.py), which is sent at once as before.
A row removed while it is counted is split when Undo puts it back.  A photo prepared
without a count (the `send` setting changed after it was added) still reads its first
card and its notes say so.

Qt-free but for QtCore: the queue controller uses it (tests/test_layering.py).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from pictotext_desktop import card_prepare, card_worker
from pictotext_desktop.card_prepare import SEND_CARD, CardSource
from pictotext_desktop.imaging import Source
from pictotext_desktop.intake_scan import card_by_header
from pictotext_desktop.jobs import lower_this_thread_priority
from pictotext_desktop.pdf_input import PdfPage

if TYPE_CHECKING:
    from pictotext_desktop.imaging import PrepareOptions
    from pictotext_desktop.jobs import Job
    from pictotext_desktop.ui.queue_controller import QueueController

log = logging.getLogger(__name__)
WORKERS = 2  # photos counted at a time (as `scan` counts them)
# Photos added together start together, this many at most: one batch (one error dialog),
# and a big folder's first rows are sent after about a second, not after all are counted.
GROUP = 8


class CardSplit(QObject):
    """Counts the cards of the rows the controller queues, off the GUI thread, and splits
    the rows of photos holding several (see the module docstring)."""

    _counted = Signal(int, int)  # job id, cards found; emitted from a worker thread

    def __init__(self, controller: QueueController) -> None:
        super().__init__(controller)
        self._controller = controller
        self._pool: ThreadPoolExecutor | None = None
        self._held: dict[int, Job] = {}  # job id -> the row waiting for its count
        self._groups: list[set[int]] = []  # ids of rows added together still counted
        self._counts: dict[int, int] = {}  # counts of held rows removed meanwhile
        self.start_wanted = False  # Start was asked while rows were held
        self.deferred_end = False  # a batch ended while rows were held
        self._counted.connect(self._on_counted)
        card_worker.POOL.open()  # a window again (after an earlier one's shutdown)
        card_worker.LOOKS.open()

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def holds(self, job: Job) -> bool:
        return job.id in self._held

    def hold(self, jobs: list[Job], options: PrepareOptions,
             shaped: Mapping[int, bool] | None = None) -> None:
        """Count the cards of each photo among `jobs` in a worker; they wait meanwhile.
        `shaped`: job id -> card-shaped by its first bytes, as the intake thread found
        (read here for a job not in it)."""
        if options.send != SEND_CARD or self._controller.closing:
            return
        group: set[int] = set()
        for job in jobs:
            if isinstance(job.source, PdfPage):
                # Counted like a photo, rendered in the worker (never here); a page its
                # count already found no card on goes whole (ADR 0013).
                if not card_prepare._splittable(job.source):
                    continue
            elif type(job.source) is not Source or not (job.source.path or job.source.data):
                continue  # problems, cards already split, rows without an image
            else:
                known = shaped.get(job.id) if shaped is not None else None
                if known if known is not None else card_by_header(job.source):
                    continue  # a scan cropped to the card: sent at once, as before
            self._held[job.id] = job
            if len(group) >= GROUP:
                group = set()
            if not group:
                self._groups.append(group)
            group.add(job.id)
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=WORKERS,
                                                thread_name_prefix="pictotext-cards")
            self._pool.submit(self._count, job.id, job.source,
                              replace(options, rotate=job.rotate))

    def _count(self, job_id: int, source: Source, options: PrepareOptions) -> None:
        """In a worker thread: how many cards; any failure is a count of 0 (the job then
        reports the photo's error when it is prepared)."""
        if not card_worker.POOL.takes(source, options):
            lower_this_thread_priority()  # counted here, not only waited for
        try:
            count = card_worker.count(source, options)  # in a worker process if it can
        except Exception as exc:  # a detector bug must not lose the row
            log.warning("counting cards failed: %s", type(exc).__name__)
            count = 0
        with contextlib.suppress(RuntimeError):  # the window went away meanwhile
            self._counted.emit(job_id, count)

    def _on_counted(self, job_id: int, count: int) -> None:
        """In the GUI thread: split the row (if still waiting) and let it go."""
        job = self._held.pop(job_id, None)
        ctl = self._controller
        if job is None or ctl.closing:
            return
        if ctl.model.row_of(job.id) < 0:  # removed meanwhile: split if Undo brings it back
            self._counts[job.id] = count
        else:
            self._split(job, count)
        group = next((g for g in self._groups if job_id in g), set())
        group.discard(job_id)
        if not group:  # the last of the photos added with it: they start together
            self._groups = [g for g in self._groups if g]
            self.go_on()

    def _split(self, job: Job, count: int) -> None:
        from pictotext_desktop.jobs import JobState, new_jobs

        if (count < 2 or not (type(job.source) is Source or isinstance(job.source, PdfPage))
                or job.state not in (JobState.WAITING, JobState.CANCELLED)):
            return  # one card, or read already (e.g. Undo of a row read unsplit)
        ctl = self._controller
        photo = job.source
        job.source = CardSource(photo, 0, count)
        ctl.model.job_updated(job)
        others = new_jobs([CardSource(photo, i, count) for i in range(1, count)],
                          job.document_type)
        row = ctl.model.row_of(job.id)
        extras = ctl.model.extras.get(job.id)
        kind = type(extras) if extras is not None else None
        for other in others:
            other.rotate, other.state = job.rotate, job.state
            if job.id in ctl.on_device:
                ctl.on_device.add(other.id)
        if kind is not None:  # the model's own row type: inserted right after the photo's
            ctl.model.restore([(row + 1 + k, other, kind())
                               for k, other in enumerate(others)])
        else:
            ctl.model.add(others)
        log.info("a photo holds %d cards: one row each", count)
        ctl.jobs_added.emit(others)

    def restored(self, jobs: list[Job]) -> None:
        """Undo put rows back: split those counted while they were out of the queue (those
        still being counted are split when their count comes)."""
        counted = [(j, self._counts.pop(j.id)) for j in jobs if j.id in self._counts]
        for job, count in counted:
            self._split(job, count)
        if counted:
            self.go_on()

    def go_on(self) -> None:
        """Start what now waits, as adding would have; or end a batch that waited on us."""
        ctl = self._controller
        start = not ctl.paused and (self.start_wanted or bool(ctl.store.get("auto_start")))
        if not self._held:
            self.start_wanted = False
        if start and ctl.waiting_jobs() and ctl.start():
            self.deferred_end = False
            return
        ctl.state_changed.emit()
        if self.deferred_end and not self._held and not ctl.running and not ctl.intake_open:
            self.deferred_end = False
            ctl.batch_finished.emit()

    def shutdown(self) -> None:
        """No new counts; the ones under way end on their own (their result is dropped).
        The card worker processes end now (the window's preparing uses them too), and the
        one of its looks at photos (thumbnails, the card outline)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        card_worker.POOL.shutdown()
        card_worker.LOOKS.shutdown()
        self._held.clear()
        self._groups.clear()
