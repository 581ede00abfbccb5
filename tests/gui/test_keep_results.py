"""Results are never thrown away unasked: removals can be undone, quitting offers Export
with Cancel as the default, a damaged settings file is said at start."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from pictotext_desktop.jobs import JobState
from pictotext_desktop.ui.export_dialog import ExportChoice
from tests.gui.conftest import make_window


def run_batch(window: Any, qtbot: Any, paths: list[Path]) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.add_paths(paths)


def names(window: Any) -> list[str]:
    return [j.source.display_name for j in window.model.jobs]


def test_clear_finished_can_be_undone_with_results_edits_and_marks(
        window: Any, qtbot: Any, cards: list[Path]) -> None:
    run_batch(window, qtbot, cards)
    jobs = list(window.model.jobs)
    window.queue_view.selectRow(1)
    row = window.result_view.rows["name"]
    row.edit.setText("李四")
    row.edit.editingFinished.emit()
    window.queue_view.selectRow(2)
    window.act_copy_all.trigger()
    window.act_clear.trigger()
    assert window.model.jobs == []
    bar = window.undo_bar
    assert bar.isVisible() and bar.label.text() == "Removed 3 result(s)"
    assert window.unsaved_results() == []  # nothing left to lose: the bar is the way back
    qtbot.mouseClick(bar.undo_button, Qt.MouseButton.LeftButton)
    assert window.model.jobs == jobs
    assert [j.state for j in jobs] == [JobState.DONE] * 3
    assert jobs[1].record.fields["name"] == "李四" and "name" in jobs[1].record.edited
    assert window.model.extras[jobs[2].id].copied
    assert window.unsaved_results() == jobs[:2]
    assert not bar.isVisible() and not window.act_undo.isEnabled()
    assert window.stack.currentWidget() is window.splitter


def test_delete_then_ctrl_z_puts_the_row_back_in_its_place(
        window: Any, qtbot: Any, cards: list[Path]) -> None:
    run_batch(window, qtbot, cards)
    before = names(window)
    window.queue_view.selectRow(1)
    window.queue_view.setFocus()
    QTest.keyClick(window.queue_view, Qt.Key.Key_Delete)
    assert names(window) == [before[0], before[2]]
    assert window.undo_bar.label.text() == "Removed 1 result(s)"
    QTest.keyClick(window.queue_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyRelease(window.queue_view, Qt.Key.Key_Control)  # Qt's modifier state: up again
    assert names(window) == before
    # The same file can no longer be added twice: it is in the queue again.
    assert window.add_paths([cards[1]]) == 0


def test_the_undo_bar_hides_after_a_while_and_on_the_next_action(
        window: Any, qtbot: Any, cards: list[Path]) -> None:
    run_batch(window, qtbot, cards[:2])
    window.queue_view.selectRow(0)
    window.remove_selected()
    bar = window.undo_bar
    assert bar.isVisible()
    bar.timer.setInterval(50)
    bar.timer.start()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=2000)
    assert window.undo_remove() == 0 and names(window) == ["card_2.jpg"]
    window.queue_view.selectRow(0)
    window.remove_selected()
    assert bar.isVisible()
    window.store.override("auto_start", False)
    window.add_paths([cards[2]])  # the next action: the removal is final
    assert not bar.isVisible() and not window.act_undo.isEnabled()
    assert names(window) == ["card_3.jpg"]


def test_quit_question_defaults_to_cancel_and_counts_waiting_images(
        window: Any, qtbot: Any, cards: list[Path]) -> None:
    run_batch(window, qtbot, cards[:1])
    window.store.override("auto_start", False)
    window.add_paths(cards[1:])
    seen: dict[str, Any] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        default = box.defaultButton()
        seen["default"] = default.text() if default is not None else ""
        QTest.keyClick(box, Qt.Key.Key_Return)  # Enter takes the default

    window.ask_quit = window._quit_dialog  # the real question
    QTimer.singleShot(0, answer)
    assert window.close() is False
    assert window.isVisible()
    assert seen["text"] == "1 result(s) not copied or exported and 2 image(s) still waiting."
    assert seen["buttons"] == ["&Export…", "&Quit without saving", "Cancel"]
    assert seen["default"] == "Cancel"
    window.ask_quit = lambda title, text, can_export: "quit"


def test_export_from_the_quit_question_quits_only_when_written(
        window: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    run_batch(window, qtbot, cards[:2])
    window.queue_view.selectRow(0)
    window.queue_view.selectionModel().select(
        window.model.index(0, 0), window.queue_view.selectionModel().SelectionFlag.Select)
    window.ask_quit = lambda title, text, can_export: "export"
    window.ask_export = lambda count: None  # the file dialog cancelled
    assert window.close() is False
    window.ask_export = lambda count: ExportChoice(tmp_path / "missing" / "out.csv")  # unwritable
    window.show_message = lambda text: None
    assert window.close() is False and window.isVisible()
    target = tmp_path / "out.csv"
    window.ask_export = lambda count: ExportChoice(target)
    assert window.close() is True
    assert target.read_text("utf-8-sig").count("张三") == 2  # every result, not a selection


def test_quit_without_saving_quits(window: Any, qtbot: Any, cards: list[Path]) -> None:
    run_batch(window, qtbot, cards[:1])
    window.ask_quit = lambda title, text, can_export: "quit"
    assert window.close() is True


def test_damaged_settings_file_is_said_at_start(
        qtbot: Any, keyring_backend: Any, with_key: str, server: Any) -> None:
    from pictotext_desktop.settings import SettingsStore

    config = Path(os.environ["PICTOTEXT_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text('{"settings": {"language": "en"', "utf-8")
    store = SettingsStore()
    store.override("api_url", server.url)
    window = make_window(qtbot, store, keyring_backend)
    with qtbot.waitSignal(window.message_shown, timeout=5000) as shown:
        window.show()
    assert "settings.json.bad" in shown.args[0]
    assert (config / "settings.json.bad").is_file()
    window.shutdown()


def test_quit_while_reading_defaults_to_no(
        qtbot: Any, store: Any, keyring_backend: Any, cards: list[Path], server: Any,
        with_key: str) -> None:
    from tests.stand_in_server import Fault

    server.fail_always(Fault("slow", seconds=2.0))
    window = make_window(qtbot, store, keyring_backend)
    window.confirm = window._confirm_dialog  # the real question
    window.show()
    window.add_paths(cards)
    qtbot.waitUntil(lambda: JobState.SENDING in [j.state for j in window.model.jobs])
    seen: dict[str, str] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        default = box.defaultButton()
        seen["default"] = default.text() if default is not None else ""
        QTest.keyClick(box, Qt.Key.Key_Return)  # Enter: whatever the default is

    QTimer.singleShot(0, answer)
    assert window.close() is False
    assert seen["default"] == "&No"
    window.confirm = lambda title, text: True
    assert window.close() is True
