"""Selecting rows shows the selected record and nothing of the one before it.

The result view shows each record in the field rows it already has (only rows that must
look different are made anew), and the card's photo is decoded in a thread: whatever
the order and pace of selections, the fields, their findings, suggestions and the photo
are the last selected row's, a value being typed stays with its own record, and an edit
survives the view being refreshed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from bench.cards import make_photo
from pictotext_desktop.checks import check_record
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.records import Record
from tests.gui.test_at_a_glance import BAD_ID, GOOD_ID, cn_record, show
from tests.stand_in_server import StandInServer

MRZ = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
       "L898902C36UTO7408122F1204159ZE184226B<<<<<10")


def passport(source: str) -> Record:
    record = Record(source=source, document_type="passport", engine="cloud", fields={
        "surname": "ERIKSSON", "givenNames": "ANNA MARIA", "passportNumber": "L898902C3",
        "nationality": "UTO", "dateOfBirth": "1974-08-12", "mrz": MRZ})
    check_record(record)
    return record


def done(name: str, record: Record) -> Job:
    return Job(source=Source(name=name, data=b""), document_type=record.document_type,
               state=JobState.DONE, record=record)


def record_of(job: Job) -> Record:
    assert job.record is not None
    return job.record


def shown_values(view: Any) -> dict[str, str]:
    return {key: row.edit.text() if isinstance(row.edit, QLineEdit)
            else row.edit.toPlainText() for key, row in view.rows.items()}


def visible_edits(view: Any) -> list[QLineEdit]:
    return [e for e in view.fields_widget.findChildren(QLineEdit) if e.isVisibleTo(view)]


def test_fast_selection_changes_show_only_the_last_selected_record(window: Any) -> None:
    jobs = [done("zhang.jpg", cn_record("zhang.jpg", GOOD_ID, address="北京市朝阳区")),
            done("anna.jpg", passport("anna.jpg")),
            done("card_12.jpg", cn_record("card_12.jpg", BAD_ID)),
            done("li.jpg", cn_record("li.jpg", GOOD_ID, name="李四"))]
    show(window, jobs)
    view = window.result_view
    # rows selected one after another without the event loop running in between
    for row in (0, 1, 2, 1, 3, 0, 2, 1, 3):
        window.queue_view.select_row(row)
    QApplication.processEvents()
    last = record_of(jobs[3])
    assert view.job is jobs[3]
    shown = shown_values(view)
    fields = last.fields or {}
    assert {k: shown[k] for k in fields} == {k: v or "" for k, v in fields.items()}
    assert all(shown[k] == "" for k in shown if k not in fields)  # the card's unread fields
    # no widget still shows a field of a record selected before (hidden rows are emptied)
    assert sorted(e.text() for e in visible_edits(view)) == sorted(shown.values())
    assert "L898902C3" not in {e.text() for e in view.fields_widget.findChildren(QLineEdit)}
    assert all(row.owner is jobs[3] for row in view.rows.values())
    assert all(row.fixes is None for row in view.rows.values())  # no finding: no "Use …"
    assert view.rows["name"].edit.accessibleName().startswith("Name")
    # the passport again: its MRZ in lines, its own labels and names
    window.queue_view.select_row(1)
    assert view.rows["mrz"].edit.toPlainText() == MRZ
    assert view.rows["passportNumber"].edit.text() == "L898902C3"
    assert view.rows["passportNumber"].edit.objectName() == "field_passportNumber"
    # the card with a wrong check digit: its finding and the one-click fix are there
    window.queue_view.select_row(2)
    fix = view.rows["idNumber"].fixes
    assert fix is not None and view.rows["idNumber"].checks.isVisibleTo(view)
    assert f"Use {GOOD_ID}" in [b.text() for b in fix.findChildren(QPushButton)]
    # and the first card after it: no finding, no suggestion left from the one before
    window.queue_view.select_row(0)
    assert view.rows["idNumber"].fixes is None
    assert not view.rows["idNumber"].checks.isVisibleTo(view)
    assert view.rows["address"].edit.text() == "北京市朝阳区"


def test_tab_goes_down_the_fields_in_order_after_switching_records(window: Any) -> None:
    jobs = [done("zhang.jpg", cn_record("zhang.jpg")), done("anna.jpg", passport("anna.jpg")),
            done("li.jpg", cn_record("li.jpg", name="李四", address="上海"))]
    show(window, jobs)
    for row in (0, 1, 2):
        window.queue_view.select_row(row)
    view = window.result_view
    rows = list(view.rows.values())
    rows[0].edit.setFocus()
    order = []
    for _ in range(len(rows) * 2):
        focused = QApplication.focusWidget()
        assert focused is not None
        order.append(focused)
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    edits = [w for w in order if isinstance(w, QLineEdit)]
    assert edits[:len(rows)] == [r.edit for r in rows]


def test_a_value_being_typed_stays_with_its_record(window: Any, qtbot: Any) -> None:
    jobs = [done("zhang.jpg", cn_record("zhang.jpg")), done("li.jpg", cn_record("li.jpg"))]
    show(window, jobs)
    window.queue_view.select_row(0)
    view = window.result_view
    edit = view.rows["name"].edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, "Zhang Xiaosan")
    # the next row is chosen before the field lost focus (a shortcut, a script)
    window.queue_view.select_row(1)
    assert (record_of(jobs[0]).fields or {})["name"] == "Zhang Xiaosan"
    assert "name" in record_of(jobs[0]).edited
    assert (record_of(jobs[1]).fields or {})["name"] == "张三"
    assert view.rows["name"].edit.text() == "张三"
    window.queue_view.select_row(0)
    assert view.rows["name"].edit.text() == "Zhang Xiaosan"
    assert "edited" in view.rows["name"].mark.text()


def test_an_edit_survives_the_view_being_refreshed(window: Any) -> None:
    jobs = [done("zhang.jpg", cn_record("zhang.jpg")), done("li.jpg", cn_record("li.jpg"))]
    show(window, jobs)
    window.queue_view.select_row(0)
    view = window.result_view
    row = view.rows["idNumber"]
    row.edit.setText(BAD_ID)
    row.edit.editingFinished.emit()
    window._refresh_selected()  # a job event for the selected row
    view.redraw()  # and a redraw from scratch (a mask setting, a language)
    assert view.rows["idNumber"].edit.text() == BAD_ID
    assert view.rows["idNumber"].fixes is not None  # the check ran on the edited value
    assert "edited" in view.rows["idNumber"].mark.text()


def test_the_photo_and_outline_are_the_selected_rows(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    paths = []
    for i, look in enumerate(("plain", "plain")):
        path = tmp_path / f"card_{i}.jpg"
        path.write_bytes(make_photo(2 + i, look, (1600, 1200), "wood").data)
        paths.append(path)
    server.expect_aspect(0.3, 4.0)
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths(paths)
    view = window.result_view
    panel = view.card
    window.queue_view.selectRow(0)
    window.queue_view.selectRow(1)  # before the first photo was decoded
    qtbot.waitUntil(lambda: panel.outline.isVisible(), timeout=10_000)
    assert panel.job is window.model.jobs[1] and view.job is window.model.jobs[1]
    first_photo = panel.outline.image
    window.queue_view.selectRow(0)
    qtbot.waitUntil(lambda: panel.outline.isVisible() and panel.outline.image is not first_photo,
                    timeout=10_000)
    assert panel.job is window.model.jobs[0]
    # "What was sent" shows the row's preview
    qtbot.mouseClick(panel.sent_button, Qt.MouseButton.LeftButton)
    assert view.preview.isVisible() and not view.preview.pixmap().isNull()
