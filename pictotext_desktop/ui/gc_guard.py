"""Python's cyclic garbage collector runs on the GUI thread only.

Automatic collection runs in whichever thread happens to allocate; if that is an upload
or thumbnail thread and the garbage holds Qt objects (a closed dialog caught in a
reference cycle), Qt destroys widgets off the GUI thread and the process crashes.  So
the app turns automatic collection off and runs the same generational collection from a
timer on the GUI thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


def collect_if_due(threshold: tuple[int, int, int]) -> None:
    """What automatic GC would have done by now: one collection of the oldest generation
    past its threshold (collecting a generation collects the younger ones too)."""
    count0, count1, count2 = gc.get_count()
    if count0 <= threshold[0]:
        return
    if count1 <= threshold[1]:
        gc.collect(0)
    elif count2 <= threshold[2]:
        gc.collect(1)
    else:
        gc.collect(2)


class GuiThreadGarbageCollector(QObject):
    """Install once, after the QApplication exists; `uninstall()` restores automatic GC."""

    INTERVAL_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        collect_if_due(self.threshold)

    def uninstall(self) -> None:
        self.timer.stop()
        gc.enable()
