"""Text the app did not write, on screen: shown as written, never rendered as HTML, and
never at a cost that grows with the size of the server's answer.

A QLabel (and a tooltip, and a QMessageBox) guesses rich text: a field name, a server
message, a file name or a pasted address holding `<img src="file:///…">` would be
rendered and load a local image.  Every place that shows such text is fed hostile
values here and must show the literal characters.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from pictotext_desktop import errors, export
from pictotext_desktop.api.client import ClientConfig, PicToTextClient
from pictotext_desktop.credentials import KeyStore
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.records import Check, Record, Severity
from pictotext_desktop.settings import SettingsStore
from pictotext_desktop.ui import result_view as rv
from pictotext_desktop.ui.error_dialog import ErrorDialog
from pictotext_desktop.ui.export_dialog import ExportChoice
from pictotext_desktop.ui.intake import Intake, IntakeResult
from pictotext_desktop.ui.queue_view import QueueModel
from pictotext_desktop.ui.result_view import ResultView
from pictotext_desktop.ui.settings_dialog import SettingsDialog
from tests.keyring_session import MemoryKeyring

IMG = '<img src="file:///tmp/x.png">'
BOLD = "<b>bold</b>"
PLAIN = Qt.TextFormat.PlainText


def assert_plain(label: QLabel, *literal: str) -> None:
    assert label.textFormat() == PLAIN, label.text()
    for text in literal:
        assert text in label.text()


def job_with(fields: dict[str, str | None], *, name: str = "a.jpg",
             warnings: list[str] | None = None, checks: list[Check] | None = None,
             document_type: str = "cn_id_card") -> Job:
    record = Record(source=name, document_type=document_type, engine="cloud",
                    fields=fields, warnings=warnings or [])
    record.checks = checks or []
    return Job(source=Source(name=name, data=b""), document_type=document_type,
               state=JobState.DONE, record=record)


@pytest.fixture
def view(qtbot: QtBot) -> ResultView:
    widget = ResultView()
    widget.resize(600, 700)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# -- the result view ------------------------------------------------------------------------
def test_result_view_shows_names_values_and_notes_as_written(view: ResultView) -> None:
    job = job_with({"name": BOLD, IMG: f"{IMG}{BOLD}"}, name=f"{IMG}.jpg",
                   warnings=[f"server says {IMG}"],
                   checks=[Check(IMG, "X", Severity.WARNING, f"odd {BOLD}", "怪",
                                 (IMG,))])
    view.show_job(job)
    assert_plain(view.title, f"{IMG}.jpg")
    row = view.rows[IMG]
    assert_plain(row.label, IMG)
    assert row.edit.text() == f"{IMG}{BOLD}"  # QLineEdit: always plain
    assert_plain(row.checks, f"odd {BOLD}", IMG)
    assert_plain(row.mark)
    assert_plain(view.message, f"server says {IMG}")
    assert_plain(view.rows["name"].label)


def test_result_view_failed_job_quotes_the_server_as_written(view: ResultView) -> None:
    error = errors.RequestRejectedError(status=400, reason="X", server_message=IMG)
    error_text = error.specific_message or error.explanation
    job = Job(source=Source(name=f"{BOLD}.jpg", data=b""), document_type="cn_id_card",
              state=JobState.FAILED, error=error)
    view.show_job(job)
    assert_plain(view.title, f"{BOLD}.jpg")
    assert_plain(view.message)
    assert error_text.split("\n")[0][:20] in view.message.text()


# -- the queue ------------------------------------------------------------------------------
def test_queue_tooltips_show_file_names_and_messages_as_written(qtbot: QtBot) -> None:
    model = QueueModel()
    failed = Job(source=Source(name="a.jpg", data=b""), document_type="cn_id_card",
                 state=JobState.FAILED,
                 error=errors.RequestRejectedError(f"Rejected: {IMG}\n{BOLD}", status=400))
    path = Path(f"/tmp/{IMG}{BOLD}.jpg")
    named = Job(source=Source(path=path), document_type="cn_id_card")
    model.add([failed, named])
    for row, expected in ((0, f"Rejected: {IMG}"), (0, BOLD), (1, str(path))):
        tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
        document = QTextDocument()
        # How QToolTip decides: rich text only if it looks like it.
        rich = QtGui.Qt.mightBeRichText(tip)  # type: ignore[attr-defined]
        document.setHtml(tip) if rich else document.setPlainText(tip)
        assert expected in document.toPlainText()  # what the tooltip shows
        assert "<img" not in tip  # nothing for the renderer to load


# -- the error dialog ------------------------------------------------------------------------
def test_error_dialog_shows_the_servers_message_as_written(qtbot: QtBot) -> None:
    error = errors.AiServiceError(status=500, server_message=f"{IMG} failed {BOLD}")
    dialog = ErrorDialog(error, extra=f"File: {IMG}.jpg", open_url=lambda url: None)
    qtbot.addWidget(dialog)
    assert_plain(dialog.what_label, f"“{IMG} failed {BOLD}”")
    assert_plain(dialog.action_label, f"File: {IMG}.jpg")
    assert_plain(dialog.title_label)


# -- the settings dialog ---------------------------------------------------------------------
class _Hostile401(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"error": {"code": 401, "status": "UNAUTHENTICATED",
                                     "message": f"Bad key {IMG}",
                                     "details": [{"reason": f"R{BOLD}"}]}}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def hostile_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile401)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_key_test_result_shows_the_servers_reason_as_written(
        qtbot: QtBot, memory: MemoryKeyring, hostile_server: str) -> None:
    key = "sk_live_0123456789abcdef<b>x"  # a key may hold "<" and ">"
    settings = SettingsStore()
    KeyStore(settings).set("primary", key)
    dialog = SettingsDialog(settings, KeyStore(settings), lambda: PicToTextClient(
        ClientConfig(base_url=hostile_server, rate_limit=100, connect_timeout=2)))
    qtbot.addWidget(dialog)
    box = dialog.slot_boxes["primary"]
    assert_plain(box.current_label, "<b>x")
    with qtbot.waitSignal(box.test_finished, timeout=10000) as blocker:
        qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["invalid"]
    assert_plain(box.result_label, f"R{BOLD}")
    for label in (box.info_label, box.rotation_label, dialog.backend_label,
                  dialog.keyring_problem_label):
        assert_plain(label)


def test_settings_error_quotes_the_typed_value_as_written(qtbot: QtBot,
                                                          memory: MemoryKeyring) -> None:
    settings = SettingsStore()
    dialog = SettingsDialog(settings, KeyStore(settings), lambda: PicToTextClient(
        ClientConfig(base_url="http://127.0.0.1:9")))
    qtbot.addWidget(dialog)
    editor = dialog.editors["ca_bundle"]
    editor.setText(f"/nowhere/{IMG}.pem")  # type: ignore[attr-defined]
    ok, _ = dialog.validate("ca_bundle")
    assert not ok
    assert_plain(dialog.errors["ca_bundle"], f"/nowhere/{IMG}.pem")


# -- the window: messages and status bar -----------------------------------------------------
def _message_boxes(window: Any) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def test_intake_message_shows_file_names_and_urls_as_written(window: Any) -> None:
    window.add_intake(IntakeResult(skipped=[f"{IMG}.txt"], empty_folders=[BOLD]))
    mime = QMimeData()
    mime.setText(f"https://example.com/{IMG}")
    window.add_intake(Intake().from_mime(mime, pasting=True))
    boxes = _message_boxes(window)
    assert len(boxes) == 2
    assert all(box.textFormat() == PLAIN for box in boxes)
    assert f"{IMG}.txt" in boxes[0].text() and BOLD in boxes[0].text()
    assert f"https://example.com/{IMG}" in boxes[1].text()


def test_status_bar_labels_are_plain(window: Any) -> None:
    for label in (window.key_status, window.engine_status, window.rotation_status,
                  window.calls_status, window.counts_status, window.drop_zone.status):
        assert label.textFormat() == PLAIN


def test_intake_message_shortens_a_huge_pasted_address() -> None:
    result = IntakeResult(refused_urls=["https://x/" + "a" * 100_000],
                          skipped=["two\nlines.txt"])
    message = result.message()
    assert len(message) < 1_000 and "two lines.txt" in message


# -- huge answers ----------------------------------------------------------------------------
def test_selecting_200_fields_of_10000_characters_is_quick(view: ResultView,
                                                           qtbot: QtBot) -> None:
    """Was 2 s offscreen (6 widgets per row, 10,000 characters laid out in each line edit);
    bench/gui.py prints the figures.  The bound here is generous on purpose."""
    fields: dict[str, str | None] = {f"extra_{i:03d}": f"{i:03d}" + "x" * 9_997
                                     for i in range(200)}
    job = job_with(fields)
    started = time.perf_counter()
    view.show_job(job)
    QGuiApplication.processEvents()
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"selecting took {elapsed:.2f} s"
    assert len(view.rows) <= rv.PAGE_SIZE + 20


def test_twenty_thousand_fields_show_a_page_and_more_on_request(view: ResultView,
                                                                 qtbot: QtBot) -> None:
    fields: dict[str, str | None] = {f"k{i:05d}": f"v{i}" for i in range(20_000)}
    job = job_with(fields, document_type="unknown_type")
    view.show_job(job)
    QGuiApplication.processEvents()
    assert list(view.rows) == [f"k{i:05d}" for i in range(rv.PAGE_SIZE)]
    assert view.more_button.isVisible()
    assert f"({20_000 - rv.PAGE_SIZE:,} not shown yet)" in view.more_button.text()
    qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
    assert len(view.rows) == 2 * rv.PAGE_SIZE
    assert f"({20_000 - 2 * rv.PAGE_SIZE:,} not shown yet)" in view.more_button.text()
    assert view.rows[f"k{rv.PAGE_SIZE:05d}"].edit.hasFocus() or not view.isActiveWindow()
    assert view.rows[f"k{rv.PAGE_SIZE:05d}"].edit.text() == f"v{rv.PAGE_SIZE}"
    view.show_job(None)
    assert view.rows == {} and not view.more_button.isVisible()


def test_a_value_too_long_to_edit_is_read_only_and_kept_whole(view: ResultView,
                                                               tmp_path: Path) -> None:
    long_value = "甲" * 1_000_000
    job = job_with({"name": "张三", "address": long_value})
    view.show_job(job)
    row = view.rows["address"]
    assert row.too_long and row.edit.isReadOnly()
    assert len(row.edit.text()) <= rv.SHOWN_CHARS
    assert "too long to edit" in row.mark.text() and "1,000,000" in row.mark.text()
    row.edit.editingFinished.emit()  # focus leaving it must not write the short text back
    assert job.record is not None and job.record.fields is not None
    assert job.record.fields["address"] == long_value and "address" not in job.record.edited
    row.copy.click()
    assert QGuiApplication.clipboard().text() == long_value
    export.write([job.record], tmp_path / "out.json")
    saved = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert saved[0]["fields"]["address"] == long_value
    # An ordinary value next to it is still editable.
    assert not view.rows["name"].edit.isReadOnly()


def test_export_says_when_the_spreadsheet_had_to_change(window: Any, tmp_path: Path) -> None:
    job = job_with({"name": "张" * 40_000})
    window.model.add([job])
    window.ask_export = lambda count: ExportChoice(tmp_path / "out.xlsx")
    assert window.export() == tmp_path / "out.xlsx"
    assert "Notes sheet" in window.last_message and "out.xlsx" in window.last_message
    window.ask_export = lambda count: ExportChoice(tmp_path / "out.json")
    window.last_message = ""
    assert window.export() == tmp_path / "out.json"
    assert window.last_message == ""  # nothing had to change in JSON
