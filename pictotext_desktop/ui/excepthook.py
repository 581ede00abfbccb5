"""The global exception hooks: an uncaught exception is logged and shown, never lost.

An exception nobody caught -- in a slot, a timer or a worker thread -- would otherwise
vanish into stderr (or, in a windowed bundle, nowhere).  Instead the hook writes a crash
report to the log (logs.crash_report: redacted, no key, no ID number) and shows it in the
crash dialog (crash_dialog.py).

Install it as early as the QApplication exists (`run_app` does so before building the
window), with a getter for the window to parent the dialog on.  This module is on the
start-up path, so it imports only what it needs to catch and route a crash; the dialog's
module (and the `Qt` namespace it uses, ~40 ms of enum set-up) is imported only when a
crash is shown.  A crash inside the hook or the dialog is logged and printed (redacted)
to stderr, never re-entered.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from pictotext_desktop import logs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# The log lines keep the name they always had, so a crash reads the same in the log.
log = logging.getLogger("pictotext_desktop.ui.crash_dialog")

WindowGetter = Callable[[], "QWidget | None"]
ShowFunction = Callable[[str], None]

_handling = threading.local()
_installed: _Installed | None = None


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


def _has_widgets_app() -> bool:
    """A QApplication (not just a core one) runs: a dialog can be shown."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    from PySide6.QtWidgets import QApplication  # loaded with the window already

    return isinstance(app, QApplication)


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
        if installed is None or not _has_widgets_app():
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
    the main window to parent the dialog on (None while there is none yet); `show`
    replaces the default display.  Calling it again replaces the earlier installation.
    """
    global _installed
    previous_hook: object = sys.excepthook
    previous_thread_hook: object = threading.excepthook
    if _installed is not None:  # keep the hooks that were there before us
        previous_hook = _installed.previous_hook
        previous_thread_hook = _installed.previous_thread_hook

    def default_show(report: str) -> None:
        from pictotext_desktop.ui.crash_dialog import show_crash_dialog  # on a crash only

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
