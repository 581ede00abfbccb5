"""PySide6-Essentials 6.12.0 dropped a reference to None on every call of a void method,
so a few thousand calls freed None and aborted the interpreter (`Fatal Python error:
none_dealloc`; in the app: an abort at quit after about twenty images).  pyproject.toml
excludes that release; this catches it, or a release like it, in any environment.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 2_000  # each of two void methods: 4,000 calls, enough to abort 6.12.0
TOLERANCE = 50  # None's count moves a little as the interpreter caches things


def test_void_methods_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setVisible(False)
        label.setText("y")
    drift = sys.getrefcount(None) - before
    assert abs(drift) < TOLERANCE, f"None's reference count moved by {drift}"
