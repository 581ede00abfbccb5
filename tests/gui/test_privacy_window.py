"""Privacy in the window: the Export dialog (template, masking, headers, what was left
out), masked display with Show, the history page (search, Delete all), the daily purge,
and duplicate-person notes.  The stand-in server answers every card with the docs'
example (张三, 110101199001011234, whose check digit is wrong: a finding to compare)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from pictotext_desktop import catalog, i18n, templates
from pictotext_desktop.credentials import StoreKeyring
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.records import Record
from pictotext_desktop.store import ResultStore
from pictotext_desktop.ui.export_dialog import ExportChoice, ExportDialog
from pictotext_desktop.ui.person_notes import note_text
from pictotext_desktop.ui.retention import RetentionTimer
from tests.gui.conftest import make_window

NAME = "张三"
NUMBER = "110101199001011234"
MASKED_NUMBER = "110101********1234"


def run_batch(window: Any, qtbot: Any, paths: list[Path]) -> None:
    """The batch run, and its results saved (the store's thread writes them after)."""
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.add_paths(paths)
    writer = window.controller._writer
    if writer is not None:
        writer.flush()


def via_dialog(window: Any, setup: Callable[[ExportDialog], None]) -> None:
    """Export answers through the real dialog, set up by `setup` and accepted."""

    def ask(count: int) -> ExportChoice | None:
        dialog = ExportDialog(window.store, count, window)
        setup(dialog)
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.status.text()
        return dialog.choice()

    window.ask_export = ask


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))


def choose(dialog: ExportDialog, path: Path, *, template: str = "all", headers: str = "key",
           mask: str = "") -> None:
    dialog.path_edit.setText(str(path))
    dialog._path_edited()
    dialog.template_combo.setCurrentIndex(next(
        i for i in range(dialog.template_combo.count())
        if dialog.template_combo.itemData(i).name == template))
    dialog.headers_combo.setCurrentIndex(dialog.headers_combo.findData(headers))
    dialog.mask_picker.set_spec(mask)


# -- Export ------------------------------------------------------------------------------
def test_a_masked_export_says_its_preset_and_keeps_what_the_checks_found(
        window: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    run_batch(window, qtbot, cards[:2])
    plain, masked = tmp_path / "plain.csv", tmp_path / "masked.csv"
    via_dialog(window, lambda d: choose(d, plain))
    assert window.export() == plain

    def standard(dialog: ExportDialog) -> None:
        choose(dialog, masked)
        dialog.mask_picker.standard_button.click()  # as a person would pick it

    via_dialog(window, standard)
    assert window.export() == masked
    full, hidden = read_csv(plain), read_csv(masked)
    assert [r["idNumber"] for r in hidden] == [MASKED_NUMBER] * 2
    assert [r["idNumber"] for r in full] == [f'="{NUMBER}"'] * 2
    assert [r["name"] for r in hidden] == ["张*"] * 2
    assert [r["masked"] for r in hidden] == ["standard"] * 2  # the file says its preset
    assert [r["checks"] for r in hidden] == [r["checks"] for r in full]
    assert all("ID_CHECK_DIGIT" in r["checks"] for r in hidden)
    raw = masked.read_bytes()
    assert NUMBER.encode() not in raw and NAME.encode() not in raw
    # The choice is remembered for the next export.
    assert window.store.meta("export")["mask"] == "standard"
    assert ExportDialog(window.store, 1, window).mask_picker.spec() == "standard"


def test_masked_xlsx_checks_sheet_matches_the_unmasked_one(
        window: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    run_batch(window, qtbot, cards[:1])
    sheets = {}
    for name, mask in (("plain.xlsx", ""), ("masked.xlsx", "id-3-3,name")):
        target = tmp_path / name
        via_dialog(window, lambda d, t=target, m=mask: choose(d, t, mask=m))
        assert window.export() == target
        book = load_workbook(target)
        sheets[name] = ([list(r) for r in book["Results"].iter_rows(values_only=True)],
                        [list(r) for r in book["Checks"].iter_rows(values_only=True)])
    results, checks = sheets["masked.xlsx"]
    head = results[0]
    assert results[1][head.index("idNumber")] == "110************234"
    assert results[1][head.index("masked")] == "id-3-3,name"
    # Same findings (source, field, code, severity, messages); only suggestions go.
    assert [r[:6] for r in checks] == [r[:6] for r in sheets["plain.xlsx"][1]]


@pytest.mark.parametrize("style", ["key", "en", "zh"])
def test_header_styles_are_the_keys_or_the_labels_the_window_shows(
        window: Any, qtbot: Any, cards: list[Path], tmp_path: Path, style: str) -> None:
    run_batch(window, qtbot, cards[:1])
    target = tmp_path / f"{style}.csv"
    via_dialog(window, lambda d: choose(d, target, headers=style))
    window.export()
    header = next(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    doc = catalog.get("cn_id_card")
    if style == "key":
        assert "idNumber" in header and "name" in header
    elif style == "en":
        window.queue_view.selectRow(0)
        shown = window.result_view.rows["idNumber"].label.text().split("\n")[0]
        assert shown in header and "idNumber" not in header
        assert "File" in header
    else:
        assert i18n.field_label(doc, "idNumber", i18n.CHINESE) in header
        assert "文件" in header


def test_the_window_says_how_many_were_exported_and_what_was_left_out(
        window: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg")
    run_batch(window, qtbot, [cards[0], broken, cards[1]])
    later = Job(source=Source(name="later.jpg", data=b""), document_type="cn_id_card",
                state=JobState.CANCELLED)
    window.model.add([later])
    messages: list[str] = []
    window.show_message = messages.append
    # The plain layout has error columns: the failed input is a row with its error.
    target = tmp_path / "all.csv"
    via_dialog(window, lambda d: choose(d, target))
    window.export()
    rows = read_csv(target)
    assert [Path(r["source"]).name for r in rows] == ["card_1.jpg", "broken.jpg", "card_2.jpg"]
    assert rows[1]["error_reason"]
    text = window.statusBar().currentMessage()
    assert text.startswith("3 of 4 exported to all.csv; 1 failed, in the file with their "
                           "error: broken.jpg (")
    assert text.endswith("; 1 not read, left out: later.jpg (cancelled)")
    assert messages[-1] == text  # said in a message too: something was left out
    # A template without error columns leaves the failed input out, and names it.
    named = tmp_path / "name-id.csv"
    via_dialog(window, lambda d: choose(d, named, template="name-id"))
    window.export()
    assert len(read_csv(named)) == 2
    text = window.statusBar().currentMessage()
    assert text.startswith("2 of 4 exported to name-id.csv; 1 failed, left out (the template "
                           "has no error column): broken.jpg (")


def test_save_as_template_keeps_the_choice_as_the_persons_own(
        window: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    run_batch(window, qtbot, cards[:1])
    dialog = ExportDialog(window.store, 1, window)
    choose(dialog, tmp_path / "x.csv", template="name-id", headers="en", mask="id-3-3")
    dialog.ask_name = lambda: "前台登记"
    made = dialog.save_template()
    assert made is not None and dialog.template().name == "前台登记"
    saved = templates.get("前台登记")
    assert (saved.headers, saved.mask, saved.format, saved.builtin) == ("en", "id-3-3", "csv",
                                                                        False)
    assert [c.key for c in saved.columns] == ["name", "idNumber"]
    # A built-in name is refused with a message, not a traceback.
    dialog.ask_name = lambda: "all"
    assert dialog.save_template() is None
    assert "built-in" in dialog.status.text()


# -- masked display ----------------------------------------------------------------------
def test_display_mask_shows_and_copies_masked_values_until_shown(
        window: Any, qtbot: Any, cards: list[Path]) -> None:
    run_batch(window, qtbot, cards[:1])
    window.queue_view.selectRow(0)
    view = window.result_view
    findings_full = view.rows["idNumber"].checks.text()
    window.store.set("display_mask", "standard")
    window.privacy.apply()
    row = view.rows["idNumber"]
    assert row.edit.text() == MASKED_NUMBER and row.edit.isReadOnly()
    assert view.rows["name"].edit.text() == "张*"
    # The checks say the same (on the full value); only the suggested value is hidden.
    assert row.checks.text().split("\n")[0] == findings_full.split("\n")[0]
    assert NUMBER[:10] not in row.checks.text()
    clipboard = QGuiApplication.clipboard()
    row.copy.click()
    assert clipboard.text() == MASKED_NUMBER
    row.edit.editingFinished.emit()  # leaving the masked field never writes it back
    job = window.model.jobs[0]
    assert job.record.fields["idNumber"] == NUMBER and not job.record.edited
    view.copy_all()
    assert NUMBER not in clipboard.text() and MASKED_NUMBER in clipboard.text()
    # Show reveals one value on purpose: shown and copied whole, the others still masked.
    row.reveal.click()
    row = view.rows["idNumber"]
    assert row.edit.text() == NUMBER and not row.edit.isReadOnly()
    row.copy.click()
    assert clipboard.text() == NUMBER
    view.copy_row()
    assert NUMBER in clipboard.text() and NAME not in clipboard.text()
    # Another row starts masked again.
    view.show_job(None)
    window.queue_view.selectRow(0)
    window._selection_changed()
    assert view.rows["idNumber"].edit.text() == MASKED_NUMBER


def test_display_mask_default_is_none_and_is_set_in_settings(
        window: Any, qtbot: Any, cards: list[Path]) -> None:
    run_batch(window, qtbot, cards[:1])
    window.queue_view.selectRow(0)
    assert window.result_view.rows["idNumber"].edit.text() == NUMBER  # today's behaviour
    window.open_settings()
    dialog = window.settings_dialog
    picker = dialog.history_page.mask_picker
    picker.boxes["id-3-3"].setChecked(True)
    assert dialog.apply()
    assert window.store.get("display_mask") == "id-3-3"
    assert window.result_view.rows["idNumber"].edit.text() == "110************234"
    dialog.reject()


# -- history -----------------------------------------------------------------------------
@pytest.fixture
def history_window(qtbot: Any, store: Any, keyring_backend: Any,
                   with_key: str) -> Iterator[Any]:
    store.override("result_store", "history")
    window = make_window(qtbot, store, keyring_backend)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.controller.results is not None, timeout=5000)
    yield window
    window.shutdown()


def data_files(tmp_path: Path) -> list[Path]:
    return [p for p in (tmp_path / "data").rglob("*") if p.is_file()]


def clear_text_in(files: list[Path]) -> list[str]:
    found = []
    for path in files:
        raw = path.read_bytes()
        for needle in (NUMBER.encode(), NAME.encode(), NAME.encode("utf-16-le"),
                       b"card_1", MASKED_NUMBER.encode()):
            if needle in raw:
                found.append(f"{path.name}: {needle!r}")
    return found


def test_history_page_searches_masked_and_deletes_all(
        history_window: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    window = history_window
    run_batch(window, qtbot, cards)
    window.open_settings()
    page = window.settings_dialog.history_page
    page.search_edit.setText(NAME)
    assert len(page.search()) == 3
    cells = [[page.table.item(r, c).text() for c in range(5)] for r in range(3)]
    assert {row[1] for row in cells} == {"card_1.jpg", "card_2.jpg", "card_3.jpg"}
    assert {row[2] for row in cells} == {"Chinese ID Card"}
    assert {(row[3], row[4]) for row in cells} == {("张*", MASKED_NUMBER)}
    assert cells[0][0].startswith(str(datetime.now().year))
    page.search_edit.setText("110101 1990 0101 1234")  # spacing does not matter
    assert len(page.search()) == 3
    page.search_edit.setText("张")  # a part finds nothing
    assert page.search() == [] and "Nothing" in page.status.text()
    assert clear_text_in(data_files(tmp_path)) == []  # never in clear
    page.confirm = lambda title, text: False
    assert page.delete_all() is None and window.controller.results.history_count() == 3
    asked: list[str] = []
    page.confirm = lambda title, text: asked.append(text) or True
    assert page.delete_all() == 3
    assert "3 result(s)" in asked[0]
    assert window.controller.results.history_count() == 0
    page.search_edit.setText(NAME)
    assert page.search() == []
    window.controller.shutdown()  # the file as it stays on disk
    assert clear_text_in(data_files(tmp_path)) == []
    window.settings_dialog.reject()


def test_history_settings_apply_to_the_open_store(
        history_window: Any, qtbot: Any, cards: list[Path]) -> None:
    window = history_window
    results = window.controller.results
    assert results.keep_history
    window.open_settings()
    dialog = window.settings_dialog
    dialog.editors["result_store"].setCurrentIndex(
        dialog.editors["result_store"].findData("session"))
    dialog.editors["history_days"].setValue(7)
    assert dialog.apply()
    assert not results.keep_history and results.history_days == 7
    run_batch(window, qtbot, cards[:1])
    assert results.history_count() == 0  # history off: nothing added
    dialog.reject()


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def cn_record(source: str) -> Record:
    return Record(source=source, document_type="cn_id_card",
                  fields={"name": NAME, "idNumber": NUMBER})


def test_retention_purges_daily_while_running_with_a_clock_we_control(
        qtbot: Any, tmp_path: Path) -> None:
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    clock = Clock(start)
    path = tmp_path / "data" / "results.db"
    with ResultStore.open(path, StoreKeyring(), keep_history=True, history_days=30,
                          clock=clock) as results:
        results.put(cn_record("old.jpg"), position=0)
        clock.now = start + timedelta(days=20)
        results.put(cn_record("newer.jpg"), position=1)
        timer = RetentionTimer(lambda: results, clock=clock, interval_ms=10)
        try:
            clock.now = start + timedelta(days=20, hours=12)
            # Over a day since the purge at open: the first tick purges (nothing is old).
            with qtbot.waitSignal(timer.purged, timeout=2000) as first:
                pass
            assert first.args == [0] and results.history_count() == 2
            clock.now = start + timedelta(days=20, hours=20)  # not a day since: no purge
            qtbot.wait(50)
            assert results.history_count() == 2
            clock.now = start + timedelta(days=31)  # "old" is past 30 days
            with qtbot.waitSignal(timer.purged, timeout=2000) as second:
                pass
            assert second.args == [1]
            assert [r.source for r in results.history()] == ["newer.jpg"]
        finally:
            timer.timer.stop()


# -- duplicate person --------------------------------------------------------------------
def test_a_person_read_again_is_said_on_the_row_and_in_the_result_view(
        window: Any, qtbot: Any, cards: list[Path]) -> None:
    run_batch(window, qtbot, cards[:2])  # both cards hold the same ID number
    model = window.model
    status = [model.data(model.index(r, 1)) for r in range(2)]
    # Read at the same time: whichever finished second is the duplicate of the first.
    later = next(r for r in range(2) if "\n" in status[r])
    earlier = 1 - later
    assert "\n" not in status[earlier]  # the first reading is not a duplicate
    today = datetime.now().astimezone().date().isoformat()
    note = f"This person was read on {today} (card_{earlier + 1}.jpg)"
    assert status[later].split("\n")[1] == note
    second = model.jobs[later]
    assert window.privacy.notes.text(second) == note == note_text(
        window.privacy.notes.seen(second))
    assert note in model.data(model.index(later, 0), Qt.ItemDataRole.AccessibleTextRole)
    window.queue_view.selectRow(later)
    assert window.result_view.message.text().split("\n")[0] == note
    # An edit to another number: no longer the same person.
    row = window.result_view.rows["idNumber"]
    row.edit.setText("11010519491231002X")
    row.edit.editingFinished.emit()
    assert window.privacy.notes.text(second) == ""
    assert "\n" not in model.data(model.index(later, 1))
    assert note not in window.result_view.message.text()


def test_a_person_in_the_history_is_said_without_keeping_the_number(
        history_window: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    window = history_window
    results = window.controller.results
    earlier = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    results._clock = lambda: earlier
    results.put(cn_record(str(tmp_path / "card_12.jpg")), position=0)
    results._clock = lambda: datetime.now(UTC)
    results.start_new_session()
    run_batch(window, qtbot, cards[:1])
    note = window.privacy.notes.text(window.model.jobs[0])
    assert note == f"This person was read on {earlier.astimezone().date()} (card_12.jpg)"
    assert clear_text_in(data_files(tmp_path)) == []


# -- what the app says it keeps ----------------------------------------------------------
def test_the_privacy_page_and_docs_say_what_is_kept_and_for_how_long(qtbot: Any) -> None:
    from pictotext_desktop.ui.privacy_dialog import PrivacyDialog

    dialog = PrivacyDialog()
    qtbot.addWidget(dialog)
    text = " ".join(dialog.plain_text().split())
    docs = " ".join((Path(__file__).parents[2] / "docs" / "privacy.md").read_text(
        "utf-8").split())
    assert "keeps no history" not in text
    for said in ("results.db", "off by default", "30 by default, 1 to 3650",
                 "at start and once a day", "Delete all history", "keyed hashes",
                 "says which masking it used"):
        assert said in text, said
    for said in ("`results.db`", "off by default", "default 30, 1–3650", "once a day",
                 "Delete all history", "“Mask shown values”", "random key made at start",
                 "the Export dialog's last choice"):
        assert said in docs, said


def test_display_mask_setting_takes_presets_only(tmp_path: Path) -> None:
    from pictotext_desktop.errors import UsageError
    from pictotext_desktop.settings import SettingsStore

    settings = SettingsStore(tmp_path / "settings.json")
    assert settings.get("display_mask") == ""  # none by default: today's window
    settings.set("display_mask", "Name, ID-3-3")
    assert settings.get("display_mask") == "name,id-3-3"
    with pytest.raises(UsageError, match="--display-mask: unknown preset 'bogus'"):
        settings.set("display_mask", "bogus")
