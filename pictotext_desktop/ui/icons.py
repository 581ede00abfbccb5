"""The application icon from the hicolor set: every PNG size plus the SVG (HiDPI).

Qt picks the closest size for title bars, task bars and docks at any scale factor; the
SVG covers sizes between and above the PNGs.  Missing files are skipped (an icon-less
window is better than no window).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

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
