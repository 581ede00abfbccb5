"""Drops, pastes, open dialogs, watched and command-line files, read in off the GUI thread.

The file work (listing folders, sniffing, resolving paths, reading first bytes:
intake_scan.py) runs in one intake thread, a drop after the other, so rows keep the
order things were given in.  Its parts come back through a queued signal and wait in
`_pending`; a zero-delay timer adds a few dozen rows per event-loop turn at most (and
stops sooner when a turn has taken TURN_MS), so painting, scrolling and typing go on
between them.  A drop's message (files that are no image, empty folders, refused web
addresses) and its "already in the queue" note are said once, when all of it is in.

While a drop is read in, the controller knows (`intake_begun`/`intake_ended`): a batch
that started with its first rows is not reported finished before the last are added.
`shutdown()` (on quit) stops the thread between two files and waits for it.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from pictotext_desktop.card_prepare import SEND_CARD
from pictotext_desktop.intake_scan import CHUNK, Checked, Part, scan
from pictotext_desktop.jobs import lower_this_thread_priority, warm_up
from pictotext_desktop.ui.intake import IntakeResult

if TYPE_CHECKING:
    from pictotext_desktop.jobs import Job
    from pictotext_desktop.ui.queue_controller import QueueController

log = logging.getLogger(__name__)
TURN_MS = 8.0  # GUI-thread time one turn may spend adding rows before it yields
JOIN_SECONDS = 5.0  # how long quitting waits for the intake thread (a file read) to stop


@dataclass
class _Request:
    """One drop (or paste, dialog, watched file) being read in."""

    id: int
    paths: list[Path]
    document_type: str
    must_exist: bool
    cards: bool
    said: IntakeResult  # what is not queued, said once at the end
    if_nothing: str  # said when nothing came of it (pasted text naming no file)
    queued: list[Path] = field(default_factory=list)  # keys already in the queue
    added: list[Job] = field(default_factory=list)


class IntakeRunner(QObject):
    """Reads paths in, in the intake thread, and queues their rows in small turns."""

    # A drop is all in: IntakeResult (what was said of it), list[Job] added, list[Path]
    # of the files already in the queue (or given twice).
    finished = Signal(object, list, list)
    idle = Signal()  # every drop handed over is in (or was given up at quit)
    _part = Signal(int, object)  # request id, Part (None: the request is done); from the thread

    def __init__(self, controller: QueueController, show_message: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._show_message = show_message
        self._ids = itertools.count(1)
        self._open: dict[int, _Request] = {}
        self._pending: deque[tuple[int, Part | None]] = deque()
        self._inbox: queue.Queue[_Request | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._closed = False
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._add_some)
        self._part.connect(self._arrived)
        # Started now (the window makes this after its first paint), not at the first drop:
        # starting a thread waits for it to run, and its first imports hold the GIL.
        self._thread = threading.Thread(target=self._run, name="pictotext-intake",
                                        daemon=True)
        self._thread.start()

    @property
    def busy(self) -> bool:
        """Something handed over is still being read in or added."""
        return bool(self._open)

    @property
    def thread_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def take(self, paths: Sequence[Path], document_type: str, *,
             said: IntakeResult | None = None, must_exist: bool = False,
             if_nothing: str = "") -> bool:
        """Read `paths` in, in the intake thread; `said` holds what the caller refused
        already (web addresses), said with the rest; `if_nothing` is said when nothing
        at all came of it.  False once closed."""
        ctl = self._controller
        if self._closed or ctl.closing:
            return False
        request = _Request(next(self._ids), list(paths), document_type, must_exist,
                           ctl.session.prepare_options().send == SEND_CARD,
                           said or IntakeResult(), if_nothing)
        ctl.intake_begun()
        self._open[request.id] = request
        self._inbox.put(request)
        return True

    # -- the intake thread ---------------------------------------------------------------
    def _run(self) -> None:
        from pictotext_desktop import pdf_input  # noqa: F401  # imported here, not at a drop

        lower_this_thread_priority()  # reading files in yields the CPU to the window
        warmed = False
        while not self._stop.is_set():
            request = self._inbox.get()
            if request is None or self._stop.is_set():
                return
            if not warmed:  # what the batch's first job would load, before its first row
                warmed = True
                try:
                    warm_up()
                except Exception as exc:  # the job that needs it says what is wrong
                    log.warning("loading a batch's modules failed: %s", type(exc).__name__)
            rid = request.id
            try:
                scan(request.paths, lambda part: self._emit(rid, part),  # noqa: B023
                     cards=request.cards, must_exist=request.must_exist,
                     cancelled=self._stop.is_set)
            except Exception as exc:  # a bug here must not leave the drop open for ever
                log.warning("reading files in failed: %s", type(exc).__name__)
            self._emit(request.id, None)

    def _emit(self, request_id: int, part: Part | None) -> None:
        with contextlib.suppress(RuntimeError):  # the window went away meanwhile
            self._part.emit(request_id, part)

    # -- the GUI thread ------------------------------------------------------------------
    def _arrived(self, request_id: int, part: Part | None) -> None:
        if self._closed:
            return
        self._pending.append((request_id, part))
        if not self._turn.isActive():
            self._turn.start()

    def _add_some(self) -> None:
        """One turn: at most CHUNK rows (one `add_checked` per drop), no more than TURN_MS."""
        started = time.perf_counter()
        rows = 0
        while self._pending and not self._closed:
            request_id, part = self._pending[0]
            request = self._open.get(request_id)
            if request is None:
                self._pending.popleft()
                continue
            if part is None:
                self._pending.popleft()
                self._done(request)
                continue
            items: list[Checked] = []
            while (self._pending and self._pending[0][0] == request_id
                   and (part := self._pending[0][1]) is not None and rows < CHUNK):
                room = CHUNK - rows
                taken, part.items = part.items[:room], part.items[room:]
                items += taken
                rows += len(taken)
                if not part.items:
                    self._pending.popleft()
                    request.said.skipped.extend(part.skipped)
                    request.said.empty_folders.extend(part.empty_folders)
                    request.queued.extend(part.repeated)
            if items:  # the drop's first rows make the last removal final, as adding does
                request.added.extend(self._controller.add_checked(
                    items, request.document_type, request.queued,
                    final_undo=not request.added))
            if rows >= CHUNK or (time.perf_counter() - started) * 1000 >= TURN_MS:
                break
        if self._pending and not self._closed:
            self._turn.start()

    def _done(self, request: _Request) -> None:
        """All of a drop is in: say what was not queued, once."""
        del self._open[request.id]
        message = request.said.message()
        if message:
            self._show_message(message)
        if request.queued:
            self._controller.say_queued(request.queued, show=not request.added)
        elif request.if_nothing and not request.added and not message:
            self._show_message(request.if_nothing)
        self._controller.intake_ended()
        self.finished.emit(request.said, request.added, request.queued)
        if not self._open:
            self.idle.emit()

    def shutdown(self) -> None:
        """No more rows; the thread stops between two files and is waited for."""
        self._closed = True
        self._turn.stop()
        self._pending.clear()
        self._open.clear()
        self._stop.set()
        self._inbox.put(None)
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(JOIN_SECONDS)
            if thread.is_alive():
                log.warning("the intake thread did not stop in time")
