"""The crash dialog and the global exception hooks that show it.

An exception nobody caught -- in a slot, a timer or a worker thread -- would otherwise
vanish into stderr (or, in a windowed bundle, nowhere).  Instead the hook writes a crash
report to the log and shows it in a dialog the person can copy from, with a button to
open the log folder.  The report is redacted like the log (logs.crash_report): no key,
no ID number.

Call `install_excepthook(lambda: window)` once after the main window exists.  The dialog
is shown non-modal and kept in `last_dialog`, so tests call the hook and look at it.
A crash inside the hook or the dialog is logged and printed (redacted) to stderr, never
re-entered.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pictotext_desktop import APP_NAME, logs
from pictotext_desktop.errors import SUPPORT_EMAIL

log = logging.getLogger(__name__)

WindowGetter = Callable[[], QWidget | None]
ShowFunction = Callable[[str], None]
MAX_REPORTS_PER_DIALOG = 10  # an error in paintEvent repeats on every frame

last_dialog: CrashDialog | None = None
_handling = threading.local()
_installed: _Installed | None = None


class CrashDialog(QDialog):
    """Heading, explanation, the read-only report, Copy / Open log folder / Quit / Close."""

    copied = Signal()
    quit_requested = Signal()

    def __init__(self, report: str, log_folder: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.log_folder = log_folder
        self.report_count = 1
        # Replaced in tests: what "Open log folder" does with the folder's URL.
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.setWindowTitle(self.tr("%1 ran into a problem").replace("%1", APP_NAME))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.resize(640, 460)

        heading = QLabel(self.tr("Something unexpected went wrong."))
        heading.setObjectName("crashHeading")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        explanation = QLabel(self.tr(
            "You can close this message and keep working, but if the app misbehaves, "
            "save your results and restart it. Please send the report below to %1: "
            "it contains no API key and no document data."
        ).replace("%1", SUPPORT_EMAIL))
        explanation.setWordWrap(True)
        explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.report_view = QPlainTextEdit()
        self.report_view.setObjectName("crashReport")
        self.report_view.setReadOnly(True)
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_view.setAccessibleName(self.tr("Crash report"))
        self.report_view.setPlainText(report)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy report"))
        self.copy_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_log_button = QPushButton(self.tr("Open log folder"))
        self.open_log_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_DirOpenIcon))
        self.open_log_button.setEnabled(log_folder is not None)
        self.open_log_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.open_log_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = QPushButton(self.tr("Quit %1").replace("%1", APP_NAME))
        self.quit_button.clicked.connect(self._quit)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(buttons)

    @property
    def report(self) -> str:
        return self.report_view.toPlainText()

    def add_report(self, report: str) -> None:
        """A further crash while this dialog is open goes below the first, not a new window."""
        self.report_count += 1
        if self.report_count > MAX_REPORTS_PER_DIALOG:
            return
        separator = self.tr("Another error followed (%1):").replace("%1", str(self.report_count))
        self.report_view.appendPlainText(f"\n{separator}\n\n{report}")

    @Slot()
    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText(self.tr("Copied"))
        self.copied.emit()

    @Slot()
    def open_log_folder(self) -> None:
        if self.log_folder is not None:
            self.open_url(QUrl.fromLocalFile(str(self.log_folder)))

    @Slot()
    def _quit(self) -> None:
        self.quit_requested.emit()
        self.accept()


class _Bridge(QObject):
    """Lives in the GUI thread; a worker thread's crash reaches the dialog through it."""

    report_ready = Signal(str)


class _Installed:
    def __init__(self, show: ShowFunction, previous_hook: object,
                 previous_thread_hook: object) -> None:
        self.show = show
        self.previous_hook = previous_hook
        self.previous_thread_hook = previous_thread_hook
        self.bridge = _Bridge()
        # Queued when emitted from another thread: show() always runs in the GUI thread.
        self.bridge.report_ready.connect(self._show_safely)

    @Slot(str)
    def _show_safely(self, report: str) -> None:
        if getattr(_handling, "showing", False):
            return
        _handling.showing = True
        try:
            self.show(report)
        except Exception:
            log.exception("the crash dialog itself failed")
            _print_fallback(report)
        finally:
            _handling.showing = False


def _parent_window(getter: WindowGetter | None) -> QWidget | None:
    if getter is None:
        return None
    try:
        return getter()
    except Exception:
        return None


def show_crash_dialog(report: str, parent: QWidget | None = None) -> CrashDialog:
    """Show the report: in the open crash dialog if there is one, else in a new one."""
    global last_dialog
    if last_dialog is not None and last_dialog.isVisible():
        last_dialog.add_report(report)
        return last_dialog
    dialog = CrashDialog(report, log_folder=_existing_log_folder(), parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        dialog.quit_requested.connect(app.quit)
    last_dialog = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _existing_log_folder() -> Path | None:
    try:
        current = logs.current_log_file()
        folder = current.parent if current is not None else logs.default_log_dir()
    except Exception:
        return None
    return folder if folder.is_dir() else None


def _print_fallback(report: str) -> None:
    """Last resort when no dialog can be shown: the (already redacted) report on stderr."""
    stream = sys.__stderr__
    if stream is None:  # pythonw / windowed bundle: nowhere to print
        return
    try:
        stream.write(report + "\n")
        stream.flush()
    except Exception:
        pass


def handle_exception(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    thread_name: str | None = None,
) -> None:
    """Log the redacted crash report and show it; the body of both hooks."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc or exc_type(), tb)
        return
    if getattr(_handling, "active", False):
        # The hook itself raised (or logging did): don't recurse, just say so.
        _print_fallback(logs.crash_report(exc_type, exc, tb, thread_name=thread_name))
        return
    _handling.active = True
    try:
        report = logs.crash_report(exc_type, exc, tb, thread_name=thread_name)
        log.critical("unhandled exception; crash report follows\n%s", report)
        installed = _installed
        app = QApplication.instance()
        if installed is None or not isinstance(app, QApplication):
            _print_fallback(report)
            return
        if threading.current_thread() is threading.main_thread():
            installed._show_safely(report)
        else:
            installed.bridge.report_ready.emit(report)
    except Exception as hook_exc:
        with contextlib.suppress(Exception):
            _print_fallback(logs.crash_report(type(hook_exc), hook_exc, hook_exc.__traceback__))
    finally:
        _handling.active = False


def _sys_hook(exc_type: type[BaseException], exc: BaseException,
              tb: TracebackType | None) -> None:
    handle_exception(exc_type, exc, tb)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:  # what threading's own hook ignores too
        return
    name = args.thread.name if args.thread is not None else None
    handle_exception(args.exc_type, args.exc_value, args.exc_traceback, thread_name=name)


def install_excepthook(app_window_getter: WindowGetter | None = None,
                       show: ShowFunction | None = None) -> None:
    """Route uncaught exceptions (main and worker threads) to the log and the crash dialog.

    Call it from the GUI thread once a QApplication exists.  `app_window_getter` returns
    the main window to parent the dialog on; `show` replaces the default display.
    Calling it again replaces the earlier installation.
    """
    global _installed
    previous_hook: object = sys.excepthook
    previous_thread_hook: object = threading.excepthook
    if _installed is not None:  # keep the hooks that were there before us
        previous_hook = _installed.previous_hook
        previous_thread_hook = _installed.previous_thread_hook

    def default_show(report: str) -> None:
        show_crash_dialog(report, parent=_parent_window(app_window_getter))

    _installed = _Installed(show or default_show, previous_hook, previous_thread_hook)
    sys.excepthook = _sys_hook
    threading.excepthook = _thread_hook


def uninstall_excepthook() -> None:
    """Put back the hooks that were there before `install_excepthook` (tests)."""
    global _installed
    if _installed is None:
        return
    sys.excepthook = _installed.previous_hook  # type: ignore[assignment]
    threading.excepthook = _installed.previous_thread_hook  # type: ignore[assignment]
    _installed.bridge.deleteLater()
    _installed = None
