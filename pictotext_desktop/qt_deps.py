"""Name the system libraries Qt needs that are missing, before Qt fails cryptically.

On a fresh Linux, Qt's own message is "could not load the Qt platform plugin 'xcb'",
which tells a person nothing.  This checks the shared libraries first and names the
Debian/Ubuntu packages to install.
"""

from __future__ import annotations

import _socket  # not `socket`: its enums cost ~4 ms of start-up, for two local connects
import os
import re
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
    """Whether the dynamic linker loads `soname`, as `ctypes.CDLL(soname)` would find out
    (Linux only).  The libraries stay loaded and Qt, which links them, reuses them."""
    import _ctypes  # what ctypes.CDLL calls; `ctypes` itself costs ~3 ms of start-up

    try:
        _ctypes.dlopen(soname, os.RTLD_LOCAL)
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


_PROBE_TIMEOUT = 2.0  # seconds; a display server answers a connect at once
_X_DISPLAY = re.compile(r"^(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?$")


def _connects(family: int, address: str | tuple[str, int]) -> bool:
    try:
        sock = _socket.socket(family, _socket.SOCK_STREAM)
    except OSError:
        return False
    try:
        sock.settimeout(_PROBE_TIMEOUT)
        sock.connect(address)
    except OSError:
        return False
    finally:
        sock.close()
    return True


def x_display_answers(display: str) -> bool:
    """Whether an X server accepts connections at this DISPLAY value.

    `:N` and `unix:N` are the socket /tmp/.X11-unix/XN (or its abstract twin, all some
    containers have); `host:N` is TCP port 6000+N.  A value this cannot parse is left to
    Qt (True).
    """
    match = _X_DISPLAY.match(display.strip())
    if match is None:
        return True
    host, number = match["host"], int(match["number"])
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        return _connects(_socket.AF_UNIX, path) or _connects(_socket.AF_UNIX, "\0" + path)
    import socket  # a remote display: name lookup and TCP

    try:
        socket.create_connection((host, 6000 + number), timeout=_PROBE_TIMEOUT).close()
    except OSError:
        return False
    return True


def wayland_display_answers(name: str) -> bool:
    """Whether a Wayland compositor listens at WAYLAND_DISPLAY (a name in XDG_RUNTIME_DIR,
    or an absolute path)."""
    if os.path.isabs(name):
        path = name
    else:
        runtime = os.environ.get("XDG_RUNTIME_DIR", "")
        if not runtime:
            return False
        path = os.path.join(runtime, name)
    return _connects(_socket.AF_UNIX, path)


def unreachable_display() -> str | None:
    """What is wrong when DISPLAY/WAYLAND_DISPLAY name a display server that is not there.

    Qt would abort (SIGABRT) after suggesting a missing libxcb-cursor0, which sends people
    to install a package they have.  Linux only; a chosen non-display platform (offscreen,
    …) is not probed, nor is the case of no display at all (`no_display`).
    """
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if platform and platform != "xcb" and not platform.startswith("wayland"):
        return None
    candidates: list[tuple[str, str, bool]] = []  # (variable, value, answers)
    display = os.environ.get("DISPLAY", "")
    wayland = os.environ.get("WAYLAND_DISPLAY", "")
    if display and platform in ("", "xcb"):
        candidates.append(("DISPLAY", display, x_display_answers(display)))
    if wayland and (platform == "" or platform.startswith("wayland")):
        candidates.append(("WAYLAND_DISPLAY", wayland, wayland_display_answers(wayland)))
    if not candidates or any(answers for _name, _value, answers in candidates):
        return None
    where = " or ".join(f"{name}={value}" for name, value, _answers in candidates)
    return (
        f"No display server answers at {where}. The display this session names is not "
        "running (a terminal left over from an ended desktop session, or a forwarded "
        "display that closed). Start the app from your desktop session, set DISPLAY or "
        "WAYLAND_DISPLAY to a running display, or use 'pictotext-desktop scan' without a "
        "window."
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
    unreachable = unreachable_display()
    if unreachable:
        problems.append(unreachable)
    if no_display():
        problems.append(
            "No graphical display was found (DISPLAY and WAYLAND_DISPLAY are not set). "
            "Start the app from a desktop session, or use 'pictotext-desktop scan' "
            "without a window."
        )
    return "\n".join(problems) or None
