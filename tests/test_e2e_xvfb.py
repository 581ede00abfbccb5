"""End to end on a real X server: paste a card with Ctrl+V, get "Label: value" lines back.

Starts Xvfb and a private D-Bus session, runs `python -m pictotext_desktop --auto-copy`
against the stand-in server, puts a PNG on the X clipboard with xclip, presses Ctrl+V in
the window with xdotool, and polls the clipboard until the app has put the fields there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TEST_KEY
from tests.image_corpus import card_image
from tests.stand_in_server import StandInServer

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
TOOLS = ("Xvfb", "xdotool", "xclip", "dbus-run-session")
ROOT = Path(__file__).resolve().parent.parent


def _missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


if _missing_tools() and os.environ.get("CI") != "true":
    pytest.skip(f"needs {', '.join(_missing_tools())}", allow_module_level=True)


def _free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and \
                not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture
def xvfb() -> Iterator[str]:
    number = _free_display()
    proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x900x24",
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    display = f":{number}"
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            raise RuntimeError("Xvfb did not start")
        time.sleep(0.05)
    yield display
    proc.terminate()
    proc.wait(timeout=10)


def test_paste_card_and_auto_copy_fields(xvfb: str, server: StandInServer,
                                         tmp_path: Path) -> None:
    card = tmp_path / "card.png"
    card_image((640, 400)).save(card, "PNG")
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "PICTOTEXT_API_URL": server.url,
        "PICTOTEXT_API_KEY": TEST_KEY,
        "PICTOTEXT_CONFIG_DIR": str(tmp_path / "config"),
        "PYTHONPATH": str(ROOT),
    }
    script = tmp_path / "session.sh"
    # One D-Bus session for the app, xclip and xdotool; the script prints the clipboard.
    script.write_text(f"""
set -e
{sys.executable} -m pictotext_desktop --auto-copy --no-auto-merge --result-store off \
  > {tmp_path}/app.log 2>&1 &
APP=$!
WID=$(timeout 30 xdotool search --sync --onlyvisible --name "PicToText" | head -n1)
sleep 1
xclip -selection clipboard -t image/png -i {card} &
CLIP=$!
sleep 0.5
xdotool windowfocus --sync "$WID"
xdotool key --window "$WID" ctrl+v || xdotool key ctrl+v
for i in $(seq 1 100); do
  OUT=$(xclip -selection clipboard -o 2>/dev/null || true)
  case "$OUT" in *"Name: "*) break;; esac
  sleep 0.2
done
printf '%s\\n' "$OUT" > {tmp_path}/clipboard.txt
kill $CLIP 2>/dev/null || true
kill $APP 2>/dev/null || true
wait $APP 2>/dev/null || true
""")
    result = subprocess.run(["dbus-run-session", "--", "sh", str(script)], env=env,
                            capture_output=True, text=True, timeout=120)
    log = (tmp_path / "app.log").read_text(errors="replace") \
        if (tmp_path / "app.log").exists() else ""
    assert result.returncode == 0, result.stderr + log
    clipboard = (tmp_path / "clipboard.txt").read_text("utf-8")
    assert "Name: 张三" in clipboard.splitlines(), clipboard + log
    assert "Destroyed while thread" not in log
    requests = list(server.ocr_requests())
    assert len(requests) == 1
    assert requests[0].parts["documentType"].data == b"cn_id_card"
