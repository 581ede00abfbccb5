"""A long queue makes thumbnails for the rows shown, not for every file added.

Decoding 1,000 photos for thumbnails nobody scrolls to costs minutes of CPU and the
memory of 1,000 pixmaps; the queue asks for a row's thumbnail when the row is first shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image

ROWS = 300


def shown_rows(window: Any) -> set[int]:
    view = window.queue_view
    first = view.rowAt(0)
    last = view.rowAt(view.viewport().height() - 1)
    last = window.model.rowCount() - 1 if last < 0 else last
    return set(range(first, last + 1))


def rows_with_thumbnails(window: Any) -> set[int]:
    model = window.model
    return {row for row, job in enumerate(model.jobs)
            if model.extras[job.id].thumbnail is not None}


def test_a_long_queue_makes_thumbnails_only_for_the_rows_shown(
        window: Any, qtbot: Any, tmp_path: Path) -> None:
    window.store.override("auto_start", False)
    paths = []
    for i in range(ROWS):
        path = tmp_path / f"card_{i:03d}.jpg"
        Image.new("RGB", (160, 100), (i % 256, 90, 120)).save(path, "JPEG")
        paths.append(path)
    asked: list[int] = []
    request = window.thumbnails.request
    window.thumbnails.request = lambda job_id, source: (asked.append(job_id),
                                                        request(job_id, source))
    window.model.thumbnail_wanted = window.thumbnails.request
    window.add_paths(paths)
    assert window.model.rowCount() == ROWS

    top = shown_rows(window)
    assert 0 < len(top) < 40
    qtbot.waitUntil(lambda: rows_with_thumbnails(window) >= top, timeout=10_000)
    qtbot.wait(200)  # nothing more is coming
    assert rows_with_thumbnails(window) == top
    assert len(asked) == len(top)

    window.queue_view.scrollToBottom()
    bottom = shown_rows(window)
    assert ROWS - 1 in bottom and not bottom & top
    qtbot.waitUntil(lambda: rows_with_thumbnails(window) >= bottom, timeout=10_000)
    qtbot.wait(200)
    assert rows_with_thumbnails(window) == top | bottom
    assert len(asked) == len(top | bottom)
