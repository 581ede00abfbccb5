"""Save as it goes, restore after a crash, never pay twice (ADR 0012), seen in the window:
each finished result is in the encrypted store as it finishes, a new window after a crash
offers the results back, "off" writes nothing, the same image is sent once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QPushButton

from pictotext_desktop.credentials import StoreKeyring
from pictotext_desktop.jobs import JobState
from pictotext_desktop.store import ResultStore
from tests.gui.conftest import make_window
from tests.keyring_session import use_backend
from tests.stand_in_server import StandInServer


def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"  # PICTOTEXT_DATA_DIR (tests/conftest.py)


def open_window(qtbot: Any, store: Any, backend: Any) -> Any:
    window = make_window(qtbot, store, backend)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.controller.results_opened, timeout=5000)
    return window


def run_batch(window: Any, qtbot: Any, paths: list[Path]) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.add_paths(paths)


def stored(tmp_path: Path) -> list[Any]:
    """What is on disk now, read as the next run would (a fresh store object)."""
    with ResultStore.open(data_dir(tmp_path) / "results.db", StoreKeyring()) as results:
        return list(results.restore_previous())


@pytest.fixture
def opened(qtbot: Any, store: Any, keyring_backend: Any, with_key: str) -> Iterator[Any]:
    windows: list[Any] = []

    def make() -> Any:
        window = open_window(qtbot, store, keyring_backend)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()


def crash(window: Any) -> None:
    """As a crash leaves it: the upload thread ends, nothing else of an orderly quit (the
    store is not closed, nothing is discarded)."""
    window.controller._uploader.shutdown()
    window._closing = True
    window.hide()


def test_results_are_stored_as_they_finish_and_offered_after_a_crash(
        opened: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    first = opened()
    assert first.controller.results is not None
    run_batch(first, qtbot, cards)
    first.queue_view.selectRow(1)
    row = first.result_view.rows["name"]
    row.edit.setText("李四")
    row.edit.editingFinished.emit()
    names = [j.source.display_name for j in first.model.jobs]
    results = first.controller.results
    # The edit is saved by the store's writer thread, after the saves queued before it.
    qtbot.waitUntil(lambda: any(r.record.fields and r.record.fields.get("name") == "李四"
                                for r in results.session_results()), timeout=5000)
    assert len(results.session_results()) == 3
    crash(first)

    second = opened()
    qtbot.waitUntil(lambda: second.restore_prompt is not None, timeout=5000)
    assert second.restore_prompt.text() == "Restore the last session (3 results)?"
    assert second.model.jobs == []
    assert second.restore_prompt.restore_button.text() == "&Restore"
    second.restore_prompt.restore_button.click()
    assert second.restore_prompt.restored == 3
    jobs = second.model.jobs
    assert [j.source.display_name for j in jobs] == names
    assert [j.state for j in jobs] == [JobState.DONE] * 3
    assert jobs[1].record.fields["name"] == "李四" and "name" in jobs[1].record.edited
    assert jobs[0].record.fields == first.model.jobs[0].record.fields
    assert second.stack.currentWidget() is second.splitter
    # Restored rows belong to this session now: nothing is "previous" any more.
    assert second.controller.results.previous_session() is None


def test_discard_deletes_the_previous_session(
        opened: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    first = opened()
    run_batch(first, qtbot, cards[:2])
    crash(first)
    second = opened()
    qtbot.waitUntil(lambda: second.restore_prompt is not None, timeout=5000)
    second.restore_prompt.discard_button.click()
    assert second.model.jobs == []
    assert second.controller.results.previous_session() is None
    second.shutdown()
    assert stored(tmp_path) == []


def test_a_restored_row_says_the_person_was_read_before(
        opened: Any, qtbot: Any, cards: list[Path]) -> None:
    """The duplicate-person note holds for rows brought back from a crash too: they were
    read when they were saved."""
    first = opened()
    run_batch(first, qtbot, cards[:1])
    run_batch(first, qtbot, cards[1:2])  # the same person (the stand-in's example), later
    crash(first)
    second = opened()
    qtbot.waitUntil(lambda: second.restore_prompt is not None, timeout=5000)
    second.restore_prompt.restore_button.click()
    notes = second.privacy.notes
    first_row, second_row = second.model.jobs
    assert notes.text(first_row) == ""
    assert notes.text(second_row).startswith("This person was read on ")
    assert notes.text(second_row).endswith("(card_1.jpg)")
    # A row read this run finds both restored readings; the earliest is named.
    run_batch(second, qtbot, cards[2:3])
    assert notes.text(second.model.jobs[2]).endswith("(card_1.jpg)")


def test_delete_removes_from_the_store_and_undo_puts_it_back(
        opened: Any, qtbot: Any, cards: list[Path]) -> None:
    window = opened()
    run_batch(window, qtbot, cards)
    results = window.controller.results
    window.queue_view.selectRow(1)
    window.remove_selected()
    # Removed by the store's writer thread, in order after the saves queued before it.
    qtbot.waitUntil(lambda: len(results.session_results()) == 2, timeout=5000)
    window.undo_remove()
    # Undo saves the row again through the store's writer thread.
    qtbot.waitUntil(lambda: [Path(r.source).name for r in results.session_results()] == [
        j.source.display_name for j in window.model.jobs], timeout=5000)
    assert len(results.session_results()) == 3


def test_a_mistaken_clear_loses_nothing(
        opened: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    first = opened()
    run_batch(first, qtbot, cards)
    first.act_clear.trigger()
    assert first.model.jobs == []
    crash(first)
    second = opened()
    qtbot.waitUntil(lambda: second.restore_prompt is not None, timeout=5000)
    assert "(3 results)" in second.restore_prompt.text()


def test_store_off_writes_nothing(
        qtbot: Any, store: Any, keyring_backend: Any, with_key: str, cards: list[Path],
        tmp_path: Path) -> None:
    store.override("result_store", "off")
    window = open_window(qtbot, store, keyring_backend)
    try:
        assert window.controller.results is None
        run_batch(window, qtbot, cards)
        assert [j.state for j in window.model.jobs] == [JobState.DONE] * 3
    finally:
        window.shutdown()
    assert not data_dir(tmp_path).exists()
    assert "result-store" not in str(keyring_backend.entries)


def test_without_a_keyring_results_stay_in_memory_and_the_window_says_why(
        qtbot: Any, store: Any, keyring_backend: Any, with_key: str, tmp_path: Path,
        cards: list[Path]) -> None:
    with use_backend(fail.Keyring()):
        window = make_window(qtbot, store, keyring_backend)
        seen: list[str] = []
        window.message_shown.connect(seen.append)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.controller.results_opened, timeout=5000)
    try:
        assert window.controller.results is None
        assert len(seen) == 1 and seen[0].startswith("Results are kept in memory only: ")
        assert window.statusBar().currentMessage() == seen[0]
        run_batch(window, qtbot, cards[:1])
        assert window.model.jobs[0].state == JobState.DONE
    finally:
        window.shutdown()
    assert not data_dir(tmp_path).exists()


@pytest.mark.parametrize("mode", ["session", "off"])
def test_the_same_image_twice_is_sent_once_and_read_again_sends_it(
        mode: str, qtbot: Any, store: Any, keyring_backend: Any, with_key: str,
        server: StandInServer, cards: list[Path], tmp_path: Path) -> None:
    store.override("result_store", mode)
    copy = tmp_path / "copy_of_card_1.jpg"
    shutil.copyfile(cards[0], copy)
    window = open_window(qtbot, store, keyring_backend)
    try:
        run_batch(window, qtbot, [cards[0]])
        run_batch(window, qtbot, [copy])
        assert len(list(server.ocr_requests())) == 1
        second = window.model.jobs[1]
        assert second.state == JobState.DONE
        assert second.record.source == str(copy)
        window.queue_view.selectRow(1)
        assert f"Not sent again: the same image was read before ({cards[0]})" in (
            window.result_view.message.text())
        with qtbot.waitSignal(window.batch_finished, timeout=20_000):
            window.act_read_again.trigger()
        assert len(list(server.ocr_requests())) == 2
        assert second.state == JobState.DONE
        assert not any("Not sent again" in w for w in second.record.warnings)
    finally:
        window.shutdown()


def test_a_file_copied_into_the_watched_folder_joins_the_queue(
        qtbot: Any, store: Any, keyring_backend: Any, with_key: str, cards: list[Path],
        tmp_path: Path) -> None:
    scans = tmp_path / "Scans"
    scans.mkdir()
    store.override("watch_folder", str(scans))
    window = open_window(qtbot, store, keyring_backend)
    try:
        qtbot.waitUntil(lambda: window.folder_watch is not None, timeout=5000)
        watch = window.folder_watch
        assert watch.status.isVisible() and watch.status.text() == f"Watching {scans}"
        with qtbot.waitSignal(window.batch_finished, timeout=30_000):
            shutil.copyfile(cards[0], scans / "scan_001.jpg")
        assert [j.source.display_name for j in window.model.jobs] == ["scan_001.jpg"]
        assert window.model.jobs[0].state == JobState.DONE
        # The setting emptied: the watch stops, and the status bar says nothing of it.
        store.override("watch_folder", "")
        window.settings_changed()
        assert watch.watcher is None and not watch.status.isVisible()
        shutil.copyfile(cards[1], scans / "scan_002.jpg")
        qtbot.wait(2500)
        assert len(window.model.jobs) == 1
    finally:
        window.shutdown()
    assert watch.watcher is None


def test_settings_dialog_watch_folder_browse_and_labels(
        qtbot: Any, store: Any, keyring_backend: Any, tmp_path: Path) -> None:
    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(store, KeyStore(store, backend=keyring_backend),
                            lambda key: None)
    qtbot.addWidget(dialog)
    folder = tmp_path / "Scans"
    folder.mkdir()
    dialog.ask_folder = lambda: folder
    browse = dialog.findChild(QPushButton, "watchFolderBrowse")
    assert browse is not None and browse.text() == "Browse…"
    browse.click()
    assert dialog.editors["watch_folder"].text() == str(folder)
    assert dialog.editors["watch_folder"].accessibleName() == "Watch a folder"
    assert dialog.editors["result_store"].accessibleName() == "Keep results on this computer"
    assert dialog.editors["result_store"].itemText(0) == "No (nothing is written)"
    dialog.editors["watch_folder"].setText(str(tmp_path / "missing"))
    ok, _ = dialog.validate("watch_folder")
    assert not ok and "does not exist" in dialog.errors["watch_folder"].text()
    dialog.editors["watch_folder"].setText(str(folder))
    assert dialog.apply() and store.get("watch_folder") == str(folder)


def test_the_watched_folder_is_shown_short() -> None:
    from pictotext_desktop.ui.folder_watch import short_path

    assert short_path(Path.home() / "Scans") == "~/Scans"
    assert short_path(Path("/srv/scans")) == "/srv/scans"


def test_a_restored_row_whose_file_is_gone_keeps_its_result(
        opened: Any, qtbot: Any, cards: list[Path], server: StandInServer) -> None:
    first = opened()
    run_batch(first, qtbot, cards[:1])
    fields = dict(first.model.jobs[0].record.fields)
    crash(first)
    cards[0].unlink()
    second = opened()
    qtbot.waitUntil(lambda: second.restore_prompt is not None, timeout=5000)
    second.restore_prompt.restore_button.click()
    job = second.model.jobs[0]
    assert job.source.display_name == "card_1.jpg"
    second.queue_view.selectRow(0)
    second.act_read_again.trigger()
    second.rotate_job(job, 90)
    assert job.state == JobState.DONE and job.record.fields == fields
    assert len(list(server.ocr_requests())) == 1


def test_a_damaged_results_file_is_set_aside_and_said_once(
        qtbot: Any, store: Any, keyring_backend: Any, with_key: str, tmp_path: Path) -> None:
    data_dir(tmp_path).mkdir()
    (data_dir(tmp_path) / "results.db").write_bytes(b"not a database at all" * 100)
    window = make_window(qtbot, store, keyring_backend)
    seen: list[str] = []
    window.message_shown.connect(seen.append)
    window.show()
    qtbot.waitExposed(window)
    try:
        qtbot.waitUntil(lambda: window.controller.results_opened, timeout=5000)
        assert window.controller.results is not None
        assert len(seen) == 1 and "results.db." in seen[0] and ".bad" in seen[0]
        assert window.restore_prompt is None
    finally:
        window.shutdown()
    assert list(data_dir(tmp_path).glob("results.db.*.bad"))


def test_an_edit_during_a_batch_never_waits_for_the_disk(
        opened: Any, qtbot: Any, cards: list[Path]) -> None:
    """An edit is saved by the store's writer, after the saves queued before it: the
    window goes on at once even while the writer is stuck on a slow disk."""
    import threading

    window = opened()
    run_batch(window, qtbot, cards)
    results = window.controller.results
    disk_free = threading.Event()
    window.controller._writer.submit(lambda: disk_free.wait(10))  # a write stuck on fsync
    window.queue_view.selectRow(1)
    row = window.result_view.rows["name"]
    row.edit.setText("李四")
    row.edit.editingFinished.emit()  # returns although the writer is stuck
    assert window.model.jobs[1].record.fields["name"] == "李四"
    assert not any(r.record.fields and r.record.fields.get("name") == "李四"
                   for r in results.session_results())
    disk_free.set()
    qtbot.waitUntil(lambda: any(r.record.fields and r.record.fields.get("name") == "李四"
                                for r in results.session_results()), timeout=5000)
