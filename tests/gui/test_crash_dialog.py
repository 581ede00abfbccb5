"""An uncaught exception shows the crash dialog with a redacted report and logs it.

The hooks (excepthook.py) import the dialog's module only when a crash is shown.

pytest-qt swaps `sys.excepthook` around each test phase, so the hook is installed inside
each test body (and removed in its `finally`).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from pictotext_desktop import __version__, logs
from pictotext_desktop.ui import crash_dialog, excepthook

KEY = "sk_live_CRASHkeyDoNotShow0000zz91"
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


@pytest.fixture
def log_path(tmp_path: Path) -> Iterator[Path]:
    root_level = logging.getLogger().level
    path = logs.setup("INFO", tmp_path / "logs")
    logs.register_secret(KEY)
    yield path
    logs.shutdown()
    logs.forget_secrets()
    logging.getLogger().setLevel(root_level)


@pytest.fixture(autouse=True)
def no_dialog_left(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(crash_dialog, "last_dialog", None)
    yield
    if crash_dialog.last_dialog is not None:
        crash_dialog.last_dialog.close()
    excepthook.uninstall_excepthook()


def failure(message: str = f"upload failed with key {KEY}") -> ExcInfo:
    def inner() -> None:
        raise RuntimeError(message)

    try:
        inner()
    except RuntimeError as exc:
        return type(exc), exc, exc.__traceback__
    raise AssertionError("unreachable")


def read_log(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text("utf-8")


def test_the_hook_shows_the_dialog_with_a_redacted_report_and_logs_it(
        qtbot: Any, log_path: Path) -> None:
    excepthook.install_excepthook(lambda: None)
    try:
        assert sys.excepthook is excepthook._sys_hook
        sys.excepthook(*failure())
    finally:
        excepthook.uninstall_excepthook()

    dialog = crash_dialog.last_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert not dialog.isModal()  # the hook returns at once; nothing blocks
    report = dialog.report
    assert f"PicToText Desktop: {__version__}" in report
    assert "Traceback (most recent call last)" in report
    assert "in inner" in report
    assert "RuntimeError: (message withheld" in report
    assert KEY not in report
    assert dialog.report_view.isReadOnly()

    text = read_log(log_path)
    assert "CRITICAL" in text and "crash report follows" in text
    assert "RuntimeError: (message withheld" in text
    assert KEY not in text


def test_copy_report_puts_the_report_on_the_clipboard(qtbot: Any, log_path: Path) -> None:
    excepthook.handle_exception(*failure())  # not installed: prints, shows nothing
    assert crash_dialog.last_dialog is None
    excepthook.install_excepthook()
    try:
        excepthook.handle_exception(*failure())
    finally:
        excepthook.uninstall_excepthook()
    dialog = crash_dialog.last_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    clipboard = QGuiApplication.clipboard().text()
    assert clipboard == dialog.report
    assert "RuntimeError" in clipboard and KEY not in clipboard
    assert dialog.copy_button.text() == "Copied"


def test_open_log_folder_opens_the_folder_of_the_log_file(qtbot: Any, log_path: Path) -> None:
    excepthook.install_excepthook()
    try:
        excepthook.handle_exception(*failure())
    finally:
        excepthook.uninstall_excepthook()
    dialog = crash_dialog.last_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    opened: list[QUrl] = []
    dialog.open_url = opened.append
    assert dialog.open_log_button.isEnabled()
    dialog.open_log_button.click()
    assert [Path(u.toLocalFile()) for u in opened] == [log_path.parent]


def test_a_second_crash_goes_into_the_open_dialog(qtbot: Any, log_path: Path) -> None:
    excepthook.install_excepthook()
    try:
        excepthook.handle_exception(*failure("first problem"))
        first = crash_dialog.last_dialog
        excepthook.handle_exception(*failure("second problem"))
    finally:
        excepthook.uninstall_excepthook()
    assert first is not None
    qtbot.addWidget(first)
    assert crash_dialog.last_dialog is first
    assert "Another error followed (2):" in first.report
    assert first.report.count("RuntimeError: (message withheld") == 2


def test_a_worker_thread_crash_reaches_the_dialog(qtbot: Any, log_path: Path) -> None:
    excepthook.install_excepthook()
    try:
        def work() -> None:
            raise OSError(f"disk trouble near {KEY}")

        thread = threading.Thread(target=work, name="upload-worker")
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: crash_dialog.last_dialog is not None, timeout=3000)
    finally:
        excepthook.uninstall_excepthook()
    dialog = crash_dialog.last_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert "Thread: upload-worker" in dialog.report
    assert "OSError: (message withheld" in dialog.report
    assert "Thread: upload-worker" in read_log(log_path)


def test_a_failing_dialog_does_not_recurse(qtbot: Any, log_path: Path,
                                           capfd: pytest.CaptureFixture[str]) -> None:
    calls: list[str] = []

    def broken_show(report: str) -> None:
        calls.append(report)
        raise RuntimeError("the dialog is broken too")

    excepthook.install_excepthook(show=broken_show)
    try:
        sys.excepthook(*failure())
    finally:
        excepthook.uninstall_excepthook()
    assert len(calls) == 1  # shown once, not again for its own failure
    err = capfd.readouterr().err
    assert "RuntimeError: (message withheld" in err  # the fallback: stderr
    assert KEY not in err
    text = read_log(log_path)
    assert "the crash dialog itself failed" in text
    assert 'raise RuntimeError("the dialog is broken too")' in text  # its frame is logged


def test_uninstall_restores_the_previous_hooks() -> None:
    before, thread_before = sys.excepthook, threading.excepthook
    excepthook.install_excepthook()
    excepthook.install_excepthook()  # twice: still restores the originals
    assert threading.excepthook is excepthook._thread_hook
    excepthook.uninstall_excepthook()
    assert sys.excepthook is before
    assert threading.excepthook is thread_before


def test_the_hook_does_not_load_the_dialog_until_a_crash(tmp_path: Path) -> None:
    """Installing the hooks (at start-up) leaves the dialog and Qt's enum namespace unloaded;
    the first crash loads and shows the dialog."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from pictotext_desktop.ui import excepthook\n"
        "excepthook.install_excepthook(lambda: None)\n"
        "print('pictotext_desktop.ui.crash_dialog' in sys.modules)\n"
        "sys.excepthook(RuntimeError, RuntimeError('x'), None)\n"
        "from pictotext_desktop.ui import crash_dialog\n"
        "print(crash_dialog.last_dialog is not None and crash_dialog.last_dialog.isVisible())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True,
                         env={**os.environ, "PICTOTEXT_LOG_DIR": str(tmp_path)})
    assert out.stdout.split() == ["False", "True"]
