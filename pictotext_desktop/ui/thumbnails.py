"""Thumbnails made off the GUI thread, delivered by a signal, on demand.

Decoding a 12 MP photo takes ~50-300 ms: never on the GUI thread.  What a row shows
(`thumbnail.render`: the photo upright, or one card of it straightened) is made in a card
worker process (`card_worker.thumbnail`); this pool's one thread only waits for it, the GIL
free meanwhile: made in a thread of this process, its Python steps held the GIL in the GUI
thread's longest waits of a 1,000-photo batch (issue #16).  The GUI thread loads the small
PNG (96 px: a fraction of a millisecond).  No Qt image decoder runs off the GUI thread: one
there while the window decoded a preview with QImageReader hung both (seen in 1,000-image
batches; not since).  A file that cannot be made into one (unreadable, too many pixels)
gets no thumbnail.

The queue asks for a thumbnail when a row is first shown (QueueModel.thumbnail_wanted), so
a batch of 1,000 files makes a dozen, not 1,000.  The newest requests run first (the rows
on screen now); past `pending_limit` the oldest waiting ones are given up (`dropped`), and
the queue asks again if those rows are shown again.  A row whose source changes (the
photo's row becoming card #1 once its cards are counted) asks again; the answer to a
request since replaced is dropped.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import lower_this_thread_priority


class _Signals(QObject):
    ready = Signal(int, int, bytes)  # job id, token, PNG (empty when it could not be made)


def render_thumbnail(source: Source, size: int) -> bytes:
    """An upright PNG whose long side is at most `size` (empty on failure): made in a card
    worker process (`card_worker.thumbnail`), or here at a low priority when none takes it."""
    from pictotext_desktop import card_worker

    return card_worker.thumbnail(source, size)


class _Wanted:
    """Which request of each job is still wanted (shared with the pool thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[int, int] = {}

    def set(self, job_id: int, token: int) -> None:
        with self._lock:
            self._tokens[job_id] = token

    def drop(self, job_id: int) -> None:
        with self._lock:
            self._tokens.pop(job_id, None)

    def still(self, job_id: int, token: int) -> bool:
        with self._lock:
            return self._tokens.get(job_id) == token


class _Task(QRunnable):
    def __init__(self, job_id: int, token: int, source: Source, size: int,
                 signals: _Signals, wanted: _Wanted) -> None:
        super().__init__()
        self.job_id = job_id
        self.token = token
        self.source = source
        self.size = size
        self.signals = signals
        self.wanted = wanted

    def run(self) -> None:
        if not self.wanted.still(self.job_id, self.token):
            return  # given up while it waited: its row scrolled away
        from pictotext_desktop import card_worker

        if not card_worker.looks_take(self.source):
            lower_this_thread_priority()  # made here, not only waited for: yield the CPU
        self.signals.ready.emit(self.job_id, self.token,
                                render_thumbnail(self.source, self.size))


class ThumbnailMaker(QObject):
    """Queues thumbnail work on a private pool; `ready(job_id, QImage)` in the GUI thread;
    `dropped(job_id)` for a request given up before it ran."""

    ready = Signal(int, QImage)
    dropped = Signal(int)

    def __init__(self, size: int = 96, parent: QObject | None = None, *,
                 pending_limit: int = 48) -> None:
        super().__init__(parent)
        self.size = size
        self.pending_limit = pending_limit
        self.pool = QThreadPool(self)
        # One thread: thumbnails are nice to have; a responsive window is a must.
        self.pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.ready.connect(self._done)
        self._wanted = _Wanted()
        # job id -> (token, source), oldest first
        self._pending: OrderedDict[int, tuple[int, Source]] = OrderedDict()
        self._tokens = itertools.count(1)

    def request(self, job_id: int, source: Source) -> None:
        """Make `source`'s thumbnail for the row; a request for another source (the row
        became a card of its photo) replaces the row's earlier one."""
        waiting = self._pending.get(job_id)
        if waiting is not None and (waiting[1] is source or waiting[1] == source):
            return
        token = next(self._tokens)
        self._pending.pop(job_id, None)
        self._pending[job_id] = (token, source)
        self._wanted.set(job_id, token)
        # Later requests first: the rows on screen now, not those scrolled past.
        self.pool.start(_Task(job_id, token, source, self.size, self._signals, self._wanted),
                        token % 2**30)
        while len(self._pending) > self.pending_limit:
            oldest, _token = self._pending.popitem(last=False)
            self._wanted.drop(oldest)
            self.dropped.emit(oldest)

    def _done(self, job_id: int, token: int, png: bytes) -> None:
        waiting = self._pending.get(job_id)
        if waiting is not None and waiting[0] != token:
            return  # replaced by a request for the row's new source
        self._pending.pop(job_id, None)
        self._wanted.drop(job_id)
        image = QImage()
        if png:
            image.loadFromData(png)
        self.ready.emit(job_id, image)

    def wait(self, ms: int = 5000) -> bool:
        return bool(self.pool.waitForDone(ms))
