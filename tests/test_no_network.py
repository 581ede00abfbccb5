"""The on-device engine keeps its promise: no network, nothing written outside the app's own
folders (docs/privacy.md: "no telemetry").

onnxruntime's wheels collect telemetry by default: a device id and an event queue under
~/.cache/Microsoft, and a long-running process resolves Microsoft's telemetry host.  Each
test runs the real app in a fresh HOME with no key, under `strace -e trace=connect,openat`,
reads a generated card on this computer, and then checks that no AF_INET/AF_INET6 connect
was made (AF_UNIX, the X server and D-Bus, is fine) and that every file in HOME lies in
one of the app's own folders.  The openat trace proves the ONNX models were really loaded.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pictotext_desktop import APP_ID
from tests.image_corpus import card_image
from tests.xdisplay import missing, xvfb

pytestmark = [pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
XDG = {
    "XDG_CONFIG_HOME": ".config",
    "XDG_CACHE_HOME": ".cache",
    "XDG_DATA_HOME": ".local/share",
    "XDG_STATE_HOME": ".local/state",
}
WINDOW_SECONDS = 30  # onnxruntime's uploader starts a while after the first inference
_INET = re.compile(r"\bconnect\(.*sa_family=AF_INET6?\b")
_MODEL = re.compile(r'\bopenat\(.*\.onnx"')


def _needs(*tools: str) -> None:
    absent = missing(*tools)
    if absent:
        pytest.skip(f"needs {', '.join(absent)} (Debian packages strace, xvfb, dbus)")


def _fresh_home(tmp_path: Path) -> tuple[dict[str, str], Path, Path]:
    """A minimal environment: fresh HOME with the XDG folders inside it, no key, no keyring.

    Returns (env, home, card).  The keyring is the "none available" backend, so no Secret
    Service is started (its daemon and prompter would write to HOME themselves).
    """
    home = tmp_path / "home"
    home.mkdir()
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    card = tmp_path / "card.jpg"
    card_image().save(card, "JPEG", quality=90)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "PYTHONPATH": str(ROOT),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **{name: str(home / sub) for name, sub in XDG.items()},
    }
    if "LD_LIBRARY_PATH" in os.environ:
        env["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
    return env, home, card


def _foreign_files(env: dict[str, str], home: Path) -> list[str]:
    """Files in HOME outside the app's own config/cache/data/state(log) folders."""
    own = [Path(env[name]) / APP_ID for name in XDG]
    return sorted(
        str(path.relative_to(home)) for path in home.rglob("*")
        if not path.is_dir() and not any(path.is_relative_to(folder) for folder in own)
    )


def _check_trace(trace: Path) -> None:
    text = trace.read_text(errors="replace")
    assert _MODEL.search(text), "the on-device models were never opened: nothing was read"
    inet = [line for line in text.splitlines() if _INET.search(line)]
    assert not inet, f"{len(inet)} network connect(s):\n" + "\n".join(inet[:10])


def test_scan_on_device_makes_no_connection_and_writes_only_its_own_files(
        tmp_path: Path) -> None:
    _needs("strace")
    env, home, card = _fresh_home(tmp_path)
    trace = tmp_path / "trace.txt"
    result = subprocess.run(
        ["strace", "-f", "-e", "trace=connect,openat", "-o", str(trace),
         sys.executable, "-m", "pictotext_desktop", "scan", str(card)],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "(cn_id_card, local)" in result.stdout
    _check_trace(trace)
    assert _foreign_files(env, home) == []


@pytest.mark.xvfb
def test_window_on_device_stays_offline_for_half_a_minute(tmp_path: Path) -> None:
    _needs("strace", "Xvfb", "dbus-run-session")
    env, home, card = _fresh_home(tmp_path)
    trace = tmp_path / "trace.txt"
    with xvfb() as display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        proc = subprocess.Popen(
            ["dbus-run-session", "--", "strace", "-f", "-e", "trace=connect,openat",
             "-o", str(trace), sys.executable, "-m", "pictotext_desktop", str(card)],
            env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True)
        try:
            deadline = time.monotonic() + WINDOW_SECONDS
            while time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.5)
            early_exit = proc.poll()
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
            output, _ = proc.communicate(timeout=30)
    assert early_exit is None, f"the window quit by itself ({early_exit}): {output!r}"
    _check_trace(trace)
    assert _foreign_files(env, home) == []
