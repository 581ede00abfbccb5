"""A photo split into `#1` / `#2` rows: each row's thumbnail shows its own card."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.cards import make_photo
from pictotext_desktop.card_prepare import CardSource

SIZE = (1600, 1200)  # 4:3: the photo's thumbnail is 96 x 72, a card's 96 x 61


def _thumbnail(window: Any, row: int) -> Any:
    return window.model.extras[window.model.jobs[row].id].thumbnail



def test_each_card_row_shows_its_own_card(window: Any, qtbot: Any, tmp_path: Path) -> None:
    # GIVEN a photo of two cards (a front and a back) added to a window that does not start
    window.store.override("auto_start", False)
    path = tmp_path / "two.jpg"
    path.write_bytes(make_photo(1, "two", SIZE, "wood").data)
    window.add_paths([path])
    # WHEN its cards are counted and each row's thumbnail is made
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=30_000)
    assert all(isinstance(j.source, CardSource) for j in window.model.jobs)
    qtbot.waitUntil(lambda: all(_thumbnail(window, r) is not None for r in (0, 1))
                    and all(_thumbnail(window, r).width() != _thumbnail(window, r).height()
                            * 4 // 3 for r in (0, 1)), timeout=30_000)
    # THEN each is card-shaped (85.6:54, not the photo's 4:3), and they are two cards
    first, second = (_thumbnail(window, r) for r in (0, 1))
    for pixmap in (first, second):
        assert 1.5 <= pixmap.width() / pixmap.height() <= 1.7
    assert first.toImage() != second.toImage()
    # AND no late answer for the whole photo (asked before the split) replaces #1's card
    qtbot.wait(300)
    assert _thumbnail(window, 0).width() / _thumbnail(window, 0).height() >= 1.5
