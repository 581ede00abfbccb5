"""The "Removed N results — Undo" strip shown above the queue after a removal.

Removing rows (Delete, Clear finished) asks nothing, since a question on every removal
trains people to click Yes; instead the removal can be taken back for a while, here or
with Ctrl+Z.  The bar is non-modal: it hides itself after `TIMEOUT_MS`, when dismissed,
or when the window drops the removal it offers to undo.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

TIMEOUT_MS = 20_000


class UndoBar(QFrame):
    undo_requested = Signal()
    dismissed = Signal()  # closed by hand or timed out: the removal is final

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Undo removal"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        self.label = QLabel()
        self.undo_button = QPushButton(self.tr("&Undo"))
        self.undo_button.setToolTip(self.tr("Put the removed results back (Ctrl+Z)"))
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAccessibleName(self.tr("Dismiss"))
        self.close_button.setAutoRaise(True)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TIMEOUT_MS)
        self.timer.timeout.connect(self._expire)
        self.undo_button.clicked.connect(self._undo)
        self.close_button.clicked.connect(self._expire)
        self.setVisible(False)

    def show_removed(self, count: int) -> None:
        """Offer to undo the removal of `count` rows (restarts the timeout)."""
        self.label.setText(self.tr("Removed {n} result(s)").format(n=count))
        self.setVisible(True)
        self.timer.start()

    def clear(self) -> None:
        """Hide without signalling (the window already dropped the removal)."""
        self.timer.stop()
        self.setVisible(False)

    def _undo(self) -> None:
        self.clear()
        self.undo_requested.emit()

    def _expire(self) -> None:
        self.clear()
        self.dismissed.emit()
