"""End to end on a real X server, by keyboard alone: Ctrl+T, type "passport", Enter picks
Passport; an image on the clipboard, Ctrl+V pastes it; the fields come back.

No mouse event is sent: xdotool only presses keys (XTEST), into the window that has the
keyboard focus.  The app runs against the stand-in server with auto-copy on, so the
fields it read arrive on the X clipboard, where the script polls for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_KEY
from tests.image_corpus import card_image
from tests.stand_in_server import StandInServer
from tests.xdisplay import missing, xvfb

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]
TOOLS = ("Xvfb", "xdotool", "xclip", "dbus-run-session")
ROOT = Path(__file__).resolve().parent.parent

if missing(*TOOLS) and os.environ.get("CI") != "true":
    pytest.skip(f"needs {', '.join(missing(*TOOLS))}", allow_module_level=True)


def test_pick_passport_with_ctrl_t_paste_and_read_by_keyboard_alone(
        server: StandInServer, tmp_path: Path) -> None:
    card = tmp_path / "passport.png"
    card_image((640, 440)).save(card, "PNG")
    script = tmp_path / "session.sh"
    script.write_text(f"""
set -e
{sys.executable} -m pictotext_desktop --auto-copy --no-auto-merge --result-store off \\
  > {tmp_path}/app.log 2>&1 &
APP=$!
WID=$(timeout 30 xdotool search --sync --onlyvisible --name "PicToText" | head -n1)
sleep 1.5
xdotool windowfocus --sync "$WID"
xdotool key --clearmodifiers ctrl+t
sleep 0.3
xdotool type --delay 40 passport
sleep 0.5
xdotool key Return
sleep 0.5
xclip -quiet -selection clipboard -t image/png -i {card} > /dev/null 2>&1 &
CLIP=$!
sleep 0.5
xdotool key --clearmodifiers ctrl+v
for i in $(seq 1 100); do
  OUT=$(xclip -selection clipboard -o 2>/dev/null || true)
  case "$OUT" in *"Passport number: "*) break;; esac
  sleep 0.2
done
printf '%s\\n' "$OUT" > {tmp_path}/clipboard.txt
kill $CLIP 2>/dev/null || true
kill $APP 2>/dev/null || true
wait $APP 2>/dev/null || true
""")
    with xvfb() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "PICTOTEXT_API_URL": server.url, "PICTOTEXT_API_KEY": TEST_KEY,
               "PICTOTEXT_CONFIG_DIR": str(tmp_path / "config"), "PYTHONPATH": str(ROOT),
               # The key comes from the environment; a keyring would open the desktop's
               # unlock prompt, a window that takes the keyboard from the app.
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        result = subprocess.run(["dbus-run-session", "--", "sh", str(script)], env=env,
                                capture_output=True, text=True, timeout=150)
    log = (tmp_path / "app.log").read_text(errors="replace") \
        if (tmp_path / "app.log").exists() else ""
    assert result.returncode == 0, result.stderr + log
    clipboard = (tmp_path / "clipboard.txt").read_text("utf-8").splitlines()
    requests = list(server.ocr_requests())
    assert [r.parts["documentType"].data for r in requests] == [b"passport"], log
    assert any(line.startswith("Passport number: ") and len(line) > 17
               for line in clipboard), clipboard
    assert any(line.startswith("Nationality: ") for line in clipboard), clipboard
