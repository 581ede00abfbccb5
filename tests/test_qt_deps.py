"""On a fresh Linux the app names the missing Qt libraries instead of Qt's plugin error."""

from __future__ import annotations

import sys

import pytest

from pictotext_desktop import qt_deps

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux check")


def test_nothing_missing_here() -> None:
    assert qt_deps.missing_packages("offscreen") == []


def test_missing_libraries_are_named_with_their_packages(
        monkeypatch: pytest.MonkeyPatch) -> None:
    absent = {"libxcb-cursor.so.0", "libEGL.so.1"}
    monkeypatch.setattr(qt_deps, "_loadable", lambda soname: soname not in absent)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    message = qt_deps.missing_qt_libraries()
    assert message is not None
    assert "sudo apt-get install libegl1 libxcb-cursor0" in message
    # offscreen needs no xcb libraries
    assert qt_deps.missing_packages("offscreen") == ["libegl1"]


def test_no_display_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    message = qt_deps.missing_qt_libraries()
    assert message is not None and "No graphical display" in message
    assert "pictotext-desktop scan" in message
    assert qt_deps.no_display() == sys.platform.startswith("linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # a chosen platform needs no display
    assert not qt_deps.no_display()
