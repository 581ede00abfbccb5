"""The queue against the stand-in server: results shown, pause on auth errors, cancel, quit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication

from pictotext_desktop.jobs import JobState
from pictotext_desktop.ui.export_dialog import ExportChoice
from tests.gui.conftest import TEST_KEY, make_window
from tests.stand_in_server import ACTIVE, NO_CREDITS, Fault, StandInServer, status


def states(window: Any) -> list[str]:
    return [j.state.value for j in window.model.jobs]


def run_batch(window: Any, qtbot: Any, paths: list[Path], timeout: int = 20_000) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=timeout):
        window.add_paths(paths)


def test_full_batch_shows_fields_in_catalog_order(window: Any, qtbot: Any,
                                                  cards: list[Path],
                                                  server: StandInServer) -> None:
    run_batch(window, qtbot, cards)
    assert states(window) == ["done", "done", "done"]
    window.queue_view.selectRow(1)
    view = window.result_view
    assert view.title.text() == "card_2.jpg"
    keys = list(view.rows)
    from pictotext_desktop import catalog

    assert keys[: len(catalog.field_keys("cn_id_card"))] == list(catalog.field_keys("cn_id_card"))
    assert view.rows["name"].edit.text() == "张三"
    assert view.rows["name"].label.text().startswith("Name")
    assert len(list(server.ocr_requests())) == 3
    assert "Calls this session: 3" in window.calls_status.text()
    assert "3 done" in window.counts_status.text()
    # Every request carried the chosen type and the key.
    assert all(r.authorization == f"Bearer {TEST_KEY}" for r in server.ocr_requests())


def test_copy_all_and_tsv_row(window: Any, qtbot: Any, cards: list[Path]) -> None:
    run_batch(window, qtbot, cards[:1])
    window.queue_view.selectRow(0)
    window.act_copy_all.trigger()
    text = QGuiApplication.clipboard().text()
    assert "Name: 张三" in text.splitlines()
    window.act_copy_row.trigger()
    row = QGuiApplication.clipboard().text()
    assert "\t" in row and "张三" in row and len(row.strip().splitlines()) == 1
    assert window.unsaved_results() == []


def test_an_edit_after_copy_or_export_is_unsaved_again(window: Any, qtbot: Any,
                                                        cards: list[Path],
                                                        tmp_path: Path) -> None:
    run_batch(window, qtbot, cards[:1])
    window.queue_view.selectRow(0)
    job = window.model.jobs[0]
    row = window.result_view.rows["name"]
    window.act_copy_all.trigger()
    assert window.unsaved_results() == []
    row.edit.setText("李四")
    row.edit.editingFinished.emit()
    assert window.unsaved_results() == [job]
    window.ask_export = lambda count: ExportChoice(tmp_path / "out.csv")
    assert window.export() is not None
    assert window.unsaved_results() == []
    row.edit.setText("王五")
    row.edit.editingFinished.emit()
    assert window.unsaved_results() == [job]
    asked: list[str] = []

    def cancel(title: str, text: str, can_export: bool) -> str:
        asked.append(title)
        return "cancel"

    window.ask_quit = cancel
    window.close()
    assert asked == ["Quit without saving?"] and window.isVisible()


def test_edit_field_marks_it_and_reruns_checks(window: Any, qtbot: Any,
                                               cards: list[Path]) -> None:
    run_batch(window, qtbot, cards[:1])
    window.queue_view.selectRow(0)
    row = window.result_view.rows["idNumber"]
    row.edit.setText("110101199003071234")
    row.edit.editingFinished.emit()
    record = window.model.jobs[0].record
    assert record.fields["idNumber"] == "110101199003071234"
    assert "idNumber" in record.edited
    assert "edited" in row.mark.text()
    assert any(c.field == "idNumber" for c in record.checks)
    assert row.checks.isVisibleTo(window.result_view)
    assert row.checks.text()


def test_auto_copy_puts_fields_on_clipboard(window: Any, qtbot: Any, cards: list[Path]) -> None:
    window.store.override("auto_copy", True)
    QGuiApplication.clipboard().setText("")
    run_batch(window, qtbot, cards[:1])
    assert "Name: 张三" in QGuiApplication.clipboard().text()


def test_credit_error_pauses_queue_with_one_dialog_and_resumes(
        window: Any, qtbot: Any, cards: list[Path], server: StandInServer) -> None:
    window.store.override("concurrency", 1)
    window._reconfigure()
    server.add_key(TEST_KEY, NO_CREDITS)
    dialogs: list[Any] = []
    window.error_shown.connect(dialogs.append)
    run_batch(window, qtbot, cards)
    assert len(dialogs) == 1
    dialog = window.last_error_dialog
    assert dialog.title_label.text() == "You are out of PicToText credits"
    assert {"pricing", "dashboard", "retry", "details", "report"} <= set(dialog.button_names)
    # Nothing unsent is marked failed: all three stay waiting.
    assert states(window) == ["waiting", "waiting", "waiting"]
    assert window.paused
    server.add_key(TEST_KEY, ACTIVE)
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        dialog.click("retry")
    assert states(window) == ["done", "done", "done"]


def test_invalid_key_pauses_and_keys_changed_resumes(
        qtbot: Any, store: Any, keyring_backend: Any, cards: list[Path],
        server: StandInServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", "sk_test_wrong_9999")
    window = make_window(qtbot, store, keyring_backend)
    window.show()
    run_batch(window, qtbot, cards[:2])
    dialog = window.last_error_dialog
    assert dialog.title_label.text() == "Your API key was not accepted"
    assert "settings" in dialog.button_names
    assert states(window) == ["waiting", "waiting"]
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.keys_changed()  # what SettingsDialog.keys_changed triggers
    assert states(window) == ["done", "done"]
    assert not dialog.isVisible()
    window.shutdown()


def test_cancel_stops_promptly(window: Any, qtbot: Any, cards: list[Path],
                               server: StandInServer) -> None:
    server.state.delay = 0.0
    server.fail_always(Fault("slow", seconds=3.0))
    window.store.override("concurrency", 1)
    window._reconfigure()
    window.add_paths(cards)
    qtbot.waitUntil(lambda: JobState.SENDING in [j.state for j in window.model.jobs])
    import time

    started = time.monotonic()
    with qtbot.waitSignal(window.batch_finished, timeout=5_000):
        window.act_cancel.trigger()
    assert time.monotonic() - started < 1.5
    assert states(window) == ["cancelled", "cancelled", "cancelled"]
    server.fail_always(None)
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.act_retry.trigger()
    assert states(window) == ["done", "done", "done"]


def test_service_error_fails_item_and_shows_retry_dialog(
        window: Any, qtbot: Any, cards: list[Path], server: StandInServer) -> None:
    server.fail_always(status(500, "AI_SERVICE_ERROR"))
    run_batch(window, qtbot, cards[:1])
    assert window.model.jobs[0].state == JobState.FAILED
    assert "failed: PicToText could not read the image this time" in \
        window.model.data(window.model.index(0, 1))
    dialog = window.last_error_dialog
    assert "retry" in dialog.button_names
    server.fail_always(None)
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        dialog.click("retry")
    assert states(window) == ["done"]


def test_unreadable_image_shows_on_its_row_not_a_dialog(
        window: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg")
    run_batch(window, qtbot, [broken, cards[0]])
    assert states(window) == ["failed", "done"]
    assert window.last_error_dialog is None
    assert window.model.data(window.model.index(0, 1)).startswith("failed: ")


def test_rotate_reads_again_with_rotation(window: Any, qtbot: Any, cards: list[Path],
                                          server: StandInServer) -> None:
    run_batch(window, qtbot, cards[:1])
    job = window.model.jobs[0]
    assert job.prepared.size == (320, 200)
    window.queue_view.selectRow(0)
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.result_view.rotate_right.click()
    assert job.rotate == 90
    assert job.state == JobState.DONE
    assert job.prepared.size == (200, 320)
    assert len(list(server.ocr_requests())) == 2


def test_quit_during_batch_asks_and_stops_thread_cleanly(
        qtbot: Any, store: Any, keyring_backend: Any, cards: list[Path],
        server: StandInServer, with_key: str, qtlog: Any) -> None:
    server.fail_always(Fault("slow", seconds=2.0))
    window = make_window(qtbot, store, keyring_backend)
    asked: list[str] = []
    answers = iter([False, True])

    def confirm(title: str, text: str) -> bool:
        asked.append(title)
        return next(answers)

    window.confirm = confirm
    window.show()
    window.add_paths(cards)
    qtbot.waitUntil(lambda: JobState.SENDING in [j.state for j in window.model.jobs])
    assert window.close() is False  # "No": the window stays
    assert window.uploader.running
    assert window.close() is True
    assert asked == ["Quit while reading?", "Quit while reading?"]
    assert window.uploader.upload_thread.isFinished()
    messages = [m.message for m in qtlog.records]
    assert not any("Destroyed while thread" in m for m in messages)


def test_close_with_uncopied_results_asks(window: Any, qtbot: Any, cards: list[Path]) -> None:
    run_batch(window, qtbot, cards[:1])
    asked: list[str] = []
    window.ask_quit = lambda title, text, can_export: asked.append(text) or "cancel"
    assert window.close() is False
    assert "1 result(s) were never copied or exported" in asked[0]
    window.queue_view.selectRow(0)
    window.act_copy_all.trigger()
    assert window.close() is True


def test_export_marks_results_exported(window: Any, qtbot: Any, cards: list[Path],
                                       tmp_path: Path) -> None:
    run_batch(window, qtbot, cards[:2])
    target = tmp_path / "out.csv"
    window.ask_export = lambda count: ExportChoice(target)
    assert window.export() == target
    text = target.read_text("utf-8-sig")
    assert text.count("张三") == 2
    assert window.unsaved_results() == []


def test_no_key_non_cn_type_asks_for_a_key(
        qtbot: Any, store: Any, keyring_backend: Any, cards: list[Path]) -> None:
    store.override("document_type", "passport")
    window = make_window(qtbot, store, keyring_backend)
    window.show()
    assert window.doc_type.value() == "passport"
    run_batch(window, qtbot, cards[:1])
    dialog = window.last_error_dialog
    assert dialog.title_label.text() == "This document type needs a PicToText key"
    assert "settings" in dialog.button_names
    assert states(window) == ["waiting"]
    window.shutdown()
