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
    qtbot.wait(50)  # new rows are scrolled into view: the last ones are shown first

    last = shown_rows(window)
    assert ROWS - 1 in last and 0 < len(last) < 40
    qtbot.waitUntil(lambda: rows_with_thumbnails(window) >= last, timeout=10_000)
    qtbot.wait(200)  # nothing more is coming
    assert rows_with_thumbnails(window) == last
    assert len(asked) == len(last)

    window.queue_view.scrollToTop()
    first = shown_rows(window)
    assert 0 in first and not first & last
    qtbot.waitUntil(lambda: rows_with_thumbnails(window) >= first, timeout=10_000)
    qtbot.wait(200)
    assert rows_with_thumbnails(window) == first | last
    assert len(asked) == len(first | last)

def test_only_the_most_recently_shown_thumbnails_are_kept(qtbot: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPixmap

    from pictotext_desktop.imaging import Source
    from pictotext_desktop.jobs import new_jobs
    from pictotext_desktop.ui.queue_view import THUMBNAILS_KEPT, QueueModel

    model = QueueModel()
    asked: list[int] = []
    model.thumbnail_wanted = lambda job_id, source: asked.append(job_id)
    jobs = new_jobs([Source(name=f"{i}.jpg", data=b"x") for i in range(THUMBNAILS_KEPT + 20)],
                    "cn_id_card")
    model.add(jobs)

    def shown(row: int) -> Any:
        return model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole)

    for row, job in enumerate(jobs):
        assert shown(row) is None
        model.set_thumbnail(job.id, QPixmap(8, 8))
    assert asked == [job.id for job in jobs]  # each asked for once
    held = [row for row, job in enumerate(jobs) if model.extras[job.id].thumbnail is not None]
    assert held == list(range(20, len(jobs)))  # the first shown were let go
    assert shown(0) is None and asked[-1] == jobs[0].id  # shown again: asked again
    assert shown(len(jobs) - 1) is not None
