"""A private Xvfb server for tests that drive the real app on X (no window manager)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def missing(*tools: str) -> list[str]:
    """The named programs that are not on PATH."""
    return [tool for tool in tools if shutil.which(tool) is None]


def free_display() -> int:
    for number in range(90, 400):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and \
                not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


@contextmanager
def xvfb() -> Iterator[str]:
    """Start Xvfb on a free display; yields its DISPLAY value (":<n>")."""
    number = free_display()
    proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x900x24",
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            raise RuntimeError("Xvfb did not start")
        time.sleep(0.05)
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
