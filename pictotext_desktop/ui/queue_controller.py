"""The queue's controller: the jobs, their state transitions and the scan that runs them.

It owns the queue (the `QueueModel` the queue view shows: an item model, not a widget),
which files are queued already, paused or not, merged rows and their sides, this
batch's errors, the rows a removal took (for Undo), and the scan's wiring (session,
keystore, engine router, uploader thread).  It never touches a widget, the clipboard
or a dialog: it reports by signals and the window decides what the person sees.  That
keeps the queue's rules testable without a window (tests/gui/test_queue_controller.py)
and keeps this module free of QtWidgets (tests/test_layering.py).

Heavy modules (jobs, imaging, merge, the uploader) are imported on first use: the window
builds this object after its first paint.
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pictotext_desktop.card_prepare import SEND_CARD
from pictotext_desktop.errors import (
    Category,
    ImageInputError,
    PicToTextError,
    server_unreachable,
)
from pictotext_desktop.row_sources import has_image, path_key, photo_path, restored_source
from pictotext_desktop.ui.card_split import CardSplit
from pictotext_desktop.ui.queue_merge import MergeRows

if TYPE_CHECKING:
    from datetime import datetime

    from pictotext_desktop.card_prepare import CardChoice
    from pictotext_desktop.imaging import Source
    from pictotext_desktop.intake_scan import Checked
    from pictotext_desktop.jobs import BatchOutcome, Dedupe, Job, JobEvent
    from pictotext_desktop.session import ScanSession
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.store import KeyProvider, ResultStore
    from pictotext_desktop.store_writer import StoreWriter
    from pictotext_desktop.ui.queue_view import QueueModel, RowExtras
    from pictotext_desktop.ui.worker import Uploader

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    """The window's strings keep the window's translation context."""
    return QCoreApplication.translate("MainWindow", text)


class QueueController(MergeRows, QObject):
    """The jobs and what happens to them; the window listens (see the module docstring)."""

    jobs_added = Signal(list)  # list[Job]: new rows from intake
    jobs_removed = Signal(list)  # list[Job]: rows taken out (removal, un-merge)
    jobs_restored = Signal(list)  # list[Job]: rows Undo put back, in row order
    job_changed = Signal(object, object)  # Job, JobEvent: as the runner reported it
    focus_requested = Signal(object)  # Job: the row the person should now look at
    results_changed = Signal()  # a job's result or state changed outside a runner event
    state_changed = Signal()  # counts or what can be done now changed
    undo_changed = Signal(int)  # rows Undo would bring back (0: nothing to undo)
    error_raised = Signal(object)  # PicToTextError worth a dialog
    message = Signal(str)  # an information message (refused merge etc.)
    engine_progress = Signal(str)  # emitted from pool threads; queued to receivers
    batch_finished = Signal()  # the queue stopped (nothing more will start by itself)
    previous_session_found = Signal(int)  # results an earlier run left in the store
    notice = Signal(str)  # a one-line note for the status bar (no dialog)
    _store_opened = Signal(object)  # ResultStore or the exception; from the opening thread

    def __init__(
        self,
        store: SettingsStore,
        model: QueueModel,
        *,
        keystore: Any = None,
        local_factory: Callable[[], Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.model = model
        self._keystore = keystore
        self._local_factory = local_factory
        self.paused = False
        self.paused_by: PicToTextError | None = None  # the error that paused the queue
        self.on_device: set[int] = set()  # jobs the person chose to read on this computer
        self.calls_this_session = 0
        self.merged_into: set[int] = set()  # ids of the sides that are in a merged row
        self.merge_parts: dict[int, tuple[Job, Job]] = {}  # merged row id -> (front, back)
        self.closing = False
        self.intake_open = 0  # drops still being read in the intake thread
        self._session: ScanSession | None = None
        self._uploader: Uploader | None = None
        self._router: Any = None
        self._seen_paths: set[Path] = set()
        self._errors_this_batch: list[PicToTextError] = []
        self._removed: list[tuple[int, Job, RowExtras]] = []  # what Undo puts back
        # Save as it goes (store.py, ADR 0012): None until `open_results`, or when off or
        # without a keyring; `dedupe` is the store then, else a MemoryDedupe.
        self.results: ResultStore | None = None
        self._writer: StoreWriter | None = None  # saves results off the GUI thread
        self.dedupe: Dedupe | None = None
        self._stored: dict[int, str] = {}  # job id -> result id in the store
        self._restored_at: dict[int, datetime] = {}  # restored row -> when it was read
        self.results_opened = False  # the store's opening has ended (either way)
        self._store_opened.connect(self._on_store_opened)
        self.cards = CardSplit(self)  # one row per card, counted off the GUI thread

    # -- the scan's wiring ---------------------------------------------------------------
    @property
    def session(self) -> ScanSession:
        """The scan's wiring (session.py), shared with the command line."""
        if self._session is None:
            from pictotext_desktop.session import ScanSession

            self._session = ScanSession(self.store, keystore=self._keystore,
                                        on_notice=self.engine_progress.emit,
                                        local_factory=self._make_local_engine)
        return self._session

    @property
    def keystore(self) -> Any:
        if self._keystore is None:
            self._keystore = self.session.keystore
        return self._keystore

    @property
    def has_keystore(self) -> bool:
        """Whether the keystore exists yet (asking it may open the keyring)."""
        return self._keystore is not None

    def _make_local_engine(self) -> Any:
        """Runs in a pool thread on first use: loads the on-device reader with progress."""
        if self._local_factory is not None:
            return self._local_factory()
        from pictotext_desktop.session import load_local_engine
        from pictotext_desktop.ui.language import tr_engine

        self.engine_progress.emit(tr("Preparing the on-device reader…"))
        # engines/local.py marks its messages with _(): translated here.
        return load_local_engine(lambda text: self.engine_progress.emit(tr_engine(text)))

    @property
    def uploader(self) -> Uploader:
        if self._uploader is None:
            from pictotext_desktop.ui.worker import Uploader

            self._router = self.session.router()
            self._uploader = Uploader(self._engine_for, options=self.session.prepare_options(),
                                      concurrency=self.session.concurrency,
                                      engine_for_job=self._engine_for_job,
                                      stops=_stops_queue, parent=self)
            self._uploader.dedupe = self.dedupe
            self._uploader.job_changed.connect(self._job_changed)
            self._uploader.batch_result_ready.connect(self._batch_done)
            self._uploader.stopped_by_error.connect(self._stopped_by_error)
        return self._uploader

    @property
    def running(self) -> bool:
        return self._uploader is not None and self._uploader.running

    def _engine_for(self, document_type: str) -> Any:
        return self._router.engine_for(document_type)

    def _engine_for_job(self, job: Job) -> Any:
        """In a pool thread: the on-device reader for the jobs switched to it, else what
        the engine setting says for the job's type."""
        if job.id in self.on_device:
            return self._router.local()
        return self._router.engine_for(job.document_type)

    def reconfigure(self) -> None:
        """After a settings change: a fresh client/router for the next batch; a queue the
        server's address (or certificate) paused goes on, since that may be what changed."""
        if self._uploader is None:
            return
        self._router = self.session.router()
        self._uploader.options = self.session.prepare_options()
        self._uploader.concurrency = self.session.concurrency
        if (self.paused and self.paused_by is not None and server_unreachable(self.paused_by)
                and self.waiting_jobs() and not self.closing):
            self.start()

    # -- reading on this computer instead --------------------------------------------------
    def on_device_available(self) -> bool:
        """Whether the on-device reader can be used (given, or its packages installed)."""
        if self._local_factory is not None:
            return True
        import importlib.util

        return all(importlib.util.find_spec(name) is not None
                   for name in ("rapidocr", "onnxruntime"))

    def on_device_candidates(self) -> list[Job]:
        """Rows the on-device reader could read instead of the cloud: Chinese ID cards
        waiting (or ended without a result) and not switched already."""
        from pictotext_desktop.engines.router import LOCAL_TYPES
        from pictotext_desktop.jobs import JobState

        return [j for j in self.model.jobs
                if j.document_type in LOCAL_TYPES and j.id not in self.on_device
                and (j.state == JobState.WAITING or j.state.retryable) and has_image(j)]

    def read_on_device(self, jobs: Sequence[Job]) -> None:
        """Read these rows on this computer from now on, and start them."""
        for job in jobs:
            self.on_device.add(job.id)
            if job.state.retryable:
                job.reset()
            self.model.job_updated(job)
        if jobs:
            self.results_changed.emit()
            self.start()

    def shutdown(self) -> None:
        """End the upload thread (no thread left running), then close the store."""
        self.closing = True
        self.cards.shutdown()
        if self._uploader is not None:
            self._uploader.shutdown()
        if self._writer is not None:
            self._writer.close()
        if self.results is not None:
            self.results.close()
            self.results = None

    # -- the result store: save as it goes, never pay twice -----------------------------
    def open_results(self, key_provider: KeyProvider | None = None) -> None:
        """Open the result store the settings ask for, in a thread of its own: the keyring
        may take a while (or wait for an unlock prompt) and the window must not.  Until it
        is open (and for good when it is off or there is no keyring) a MemoryDedupe keeps
        "never pay twice" for this session.  Off: nothing is written.  No keyring: `notice`
        says why once.  A store's notices (a file set aside) come as `message`; results an
        earlier run left come as `previous_session_found`."""
        import threading

        from pictotext_desktop.matching import MemoryDedupe

        if self.dedupe is not None or self.closing:
            return
        self._set_dedupe(MemoryDedupe())
        if self.store.get("result_store") == "off":
            self.results_opened = True
            return

        def run() -> None:
            from pictotext_desktop.store import open_for_settings

            try:
                outcome: object = open_for_settings(self.store, key_provider)
            except Exception as exc:  # ResultStoreUnavailableError, or a store bug
                outcome = exc
            with contextlib.suppress(RuntimeError):  # the window went away meanwhile
                self._store_opened.emit(outcome)

        threading.Thread(target=run, name="pictotext-result-store", daemon=True).start()

    def _set_dedupe(self, dedupe: Dedupe) -> None:
        self.dedupe = dedupe
        if self._uploader is not None:
            self._uploader.dedupe = dedupe

    def _on_store_opened(self, outcome: object) -> None:
        """In the GUI thread: take the store (or say why there is none)."""
        from pictotext_desktop.errors import ResultStoreUnavailableError
        from pictotext_desktop.store import ResultStore
        from pictotext_desktop.ui.language import tr_error, tr_marked

        self.results_opened = True
        if isinstance(outcome, ResultStoreUnavailableError):
            self.notice.emit(tr("Results are kept in memory only: {reason}").format(
                reason=tr_error(outcome.message)))
            return
        if not isinstance(outcome, ResultStore):
            log.warning("result store not opened: %s", type(outcome).__name__)
            return
        if self.closing:
            outcome.close()
            return
        from pictotext_desktop.store_writer import StoreWriter

        self.results = outcome
        self._writer = StoreWriter()
        self._set_dedupe(outcome)
        for job in self.model.jobs:  # what finished while the store was opening
            self._save(job)
        for notice in outcome.notices:
            self.message.emit(tr_marked("store", notice.message).format(
                name=notice.aside.name))
        previous = self._store_call(outcome.previous_session)
        if previous is not None:
            self.previous_session_found.emit(previous.results)

    def restore_previous(self) -> list[Job]:
        """Bring an earlier run's results back as finished rows (with their records)."""
        from pictotext_desktop.jobs import Job, JobState

        if self.results is None:
            return []
        jobs: list[Job] = []
        for saved in self._store_call(self.results.restore_previous) or []:
            job = Job(source=restored_source(saved.source, self._seen_paths),
                      document_type=saved.record.document_type, state=JobState.DONE,
                      record=saved.record, engine=saved.record.engine)
            self._stored[job.id] = saved.id
            self._restored_at[job.id] = saved.saved_at
            jobs.append(job)
        if jobs:
            self.model.add(jobs)
            self.jobs_added.emit(jobs)
            self.results_changed.emit()
            self.state_changed.emit()
        return jobs

    def discard_previous(self) -> None:
        """The person chose not to restore: an earlier run's results leave the disk."""
        if self.results is not None:
            self._store_call(self.results.discard_previous)

    def restored_at(self, job: Job) -> datetime | None:
        """When a row brought back from an earlier run was read (None: read in this run)."""
        return self._restored_at.get(job.id)

    def stored_id(self, job: Job) -> str | None:
        """The store's id of this row's saved result (None: not saved)."""
        return self._stored.get(job.id)

    def _store_call(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A store write that fails costs the saved copy, never the window.  Results
        still being saved are saved first (a removal or an edit comes after them)."""
        if self._writer is not None:
            self._writer.flush()
        try:
            return call(*args, **kwargs)
        except Exception as exc:
            log.warning("result store write failed: %s", type(exc).__name__)
            return None

    def _store_write(self, call: Callable[..., Any], *args: Any) -> None:
        """A store write nothing waits for (an edit, a removal, a new session): queued
        behind the saves still pending, in order, so the window never waits on the disk
        (an edit during a batch waited for every queued save, then for its own fsync)."""
        if self._writer is None:
            self._store_call(call, *args)
        else:
            self._writer.submit(lambda: call(*args))

    def _save(self, job: Job) -> None:
        """Save a finished row (position = its row; merged rows are not kept: their sides
        are, and auto-merge pairs them again after a restore).  Written by the store's
        thread (a copy of the record as it is now), so the window never waits on a disk."""
        import copy
        import secrets

        from pictotext_desktop.jobs import JobState

        results, writer = self.results, self._writer
        if (results is None or writer is None or job.record is None
                or job.state != JobState.DONE or job.id in self.merge_parts):
            return
        prepared = job.upload.digest if job.upload is not None else None
        result_id = self._stored.setdefault(job.id, secrets.token_hex(16))
        record, position = copy.deepcopy(job.record), max(self.model.row_of(job.id), 0)
        writer.submit(lambda: results.put(record, position=position, prepared=prepared,
                                          result_id=result_id))

    def read_again(self, jobs: Sequence[Job]) -> None:
        """Send these images anew even though the same image was read before."""
        chosen = [j for j in jobs if not j.state.busy and j.id not in self.merge_parts
                  and has_image(j)]
        for job in chosen:
            job.reset()
            job.force = True
            self.model.job_updated(job)
        if chosen:
            self.results_changed.emit()
            self.start()

    def read_card_again(self, job: Job, choice: CardChoice) -> None:
        """Read one photo again with the card's corners as the person set them, or as the
        whole photo: a deliberate re-read, like Read again."""
        if job.state.busy or not has_image(job):
            return
        job.card = choice
        self.read_again([job])

    # -- adding --------------------------------------------------------------------------
    def add_sources(self, sources: Sequence[Source], document_type: str) -> list[Job]:
        """Queue each file once (a path already queued is skipped); starts them when
        auto-start is on and the queue is not paused.  Checks the files here, in the
        caller's thread: the window's drops come through `add_checked` instead."""
        from pictotext_desktop.intake_scan import check

        send_cards = self.session.prepare_options().send == SEND_CARD
        queued: list[Path] = []
        jobs = self.add_checked([check(s, cards=send_cards) for s in sources],
                                document_type, queued)
        if queued:
            self.say_queued(queued, show=not jobs)
        return jobs

    def add_checked(self, items: Sequence[Checked], document_type: str,
                    queued: list[Path], *, final_undo: bool = True) -> list[Job]:
        """Queue sources checked by the intake thread (intake_scan.py), each file once;
        the keys of files queued already are added to `queued` (said by the caller,
        once per drop: `say_queued`).  `final_undo`: this is the person's next action,
        so the last removal is final (a drop's later parts are not)."""
        from pictotext_desktop.jobs import new_jobs

        fresh: list[Checked] = []
        for item in items:
            if item.key is not None:
                if item.key in self._seen_paths:
                    queued.append(item.key)
                    continue
                self._seen_paths.add(item.key)
            fresh.append(item)
        if not fresh:
            return []
        if final_undo:
            self.drop_undo()
        jobs = new_jobs([item.source for item in fresh], document_type)
        self.model.add(jobs)
        self.jobs_added.emit(jobs)
        shaped = {job.id: item.card_shaped for job, item in zip(jobs, fresh, strict=True)}
        self.cards.hold(jobs, self.session.prepare_options(), shaped)
        if not ((self.store.get("auto_start") or self.cards.start_wanted) and not self.paused
                and self.start()):
            self.state_changed.emit()  # (start() said it)
        return jobs

    def intake_begun(self) -> None:
        """A drop is being read in the intake thread: a batch that ends meanwhile ends
        (`batch_finished`) only once it is all in (`intake_ended`)."""
        self.intake_open += 1

    def intake_ended(self) -> None:
        self.intake_open = max(0, self.intake_open - 1)
        if not self.intake_open and not self.closing:
            self.cards.go_on()

    def say_queued(self, keys: list[Path], *, show: bool) -> None:
        """Files given again are not queued twice, and the person is told (and, when
        nothing new came, shown the row that has it)."""
        if len(keys) == 1:
            self.notice.emit(tr("{name} is already in the queue.").format(name=keys[0].name))
        else:
            self.notice.emit(tr("{n} files are already in the queue: {names}").format(
                n=len(keys), names=", ".join(k.name for k in keys[:3])
                + ("…" if len(keys) > 3 else "")))
        if show:
            first = next((j for j in self.model.jobs if (p := photo_path(j.source)) is not None
                          and path_key(p) == keys[0]), None)
            if first is not None:
                self.focus_requested.emit(first)

    # -- running -------------------------------------------------------------------------
    def waiting_jobs(self) -> list[Job]:
        from pictotext_desktop.jobs import JobState

        return [j for j in self.model.jobs
                if j.state == JobState.WAITING and not self.cards.holds(j)]

    def start(self, *, restart_cancelled: bool = False) -> bool:
        """Start (or resume) sending what is waiting; False if nothing to do right now.
        `restart_cancelled` (the Start action): cancelled rows are sent again too."""
        from pictotext_desktop.jobs import JobState

        self.paused = False
        self.paused_by = None
        if restart_cancelled:
            for job in self.model.jobs:
                if job.state == JobState.CANCELLED and has_image(job):
                    job.reset()
                    self.model.job_updated(job)
        waiting = self.waiting_jobs()
        # Rows being counted, or still being read in, start when they are in.
        self.cards.start_wanted = self.cards.holding or bool(self.intake_open)
        if not waiting:
            self.state_changed.emit()
            return False
        uploader = self.uploader
        if uploader.running:
            return False  # picked up when the current batch ends
        for job in waiting:
            if job.error is not None:
                job.error = None
                self.model.job_updated(job)
        self._errors_this_batch = []
        started: bool = uploader.start(waiting)
        self.state_changed.emit()
        return started

    def pause(self) -> None:
        self.paused = True
        self.paused_by = None  # the person's own pause
        if self._uploader is not None:
            self._uploader.pause()
        self.state_changed.emit()

    def cancel(self) -> None:
        from pictotext_desktop.jobs import JobState

        self.paused = True
        self.paused_by = None
        if self._uploader is not None and self._uploader.running:
            self._uploader.cancel()
        else:  # rows still being counted too (they are split all the same)
            for job in [j for j in self.model.jobs if j.state == JobState.WAITING]:
                job.state = JobState.CANCELLED
                self.model.job_updated(job)
        self.state_changed.emit()

    def retry_failed(self) -> None:
        for job in self.model.jobs:
            if job.state.retryable:
                job.reset()
                self.model.job_updated(job)
        self.results_changed.emit()
        self.start()

    def rotate_job(self, job: Job, degrees: int) -> None:
        """Rotate and read again: the job goes back to waiting with its new rotation.

        A merged row has no picture of its own: it is un-merged back into its two sides
        and its front (the picture it showed) is rotated; rotating a side un-merges the
        row it is in, whose result would be stale.  Auto-merge pairs them again once read.
        """
        if job.state.busy:
            return
        if job.id not in self.merge_parts and not has_image(job):
            return  # a restored row whose file is gone: its result is all there is
        parts = self.unmerge(job)
        if parts is not None:
            job = parts[0]
            self.focus_requested.emit(job)
        else:
            for merged_id, (front, back) in list(self.merge_parts.items()):
                if job is front or job is back:
                    merged = next((j for j in self.model.jobs if j.id == merged_id), None)
                    if merged is not None:
                        self.unmerge(merged)
        job.rotate = (job.rotate + degrees) % 360
        job.reset()
        job.prepared = None
        self.model.job_updated(job)
        self.results_changed.emit()
        self.start()

    def _job_changed(self, job: Job, event: JobEvent) -> None:
        """Cheap per event: the window coalesces its own refreshes."""
        from pictotext_desktop.jobs import JobState

        self.model.job_updated(job)
        if event.state == JobState.SENDING and job.engine == "cloud":
            self.calls_this_session += 1
        if event.state == JobState.FAILED and event.error is not None:
            self._errors_this_batch.append(event.error)
        if event.state == JobState.DONE:
            self._save(job)
        self.job_changed.emit(job, event)

    def _batch_done(self, jobs: list[Job], outcome: BatchOutcome) -> None:
        # Every row is up to date: each state change came as a job event, queued before this.
        # The selected row is shown as it ended now; the counts are said once at the end (a
        # 1,000-row queue's counts cost the GUI thread a few ms each time).
        self.results_changed.emit()
        if outcome.stopped_by is not None and not outcome.cancelled:
            self.paused = True
            self.paused_by = outcome.stopped_by
            for job in self.waiting_jobs():  # each waiting row says why it waits
                if job.error is None:
                    job.error = outcome.stopped_by
                    self.model.job_updated(job)
        elif not outcome.cancelled:
            errors = [e for e in self._errors_this_batch if needs_dialog(e)]
            if errors and not self.closing:
                self.state_changed.emit()  # the counts as they are, before the dialog
                self.error_raised.emit(errors[0])
            if self.store.get("auto_merge") and not self.waiting_jobs():
                self.auto_merge()
        self.state_changed.emit()
        if not self.paused and self.waiting_jobs() and not self.closing:
            self.start()
        elif ((self.cards.holding or self.intake_open) and not self.paused
              and not self.closing):
            self.cards.deferred_end = True  # rows being counted or added are this batch's
        else:
            _log_batch_end(self.model.jobs)
            self.batch_finished.emit()

    def _stopped_by_error(self, error: PicToTextError) -> None:
        """Auth, account or credit problem, or no server: the queue pauses and one dialog
        explains (the rows keep waiting, with the reason)."""
        self.paused = True
        self.paused_by = error
        self.state_changed.emit()
        if not self.closing:
            self.error_raised.emit(error)

    # -- removing and Undo ---------------------------------------------------------------
    def finished_jobs(self) -> list[Job]:
        return [j for j in self.model.jobs if j.state.finished]

    def clear_finished(self) -> None:
        """Clear finished rows: later results go to a new stored session, and the cleared
        ones stay on disk (offered at the next start), so a mistaken Clear loses nothing:
        Undo covers it now, the stored copy after a crash."""
        finished = self.finished_jobs()
        if not finished:
            return
        if self.results is not None:
            self._store_write(self.results.start_new_session)
        self.remove(finished, keep_stored=True)

    def remove(self, jobs: Sequence[Job], *, keep_stored: bool = False) -> None:
        """Take rows out of the queue (never one being read); Undo puts them back.  A
        removed row leaves the store too (Undo saves it again), unless `keep_stored`."""
        jobs = [j for j in jobs if not j.state.busy]
        if not jobs:
            return
        if self.results is not None and not keep_stored:
            for job in jobs:
                result_id = self._stored.get(job.id)
                if result_id is not None:
                    self._store_write(self.results.remove, result_id)
        for job in jobs:
            # A merged row removed: its sides (still in the queue) are results again.
            # A side removed: the merged row keeps it, so its data is still exported.
            for part in self.merge_parts.pop(job.id, ()):
                self.merged_into.discard(part.id)
        self._removed = self.model.take(jobs)
        kept = {path_key(p) for j in self.model.jobs if (p := photo_path(j.source))}
        for job in jobs:  # a photo's path is free again once none of its cards is queued
            if (path := photo_path(job.source)) is not None and path_key(path) not in kept:
                self._seen_paths.discard(path_key(path))
        self.undo_changed.emit(len(self._removed))
        self.jobs_removed.emit(jobs)
        self.state_changed.emit()

    def undo(self) -> list[Job]:
        """Put the last removed rows back where they were, with their results, edits,
        states and copied/exported marks; returns them."""
        taken, self._removed = self._removed, []
        self.undo_changed.emit(0)
        if not taken:
            return []
        for _row, job, _extras in taken:
            if (path := photo_path(job.source)) is not None:
                self._seen_paths.add(path_key(path))
        self.model.restore(taken)
        restored = [job for _row, job, _extras in sorted(taken, key=lambda t: t[0])]
        for job in restored:
            self._save(job)  # back in the store too (a no-op write after a Clear)
        self.jobs_restored.emit(restored)
        self.cards.restored(restored)
        self.state_changed.emit()
        return restored

    def drop_undo(self) -> None:
        """The last removal is final."""
        self._removed = []
        self.undo_changed.emit(0)

    # -- results: marks, unsaved, export -------------------------------------------------
    def mark_copied(self, job: Job) -> None:
        extras = self.model.extras.get(job.id)
        if extras is not None:
            extras.copied = True

    def mark_edited(self, job: Job) -> None:
        """An edit after a copy or export is unsaved again: quitting asks once more."""
        extras = self.model.extras.get(job.id)
        if extras is not None:
            extras.copied = extras.exported = False
        result_id = self._stored.get(job.id)
        if self.results is not None and result_id is not None and job.record is not None:
            import copy  # the record as it is now: a later edit is a write of its own

            self._store_write(self.results.update, result_id, copy.deepcopy(job.record))

    def unsaved_results(self) -> list[Job]:
        """Finished results that were never copied or exported."""
        from pictotext_desktop.jobs import JobState

        def saved(job: Job) -> bool:
            extras = self.model.extras.get(job.id)
            return extras is not None and (extras.copied or extras.exported)

        return [j for j in self.model.jobs
                if j.state == JobState.DONE and j.record is not None and j.record.ok
                and j.id not in self.merged_into and not saved(j)]

    def exportable(self, selected: Sequence[Job]) -> list[Job]:
        """The selected results (two or more), else all: one per input, a failed one as
        its error, so no person silently drops out of the file; a side whose merged row
        is exported too is in that row's record already."""
        from pictotext_desktop.jobs import JobState

        ended = (JobState.DONE, JobState.FAILED)
        chosen = [j for j in selected if j.state in ended and j.record is not None]
        in_rows = {p.id for j in chosen for p in self.merge_parts.get(j.id, ())}
        chosen = [j for j in chosen if j.id not in in_rows]
        if len(chosen) > 1:
            return chosen
        return [j for j in self.model.jobs
                if j.state in ended and j.record is not None and j.id not in self.merged_into]

    def mark_exported(self, jobs: Sequence[Job]) -> None:
        for job in jobs:
            for done in (job, *self.merge_parts.get(job.id, ())):
                extras = self.model.extras.get(done.id)
                if extras is not None:
                    extras.exported = True


def _stops_queue(error: PicToTextError) -> bool:
    """What pauses the window's queue: what stops any batch, and a server out of reach
    (offline, wrong address): one failure says it, the rest of the batch waits."""
    return error.stops_batch or server_unreachable(error)


def needs_dialog(error: PicToTextError) -> bool:
    """Service, network and engine problems get the dialog; a bad image only its row."""
    if isinstance(error, ImageInputError):
        return False
    return error.category not in (Category.INPUT, Category.NOT_SENT)


def _log_batch_end(jobs: list[Job]) -> None:
    """One INFO line when the queue stops: counts by state only, never a value (support
    reads where a session stood; end-to-end tests wait for it)."""
    counts = Counter(str(job.state) for job in jobs)
    log.info("batch finished: %s",
             ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
