"""`python -m pictotext_desktop.standin`, the stand-in server people run by hand."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _standin(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pictotext_desktop.standin", *args],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_taken_port_is_one_line_naming_port_0() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = _standin("--port", str(port))
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert f"cannot listen on 127.0.0.1:{port}" in err
    assert "--port 0" in err


def test_port_0_picks_a_free_port_and_says_which() -> None:
    proc = _standin("--port", "0", "--delay", "0")
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    assert first.startswith("Stand-in PicToText server on http://127.0.0.1:")
    assert not first.rstrip().endswith(":0")
