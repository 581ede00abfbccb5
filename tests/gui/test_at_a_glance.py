"""A batch a person can drive: each row's outcome at a glance, problems one key apart.

Rows say done / N problems / nothing read / failed (why) / paused (why) / cancelled in
words, an icon and a colour; F8 walks the rows and fields needing attention; a
suggestion is one click (or Alt+Enter) away; copies confirm; a multi-line MRZ shows as
lines with its parts read out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from pictotext_desktop.errors import InsufficientCreditsError, ServiceUnavailableError
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.records import Record
from pictotext_desktop.standin import MRZ_BAD_CHECK_DIGIT
from pictotext_desktop.ui.queue_view import COL_NAME, COL_PROGRESS, COL_STATUS, outcome_icon
from pictotext_desktop.ui.result_view import MultiLineEdit
from tests.gui.conftest import TEST_KEY
from tests.gui.test_chinese_ui import chinese, has_chinese, zh_window  # noqa: F401 - fixtures
from tests.stand_in_server import StandInServer

Role = Qt.ItemDataRole
BAD_ID = "110105194912310021"  # check digit wrong; the fix is 11010519491231002X
GOOD_ID = "11010519491231002X"


def cn_record(source: str, id_number: str | None = GOOD_ID, **extra: str | None) -> Record:
    from pictotext_desktop.checks import check_record

    fields: dict[str, str | None] = {"name": "张三", "idNumber": id_number, **extra}
    record = Record(source=source, document_type="cn_id_card", engine="cloud", fields=fields)
    check_record(record)
    return record


def job(name: str, state: JobState, record: Record | None = None,
        error: Any = None) -> Job:
    return Job(source=Source(name=name, data=b""), document_type="cn_id_card", state=state,
               record=record, error=error)


def batch() -> list[Job]:
    empty = Record(source="blank.jpg", document_type="cn_id_card", engine="cloud",
                   fields={"name": None, "idNumber": None})
    return [
        job("clean.jpg", JobState.DONE, cn_record("clean.jpg")),
        job("card_12.jpg", JobState.DONE, cn_record("card_12.jpg", BAD_ID)),
        job("blank.jpg", JobState.DONE, empty),
        job("broken.jpg", JobState.FAILED, error=ServiceUnavailableError()),
        job("later.jpg", JobState.WAITING, error=InsufficientCreditsError()),
        job("stopped.jpg", JobState.CANCELLED),
    ]


def show(window: Any, jobs: list[Job]) -> None:
    window.model.add(jobs)
    window.stack.setCurrentWidget(window.splitter)
    QApplication.processEvents()


def cell(window: Any, row: int, col: int, role: int = Role.DisplayRole) -> Any:
    model = window.model
    return model.data(model.index(row, col), role)


def test_each_row_says_its_outcome_in_words_icon_and_colour(window: Any) -> None:
    show(window, batch())
    texts = [cell(window, r, COL_STATUS) for r in range(6)]
    assert texts[0] == "done"
    assert texts[1] == "done, 1 problem"
    assert texts[2] == "done, nothing read"
    assert texts[3].startswith("failed: ") and len(texts[3]) > len("failed: ")
    assert texts[4].startswith("waiting (paused: ")
    assert texts[5] == "cancelled"
    icons = [cell(window, r, COL_STATUS, Role.DecorationRole) for r in range(6)]
    assert all(isinstance(i, QIcon) and not i.isNull() for i in icons)
    # Never colour alone: the outcomes that differ have different shapes, not just hues.
    images = {i.pixmap(16, 16).toImage().convertToFormat(
        icons[0].pixmap(16, 16).toImage().format()).bits().tobytes() for i in icons}
    assert len(images) == 6
    colours = [cell(window, r, COL_STATUS, Role.ForegroundRole) for r in range(6)]
    assert colours[0] != colours[1] != colours[3]


def test_a_failed_row_shows_no_full_progress_bar(window: Any) -> None:
    show(window, batch())
    assert cell(window, 0, COL_PROGRESS) == 100  # done
    assert cell(window, 3, COL_PROGRESS) is None  # failed: no bar, not "finished well"
    assert cell(window, 5, COL_PROGRESS) is None  # cancelled
    assert cell(window, 2, COL_PROGRESS) is None  # nothing read


def test_a_screen_reader_hears_name_outcome_and_the_problem(window: Any) -> None:
    show(window, batch())
    spoken = cell(window, 1, COL_NAME, Role.AccessibleTextRole)
    assert spoken.startswith("card_12.jpg, done, 1 problem: ")
    assert "check digit" in spoken
    assert "ID number" in spoken  # the field's name, not its key
    assert cell(window, 0, COL_NAME, Role.AccessibleTextRole) == "clean.jpg, done"


def test_f8_walks_problem_rows_and_flagged_fields(window: Any, qtbot: Any) -> None:
    jobs = batch()
    jobs.insert(1, job("two.jpg", JobState.DONE, cn_record("two.jpg", BAD_ID,
                                                             dateOfBirth="2999-01-01")))
    show(window, jobs)
    window.activateWindow()
    window.queue_view.setFocus()
    window.queue_view.select_row(0)
    QApplication.processEvents()
    view = window.result_view

    def press(key: Any = Qt.Key.Key_F8, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
        QApplication.processEvents()

    press()  # row "two.jpg", its first flagged field
    assert view.job is jobs[1]
    flagged = [r.key for r in view.flagged_rows()]
    assert len(flagged) >= 2
    assert QApplication.focusWidget() is view.rows[flagged[0]].edit
    press()  # the same record's next flagged field
    assert QApplication.focusWidget() is view.rows[flagged[1]].edit
    for _ in flagged[2:]:
        press()
    press()  # on to the next row needing attention: card_12.jpg
    assert view.job is jobs[2]
    assert QApplication.focusWidget() is view.rows["idNumber"].edit
    press()  # blank.jpg: nothing read, no flagged field: the row itself, queue focused
    assert view.job is jobs[3]
    assert QApplication.focusWidget() is window.queue_view
    press()  # broken.jpg (failed); the paused and cancelled rows are no stops
    assert view.job is jobs[4]
    press()  # round again to two.jpg
    assert view.job is jobs[1]
    press(Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # Shift+F8: back to broken.jpg
    assert view.job is jobs[4]


def test_f8_with_nothing_to_fix_says_so(window: Any, qtbot: Any) -> None:
    show(window, [job("clean.jpg", JobState.DONE, cn_record("clean.jpg"))])
    window.queue_view.setFocus()
    qtbot.keyClick(window.queue_view, Qt.Key.Key_F8)
    assert window.result_view.notice_label.text() == "No problems in the queue"
    assert "No problems" in window.statusBar().currentMessage()


def test_suggestion_is_one_click_and_one_key_away(window: Any, qtbot: Any) -> None:
    show(window, [job("card_12.jpg", JobState.DONE, cn_record("card_12.jpg", BAD_ID))])
    window.queue_view.select_row(0)
    view = window.result_view
    row = view.rows["idNumber"]
    assert row.fixes is not None and row.fix_values
    buttons = row.fixes.findChildren(type(view.copy_all_button))
    assert all(b.text().startswith("Use ") for b in buttons)
    fix = next(b for b in buttons if GOOD_ID in b.text())
    fix.click()
    assert window.model.jobs[0].record.fields["idNumber"] == GOOD_ID
    assert "idNumber" in window.model.jobs[0].record.edited
    assert not [c for c in window.model.jobs[0].record.checks if c.field == "idNumber"]
    assert row.checks.isHidden()
    assert "suggested value" in view.notice_label.text()

    # By key: Alt+Enter in the field takes the first suggestion.
    show(window, [job("card_13.jpg", JobState.DONE, cn_record("card_13.jpg", BAD_ID))])
    window.queue_view.select_row(1)
    assert view.job is window.model.jobs[1]
    row = view.rows["idNumber"]
    first = row.fix_values[0]
    window.activateWindow()
    row.edit.setFocus()
    qtbot.keyClick(row.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    assert window.model.jobs[1].record.fields["idNumber"] == first


def test_copying_says_what_was_copied(window: Any) -> None:
    show(window, [job("clean.jpg", JobState.DONE, cn_record("clean.jpg"))])
    window.queue_view.select_row(0)
    view = window.result_view
    view.rows["idNumber"].copy.click()
    assert QGuiApplication.clipboard().text() == GOOD_ID
    assert view.notice_label.text().startswith("Copied ")
    assert view.notice_label.isVisibleTo(view)
    assert window.statusBar().currentMessage() == view.notice_label.text()
    window.act_copy_all.trigger()
    assert window.statusBar().currentMessage() == "Copied all fields"
    window.act_copy_row.trigger()
    assert window.statusBar().currentMessage() == "Copied as a spreadsheet row"


def test_mrz_shows_as_lines_with_its_parts(window: Any, qtbot: Any, tmp_path: Path,
                                           server: StandInServer) -> None:
    server.add_key(TEST_KEY, MRZ_BAD_CHECK_DIGIT)
    window.doc_type.set_value("passport")
    photo = tmp_path / "passport.jpg"
    from tests.image_corpus import card_image

    card_image((320, 200)).save(photo, "JPEG")
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.add_paths([photo])
    window.queue_view.select_row(0)
    row = window.result_view.rows["mrz"]
    assert isinstance(row.edit, MultiLineEdit)
    lines = row.edit.text().split("\n")
    assert len(lines) == 2 and all(len(line) == 44 for line in lines)
    assert "\\n" not in row.edit.text()
    assert row.edit.font().fixedPitch()
    assert row.parts is not None
    parts = row.parts.text()
    assert "Document number: L898902C3" in parts
    assert "check digit does not match" in parts
    # Leaving the box unchanged is no edit.
    row.edit.setFocus()
    window.result_view.copy_all_button.setFocus()
    assert "mrz" not in window.model.jobs[0].record.edited
    assert window.model.jobs[0].state == JobState.DONE
    assert outcome_icon(window.model.jobs[0]) is not None


def test_tab_reaches_type_engine_queue_fields_and_copy_buttons(window: Any) -> None:
    show(window, [job("clean.jpg", JobState.DONE, cn_record("clean.jpg"))])
    window.queue_view.select_row(0)
    QApplication.processEvents()
    window.doc_type.setFocus()
    chain = [window.doc_type]
    widget = window.doc_type
    for _ in range(60):
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus \
                or not widget.isVisibleTo(window) or not widget.isEnabled():
            widget = widget.nextInFocusChain()
        if widget is window.doc_type:
            break
        chain.append(widget)
    view = window.result_view
    assert chain.index(window.doc_type) < chain.index(window.engine_choice) \
        < chain.index(window.queue_view)
    for row in view.rows.values():
        assert row.edit in chain and row.copy in chain
    assert view.copy_all_button in chain
    assert chain.count(window.queue_view) == 1
    assert not window.queue_view.tabKeyNavigation()  # Tab leaves; arrows move inside


def test_ctrl_t_searches_the_types_and_enter_picks(window: Any, qtbot: Any) -> None:
    show(window, [job("clean.jpg", JobState.DONE, cn_record("clean.jpg"))])
    window.activateWindow()
    window.queue_view.setFocus()
    qtbot.keyClick(window.queue_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    selector = window.doc_type
    assert selector.hasFocus()
    line = selector.lineEdit()
    assert line.selectedText() == line.text()
    for search, value in (("护照", "passport"), ("passport", "passport"),
                          ("hk_id", "hk_id_card")):
        selector.focus_search()
        if search.isascii():
            qtbot.keyClicks(line, search)
        else:  # as an input method commits it (QTest types Latin-1 only)
            line.insert(search)
        qtbot.keyClick(line, Qt.Key.Key_Return)
        assert selector.value() == value, search
    assert selector.matches("身份证")  # Chinese names are searched whatever the language


def test_labels_have_mnemonics_and_the_drop_zone_shows_focus(window: Any) -> None:
    selector = window.doc_type
    assert window._type_label.text().count("&") == 1
    assert window._type_label.buddy() is selector
    zone = window.drop_zone
    window.stack.setCurrentWidget(zone)
    zone.setFocus()
    QApplication.processEvents()
    focused = zone.grab().toImage()
    zone.clearFocus()
    QApplication.processEvents()
    unfocused = zone.grab().toImage()
    assert focused != unfocused  # a visible ring while it has focus
    highlight = zone.palette().color(zone.palette().ColorRole.Highlight)
    assert focused.pixelColor(1, zone.height() // 2) == highlight


def test_status_icons_are_crisp_at_200_percent(qapp: Any) -> None:
    from pictotext_desktop.ui.icons import STATUS_ICONS, status_icon
    from pictotext_desktop.ui.theme import Tone, tone_colour

    for name in STATUS_ICONS:
        icon = status_icon(name, tone_colour(Tone.BAD))
        pixmap = icon.pixmap(QSize(16, 16), 2.0)
        assert pixmap.devicePixelRatio() == 2.0
        assert (pixmap.width(), pixmap.height()) == (32, 32)  # drawn at 32 px, not scaled
        image = pixmap.toImage()
        # Anti-aliased vector edges, not a doubled 16 px bitmap: some 2x2 block differs.
        assert any(image.pixelColor(x, y) != image.pixelColor(x + 1, y)
                   for y in range(0, 32, 2) for x in range(0, 32, 2))


def test_chinese_rows_notices_and_toolbar_have_no_english(
        zh_window: Any) -> None:  # noqa: F811 - the fixture
    import re

    from PySide6.QtWidgets import QToolBar, QToolButton

    window = zh_window
    show(window, batch())
    texts = [cell(window, r, COL_STATUS) for r in range(6)]
    assert texts[1] == "完成，1 个问题"
    assert texts[2] == "完成，未识别到任何内容"
    spoken = cell(window, 1, COL_NAME, Role.AccessibleTextRole)
    assert spoken.startswith("card_12.jpg，完成，1 个问题：身份证号码：校验码不符")
    assert not re.search(r"[A-Za-z]{3,}", spoken.replace("card_12.jpg", ""))
    window.queue_view.select_row(0)
    window.result_view.rows["idNumber"].copy.click()
    assert window.result_view.notice_label.text().startswith("已复制")
    assert not re.search(r"[A-Za-z]", window.result_view.notice_label.text())
    toolbar = window.findChild(QToolBar, "queueToolbar")
    labels = [b.text() for b in toolbar.findChildren(QToolButton) if b.defaultAction()]
    assert labels and all(has_chinese(t) for t in labels)
    assert not [t for t in labels if re.search(r"\(\w\)|&", t)]


def test_chinese_notes_and_file_errors_are_chinese(zh_window: Any,  # noqa: F811
                                                   tmp_path: Path) -> None:
    import io
    import re

    from PIL import Image

    from pictotext_desktop import imaging

    window = zh_window
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "white").save(buffer, "JPEG")
    small = imaging.prepare(Source(name="tiny.jpg", data=buffer.getvalue()))
    assert small.warnings and "pixels" in small.warnings[0]  # imaging's own English
    record = cn_record("tiny.jpg")
    record.warnings = list(small.warnings)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    try:
        imaging.prepare(Source(name="empty.jpg", path=empty))
    except Exception as exc:  # the error the runner would store
        error: Any = exc
    show(window, [job("tiny.jpg", JobState.DONE, record),
                  job("empty.jpg", JobState.FAILED, error=error)])
    window.queue_view.select_row(0)
    note = window.result_view.message.text()
    assert "120×80" in note and "像素" in note
    assert not re.search(r"[A-Za-z]{3,}", note.replace("tiny.jpg", ""))
    status = cell(window, 1, COL_STATUS)
    assert status.startswith("失败")
    assert not re.search(r"[A-Za-z]{3,}", status.replace("empty.jpg", "")), status
    window.queue_view.select_row(1)
    shown = window.result_view.message.text()
    assert not re.search(r"[A-Za-z]{3,}", shown.replace("empty.jpg", "")), shown
