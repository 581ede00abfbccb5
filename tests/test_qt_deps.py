"""On a fresh Linux the app names the missing Qt libraries instead of Qt's plugin error."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pictotext_desktop import qt_deps

ROOT = Path(__file__).resolve().parent.parent
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


# -- a display that names no running server ---------------------------------------------
def _listening_unix(path: str) -> socket.socket:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    return server


def test_a_stale_display_exits_with_a_clear_message_instead_of_qt_aborting(
        tmp_path: Path) -> None:
    if os.path.exists("/tmp/.X11-unix/X987"):
        pytest.skip("something listens at display :987 here")
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":987", PYTHONPATH=str(ROOT),
               PICTOTEXT_CONFIG_DIR=str(tmp_path / "config"),
               PICTOTEXT_LOG_DIR=str(tmp_path / "logs"))
    result = subprocess.run([sys.executable, "-m", "pictotext_desktop"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.stderr.startswith("No display server answers at DISPLAY=:987."), \
        result.stderr
    assert "xcb-cursor" not in result.stderr
    assert "Aborted" not in result.stderr and "Traceback" not in result.stderr


def test_a_running_x_server_is_found_by_unix_socket_or_tcp(
        monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        number = server.getsockname()[1] - 6000
        if number < 0:
            pytest.skip("the free port is below 6000")
        assert qt_deps.x_display_answers(f"127.0.0.1:{number}.0")
    assert not qt_deps.x_display_answers(":987")
    assert qt_deps.x_display_answers("not a display value")  # left to Qt


def test_wayland_socket_in_the_runtime_dir(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-7")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    message = qt_deps.unreachable_display()
    assert message is not None and "WAYLAND_DISPLAY=wayland-7" in message
    with _listening_unix(str(tmp_path / "wayland-7")):
        assert qt_deps.unreachable_display() is None
    # A stale Wayland name with a running X server beside it: Qt falls back to X.
    monkeypatch.setenv("DISPLAY", ":987")
    message = qt_deps.unreachable_display()
    assert message is not None and "DISPLAY=:987 or WAYLAND_DISPLAY=wayland-7" in message
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # no display needed: not probed
    assert qt_deps.unreachable_display() is None
