"""Python's cyclic garbage collector runs on the GUI thread only.

Automatic collection runs in whichever thread happens to allocate; if that is an upload
or thumbnail thread and the garbage holds Qt objects (a closed dialog caught in a
reference cycle), Qt destroys widgets off the GUI thread and the process crashes.  So
the app turns automatic collection off and runs the same generational collection from a
timer on the GUI thread.

Young collections (generations 0 and 1) are cheap and run as soon as they are due.  A
full collection walks every object the app holds (after a 1,000-image batch: tens of
milliseconds, a visible stall), so, like Python's own throttle for the oldest
generation, it waits: while a batch runs it is put off (`busy`), at most one every
`MAX_DEFER_S` even then, and never more often than 1% of the time measured by the
last one's own duration.  Meanwhile generation 1 is collected, as Python does when a
full collection is due by count but not yet worth it.

Imports made after the first paint (the batch's modules: the HTTP client, Pillow,
numpy) leave tens of thousands of young objects (functions, classes, their dicts) that
live as long as the process; the first young collection after them walked 47,000
objects for 18-48 ms in the middle of a batch.  So when modules have been imported since
the last check, what is young is frozen (`gc.freeze`: out of every later collection)
instead of being walked.  A cycle frozen with them is never collected: a one-off, small.
While another thread is still importing (new modules since the last check, not yet
enough to freeze), no collection runs: one mid-way walked their objects for 26 ms.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer

FREEZE_AFTER_MODULES = 10  # this many new modules since the last check: freeze the young
MAX_DEFER_S = 300.0  # while busy, a due full collection waits at most this long
DUTY = 100  # at least 100 times the last full collection's duration between two


@dataclass
class FullCollections:
    """When a full collection, due by count, may run now."""

    busy: Callable[[], bool] = field(default=lambda: False)
    last_at: float = field(default_factory=time.monotonic)  # the start counts as one
    last_s: float = 0.0

    def allowed(self, now: float) -> bool:
        since = now - self.last_at
        if since < self.last_s * DUTY:
            return False
        return since >= MAX_DEFER_S or not self.busy()

    def done(self, started: float, ended: float) -> None:
        self.last_at, self.last_s = ended, ended - started


def collect_if_due(threshold: tuple[int, int, int],
                   full: FullCollections | None = None) -> int | None:
    """What automatic GC would have done by now: one collection of the oldest generation
    past its threshold (collecting a generation collects the younger ones too), a full
    one only when `full` allows it.  The generation collected, or None."""
    count0, count1, count2 = gc.get_count()
    if count0 <= threshold[0]:
        return None
    if count1 <= threshold[1]:
        gc.collect(0)
        return 0
    now = time.monotonic()
    if count2 <= threshold[2] or (full is not None and not full.allowed(now)):
        gc.collect(1)
        return 1
    gc.collect(2)
    if full is not None:
        full.done(now, time.monotonic())
    return 2


class GuiThreadGarbageCollector(QObject):
    """Install once, after the QApplication exists; `uninstall()` restores automatic GC.

    Set `busy` (a batch running) to put full collections off while it is true."""

    INTERVAL_MS = 50  # often enough that the young generations stay small

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.full = FullCollections()
        self.modules = len(sys.modules)  # as many as at the last freeze
        self._seen = self.modules  # as many as at the last check
        self.freezes = 0
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @property
    def busy(self) -> Callable[[], bool]:
        return self.full.busy

    @busy.setter
    def busy(self, value: Callable[[], bool]) -> None:
        self.full.busy = value

    def check(self) -> None:
        modules = len(sys.modules)
        importing, self._seen = modules != self._seen, modules
        if modules >= self.modules + FREEZE_AFTER_MODULES:
            self.modules = modules
            self.freezes += 1
            gc.freeze()  # what the imports made lives as long as the process
            return
        if importing:  # another thread is importing (the intake thread at the first drop):
            return  # collect once it is done, or freeze what it made; not mid-way (26 ms)
        collect_if_due(self.threshold, self.full)

    def uninstall(self) -> None:
        self.timer.stop()
        if self.freezes:
            gc.unfreeze()  # Python's collector sees everything again
        gc.enable()
