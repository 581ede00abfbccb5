"""HiDPI: at 200 % (QT_SCALE_FACTOR=2) every icon the window, the error dialog and
Settings show is a vector or has a file at least twice the size it is shown at, and
every icon-sized picture a label shows was made at the screen's scale (tests/hidpi_probe.py
does the looking, in a process of its own: the scale is fixed when Qt starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_icon_is_crisp_at_200_percent(tmp_path: Path) -> None:
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen",
           "PICTOTEXT_CONFIG_DIR": str(tmp_path / "config"),
           "PICTOTEXT_LOG_DIR": str(tmp_path / "logs"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-m", "tests.hidpi_probe"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["ratio"] == 2.0
    checked = found["checked"]
    # Everything that carries an icon was looked at: toolbar, rows, labels, window icon.
    assert "window icon" in checked and "action '&Retry failed'" in checked
    assert sum(c.startswith("row ") for c in checked) >= 5
    assert sum(c.startswith("label ") for c in checked) >= 3
    assert found["problems"] == []
