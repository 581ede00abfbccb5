"""Glare over a card's text in the window: the warning is on the row and in the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from pictotext_desktop.jobs import JobState
from tests.glare_photos import OVER_ID_NUMBER, OVER_PHOTO_BOX, glare_jpeg
from tests.stand_in_server import StandInServer

SAYS = "Glare covers part of the card's text"


def test_glare_over_the_text_is_on_its_row(window: Any, qtbot: Any, server: StandInServer,
                                           tmp_path: Path) -> None:
    # GIVEN a reflection across the ID number, and one on the portrait only
    on_text = tmp_path / "number.jpg"
    on_text.write_bytes(glare_jpeg(OVER_ID_NUMBER))
    on_portrait = tmp_path / "portrait.jpg"
    on_portrait.write_bytes(glare_jpeg(OVER_PHOTO_BOX))
    # WHEN both are read in the window (it does not hold them back: ADR 0013, 10)
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths([on_text, on_portrait])
    assert [j.state for j in window.model.jobs] == [JobState.DONE, JobState.DONE]
    # THEN the first row's problems and its result say the text is under glare, once
    model = window.model
    tip = model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) or ""
    assert SAYS in tip
    window.queue_view.selectRow(0)
    assert window.result_view.message.text().count(SAYS) == 1
    # AND the second says nothing of it
    assert SAYS not in (model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole) or "")
    window.queue_view.selectRow(1)
    assert SAYS not in window.result_view.message.text()
