"""Drag events built the way the installed PySide6 takes them.

QDragEnterEvent/QDragMoveEvent take a QPointF from PySide6 6.12 on (the QPoint overload is
deprecated there) but only a QPoint before it; QDropEvent takes a QPointF in both.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent


def drag_enter_event(pos: QPoint, mime: QMimeData) -> QDragEnterEvent:
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    try:
        return QDragEnterEvent(QPointF(pos), *args)
    except TypeError:
        return QDragEnterEvent(pos, *args)


def drop_event(pos: QPoint, mime: QMimeData) -> QDropEvent:
    return QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
