"""The application icon (every PNG size plus the SVG) and the vector status icons.

Qt picks the closest size for title bars, task bars and docks at any scale factor; the
SVG covers sizes between and above the PNGs.  Missing files are skipped (an icon-less
window is better than no window).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QIcon, QIconEngine, QImage, QPainter, QPixmap

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

from pictotext_desktop.paths import resource

ICON_NAME = "io.pictotext.Desktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_files() -> list[tuple[str, int]]:
    """(path, side in pixels) of the icon files that exist; the SVG last, with side 0."""
    found: list[tuple[str, int]] = []
    for side in PNG_SIZES:
        node = resource(f"icons/hicolor/{side}x{side}/apps/{ICON_NAME}.png")
        if node.is_file():
            found.append((str(node), side))
    svg = resource(f"icons/hicolor/scalable/apps/{ICON_NAME}.svg")
    if svg.is_file():
        found.append((str(svg), 0))
    return found


def app_icon() -> QIcon:
    """One QIcon holding every size (empty if no file was found)."""
    icon = QIcon()
    for path, side in icon_files():
        icon.addFile(path, QSize(side, side) if side else QSize())
    return icon


# -- status icons: vector, in the colour of what they say --------------------------------
STATUS_ICONS = ("clean", "problem", "failed", "nothing", "paused", "cancelled")
_svg_cache: dict[str, str] = {}


def status_svg(name: str, folder: str = "status") -> str:
    """The SVG text of a status icon (resources/icons/<folder>/<name>.svg)."""
    key = f"{folder}/{name}"
    if key not in _svg_cache:
        _svg_cache[key] = resource(f"icons/{key}.svg").read_text("utf-8")
    return _svg_cache[key]


class _SvgIconEngine(QIconEngine):
    """Draws an SVG at whatever size and scale is asked: crisp at 100 % and 200 %."""

    def __init__(self, svg: str) -> None:
        from PySide6.QtSvg import QSvgRenderer  # loaded on first use, not at start-up

        super().__init__()
        self._svg = svg
        self._renderer: QSvgRenderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        self._pixmaps: dict[tuple[int, int, float], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        # Each queue row's paint draws its status icon: the size drawn once, then copied
        # (rendering the SVG every time cost a twentieth of a queue repaint).
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        device = QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        key = (device.width(), device.height(), scale)
        cached = self._pixmaps.get(key)
        if cached is not None:
            return cached  # every row's paint asks again: draw each size once
        image = QImage(device, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, QRectF(0, 0, device.width(), device.height()))
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(scale)
        self._pixmaps[key] = pixmap
        return pixmap

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._svg)


_icon_cache: dict[tuple[str, str], QIcon] = {}
ACTION_ICONS = ("retry",)  # resources/icons/actions: vector toolbar icons of our own


def status_icon(name: str, colour: QColor, folder: str = "status") -> QIcon:
    """The status icon `name`, drawn in `colour` (a vector icon, any size); `folder`
    "actions": a toolbar icon the style has no crisp one for (resources/icons/actions)."""
    key = (f"{folder}/{name}", colour.name())
    icon = _icon_cache.get(key)
    if icon is None:
        svg = status_svg(name, folder).replace("currentColor", colour.name())
        icon = QIcon(_SvgIconEngine(svg))
        _icon_cache[key] = icon
    return icon
