"""Thumbnails made off the GUI thread (QThreadPool), delivered by a signal.

Decoding a 12 MP photo takes ~50-300 ms: never on the GUI thread.  `imaging.make_thumbnail`
(draft/reduce, EXIF orientation, HEIC) does the work; if it is missing or fails, Qt's
QImageReader with a scaled size is the fallback.  The worker returns a QImage (safe across
threads); the GUI thread turns it into a QPixmap.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader

from pictotext_desktop.imaging import Source


class _Signals(QObject):
    ready = Signal(int, QImage)  # job id, image (null when it could not be made)


def render_thumbnail(source: Source, size: int) -> QImage:
    """An upright QImage whose long side is at most `size` (null image on failure)."""
    try:
        from pictotext_desktop.imaging import make_thumbnail
        from pictotext_desktop.jobs import lower_this_thread_priority

        lower_this_thread_priority()
        png = make_thumbnail(source, size)
        image = QImage()
        if image.loadFromData(png):
            return image
    except Exception:  # an unreadable image shows its error on the row, not here
        pass
    if source.path is None:
        image = QImage()
        if source.data and image.loadFromData(source.data):
            return image.scaled(size, size, aspectMode=Qt.AspectRatioMode.KeepAspectRatio)
        return QImage()
    reader = QImageReader(str(source.path))
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid() and original.width() > 0 and original.height() > 0:
        scale = size / max(original.width(), original.height())
        if scale < 1:
            reader.setScaledSize(QSize(max(1, int(original.width() * scale)),
                                       max(1, int(original.height() * scale))))
    image = reader.read()
    return image if not image.isNull() else QImage()



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
