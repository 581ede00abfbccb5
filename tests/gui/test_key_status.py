"""The key's status is read off the GUI thread: a keyring that waits (a locked keyring's
unlock prompt) never freezes the window, and what needs the key meanwhile still gets it
right (ui/key_status.py).

`GatedKeyring` holds every read until the test opens its gate; a read waits at most 5 s,
so on code that reads the keyring in the GUI thread these tests fail instead of hanging.
The GUI thread's responsiveness is seen by a 10 ms QTimer: a read in that thread shows as
a 5 s gap between its beats, so the bound of 1 s is generous (not a benchmark:
bench/gui.py measures stalls).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer

from pictotext_desktop.credentials import SERVICE
from pictotext_desktop.errors import EngineUnavailableError
from tests.conftest import TEST_KEY
from tests.gui.conftest import make_window
from tests.memory_keyring import GatedKeyring
from tests.stand_in_server import StandInServer

CHECKING = "Checking the API key…"


@pytest.fixture
def gated() -> Iterator[GatedKeyring]:
    backend = GatedKeyring()
    backend.entries[(SERVICE, "primary")] = TEST_KEY
    try:
        yield backend
    finally:
        backend.gate.set()  # no reading thread is left waiting


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


class _Heartbeat:
    """A 10 ms QTimer: how often it fired, and the longest gap between two beats (the
    longest time the GUI thread processed no events)."""

    def __init__(self) -> None:
        self.beats = [time.monotonic()]
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.beats.append(time.monotonic()))
        self.timer.start()

    def stop(self) -> tuple[int, float]:
        self.timer.stop()
        self.beats.append(time.monotonic())
        gaps = [b - a for a, b in zip(self.beats, self.beats[1:], strict=False)]
        return len(self.beats) - 2, max(gaps)


def _shown_and_reading(qtbot: Any, window: Any, gated: GatedKeyring) -> None:
    window.show()
    qtbot.waitExposed(window)
    # The read starts right after the first paint; waiting for it here keeps the event
    # loop running, as the person's desktop does.
    qtbot.waitUntil(gated.entered.is_set, timeout=5_000)


def _events_for(qtbot: Any, seconds: float) -> tuple[int, float]:
    heart = _Heartbeat()
    qtbot.wait(int(seconds * 1000))
    return heart.stop()


def test_window_keeps_painting_while_the_keyring_waits(
        qtbot: Any, store: Any, gated: GatedKeyring) -> None:
    window = make_window(qtbot, store, gated)
    paints = _Paints()
    window.drop_zone.installEventFilter(paints)
    window.ensure_built()  # (imports that take long on a busy machine: not measured)
    heart = _Heartbeat()  # from before the first paint, through the start of the read
    _shown_and_reading(qtbot, window, gated)
    qtbot.wait(500)
    beats, gap = heart.stop()
    assert beats >= 10 and gap < 1.0  # timers fire: the GUI thread is never blocked long
    assert window.key_status.text() == CHECKING
    assert window.engine_status.text() == "Engine: Automatic (checking the API key…)"
    assert CHECKING in window.drop_zone.status.text()
    assert "needs a key" not in window.drop_zone.status.text()  # no advice before we know
    # The window responds: a repaint is painted, another engine is shown at once.
    before = paints.count
    window.drop_zone.update()
    qtbot.waitUntil(lambda: paints.count > before, timeout=1_000)
    window.engine_choice.setCurrentIndex(window.engine_choice.findData("cloud"))
    assert window.engine_status.text() == "Engine: PicToText cloud"
    window.engine_choice.setCurrentIndex(window.engine_choice.findData("auto"))
    assert window.key_state.pending
    assert "MainThread" not in gated.readers  # the keyring is read in its own thread

    gated.gate.set()  # the person answered the unlock prompt
    qtbot.waitUntil(lambda: window.key_status.text() == "Key: sk_test_…abcd")
    assert window.engine_status.text() == \
        "Engine: Automatic (PicToText cloud, because a key is set)"
    assert "Key: sk_test_…abcd" in window.drop_zone.status.text()
    shown = [window.key_status.text(), window.engine_status.text(),
             window.drop_zone.status.text(), window.rotation_status.text()]
    assert not any(TEST_KEY in text for text in shown)
    assert "MainThread" not in gated.readers
    window.shutdown()


def test_settings_wait_for_the_key_status(qtbot: Any, store: Any,
                                          gated: GatedKeyring) -> None:
    """Settings read the keystore in the GUI thread, so they open once it is known."""
    window = make_window(qtbot, store, gated)
    _shown_and_reading(qtbot, window, gated)
    window.act_settings.trigger()
    beats, gap = _events_for(qtbot, 0.3)
    assert beats >= 3 and gap < 1.0
    assert window.settings_dialog is None
    assert window.statusBar().currentMessage() == "Settings open once the API key is checked…"

    gated.gate.set()
    qtbot.waitUntil(lambda: window.settings_dialog is not None
                    and window.settings_dialog.isVisible())
    dialog = window.settings_dialog
    assert dialog is not None
    assert "…abcd" in dialog.slot_boxes["primary"].current_label.text()
    assert window.statusBar().currentMessage() == ""
    # The status read the primary key; the dialog itself (in the GUI thread, as before)
    # asks for the secondary one, once the keyring has answered.
    assert gated.readers[0] == "pictotext-key-status"
    dialog.close()
    window.shutdown()


def test_auto_engine_started_while_the_key_is_read_uses_the_key(
        qtbot: Any, store: Any, gated: GatedKeyring, server: StandInServer,
        cards: list[Path]) -> None:
    """Start does not wait for the status bar: the upload thread asks the keystore itself
    and waits for the same read, so a Chinese ID card with a key goes to the cloud (with
    no key, "auto" would read it on this computer)."""
    server.add_key(TEST_KEY)
    local_asked: list[str] = []

    def local() -> Any:
        local_asked.append("local")
        raise EngineUnavailableError(detail="not in this test")

    window = make_window(qtbot, store, gated, local_factory=local)
    _shown_and_reading(qtbot, window, gated)
    assert window.doc_type.value() == "cn_id_card"
    window.add_paths(cards[:1])  # auto_start: sent at once
    beats, gap = _events_for(qtbot, 0.3)
    assert beats >= 3 and gap < 1.0
    assert [j.state.value for j in window.model.jobs] != ["done"]  # waits for the key

    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        gated.gate.set()
    assert [(j.state.value, j.engine) for j in window.model.jobs] == [("done", "cloud")]
    assert [r.authorization for r in server.ocr_requests()] == [f"Bearer {TEST_KEY}"]
    assert local_asked == []
    window.shutdown()


def test_a_key_from_the_environment_opens_no_keyring_entry(
        qtbot: Any, store: Any, with_key: str) -> None:
    """As before the status moved to a thread: with PICTOTEXT_API_KEY set, no keyring
    entry is read for the status bar (a locked keyring would otherwise prompt for it)."""
    gated = GatedKeyring(wait=30)
    try:
        window = make_window(qtbot, store, gated)
        window.show()
        qtbot.waitUntil(lambda: not window.key_state.pending, timeout=10_000)
        assert window.key_status.text() == "Key: sk_test_…abcd (from PICTOTEXT_API_KEY)"
        assert gated.readers == []
    finally:
        gated.gate.set()
    window.shutdown()
