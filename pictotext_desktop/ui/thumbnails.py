"""Thumbnails made off the GUI thread (QThreadPool), delivered by a signal.

Decoding a 12 MP photo takes ~50-300 ms: never on the GUI thread.  `imaging.make_thumbnail`
(draft/reduce, EXIF orientation, HEIC) does the work; a file it refuses (unreadable, too
many pixels) gets no thumbnail.  The worker returns a QImage (safe across threads); the GUI
thread turns it into a QPixmap.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from pictotext_desktop.imaging import Source, make_thumbnail
from pictotext_desktop.jobs import lower_this_thread_priority


class _Signals(QObject):
    ready = Signal(int, QImage)  # job id, image (null when it could not be made)


def render_thumbnail(source: Source, size: int) -> QImage:
    """An upright QImage whose long side is at most `size` (null image on failure)."""
    lower_this_thread_priority()
    image = QImage()
    try:
        image.loadFromData(make_thumbnail(source, size))
    except Exception:  # an unreadable image shows its error on the row, not here
        return QImage()
    return image


class _Task(QRunnable):
    def __init__(self, job_id: int, source: Source, size: int, signals: _Signals) -> None:
        super().__init__()
        self.job_id = job_id
        self.source = source
        self.size = size
        self.signals = signals

    def run(self) -> None:
        self.signals.ready.emit(self.job_id, render_thumbnail(self.source, self.size))


class ThumbnailMaker(QObject):
    """Queues thumbnail work on a private pool; `ready(job_id, QImage)` in the GUI thread."""

    ready = Signal(int, QImage)

    def __init__(self, size: int = 96, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size = size
        self.pool = QThreadPool(self)
        # One low-priority thread: thumbnails are nice to have, a responsive window is not.
        self.pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.ready.connect(self.ready)

    def request(self, job_id: int, source: Source) -> None:
        self.pool.start(_Task(job_id, source, self.size, self._signals))

    def wait(self, ms: int = 5000) -> bool:
        return bool(self.pool.waitForDone(ms))
