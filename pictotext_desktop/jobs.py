"""Jobs and the batch runner: one source -> one record, many at a time.

The same runner serves the CLI and the GUI (whose worker thread wraps it and turns its
events into signals).  It runs `prepare -> engine.recognize -> checks` with bounded
concurrency, reports every state change through `on_event`, cancels promptly, and stops
the batch on an authentication, account or credit error: images not yet sent are left
waiting (the GUI resumes them once the problem is fixed; the CLI reports them NOT_SENT).
One bad image never stops the others.

One owner of a job's state: every write to a job's state, record, prepared image, error
and engine goes through `BatchRunner._apply`, which drops it unless it belongs to the
job's current attempt (a number taken when the runner starts the job; `Job.reset` and a
cancel start a new one) and to a batch that was not cancelled.  So the answer to a
cancelled request that lands after Retry or Rotate never replaces the new result.
"""

from __future__ import annotations

import contextlib
import enum
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from pictotext_desktop import card_worker
from pictotext_desktop.card_prepare import DECODES, CardChoice, CardSource, prepare
from pictotext_desktop.card_worker import kept_image
from pictotext_desktop.engines.base import Engine
from pictotext_desktop.errors import PicToTextError
from pictotext_desktop.imaging import PreparedImage, PrepareOptions, Source
from pictotext_desktop.logs import format_exception_safely
from pictotext_desktop.matching import prepared_hash
from pictotext_desktop.notes import SAME_IMAGE, note
from pictotext_desktop.records import Record

log = logging.getLogger(__name__)
_ids = itertools.count(1)
# Held while an attempt is checked and a job written, so no stale write slips in between.
_attempts = threading.Lock()


class JobState(enum.StrEnum):
    WAITING = "waiting"
    PREPARING = "preparing"
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"
    NOT_SENT = "not_sent"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.NOT_SENT, JobState.CANCELLED)

    @property
    def busy(self) -> bool:
        """Being worked on: it cannot be removed, rotated or retried now."""
        return self in (JobState.PREPARING, JobState.SENDING)

    @property
    def retryable(self) -> bool:
        """Ended without a result: Retry sends it again."""
        return self in (JobState.FAILED, JobState.CANCELLED, JobState.NOT_SENT)


@dataclass(frozen=True)
class Upload:
    """What was sent, once the bytes are let go: the store keys "never pay twice" by
    `digest`; a support report names the format and size, never the content."""

    digest: str  # matching.prepared_hash of the uploaded bytes
    mime_type: str
    size_bytes: int


@dataclass
class Job:
    source: Source
    document_type: str
    rotate: int = 0
    id: int = field(default_factory=lambda: next(_ids))
    state: JobState = JobState.WAITING
    record: Record | None = None
    error: PicToTextError | None = None
    # The prepared image as the runner keeps it (BatchRunner `keep`): the upload, a small
    # copy of it for showing, or nothing; `upload` describes what was sent either way.
    prepared: PreparedImage | None = None
    upload: Upload | None = None
    engine: str | None = None
    attempt: int = 0  # which run may write this job; a write from any other is dropped
    force: bool = False  # "Read again": send it even if the same image was read before
    card: CardChoice | None = None  # the person's corners, or the whole photo (the window)

    def __repr__(self) -> str:
        return f"Job({self.id}, {self.source.display_name!r}, {self.state})"

    def reset(self) -> None:
        """Back to waiting, e.g. for Retry or Rotate: a new attempt, so whatever an earlier
        run still has in flight for this job is dropped when it lands."""
        with _attempts:
            self.attempt += 1
            self.state = JobState.WAITING
            self.record = None
            self.error = None


@dataclass(frozen=True)
class JobEvent:
    job: Job
    state: JobState
    error: PicToTextError | None = None
    attempt: int = 0  # the job's attempt it belongs to: stale when job.attempt moved on

    @property
    def stale(self) -> bool:
        """The job was reset or started again since: this event says nothing about it."""
        return self.attempt != self.job.attempt


@dataclass
class BatchOutcome:
    stopped_by: PicToTextError | None = None  # the error that paused it (see `stops`)
    cancelled: bool = False
    unsent: list[Job] = field(default_factory=list)


CheckRunner = Callable[[Record], None]


class Dedupe(Protocol):
    """"Never pay twice": an earlier result for the same prepared bytes and document type
    (store.ResultStore, matching.MemoryDedupe).  `lookup_prepared` returns a copy."""

    def lookup_prepared(self, data: bytes, document_type: str) -> Record | None: ...


def same_image_note(earlier_source: str) -> str:
    """The warning on a result taken from an earlier reading instead of a new request."""
    return note(SAME_IMAGE, earlier=earlier_source)


def _default_checks(record: Record) -> None:
    from pictotext_desktop.checks import check_record

    check_record(record)


def _default_normalize(record: Record) -> None:
    from pictotext_desktop.checks import normalize_record

    normalize_record(record)


class BatchRunner:
    """Runs jobs with at most `concurrency` at a time; thread-safe `cancel()`."""

    def __init__(
        self,
        engine_for: Callable[[str], Engine],
        *,
        options: PrepareOptions | None = None,
        concurrency: int = 4,
        on_event: Callable[[JobEvent], None] | None = None,
        checks: CheckRunner | None = _default_checks,
        normalize: Callable[[Record], None] | None = _default_normalize,
        requeue_on_stop: bool = False,
        cpu_slots: int | None = None,
        background: bool = False,
        dedupe: Dedupe | None = None,
        engine_for_job: Callable[[Job], Engine] | None = None,
        stops: Callable[[PicToTextError], bool] | None = None,
        keep: int | None = -1,
        processes: bool | None = None,
    ) -> None:
        self.engine_for = engine_for
        # The window may pick an engine per job ("read these on this computer instead").
        self.engine_for_job = engine_for_job
        # Which errors stop the batch: `stops_batch` (the CLI), or more (the window also
        # pauses when the server cannot be reached, rather than failing every image).
        self.stops = stops or (lambda exc: exc.stops_batch)
        self.options = options or PrepareOptions()
        self.concurrency = max(1, concurrency)
        self.on_event = on_event
        self.checks = checks
        self.normalize = normalize  # values read -> the API's formats (checks.normalize_record)
        self.requeue_on_stop = requeue_on_stop
        # Preparing an image is CPU-bound; waiting for PicToText is not.  Fewer decodes
        # than cores run at once, so a window on a 2-core laptop keeps a core to itself.
        cores = os.cpu_count() or 2
        self._cpu = threading.Semaphore(cpu_slots or max(1, cores - 1))
        self.background = background
        self.dedupe = dedupe
        # What a job keeps of its prepared image (memory: 1,000 uploads of ~300 KB each
        # would be 300 MB): -1 the upload, N a copy whose long side is at most N pixels
        # (what the window shows), None nothing (the command line needs none).
        self.keep = keep
        # The window (`background`, unless told) prepares in worker processes
        # (card_worker.POOL): its preparing must not hold the GIL its GUI thread needs.
        # The command line prepares in its own threads.
        self.processes = background if processes is None else processes
        self._stop = threading.Event()
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._stopped_by: PicToTextError | None = None

    # -- control -----------------------------------------------------------------------
    def pause(self) -> None:
        """Finish what is in flight, start nothing new; unsent jobs stay waiting."""
        self._stop.set()

    def cancel(self) -> None:
        """Stop promptly: nothing new starts; answers still in flight are discarded."""
        self._cancelled.set()
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    # -- running -----------------------------------------------------------------------
    def run(self, jobs: Iterable[Job]) -> BatchOutcome:
        """Run the waiting ones of `jobs`.  A list is known up front; any other iterable is
        taken one job at a time, in order, as workers free up (`scan` makes a photo's
        jobs when its cards are counted), so the first results come before the last job
        is made.  Returns once every job taken has ended, or at once on cancel."""
        feed = _Feed(jobs)
        count = len(feed.waiting) if isinstance(jobs, Sequence) else self.concurrency
        workers = [
            threading.Thread(target=self._worker, args=(feed,), daemon=True,
                             name=f"pictotext-job-{i}")
            for i in range(min(self.concurrency, count))
        ]
        for worker in workers:
            worker.start()
        try:
            for worker in workers:
                while worker.is_alive():
                    worker.join(timeout=0.05)
                    if self._cancelled.is_set():
                        break
                if self._cancelled.is_set():
                    break
        except KeyboardInterrupt:  # the caller cancels; no job is made after this
            self.cancel()
            feed.close()
            raise
        made = feed.close()  # waits for a job being made, then makes no more
        outcome = BatchOutcome(stopped_by=self._stopped_by, cancelled=self.cancelled)
        for job in made:
            if self.cancelled and not job.state.finished:
                self._cancel_job(job)
            elif job.state == JobState.WAITING:
                outcome.unsent.append(job)
        return outcome

    def _worker(self, feed: _Feed) -> None:
        # The window's worker threads keep their priority while they only wait (for a card
        # worker process, for the server): at a lower one, a thread holding the GIL for a
        # moment was left waiting for a core behind the card workers, and the GUI thread
        # waited for it in turn.  Work done here (`_work_here`) lowers it for good.
        if self.background and not self.processes:
            lower_this_thread_priority()
        while not self._stop.is_set():
            job = feed.take()
            if job is None:
                return
            self._process(job)

    def _process(self, job: Job) -> None:
        attempt = self._begin(job)
        if attempt is None:
            return
        try:
            engine = (self.engine_for_job(job) if self.engine_for_job is not None
                      else self.engine_for(job.document_type))
            options = replace(self.options, rotate=job.rotate,
                              keep_pixels=getattr(engine, "reads_pixels", False))
            # One of the process's decode slots too (card_prepare.DECODES): counting cards
            # (the window's, scan's) and preparing share one bound on big images.
            with self._cpu:
                started = time.perf_counter()
                prepared, kept = self._prepare(job, options)
                prepare_s = time.perf_counter() - started
            upload = Upload(prepared_hash(prepared.data), prepared.mime_type,
                            len(prepared.data))
            if self._stop.is_set():
                self._apply(job, attempt, JobState.WAITING, prepared=kept, upload=upload)
                return
            if self.dedupe is not None and not job.force:
                earlier = self.dedupe.lookup_prepared(prepared.data, job.document_type)
                if earlier is not None:  # the same image was read before: not paid again
                    earlier.warnings = [*earlier.warnings, same_image_note(earlier.source)]
                    earlier.source = source_label(job.source)
                    self._apply(job, attempt, JobState.DONE, record=earlier, prepared=kept,
                                upload=upload, engine=earlier.engine)
                    return
            if not self._apply(job, attempt, JobState.SENDING, prepared=kept,
                               upload=upload, engine=engine.name):
                return  # cancelled or reset while preparing: do not send
            job.force = False
            if getattr(engine, "reads_pixels", False):
                self._work_here()  # the on-device reader runs in this thread
            # A cancel stops the engine mid-answer (the download, or between on-device steps).
            result = engine.recognize(prepared, job.document_type, cancel=self._cancelled)
            result.timings.setdefault("prepare", prepare_s)
            record = Record.from_result(source_label(job.source), result)
            record.warnings = list(prepared.warnings) + record.warnings
            if self.normalize is not None:
                self.normalize(record)
            if self.checks is not None:
                self.checks(record)
            if self._apply(job, attempt, JobState.DONE, record=record):
                remember = getattr(self.dedupe, "remember", None)
                if remember is not None:
                    remember(prepared.data, record)
        except PicToTextError as exc:
            self._fail(job, attempt, exc)
        except Exception as exc:  # a bug must fail one job, not the batch or the app
            # The exception's text could quote field values: frames only, no message.
            log.error("unexpected error while processing job %d:\n%s", job.id,
                      format_exception_safely(type(exc), exc, exc.__traceback__))
            self._fail(job, attempt, PicToTextError(f"Unexpected problem: {type(exc).__name__}",
                                                    detail=type(exc).__name__))

    def _prepare(self, job: Job, options: PrepareOptions,
                 ) -> tuple[PreparedImage, PreparedImage | None]:
        """The upload, and what the job keeps of it (never the pixels kept for the engine;
        the upload or a copy: see `keep`), here or in a worker process (`processes`)."""
        if self.processes and card_worker.POOL.takes(job.source, options):
            done = card_worker.POOL.prepare(job.source, options, job.card, self.keep)
            return done.image, done.kept
        self._work_here()
        # One of the process's decode slots too (card_prepare.DECODES): counting cards
        # (the window's, scan's) and preparing share one bound on big images.
        with DECODES.hold():
            prepared = prepare(job.source, options, job.card)
            return prepared, kept_image(prepared, self.keep)

    def _work_here(self) -> None:
        """This thread is about to do heavy work itself: in the window, at a lower priority
        from now on (it cannot be raised again without privileges)."""
        if self.background:
            lower_this_thread_priority()

    def _fail(self, job: Job, attempt: int, exc: PicToTextError) -> None:
        if self.stops(exc) and self._owns(job, attempt):
            with self._lock:
                if self._stopped_by is None:  # the first one is what the person sees
                    self._stopped_by = exc
            self._stop.set()
            if self.requeue_on_stop:
                self._apply(job, attempt, JobState.WAITING, error=exc)
                return
        record = Record(source=source_label(job.source), document_type=job.document_type,
                        engine=job.engine, error=exc)
        self._apply(job, attempt, JobState.FAILED, error=exc, record=record)

    # -- the one place a job is written ----------------------------------------------------
    def _begin(self, job: Job) -> int | None:
        """A new attempt for `job`, now PREPARING; None when the batch was cancelled."""
        with _attempts:
            if self._cancelled.is_set():
                return None
            job.attempt += 1
            attempt = job.attempt
        return attempt if self._apply(job, attempt, JobState.PREPARING) else None

    def _owns(self, job: Job, attempt: int) -> bool:
        return job.attempt == attempt and not self._cancelled.is_set()

    def _apply(self, job: Job, attempt: int, state: JobState, *,
               error: PicToTextError | None = None, record: Record | None = None,
               prepared: PreparedImage | None = None, upload: Upload | None = None,
               engine: str | None = None) -> bool:
        """Write `job` and report it, unless `attempt` is no longer the job's or the batch
        was cancelled: then the write is dropped (False).  `error` is the event's; a
        FAILED job keeps it too.  Record, upload and engine are set when given; with an
        upload, the prepared image is whatever `keep` kept of it (maybe nothing)."""
        with _attempts:
            if not self._owns(job, attempt):
                return False
            job.state = state
            if state == JobState.FAILED or error is not None:
                job.error = error  # failed: why; back to waiting: what paused it
            if record is not None:
                job.record = record
            if upload is not None:
                job.upload = upload
                job.prepared = prepared
            elif prepared is not None:
                job.prepared = prepared
            if engine is not None:
                job.engine = engine
            event = JobEvent(job, state, error, attempt)
        if self.on_event is not None:
            self.on_event(event)
        return True

    def _cancel_job(self, job: Job) -> None:
        """CANCELLED, as a new attempt: whatever is still in flight for it is dropped."""
        with _attempts:
            job.attempt += 1
            job.state = JobState.CANCELLED
            event = JobEvent(job, JobState.CANCELLED, None, job.attempt)
        if self.on_event is not None:
            self.on_event(event)


class _Feed:
    """The jobs a run takes, in order, one at a time under a lock of its own (making the
    next job may wait for its photo's count: no other lock is held meanwhile)."""

    def __init__(self, jobs: Iterable[Job]) -> None:
        known = isinstance(jobs, Sequence)
        self.made: list[Job] = list(jobs) if known else []
        # A list: those waiting when the run starts (as taken before).  Made as it goes:
        # each is remembered, and one that is not waiting is skipped.
        self.waiting = [j for j in self.made if j.state == JobState.WAITING]
        self._jobs: Iterator[Job] = iter(self.waiting) if known else iter(jobs)
        self._remember = not known
        self._lock = threading.Lock()
        self._closed = False

    def take(self) -> Job | None:
        """The next waiting job; None when there are no more."""
        with self._lock:
            while not self._closed:
                job = next(self._jobs, None)
                if job is None:
                    self._closed = True
                    return None
                if not self._remember:
                    return job
                self.made.append(job)
                if job.state == JobState.WAITING:
                    return job
            return None

    def close(self) -> list[Job]:
        """No more jobs are taken; every job taken so far (all of a list's)."""
        with self._lock:
            self._closed = True
            return list(self.made)


def warm_up() -> None:
    """Load what a batch's first job would: the cloud engine (requests), the checks and
    their region table.  The window's intake thread calls it at the first drop, before
    that drop's first row (start-up does not load `requests`); loaded by the first job
    instead, those imports held the GIL for tens of milliseconds at a time while the
    queue filled and the batch started, and the GUI thread waited for it.  The notes' and
    file messages' expressions are made here too: made by the first row that shows a note,
    they took 18 ms of one selection."""
    from pictotext_desktop import file_messages, notes
    from pictotext_desktop.checks import cn_id
    from pictotext_desktop.engines import cloud  # noqa: F401

    cn_id.regions()
    notes.compile_all()
    notes.compile_all(file_messages.TEMPLATES)


def lower_this_thread_priority() -> None:
    """Background work yields the CPU to the window (Linux: per-thread nice value)."""
    if hasattr(os, "setpriority") and hasattr(threading, "get_native_id"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def source_label(source: Source) -> str:
    """What a record calls its source: the path as given, or the pasted image's name (a
    card of a photo: `<path> #<n>`, card_prepare.CardSource)."""
    if isinstance(source, CardSource):
        return source.name
    if source.path is not None:
        return str(source.path)
    return source.name or source.display_name  # a PDF page's name keeps its path


def not_sent_record(job: Job) -> Record:
    """The CLI's record for an input the batch never sent."""
    from pictotext_desktop.errors import NotSentError

    return Record(source=source_label(job.source), document_type=job.document_type,
                  error=NotSentError())


def new_jobs(sources: Sequence[Source], document_type: str) -> list[Job]:
    return [Job(source=s, document_type=document_type) for s in sources]
