"""The GUI's engine choice: with no key, a Chinese ID card is read on this computer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLineEdit

from bench.cards import make_card
from tests.gui.conftest import make_window


def test_on_this_computer_reads_a_card_without_a_key(qtbot: Any, store: Any,
                                                     keyring_backend: Any,
                                                     tmp_path: Path) -> None:
    card = make_card(12, "front", "scan")
    path = tmp_path / "card.jpg"
    path.write_bytes(card.data)
    store.override("engine", "local")
    window = make_window(qtbot, store, keyring_backend)
    window.show()
    qtbot.waitExposed(window)
    progress: list[str] = []
    window.relay.engine_progress.connect(progress.append)
    try:
        with qtbot.waitSignal(window.batch_finished, timeout=120_000):
            window.add_paths([path])
        (job,) = window.model.jobs
        assert job.record is not None and job.record.engine == "local"
        assert job.record.fields == card.expected
        assert any("Preparing the on-device reader" in text for text in progress)
        shown = {w.text() for w in window.result_view.findChildren(QLineEdit)}
        assert card.expected["idNumber"] in shown
    finally:
        window.shutdown()
