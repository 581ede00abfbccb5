"""Counting and preparing cards in worker processes, so the window's GIL stays free.

The window counts a photo's cards (ui/card_split.py) and prepares each upload (the batch
runner, `jobs.BatchRunner(processes=True)`) off its GUI thread; in threads of its own
process that work held the GIL for tens of milliseconds at a time (detection's Python
steps, straightening, the encoder's copies) and the GUI thread waited for it: 111 ms
stalls in a 1,000-photo batch (issue #16: <= 50 ms).  Here it runs in worker processes.
So do the window's looks at photos (a row's thumbnail, the card outline's photo), in
`LOOKS`, a worker of their own: they never wait for the batch's preparing (and take no
decode slot of it), and their Python steps no longer hold the GIL in a thread here.

`POOL` (`CardPool`): started lazily (a worker on the first call that finds none idle),
reused, at most `card_prepare.DECODE_SLOTS` workers.  Each caller holds one of the
process's decode slots (`card_prepare.DECODES`) while its worker works, so the bound on
big decodes is the same as before, whoever runs them.  One task per worker at a time over
a pipe of its own, so a worker that dies (killed, or a decoder crashing on a file) fails
the one photo it was working on (`WorkerStoppedError`, that file's error) and is replaced
for the next; nothing else is lost or sent twice.  The caller's thread waits on the pipe,
the GIL free meanwhile.  `shutdown()` ends every worker (no orphan); a call caught by it
is done in the caller's thread instead (its result is dropped by then anyway).

Workers are spawned ("spawn": a process with Qt threads is never forked) and import this
module and card_prepare's: never Qt, never onnxruntime.  So what needs the on-device
runtime stays in the caller's thread: a job whose engine reads pixels, or any job once
that runtime is loaded (it turns cards upright).  PDF pages too (their rendering is kept
by this process).  What a count found is sent back and kept here as well, and given to
the worker that prepares the photo's cards, so nothing is detected twice.  The frozen
app calls `multiprocessing.freeze_support()` first thing (__main__.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from pictotext_desktop import card_prepare, imaging
from pictotext_desktop.errors import ImageInputError, PicToTextError
from pictotext_desktop.imaging import PreparedImage, PrepareOptions, Source
from pictotext_desktop.logs import format_exception_safely

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnProcess

log = logging.getLogger(__name__)
WORKERS = card_prepare.DECODE_SLOTS
_KEYS = 256  # photos whose count's key is remembered (as card_prepare keeps what it found)


class WorkerStoppedError(ImageInputError):
    """The worker process preparing this file ended (killed, or it crashed on the file)."""

    reason = "WORKER_STOPPED"
    retryable = True


@dataclass
class Prepared:
    """A prepared upload and what the job keeps of it (`jobs.kept_image`), made in the
    worker so the small copy's decode and encode do not run here either."""

    image: PreparedImage
    kept: PreparedImage | None


class _Worker:
    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.conn, theirs = context.Pipe()
        self.process: SpawnProcess = context.Process(
            target=_serve, args=(theirs,), daemon=True, name="pictotext-card-worker")
        self.process.start()
        if self.process.pid is not None:  # from its first import on, not once it serves
            _yield_to_the_window(self.process.pid)
        theirs.close()
        self._closing = threading.Lock()

    def close(self) -> None:
        """Close our end of the pipe, once (the caller that used it and `shutdown` may
        both get here; closing a descriptor twice could close another file's)."""
        with self._closing:
            if not self.conn.closed:
                self.conn.close()

    def call(self, request: tuple[Any, ...]) -> tuple[bool, Any, int]:
        """(ok, value or error, peak KB); EOFError or OSError when the worker died."""
        self.conn.send(request)
        reply: tuple[bool, Any, int] = self.conn.recv()
        return reply

    def stop(self, timeout: float = 2.0) -> None:
        """Ask it to end; then end it."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout)
        self.close()


class CardPool:
    """Worker processes for card counting and preparing (see the module docstring)."""

    def __init__(self, workers: int = WORKERS) -> None:
        self.workers = max(1, workers)
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._all: list[_Worker] = []
        self._slots = threading.BoundedSemaphore(self.workers)
        self._closed = False
        self._keys: OrderedDict[tuple[Source, int], tuple[bytes, int]] = OrderedDict()
        self.peaks: dict[int, int] = {}  # worker pid -> its peak resident memory, KB
        self.done: dict[str, int] = {}  # task -> how many workers answered (tests, bench)

    # -- which work goes to a worker ---------------------------------------------------
    def takes(self, source: Source, options: PrepareOptions) -> bool:
        """Whether `source` is counted or prepared in a worker (else in the caller)."""
        photo = source.photo if isinstance(source, card_prepare.CardSource) else source
        return (not self._closed and type(photo) is Source and not options.keep_pixels
                and not _runtime_loaded())

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def pids(self) -> list[int]:
        """The workers now running (tests, the benchmark)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid is not None]

    # -- the two tasks -------------------------------------------------------------------
    def count(self, source: Source, options: PrepareOptions) -> int:
        """`card_prepare.count_cards` in a worker; what it found is kept here too."""
        with card_prepare.DECODES.hold():
            done = self._run("count", source, options)
        if done is None:
            return card_prepare.count_cards(source, options)
        count, key, found = done
        if key is not None and found is not None:
            card_prepare._remember(key, found)
            with self._lock:
                self._keys[(source, options.rotate % 360)] = key
                while len(self._keys) > _KEYS:
                    self._keys.popitem(last=False)
        return int(count)

    def prepare(self, source: Source, options: PrepareOptions,
                choice: card_prepare.CardChoice | None, keep: int | None) -> Prepared:
        """`card_prepare.prepare` and `jobs.kept_image` in a worker; PicToTextErrors only
        (WorkerStoppedError when the worker died on it)."""
        photo = source.photo if isinstance(source, card_prepare.CardSource) else source
        known = self._known(photo, options.rotate)
        with card_prepare.DECODES.hold():
            done = self._run("prepare", source, options, choice, keep, known)
        if done is None:
            return _prepare(source, options, choice, keep, None)
        assert isinstance(done, Prepared)
        return done

    def _known(self, photo: Source, rotate: int) -> tuple[tuple[bytes, int], Any] | None:
        """What the count found in `photo`, kept here, for the worker that cuts its cards."""
        with self._lock:
            key = self._keys.get((photo, rotate % 360))
        if key is None:
            return None
        with card_prepare._found_lock:
            found = card_prepare._found.get(key)
        return (key, found) if found is not None else None

    # -- running on a worker -------------------------------------------------------------
    def _run(self, task: str, source: Source, *args: Any) -> Any:
        """The task's value from a worker; None when the pool is shut (or shut meanwhile):
        the caller does it itself."""
        with self._slots:
            for attempt in (1, 2):
                taken = self._take()
                if taken is None:
                    return None
                worker, fresh = taken
                try:
                    ok, value, peak = worker.call((task, source, *args))
                    break
                except (EOFError, OSError, BrokenPipeError):
                    self._lost(worker)
                    if self._closed:
                        return None
                    if not fresh and attempt == 1:
                        # An idle worker can end (its last threads still exiting when it
                        # was taken) before it reads the task: not this file's doing.
                        continue
                    log.error("a card worker process ended while preparing a file")
                    raise WorkerStoppedError(
                        message=f"{source.display_name}: preparing it stopped unexpectedly "
                                "(its worker process ended). Retry it.") from None
            self._give_back(worker, task, peak)
        if not ok:
            raise value
        return value

    def _take(self) -> tuple[_Worker, bool] | None:
        """A worker for one task, and whether it was started for it (not idle before)."""
        with self._lock:
            if self._closed:
                return None
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker, False
                self._all.remove(worker)  # ended while idle: no file of ours was lost
                worker.close()
            worker = _Worker()
            self._all.append(worker)
            return worker, True

    def _give_back(self, worker: _Worker, task: str, peak: int) -> None:
        with self._lock:
            self.done[task] = self.done.get(task, 0) + 1
            if worker.process.pid is not None:
                self.peaks[worker.process.pid] = max(peak, self.peaks.get(worker.process.pid, 0))
            if not self._closed:
                self._idle.append(worker)
                return
        worker.stop()

    def _lost(self, worker: _Worker) -> None:
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        worker.process.join(1.0)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(1.0)
        worker.close()

    # -- lifetime --------------------------------------------------------------------------
    def open(self) -> None:
        """Take work again after `shutdown` (a new window in the same process)."""
        with self._lock:
            self._closed = False

    def shutdown(self) -> None:
        """End every worker now (none is left running); work caught by it is done in its
        caller's thread.  No new worker starts until `open`."""
        with self._lock:
            self._closed = True
            workers, idle = self._all, set(self._idle)
            self._all, self._idle = [], []
        for worker in workers:
            if worker.process.is_alive():
                worker.process.kill()  # idle or busy: a busy one's caller does it itself
            worker.process.join(2.0)
            if worker in idle:  # a busy one's caller is reading its pipe: it closes it
                worker.close()


def count(source: Source, options: PrepareOptions) -> int:
    """The window's count of a photo's cards: in a worker process when `POOL` takes it,
    else here (`card_prepare.count_cards`)."""
    if POOL.takes(source, options):
        return POOL.count(source, options)
    return card_prepare.count_cards(source, options)


def looks_take(source: Source) -> bool:
    """Whether `LOOKS` makes `source`'s thumbnail and outline look (a file's or a pasted
    image's; not a PDF page's, whose rendering this process keeps), else its caller."""
    photo = source.photo if isinstance(source, card_prepare.CardSource) else source
    return not LOOKS.closed and type(photo) is Source


def thumbnail(source: Source, size: int) -> bytes:
    """A queue row's thumbnail (`thumbnail.render`; empty when it cannot be made): in the
    `LOOKS` worker when it is open and `source` is a file's or a pasted image's, else here."""
    from pictotext_desktop import thumbnail as rendering

    photo = source.photo if isinstance(source, card_prepare.CardSource) else source
    if looks_take(source):
        try:
            done = LOOKS._run("thumbnail", source, size, POOL._known(photo, 0))
        except PicToTextError:  # the worker ended on it: no thumbnail; the row says why
            return b""
        if done is not None:
            return bytes(done)
    return rendering.render(source, size)


@dataclass(frozen=True)
class OutlinePhoto:
    """The photo as the card outline shows it, as 8-bit RGB rows, and the cards in it."""

    rgb: bytes
    size: tuple[int, int]
    found: card_prepare.Found


def look(source: Source, rotate: int, side: int) -> OutlinePhoto:
    """`card_prepare.look` (the photo at the outline's size and the cards in it) in the
    `LOOKS` worker when it takes `source`, else here; PicToTextErrors only.  Its pixels
    come as bytes: a copy for the caller, with no Python step per row of it."""
    photo = source.photo if isinstance(source, card_prepare.CardSource) else source
    if looks_take(source):
        done = LOOKS._run("look", source, rotate, side, POOL._known(photo, rotate))
        if done is not None:
            assert isinstance(done, OutlinePhoto)
            return done
    return _look(source, rotate, side, None)


def _runtime_loaded() -> bool:
    """The on-device runtime is loaded here: cards are turned upright with it."""
    local = sys.modules.get("pictotext_desktop.engines.local")
    return bool(local is not None and local.is_loaded())


# -- in the worker process --------------------------------------------------------------------
def _count(source: Source, options: PrepareOptions,
           ) -> tuple[int, tuple[bytes, int] | None, Any]:
    """The count and what it found, keyed by the photo's bytes (None when unreadable)."""
    count = card_prepare._count_safely(source, options)
    try:
        data, _kind = imaging._read(source)
    except PicToTextError:
        return count, None, None
    key = card_prepare._key(data, options.rotate)
    with card_prepare._found_lock:
        found = card_prepare._found.get(key)
    return count, key, found


def _prepare(source: Source, options: PrepareOptions, choice: card_prepare.CardChoice | None,
             keep: int | None, known: tuple[tuple[bytes, int], Any] | None) -> Prepared:
    if known is not None:
        card_prepare._remember(*known)
    image = card_prepare.prepare(source, options, choice)
    return Prepared(image, kept_image(image, keep))


def _thumbnail(source: Source, size: int,
               known: tuple[tuple[bytes, int], Any] | None) -> bytes:
    from pictotext_desktop import thumbnail

    if known is not None:
        card_prepare._remember(*known)
    return thumbnail.render(source, size)


def _look(source: Source, rotate: int, side: int,
          known: tuple[tuple[bytes, int], Any] | None) -> OutlinePhoto:
    if known is not None:
        card_prepare._remember(*known)
    image, found = card_prepare.look(source, rotate, side)
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    return OutlinePhoto(rgb.tobytes(), rgb.size, found)


_TASKS: dict[str, Callable[..., Any]] = {"count": _count, "prepare": _prepare,
                                         "thumbnail": _thumbnail, "look": _look,
                                         "modules": lambda _source: sorted(sys.modules)}


def kept_image(prepared: PreparedImage, keep: int | None) -> PreparedImage | None:
    """What a job keeps of `prepared` (jobs.BatchRunner `keep`): never the engine's pixels.
    Here, so a worker process makes it too."""
    if keep is None:
        return None
    if isinstance(prepared, card_prepare.CardImage) and prepared.photo is not None:
        prepared = replace(prepared, photo=None, photo_options=None)  # for the reader only
    if keep < 0 or max(prepared.size) <= keep:
        return replace(prepared, pixels=None) if prepared.pixels is not None else prepared
    import io

    from PIL import Image

    with Image.open(io.BytesIO(prepared.data)) as image:
        image.draft("RGB", (keep, keep))  # JPEG: decoded at 1/2, 1/4 or 1/8 scale
        small = image.convert("RGB")
    small.thumbnail((keep, keep), Image.Resampling.BILINEAR)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=85)
    return replace(prepared, data=out.getvalue(), mime_type="image/jpeg", size=small.size,
                   pixels=None)


def _peak_kb() -> int:
    """This process's peak resident memory (its own, not its parent's: VmHWM)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource  # not on Windows: its peak is not measured there
    except ImportError:
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _yield_to_the_window(pid: int = 0) -> None:
    """Background work: the window's threads get a core first.  On Linux a worker runs
    only on CPU time no normal task wants (SCHED_IDLE; a waking GUI thread takes the core
    at once): at nice 10, three busy workers still kept the GUI thread waiting for a core
    for 15-45 ms in the longest gaps of a 1,000-photo batch.  Elsewhere, nice 10 (set by
    the worker itself: `pid` 0).  The window sets it as soon as it has started a worker,
    so its imports at the drop of a batch (numpy, Pillow) do not compete either."""
    policy = getattr(os, "SCHED_IDLE", None)
    if policy is not None:
        try:
            os.sched_setscheduler(pid, policy, os.sched_param(0))
            return
        except OSError:
            pass
    if pid == 0 and hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)


def _serve(conn: Connection) -> None:
    """A worker's loop: one task at a time until told to end or its parent is gone."""
    _yield_to_the_window()
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if request is None:
            return
        task, *args = request
        try:
            reply: tuple[bool, Any] = (True, _TASKS[task](*args))
        except PicToTextError as exc:
            reply = (False, exc)
        except Exception as exc:  # a bug fails one file, never the worker
            log.error("card worker task failed:\n%s",
                      format_exception_safely(type(exc), exc, exc.__traceback__))
            reply = (False, PicToTextError(f"Unexpected problem: {type(exc).__name__}",
                                           detail=type(exc).__name__))
        try:
            conn.send((*reply, _peak_kb()))
        except (OSError, ValueError):
            return


POOL = CardPool()
# The window's looks at photos (a row's thumbnail, the card outline's photo): a worker of
# their own, so they never wait for the batch's preparing, nor hold this process's GIL.
LOOKS = CardPool(1)
