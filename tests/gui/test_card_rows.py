"""The card step in the window: the card is what is sent; a poor photo says so on its row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.cards import make_photo
from pictotext_desktop.jobs import JobState
from tests.stand_in_server import StandInServer

SIZE = (1600, 1200)


def _photo(folder: Path, name: str, seed: int, distortion: str, texture: str) -> Path:
    path = folder / name
    path.write_bytes(make_photo(seed, distortion, SIZE, texture).data)
    return path


def test_the_window_sends_the_card_and_shows_photo_notes(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    # GIVEN a sharp photo of a card on a table and a blurred one; the stand-in accepts
    # only card-shaped uploads
    sharp = _photo(tmp_path, "sharp.jpg", 2, "plain", "wood")
    blurred = _photo(tmp_path, "blurred.jpg", 6, "blur", "fabric")
    server.expect_aspect(1.55, 1.62)
    # WHEN both are added to the window
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths([sharp, blurred])
    # THEN both cards were read (each upload was the card), and the blurred one's notes
    # say so, once
    assert [j.state for j in window.model.jobs] == [JobState.DONE, JobState.DONE]
    assert len(list(server.ocr_requests())) == 2
    window.queue_view.selectRow(1)
    note = window.result_view.message.text()
    assert note.count("out of focus") == 1
    window.queue_view.selectRow(0)
    assert "out of focus" not in window.result_view.message.text()


def test_a_photo_queued_unsplit_says_only_the_first_was_read(
        window: Any, qtbot: Any, store: Any, server: StandInServer, tmp_path: Path) -> None:
    # GIVEN a photo of two cards queued while the whole photo was to be sent (not split)
    two = _photo(tmp_path, "two.jpg", 1, "two", "wood")
    store.override("auto_start", False)
    store.override("send", "whole")
    window.add_paths([two])
    # WHEN the setting is back to the card before it is sent
    store.override("send", "card")
    server.expect_aspect(1.55, 1.62)
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.controller.start()
    # THEN its first card is read, and its notes say so and how to read each
    assert [j.state for j in window.model.jobs] == [JobState.DONE]
    window.queue_view.selectRow(0)
    note = window.result_view.message.text()
    assert "holds 2 cards; only the first was read" in note
    assert "add it again" in note
