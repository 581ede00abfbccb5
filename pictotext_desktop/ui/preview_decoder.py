"""The result view's preview, decoded in the event loop's next turn, not in the selection.

Decoding the prepared image even at the preview's size (JPEG DCT scaling) takes 3-20 ms,
and it happened inside each selection, on top of the rows and the paint: one turn of the
event loop, one long stall.  Now the selection shows its rows and paints, and the picture
is decoded in a turn of its own; only the latest request is decoded (a person going
down the queue with the arrow key never waits for the pictures of rows already left).

Not in a thread: a QImageReader in a Python thread deadlocked against the GUI thread
(the reader holding the GIL while waiting for a lock of Qt's that the GUI thread held
while waiting for the GIL).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QImage, QImageReader


def decode_scaled(data: bytes, size: tuple[int, int], width: int, height: int) -> QImage:
    """Decode straight to at most `width` x `height` (a full decode costs far more)."""
    scale = min(width / max(1, size[0]), height / max(1, size[1]), 1.0)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setScaledSize(QSize(max(1, int(size[0] * scale)), max(1, int(size[1] * scale))))
    return reader.read()


class PreviewDecoder(QObject):
    """`request(key, ...)`; `decoded(key, image)` follows in a later turn of the event
    loop, for the latest key only (a null image when the bytes cannot be decoded)."""

    decoded = Signal(object, QImage)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The latest request, until it is forgotten (the receiver takes it, or another
        # row is shown): what `wanted` answers from.
        self._pending: tuple[object, bytes, tuple[int, int], int, int] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._decode)

    def request(self, key: object, data: bytes, size: tuple[int, int],
                width: int, height: int) -> None:
        self._pending = (key, data, size, width, height)
        self._timer.start()

    def forget(self) -> None:
        """Nothing wanted any more (another row, or none, is shown)."""
        self._pending = None

    def wanted(self, key: object) -> bool:
        return key is not None and self._pending is not None and key == self._pending[0]

    def _decode(self) -> None:
        pending = self._pending
        if pending is None:
            return
        key, data, size, width, height = pending
        self.decoded.emit(key, decode_scaled(data, size, width, height))

    def shutdown(self) -> None:
        """On quit: nothing more is decoded."""
        self.forget()
        self._timer.stop()
