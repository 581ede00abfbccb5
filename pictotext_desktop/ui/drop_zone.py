"""The empty state shown at first paint: what can be done, and where to drop.

Drops on it go on to the window (it does not accept them itself), which handles every
drop in one place.  This module is imported before the window's first paint, so it names
no `Qt` namespace enum: touching `PySide6.QtCore.Qt` costs ~25 ms of lazy enum set-up in
PySide6 6.12.  Enum-valued Qt properties are set by name through `setProperty` with the
C++ values below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QPaintEvent

# C++ values of Qt enums (stable ABI), for `setProperty` without importing `Qt`.
ALIGN_CENTER = 0x0084  # Qt::AlignCenter
CLICK_FOCUS = 0x2  # Qt::ClickFocus
STRONG_FOCUS = 0xB  # Qt::StrongFocus
STYLED_PANEL = 0x6  # QFrame::StyledPanel
SUNKEN = 0x30  # QFrame::Sunken
TEXT_BESIDE_ICON = 2  # Qt::ToolButtonTextBesideIcon
PLAIN_TEXT = 0  # Qt::PlainText: for text the app did not write (never rendered as HTML)
# The document type selector's width in characters, shared with its first-paint placeholder.
DOC_TYPE_MIN_CHARS = 34


class DropZone(QFrame):
    """The empty state: says what can be done (drops on it reach the window)."""

    open_files_clicked = Signal()
    open_folder_clicked = Signal()
    paste_clicked = Signal()
    # After each paint; the window builds its rest after the first.  (A signal, not an
    # event filter: a filter sees every event before the paint, and comparing their
    # types sets up QEvent.Type's ~170 members, ~2 ms before the first paint.)
    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAccessibleName(self.tr("Drop zone"))
        self.setAccessibleDescription(self.tr(
            "Drop photos or folders here, or paste a picture with Ctrl+V"))
        self.setProperty("frameShape", STYLED_PANEL)
        self.setProperty("frameShadow", SUNKEN)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.headline = QLabel(self.tr("Drop photos or folders here"))
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setProperty("alignment", ALIGN_CENTER)
        self.hint = QLabel(self.tr("…or paste a picture with Ctrl+V, or choose files:"))
        self.hint.setProperty("alignment", ALIGN_CENTER)
        layout.addWidget(self.headline)
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_files_button = QPushButton(self.tr("Open files…"))
        self.open_folder_button = QPushButton(self.tr("Open folder…"))
        self.paste_button = QPushButton(self.tr("Paste"))
        for button, signal in ((self.open_files_button, self.open_files_clicked),
                               (self.open_folder_button, self.open_folder_clicked),
                               (self.paste_button, self.paste_clicked)):
            button.setAccessibleName(button.text().rstrip("…"))
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setProperty("textFormat", PLAIN_TEXT)  # quotes the key's ending
        self.status.setProperty("alignment", ALIGN_CENTER)
        self.status.setWordWrap(True)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status.setAccessibleName(self.tr("Engine and key status"))
        layout.addSpacing(12)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The frame, and a focus ring in the highlight colour while it has focus.

        A QFrame draws no focus indicator of its own; a keyboard user must see where
        Ctrl+V and the Tab chain start.  (Drawn with the palette, no style enums.)
        """
        super().paintEvent(event)
        self.painted.emit()
        if not self.hasFocus():
            return
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
        pen.setWidth(2)
        painter.setPen(pen)
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()


def accept_drag(event: QDragEnterEvent | QDragMoveEvent) -> None:
    """Accept anything with URLs or an image; what is usable is decided on drop."""
    mime = event.mimeData()
    if mime is not None and (mime.hasUrls() or mime.hasImage()):
        event.acceptProposedAction()
    else:
        event.ignore()
