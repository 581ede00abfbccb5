"""Getting images in off the GUI thread (ui/intake_runner.py): what a person drops, pastes
or opens is read in by the intake thread and its rows come in small turns; every path
still ends as one row or is named in one message, in the order given; Undo, "already in
the queue", auto-start, the watched folder, cancel and quit all still hold."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import read_in
from tests.gui.drag import drag_enter_event, drop_event
from tests.image_corpus import card_image


@pytest.fixture
def idle_window(window: Any) -> Any:
    window.store.override("auto_start", False)
    return window


def photos(folder: Path, count: int, prefix: str = "p") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    image = card_image((160, 100))
    paths = [folder / f"{prefix}_{i:03d}.jpg" for i in range(count)]
    for i, path in enumerate(paths):
        image.save(path, "JPEG", quality=70 + i % 20)  # different bytes, same look
    return paths


def drop(window: Any, paths: list[Path]) -> None:
    """A real drop of `paths` on the window (returns before they are read in)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    QApplication.sendEvent(window, drag_enter_event(window.rect().center(), mime))
    QApplication.sendEvent(window, drop_event(window.rect().center(), mime))


def intake_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "pictotext-intake" and t.is_alive()]


def test_200_paths_with_bad_ones_give_200_outcomes_in_order(
        idle_window: Any, qtbot: Any, tmp_path: Path) -> None:
    good = photos(tmp_path / "in", 150)
    texts = []
    for i in range(20):
        texts.append(tmp_path / "in" / f"note_{i:02d}.txt")
        texts[-1].write_text("not an image")
    missing = [tmp_path / "gone" / f"lost_{i:02d}.jpg" for i in range(10)]  # rows that fail
    empty = []
    for i in range(10):
        empty.append(tmp_path / f"empty_{i:02d}")
        empty[-1].mkdir()
    given: list[Path] = []
    for i in range(150):  # mixed in, as a person's selection is
        given.append(good[i])
        if i < 20:
            given.append(texts[i])
        if i < 10:
            given.extend([missing[i], empty[i]])
    given += good[:10]  # ten given twice
    assert len(given) == 200
    added: list[list[Any]] = []
    idle_window.controller.jobs_added.connect(added.append)
    messages: list[str] = []
    idle_window.message_shown.connect(messages.append)
    with qtbot.waitSignal(idle_window.intake_runner.finished, timeout=20_000) as done:
        drop(idle_window, given)
        assert len(idle_window.model.jobs) < 160  # the drop returned before all was read
    said, jobs, queued = done.args
    rows = [j.source.path for j in idle_window.model.jobs]
    expected_rows = [p for p in given[:190] if p.suffix == ".jpg"]
    assert rows == expected_rows  # the dropped order, missing files in their place
    assert jobs == idle_window.model.jobs
    assert sorted(said.skipped) == sorted(p.name for p in texts)
    assert sorted(said.empty_folders) == sorted(p.name for p in empty)
    assert sorted(queued) == sorted(p.resolve() for p in good[:10])
    assert len(rows) + len(said.skipped) + len(said.empty_folders) + len(queued) == 200
    # The person is told about each kind, once.
    assert any("Skipped 20 file(s)" in m and "No images in" in m for m in messages)
    assert "10 files are already in the queue" in idle_window.last_message
    # The rows came in small turns, not all at once.
    assert len(added) >= 5 and max(len(a) for a in added) <= 32
    missing_rows = [j for j in idle_window.model.jobs if j.source.path in missing]
    assert len(missing_rows) == 10 and not any(j.source.existed for j in missing_rows)


def test_drops_one_after_another_keep_their_order(
        idle_window: Any, qtbot: Any, tmp_path: Path) -> None:
    first = photos(tmp_path / "a", 70, "a")
    second = photos(tmp_path / "b", 5, "b")
    drop(idle_window, [first[0].parent])
    drop(idle_window, second)
    read_in(qtbot, idle_window)
    assert [j.source.path for j in idle_window.model.jobs] == first + second
    assert idle_window.queue_view.selected_jobs() == [idle_window.model.jobs[0]]


def test_dropping_queued_files_again_says_so_and_shows_the_row(
        idle_window: Any, qtbot: Any, cards: list[Path]) -> None:
    drop(idle_window, cards)
    read_in(qtbot, idle_window)
    idle_window.queue_view.selectRow(2)
    drop(idle_window, [cards[0]])
    read_in(qtbot, idle_window)
    assert len(idle_window.model.jobs) == 3
    assert idle_window.last_message == "card_1.jpg is already in the queue."
    assert idle_window.queue_view.selected_jobs() == [idle_window.model.jobs[0]]


def test_undo_survives_the_rest_of_a_drop_coming_in(
        idle_window: Any, qtbot: Any, tmp_path: Path, cards: list[Path]) -> None:
    drop(idle_window, cards)
    read_in(qtbot, idle_window)
    many = photos(tmp_path / "many", 120)
    drop(idle_window, [many[0].parent])  # the person's next action: the old removal is final
    qtbot.waitUntil(lambda: len(idle_window.model.jobs) > 3)
    idle_window.controller.remove([idle_window.model.jobs[0]])  # while the rest comes in
    assert idle_window.reading_in
    read_in(qtbot, idle_window)
    assert len(idle_window.model.jobs) == 2 + 120
    assert idle_window.act_undo.isEnabled()
    assert idle_window.undo_remove() == 1
    assert idle_window.model.jobs[0].source.path == cards[0]


def test_a_batch_started_by_the_first_rows_ends_after_the_last(
        window: Any, qtbot: Any, tmp_path: Path) -> None:
    """Auto-start sends the first rows while the rest is read in; `batch_finished`
    comes once, when every row is in and read."""
    paths = photos(tmp_path / "batch", 80)
    finished: list[int] = []
    window.batch_finished.connect(lambda: finished.append(len(window.model.jobs)))
    with qtbot.waitSignal(window.batch_finished, timeout=60_000):
        drop(window, [paths[0].parent])
    assert finished == [80]
    assert [j.state.value for j in window.model.jobs] == ["done"] * 80


def test_cancel_while_a_drop_comes_in(window: Any, qtbot: Any, tmp_path: Path) -> None:
    paths = photos(tmp_path / "c", 100)
    drop(window, [paths[0].parent])
    qtbot.waitUntil(lambda: len(window.model.jobs) > 0)
    window.cancel()
    read_in(qtbot, window)
    qtbot.waitUntil(lambda: not window.controller.running, timeout=20_000)
    assert [j.source.path for j in window.model.jobs] == paths  # nothing lost
    assert window.paused
    assert not any(j.state.value == "done" for j in window.model.jobs[40:])  # not sent


def test_quit_while_a_drop_comes_in_leaves_no_thread(
        qtbot: Any, store: Any, keyring_backend: Any, with_key: str, tmp_path: Path) -> None:
    from tests.gui.conftest import key_status_known, make_window

    paths = photos(tmp_path / "q", 300)
    win = make_window(qtbot, store, keyring_backend)
    win.show()
    qtbot.waitExposed(win)
    key_status_known(qtbot, win)
    drop(win, [paths[0].parent])
    qtbot.waitUntil(lambda: len(win.model.jobs) > 0)
    assert win.reading_in
    win.close()  # waiting rows: the quit question says "quit"
    assert intake_threads() == []
    assert not win.reading_in
    count = len(win.model.jobs)
    qtbot.wait(50)  # parts the thread sent before it stopped are dropped, not added
    assert len(win.model.jobs) == count < 300
    assert not win.take_paths(paths[:1])  # closed: nothing more is taken


def test_paste_of_files_and_of_text_naming_no_file(
        idle_window: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in cards[:2]])
    QGuiApplication.clipboard().setMimeData(mime)
    assert idle_window.paste() == 2
    read_in(qtbot, idle_window)
    assert [j.source.path for j in idle_window.model.jobs] == cards[:2]
    QGuiApplication.clipboard().setText(str(tmp_path / "no" / "such.jpg"))
    with qtbot.waitSignal(idle_window.message_shown):
        idle_window.paste()
    assert "no picture" in idle_window.last_message
    assert len(idle_window.model.jobs) == 2


def test_watched_folder_rows_come_through_the_intake_thread(
        idle_window: Any, qtbot: Any, tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    paths = photos(folder, 2)
    idle_window.store.set("watch_folder", str(folder))
    qtbot.waitUntil(lambda: idle_window.folder_watch is not None)
    idle_window.folder_watch.apply()
    qtbot.waitUntil(lambda: len(idle_window.model.jobs) == 2, timeout=15_000)
    assert sorted(j.source.path for j in idle_window.model.jobs) == paths
    idle_window.folder_watch.stop()


def test_a_drop_that_adds_nothing_keeps_undo(idle_window: Any, qtbot: Any, cards: list[Path],
                                             tmp_path: Path) -> None:
    drop(idle_window, cards)
    read_in(qtbot, idle_window)
    idle_window.controller.remove([idle_window.model.jobs[1]])
    note = tmp_path / "note.txt"
    note.write_text("not an image")
    drop(idle_window, [note, cards[0]])  # nothing new: no row is added
    read_in(qtbot, idle_window)
    assert "note.txt" in idle_window.last_message or "already" in idle_window.last_message
    assert idle_window.undo_remove() == 1
    assert [j.source.path for j in idle_window.model.jobs] == cards
