"""The background uploader: one QThread running the Qt-free `jobs.BatchRunner`.

The worker object lives in its own QThread and reports only by signals, so the GUI
thread never waits on the network.  The runner's own pool threads call `on_event`; the
signals emitted there are queued to the GUI thread by Qt.  Cancel and pause act on the
runner directly (its controls are thread-safe), so they work while `run()` blocks.
An event that arrives after its job was reset or started again (a cancelled request's
late answer) is stale and never reaches the window.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QThread, Signal, Slot

from pictotext_desktop.engines.base import Engine
from pictotext_desktop.errors import PicToTextError
from pictotext_desktop.imaging import PrepareOptions
from pictotext_desktop.jobs import BatchOutcome, BatchRunner, Dedupe, Job, JobEvent

log = logging.getLogger(__name__)
# A finished row keeps a copy of its upload this big (the result view's preview shows it
# at most ~600x220), not the upload: 1,000 of those would hold ~300 MB.
PREVIEW_SIDE = 640


class UploadWorker(QObject):
    """Lives in the upload thread; `run_batch` blocks that thread, never the GUI."""

    job_changed = Signal(object, object)  # Job, JobEvent
    batch_result_ready = Signal(object, object)  # list[Job], BatchOutcome

    def __init__(self, make_runner: Callable[[Callable[[JobEvent], None]], BatchRunner]) -> None:
        super().__init__()
        self._make_runner = make_runner
        self._lock = threading.Lock()
        self.runner: BatchRunner | None = None

    @Slot(object)
    def run_batch(self, jobs: list[Job]) -> None:
        runner = self._make_runner(self._on_event)
        with self._lock:
            self.runner = runner
        try:
            outcome = runner.run(jobs)
        except Exception as exc:  # never let a bug kill the thread silently
            log.error("batch runner failed: %s", type(exc).__name__)
            outcome = BatchOutcome(stopped_by=PicToTextError(detail=type(exc).__name__))
        with self._lock:
            self.runner = None
        self.batch_result_ready.emit(jobs, outcome)

    def _on_event(self, event: JobEvent) -> None:
        self.job_changed.emit(event.job, event)

    def cancel(self) -> None:
        with self._lock:
            if self.runner is not None:
                self.runner.cancel()

    def pause(self) -> None:
        with self._lock:
            if self.runner is not None:
                self.runner.pause()


class Uploader(QObject):
    """GUI-thread owner of the upload thread: start/cancel/pause/shutdown, relays signals.

    All signals of this object are emitted in the GUI thread, so tests can wait on them.
    """

    job_changed = Signal(object, object)  # Job, JobEvent
    batch_result_ready = Signal(object, object)  # list[Job], BatchOutcome
    stopped_by_error = Signal(object)  # PicToTextError that paused the batch (runner's `stops`)
    _start_requested = Signal(object)

    def __init__(
        self,
        engine_for: Callable[[str], Engine],
        *,
        options: PrepareOptions,
        concurrency: int,
        engine_for_job: Callable[[Job], Engine] | None = None,
        stops: Callable[[PicToTextError], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine_for = engine_for
        self.engine_for_job = engine_for_job  # see jobs.BatchRunner
        self.stops = stops
        self.options = options
        self.concurrency = concurrency
        self.running = False
        self.dedupe: Dedupe | None = None  # "never pay twice" (store.py); read per batch
        self._thread = QThread()
        self._thread.setObjectName("pictotext-uploader")
        self._worker = UploadWorker(self._make_runner)
        self._worker.moveToThread(self._thread)
        self._start_requested.connect(self._worker.run_batch)
        self._worker.job_changed.connect(self._on_job_changed)
        self._worker.batch_result_ready.connect(self._on_batch_done)
        self._thread.start()

    def _make_runner(self, on_event: Callable[[JobEvent], None]) -> BatchRunner:
        return BatchRunner(
            self.engine_for, options=self.options, concurrency=self.concurrency,
            on_event=on_event, requeue_on_stop=True, background=True, dedupe=self.dedupe,
            engine_for_job=self.engine_for_job, stops=self.stops,
            keep=PREVIEW_SIDE,
        )

    def start(self, jobs: Sequence[Job]) -> bool:
        """Queue one batch; False if one is already running (the caller starts it later)."""
        if self.running or not jobs:
            return False
        self.running = True
        self._start_requested.emit(list(jobs))
        return True

    def cancel(self) -> None:
        self._worker.cancel()

    def pause(self) -> None:
        self._worker.pause()

    @Slot(object, object)
    def _on_job_changed(self, job: Job, event: JobEvent) -> None:
        """Relay what the runner reports, unless the job has moved on since (Retry,
        Rotate, Cancel): the queued event then describes a run that no longer counts."""
        if event.stale:
            return
        self.job_changed.emit(job, event)

    @Slot(object, object)
    def _on_batch_done(self, jobs: list[Job], outcome: BatchOutcome) -> None:
        self.running = False
        self.batch_result_ready.emit(jobs, outcome)
        if outcome.stopped_by is not None and not outcome.cancelled:
            self.stopped_by_error.emit(outcome.stopped_by)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel whatever runs and end the thread; True when it really ended."""
        self._worker.cancel()
        self._thread.quit()
        ended = self._thread.wait(timeout_ms)
        if not ended:
            log.warning("the upload thread did not stop within %d ms", timeout_ms)
        return bool(ended)

    @property
    def upload_thread(self) -> QThread:
        return self._thread
