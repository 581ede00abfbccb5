"""A line of feedback that looks like what it says: a problem with an icon and the
"bad" colour, a success with a check mark, anything else as plain text.

Colour is never alone: the icon's shape and the words carry it too.  The colours come
from ui/theme.py, made readable on the palette in use, and are picked again when the
palette changes (light/dark switched while the dialog is open).  The text is shown as
written (server reasons and typed values are not ours to render as HTML).
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from pictotext_desktop.ui import theme


class Kind(enum.StrEnum):
    INFO = "info"
    GOOD = "good"
    PROBLEM = "problem"


_LOOK = {Kind.GOOD: ("clean", theme.Tone.GOOD), Kind.PROBLEM: ("failed", theme.Tone.BAD)}


class ProblemLine(QWidget):
    """Icon + words; `text()`/`setText()`/`clear()` as a QLabel's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.kind = Kind.INFO
        self._show_look()

    def text(self) -> str:
        return self.label.text()

    def textFormat(self) -> Qt.TextFormat:
        return self.label.textFormat()

    def setText(self, text: str) -> None:
        self.show_text(text, Kind.INFO)

    def clear(self) -> None:
        self.show_text("", Kind.INFO)

    def setWordWrap(self, on: bool) -> None:
        self.label.setWordWrap(on)

    def show_text(self, text: str, kind: Kind = Kind.INFO) -> None:
        self.kind = kind
        self.label.setText(text)
        self.setProperty("problem", kind == Kind.PROBLEM)
        self._show_look()
        prefix = {Kind.PROBLEM: self.tr("Problem: "), Kind.GOOD: ""}.get(kind, "")
        self.label.setAccessibleName(self.accessibleName())
        self.label.setAccessibleDescription(prefix + text if text else "")

    def colour_name(self) -> str:
        """The text colour in use ("" for the palette's own)."""
        look = _LOOK.get(self.kind)
        return theme.tone_colour(look[1], self.palette()).name() if look else ""

    def _show_look(self) -> None:
        look = _LOOK.get(self.kind)
        if look is None or not self.label.text():
            self.icon.clear()
            self.icon.setVisible(False)
            self.label.setPalette(QPalette())  # the palette's own text colour again
            return
        from pictotext_desktop.ui.icons import status_icon

        colour = theme.tone_colour(look[1], self.palette())
        side = self.label.fontMetrics().height()
        self.icon.setPixmap(status_icon(look[0], colour).pixmap(side, side))
        self.icon.setVisible(True)
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.label.setPalette(palette)  # only the text's colour; the rest is inherited

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._show_look()
        super().changeEvent(event)
