"""The result view's field rows: one per field, made once and shown again for the next
record.

Selecting a row of the queue shows another record of mostly the same shape (a Chinese ID
card after a Chinese ID card): making and polishing a label, an edit, a copy button and
their findings anew for every field is most of a selection's cost, so a plain row (one
editable line) keeps its widgets and gets the next field's texts and names.  Rows that
look different (masked, too long, a zone's lines, a Show button) are made anew.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QWidget,
)

from pictotext_desktop.jobs import Job
from pictotext_desktop.textsafe import shorten
from pictotext_desktop.ui.multiline import MultiLineEdit

LABEL_CHARS = 120  # a field name longer than this is shortened on screen
PLAIN = Qt.TextFormat.PlainText


def tr(text: str) -> str:
    return QCoreApplication.translate("ResultView", text)


def plain_label(text: str = "") -> QLabel:
    """A QLabel that shows `text` as written, never as HTML."""
    label = QLabel()
    label.setTextFormat(PLAIN)
    label.setText(text)
    return label


@dataclass
class FieldRow:
    key: str
    label: QLabel
    edit: QLineEdit | MultiLineEdit
    copy: QToolButton
    mark: QLabel
    checks: QLabel
    icon: QLabel
    too_long: bool = False  # shown shortened and read-only; the record keeps it whole
    grid_row: int = 0
    fixes: QWidget | None = None  # the suggestion buttons, made when there are any
    fix_values: tuple[str, ...] = ()
    parts: QLabel | None = None  # a zone's parts, read out
    owner: Job | None = None  # whose field: an edit finishing after a switch stays there
    masked: bool = False  # shows the masked value, read-only, until "Show" reveals it
    reveal: QToolButton | None = None
    plain: bool = True  # a one-line editable value: its widgets can show another field

    def widgets(self) -> list[QWidget]:
        return [w for w in (self.label, self.edit, self.copy, self.mark, self.checks, self.icon,
                            self.fixes, self.parts, self.reveal) if w is not None]


def add_row(grid: QGridLayout, key: str, text: str, name: str, value: str | None,
            edit: QLineEdit | MultiLineEdit, row_no: int, owner: Job | None,
            style: QStyle) -> FieldRow:
    """A new row in `grid` at `row_no`: the label, `edit`, its mark and Copy button, and
    the (hidden) findings line under it."""
    label = plain_label(text)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    edit.setAccessibleName(name)
    edit.setObjectName(f"field_{shorten(key, LABEL_CHARS)}")
    if value is None:
        edit.setPlaceholderText(tr("not read"))
    copy = QToolButton()
    copy.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
    copy.setText(tr("Copy"))
    copy.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    copy.setToolTip(tr("Copy this value"))
    copy.setAccessibleName(tr("Copy {label}").format(label=text.split("\n")[0]))
    mark = plain_label()
    mark.setForegroundRole(QPalette.ColorRole.Link)
    checks = plain_label()
    checks.setWordWrap(True)
    checks.setVisible(False)
    grid.addWidget(label, row_no, 0)
    grid.addWidget(edit, row_no, 1)
    grid.addWidget(mark, row_no, 2)
    grid.addWidget(copy, row_no, 3)
    icon = QLabel()
    icon.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    icon.setVisible(False)
    grid.addWidget(icon, row_no + 1, 0)
    grid.addWidget(checks, row_no + 1, 1, 1, 3)
    return FieldRow(key, label, edit, copy, mark, checks, icon, grid_row=row_no, owner=owner)


def show_again(row: FieldRow, key: str, text: str, name: str, value: str | None,
               owner: Job | None) -> None:
    """A plain row's widgets showing another field: its texts and names set again (the
    findings and suggestions are the caller's, as for a new row)."""
    row.key, row.owner, row.too_long, row.masked = key, owner, False, False
    row.label.setText(text)
    edit = row.edit
    assert isinstance(edit, QLineEdit)
    edit.setText(value or "")
    edit.setModified(False)
    edit.setAccessibleName(name)
    edit.setObjectName(f"field_{shorten(key, LABEL_CHARS)}")
    edit.setPlaceholderText(tr("not read") if value is None else "")
    row.copy.setAccessibleName(tr("Copy {label}").format(label=text.split("\n")[0]))
    for widget in (row.label, edit, row.copy, row.mark):
        if widget.isHidden():
            widget.setVisible(True)


def put_away(row: FieldRow) -> None:
    """A row showing no field: hidden, and holding no value of the last record."""
    row.owner = None
    for widget in row.widgets():
        widget.setVisible(False)
    for label in (row.label, row.checks, row.mark):
        label.setText("")
    row.edit.setText("")


def drop(grid: QGridLayout, widgets: Iterable[QWidget]) -> None:
    for widget in widgets:
        grid.removeWidget(widget)
        widget.hide()
        widget.deleteLater()


def chain_tab_order(rows: Iterable[FieldRow]) -> None:
    """Rows made new among rows shown again: Tab still goes down the fields in order."""
    before: QWidget | None = None
    for row in rows:
        chain: list[QWidget] = [row.edit, row.copy]
        if row.fixes is not None:
            chain += row.fixes.findChildren(QPushButton)
        if row.reveal is not None:
            chain.append(row.reveal)
        for widget in chain:
            if before is not None:
                QWidget.setTabOrder(before, widget)
            before = widget
