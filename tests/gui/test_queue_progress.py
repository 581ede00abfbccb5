"""The queue's progress bars: drawn by the style once per look, then from a cache.

During a batch the visible rows are painted again at every progress step; the style's
progress bar costs about a millisecond a row, so each look (value, size, state, palette)
is drawn once and kept.  What a person sees must not change: the same pixels as the
style's own bar, and a palette change (a dark theme) shows at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QPalette,
    QPixmapCache,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QWidget,
)

from pictotext_desktop.ui.queue_view import ProgressDelegate

CELL = QRect(0, 0, 120, 30)


class CountingStyle(QProxyStyle):
    """The app's style, counting the progress bars it is asked to draw."""

    def __init__(self) -> None:
        super().__init__()
        self.bars = 0

    def drawControl(self, element: Any, option: Any, painter: Any,
                    widget: Any = None) -> None:
        if element == QStyle.ControlElement.CE_ProgressBar:
            self.bars += 1
        super().drawControl(element, option, painter, widget)


def _state(selected: bool) -> QStyle.StateFlag:
    return QStyle.StateFlag.State_Enabled | (
        QStyle.StateFlag.State_Selected if selected else QStyle.StateFlag.State_None)


def _on_a_cell(palette: QPalette, draw: Callable[[QPainter], object]) -> QImage:
    """What `draw` paints on an empty cell of the palette's base colour."""
    image = QImage(CELL.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(palette.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    try:
        draw(painter)
    finally:
        painter.end()
    return image


def painted(delegate: ProgressDelegate, widget: QWidget, value: int,
            palette: QPalette, selected: bool = False) -> QImage:
    model = QStandardItemModel(1, 1)
    item = QStandardItem()
    item.setData(value, Qt.ItemDataRole.DisplayRole)
    model.setItem(0, 0, item)
    option = QStyleOptionViewItem()
    option.rect = CELL
    option.palette = palette
    option.widget = widget
    option.state = _state(selected)
    return _on_a_cell(palette, lambda painter: delegate.paint(painter, option,
                                                                model.index(0, 0)))


def the_styles_own(widget: QWidget, value: int, palette: QPalette,
                   selected: bool = False) -> QImage:
    """The bar as the style draws it straight on the cell (how it was drawn before)."""
    bar = QStyleOptionProgressBar()
    bar.rect = CELL.adjusted(4, 6, -4, -6)
    bar.minimum, bar.maximum, bar.progress, bar.textVisible = 0, 100, value, False
    bar.palette = palette
    bar.state = _state(selected)
    return _on_a_cell(palette, lambda painter: widget.style().drawControl(
        QStyle.ControlElement.CE_ProgressBar, bar, painter))


def largest_difference(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixelColor(x, y), b.pixelColor(x, y)
            worst = max(worst, abs(pa.red() - pb.red()), abs(pa.green() - pb.green()),
                        abs(pa.blue() - pb.blue()))
    return worst


def dark() -> QPalette:
    palette = QPalette(QApplication.palette())
    for role, rgb in ((QPalette.ColorRole.Base, "#202124"),
                      (QPalette.ColorRole.Window, "#292a2d"),
                      (QPalette.ColorRole.Highlight, "#8ab4f8"),
                      (QPalette.ColorRole.Button, "#3c4043"),
                      (QPalette.ColorRole.Text, "#e8eaed")):
        palette.setColor(role, QColor(rgb))
    return palette


def test_a_bar_looks_as_the_style_draws_it(qapp: Any) -> None:
    QPixmapCache.clear()
    widget = QWidget()
    delegate = ProgressDelegate()
    light = QApplication.palette()
    for value in (0, 40, 100):
        for selected in (False, True):
            mine = painted(delegate, widget, value, light, selected)
            assert largest_difference(mine, the_styles_own(widget, value, light,
                                                           selected)) <= 2
    half, full = painted(delegate, widget, 50, light), painted(delegate, widget, 100, light)
    assert largest_difference(half, full) > 30  # the value shows


def test_a_look_is_drawn_by_the_style_once(qapp: Any) -> None:
    QPixmapCache.clear()
    style = CountingStyle()
    widget = QWidget()
    widget.setStyle(style)
    delegate = ProgressDelegate()
    light = QApplication.palette()
    first = painted(delegate, widget, 40, light)
    for _ in range(20):
        assert painted(delegate, widget, 40, light) == first
    assert style.bars == 1
    painted(delegate, widget, 41, light)  # a step further: drawn anew
    assert style.bars == 2


def test_a_palette_change_shows_at_once(qapp: Any) -> None:
    QPixmapCache.clear()
    widget = QWidget()
    delegate = ProgressDelegate()
    light, night = QApplication.palette(), dark()
    before = painted(delegate, widget, 60, light)
    after = painted(delegate, widget, 60, night)
    assert largest_difference(before, after) > 60
    assert largest_difference(after, the_styles_own(widget, 60, night)) <= 2
