"""Name the system libraries Qt needs that are missing, before Qt fails cryptically.

On a fresh Linux, Qt's own message is "could not load the Qt platform plugin 'xcb'",
which tells a person nothing.  This checks the shared libraries first and names the
Debian/Ubuntu packages to install.
"""

from __future__ import annotations

import ctypes
import os
import sys

# library soname -> Debian package
_CORE = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "fontconfig",
}
_XCB = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_packages(platform: str | None = None) -> list[str]:
    """Debian package names whose libraries cannot be loaded (Linux only)."""
    if not sys.platform.startswith("linux"):
        return []
    platform = platform or os.environ.get("QT_QPA_PLATFORM", "")
    needed = dict(_CORE)
    if not platform.startswith(("offscreen", "wayland", "minimal", "vnc", "eglfs")):
        needed.update(_XCB)
    return [pkg for lib, pkg in needed.items() if not _loadable(lib)]


def no_display() -> bool:
    """Linux with no X11 or Wayland display and no Qt platform chosen (e.g. offscreen)."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
        and not os.environ.get("QT_QPA_PLATFORM")
    )


def missing_qt_libraries() -> str | None:
    """A message naming what to install, or None when everything is there."""
    missing = missing_packages()
    problems = []
    if missing:
        problems.append(
            "PicToText Desktop needs system libraries that are not installed.\n"
            "On Debian or Ubuntu, install them with:\n"
            f"  sudo apt-get install {' '.join(missing)}"
        )
    if no_display():
        problems.append(
            "No graphical display was found (DISPLAY and WAYLAND_DISPLAY are not set). "
            "Start the app from a desktop session, or use 'pictotext-desktop scan' "
            "without a window."
        )
    return "\n".join(problems) or None
