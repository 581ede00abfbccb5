"""Thumbnails made off the GUI thread (QThreadPool), delivered by a signal, on demand.

Decoding a 12 MP photo takes ~50-300 ms: never on the GUI thread.  `imaging.make_thumbnail`
(draft/reduce, EXIF orientation, HEIC) does the work in the pool, with Pillow only; the GUI
thread loads the small PNG it makes (96 px: a fraction of a millisecond).  No Qt image
decoder runs off the GUI thread: one there while the window decoded a preview with
QImageReader hung both (seen in 1,000-image batches; not since).  A file `make_thumbnail`
refuses (unreadable, too many pixels) gets no thumbnail.

The queue asks for a thumbnail when a row is first shown (QueueModel.thumbnail_wanted), so
a batch of 1,000 files makes a dozen, not 1,000.  The newest requests run first (the rows
on screen now); past `pending_limit` the oldest waiting ones are given up (`dropped`), and
the queue asks again if those rows are shown again.

A row that is one card of a photo (`photo.jpg #2`, a `CardSource`) shows that card, not
the photo: it is cut by its corners from the small copy the card step looks at
(`card_prepare.look`, CARD_LOOK_SIDE px, the corners kept from the count), straightened at
the thumbnail's size, in the same pool.  A row whose source changes (the photo's row
becoming card #1 once its cards are counted) asks again; the answer to a request since
replaced is dropped.
"""

from __future__ import annotations

import io
import itertools
import threading
from collections import OrderedDict

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from pictotext_desktop.card_prepare import CardSource
from pictotext_desktop.imaging import Source, make_thumbnail
from pictotext_desktop.jobs import lower_this_thread_priority

# px: the photo is decoded about this large to cut a card row's thumbnail out of it (a card
# a third of the photo's width is still ~170 px there, over the 96 px thumbnail).
CARD_LOOK_SIDE = 512


class _Signals(QObject):
    ready = Signal(int, int, bytes)  # job id, token, PNG (empty when it could not be made)


def render_thumbnail(source: Source, size: int) -> bytes:
    """An upright PNG whose long side is at most `size` (empty on failure); Pillow only.
    One card of a photo: that card (`card_thumbnail`)."""
    lower_this_thread_priority()
    try:
        if isinstance(source, CardSource):
            return card_thumbnail(source, size)
        return make_thumbnail(source, size)
    except Exception:  # an unreadable image shows its error on the row, not here
        return b""


def card_thumbnail(source: CardSource, size: int) -> bytes:
    """Card `source.index` of its photo, straightened, `size` px wide, as a PNG; the whole
    photo's thumbnail should the card step no longer find that card."""
    from pictotext_desktop import card_prepare
    from pictotext_desktop.cards.straighten import straighten

    image, found = card_prepare.look(source, 0, CARD_LOOK_SIDE)
    if source.index >= len(found.quads):
        return make_thumbnail(source.photo, size)
    card = straighten(image, found.quads[source.index], size)
    buffer = io.BytesIO()
    card.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


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
        # One low-priority thread: thumbnails are nice to have, a responsive window is not.
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
