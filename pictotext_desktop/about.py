"""Versions and environment for Help → About, support reports and crash reports.

Qt-free: Qt and the imaging libraries are imported only when asked for, so the CLI can
print the same facts.  Nothing here reads a key, a setting value or a file path under the
home folder: the text is meant to be pasted into an email.
"""

from __future__ import annotations

import contextlib
import locale
import platform
import sys
from importlib import metadata

from pictotext_desktop import APP_NAME, __version__

UNAVAILABLE = "not available"


def _distribution_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _qt_versions() -> tuple[str, str]:
    try:
        import PySide6
        from PySide6 import QtCore
    except Exception as exc:  # missing, or a system library Qt needs is absent
        return f"{UNAVAILABLE} ({type(exc).__name__})", UNAVAILABLE
    return str(QtCore.qVersion()), str(PySide6.__version__)


def _heif_versions() -> tuple[str, str]:
    try:
        import pi_heif
    except Exception as exc:
        return f"{UNAVAILABLE} ({type(exc).__name__})", UNAVAILABLE
    try:
        libheif = str(pi_heif.libheif_version())
    except Exception:
        libheif = UNAVAILABLE
    return str(pi_heif.__version__), libheif


def _pillow_version() -> str:
    try:
        import PIL
    except Exception as exc:
        return f"{UNAVAILABLE} ({type(exc).__name__})"
    return str(PIL.__version__)


def os_description() -> str:
    """E.g. 'Debian GNU/Linux 12 (bookworm), Linux 6.1.0 x86_64' or 'Windows 11 (10.0.22631)'."""
    system = platform.system()
    machine = platform.machine()
    if system == "Linux":
        pretty = None
        with contextlib.suppress(OSError):
            pretty = platform.freedesktop_os_release().get("PRETTY_NAME")
        kernel = f"Linux {platform.release()} {machine}"
        return f"{pretty}, {kernel}" if pretty else kernel
    if system == "Darwin":
        return f"macOS {platform.mac_ver()[0]} {machine}"
    if system == "Windows":
        return f"Windows {platform.release()} ({platform.version()}) {machine}"
    return f"{platform.platform()} {machine}"


def versions() -> dict[str, str]:
    """Name -> version of the app and every library whose version matters for a bug."""
    qt, pyside = _qt_versions()
    heif, libheif = _heif_versions()
    result = {
        APP_NAME: __version__,
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "Qt": qt,
        "PySide6": pyside,
        "Pillow": _pillow_version(),
        "pi-heif": heif,
        "libheif": libheif,
    }
    # The on-device engine, by metadata only: importing it would load onnxruntime.
    for dist in ("rapidocr", "onnxruntime"):
        result[dist] = _distribution_version(dist) or UNAVAILABLE
    result["OS"] = os_description()
    return result


def build_kind() -> str:
    if getattr(sys, "frozen", False):
        return "frozen bundle"
    return "Python package"


def support_environment() -> str:
    """Plain 'Name: version' lines for support reports and crash reports."""
    lines = [f"{name}: {value}" for name, value in versions().items()]
    lines.append(f"Build: {build_kind()}")
    try:
        lang = locale.getlocale()[0] or "unknown"
    except ValueError:
        lang = "unknown"
    lines.append(f"Locale: {lang}; filesystem encoding: {sys.getfilesystemencoding()}")
    return "\n".join(lines)
