"""Quitting after a batch exits cleanly: the real app on X reads 30 cards, then Ctrl+Q.

PySide6-Essentials 6.12.0 lost a reference to None on every void method call, and the
window aborted at quit (`Fatal Python error: none_dealloc`/`bool_dealloc`, exit -6) after
about twenty images.  Three separate runs, each: `python -m pictotext_desktop` with 30
generated cards against the stand-in server, wait for the window's "batch finished" log
line, press Ctrl+Q, and expect exit status 0 with nothing on stderr.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_KEY
from tests.image_corpus import card_image
from tests.stand_in_server import StandInServer
from tests.xdisplay import missing, xvfb

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
CARDS = 30
TOOLS = ("Xvfb", "xdotool", "dbus-run-session")
_ALL_DONE = re.compile(rf"batch finished: {CARDS} done\b")


def _write_cards(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(CARDS):
        path = folder / f"card_{i:02d}.jpg"
        card_image((640, 400), tint=i, label=f"No. {i}").save(path, "JPEG", quality=85)
        paths.append(path)
    return paths


def _wait_for_log(log: Path, pattern: re.Pattern[str], proc: subprocess.Popen[bytes],
                  timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if log.exists() and pattern.search(log.read_text("utf-8", errors="replace")):
            return True
        time.sleep(0.2)
    return False


def quit_with_ctrl_q(display: str) -> None:
    """What a person does to quit: focus the window and press Ctrl+Q.

    The app runs with --auto-copy, so every result has been copied when the batch ends and
    quitting asks nothing (no unsaved-results question to answer, whatever its buttons).
    """
    env = {**os.environ, "DISPLAY": display}
    found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name",
                            "PicToText Desktop"], env=env, capture_output=True, text=True,
                           timeout=20, check=True)
    window = found.stdout.split()[0]
    subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, timeout=20,
                   check=True)
    subprocess.run(["xdotool", "key", "ctrl+q"], env=env, timeout=20, check=True)


def _run_once(tmp_path: Path, display: str, server: StandInServer,
              cards: list[Path]) -> tuple[int | None, bytes, str]:
    """One start-read-quit cycle; returns (exit status, the app's stderr, its log)."""
    logs = tmp_path / "logs"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    stderr_file = tmp_path / "app.err"
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "PICTOTEXT_API_URL": server.url,
        "PICTOTEXT_API_KEY": TEST_KEY,
        "PICTOTEXT_CONFIG_DIR": str(tmp_path / "config"),
        "PICTOTEXT_LOG_DIR": str(logs),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHONPATH": str(ROOT),
        "APP_STDERR": str(stderr_file),
    }
    # The app's stderr goes to its own file: the private D-Bus daemon writes to the
    # session's stderr when it starts a service, and that is not the app speaking.
    proc = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", 'exec "$@" 2>"$APP_STDERR"', "sh",
         sys.executable, "-m", "pictotext_desktop", "--auto-copy", "--no-auto-merge",
         *map(str, cards)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = logs / "pictotext-desktop.log"
    try:
        done = _wait_for_log(log, _ALL_DONE, proc, timeout=180)
        log_text = log.read_text("utf-8", errors="replace") if log.exists() else ""
        assert done, f"the batch did not finish (exit {proc.poll()}):\n{log_text[-3000:]}"
        quit_with_ctrl_q(display)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    log_text = log.read_text("utf-8", errors="replace") if log.exists() else ""
    return code, stderr_file.read_bytes(), log_text


@pytest.mark.skipif(bool(missing(*TOOLS)) and os.environ.get("CI") != "true",
                    reason=f"needs {', '.join(TOOLS)} (Debian packages xvfb, xdotool, dbus)")
@pytest.mark.parametrize("run", [1, 2, 3])
def test_ctrl_q_after_thirty_cards_exits_zero_with_nothing_on_stderr(
        run: int, tmp_path: Path, server: StandInServer) -> None:
    cards = _write_cards(tmp_path / "cards")
    with xvfb() as display:
        code, stderr, log = _run_once(tmp_path, display, server, cards)
    assert (code, stderr) == (0, b""), f"run {run}: exit {code}, stderr:\n" \
        f"{stderr.decode(errors='replace')[-3000:]}\nlog:\n{log[-2000:]}"
    assert len(list(server.ocr_requests())) == CARDS
