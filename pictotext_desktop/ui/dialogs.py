"""The window's questions and messages: yes/no, quit, file dialogs, help, errors.

Each is a plain function of its parent widget, so the window keeps only hooks
(`confirm`, `ask_quit`, `ask_export`, …) that tests replace to drive it without
modal loops.  Qt widget classes are imported inside the functions: the window imports
this module before its first paint.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from pictotext_desktop import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from pictotext_desktop.errors import PicToTextError
    from pictotext_desktop.jobs import Job
    from pictotext_desktop.ui.error_dialog import ErrorDialog, ReportContext
    from pictotext_desktop.ui.queue_pause import Offers


def tr(text: str) -> str:
    """The window's strings keep the window's translation context."""
    return QCoreApplication.translate("MainWindow", text)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    # No is the default: Enter must never be the answer that throws work away.
    answer = QMessageBox.question(parent, title, text, buttons.Yes | buttons.No, buttons.No)
    return answer == buttons.Yes


def quit_text(unsaved: int, waiting: int) -> str | None:
    """What the quit question says, or None when nothing would be lost."""
    if unsaved and waiting:
        return tr("{n} result(s) not copied or exported and {m} image(s) still "
                  "waiting.").format(n=unsaved, m=waiting)
    if unsaved:
        return tr("{n} result(s) were never copied or exported.").format(n=unsaved)
    if waiting:
        return tr("{m} image(s) still waiting to be read.").format(m=waiting)
    return None


def quit_question(parent: QWidget, title: str, text: str, can_export: bool) -> str:
    """"export", "quit" or "cancel"; Cancel is the default and the Escape answer."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    export = box.addButton(tr("&Export…"), QMessageBox.ButtonRole.AcceptRole) \
        if can_export else None
    discard = box.addButton(tr("&Quit without saving"),
                            QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if export is not None and clicked is export:
        return "export"
    return "quit" if clicked is discard else "cancel"


def open_paths(parent: QWidget) -> list[Path]:
    from PySide6.QtWidgets import QFileDialog

    from pictotext_desktop.ui.intake import file_dialog_filter

    names, _filter = QFileDialog.getOpenFileNames(
        parent, tr("Open images"), "", file_dialog_filter())
    return [Path(n) for n in names]


def folder(parent: QWidget) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name = QFileDialog.getExistingDirectory(parent, tr("Open a folder of images"))
    return Path(name) if name else None


def open_url(url: str) -> object:
    """The system's handler for a file:// folder or a web page."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl(url))


def show_help(dialog: QDialog) -> None:
    """About / privacy: non-modal, deleted when closed."""
    from PySide6.QtCore import Qt

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


def log_folder() -> Path:
    """The folder of the log files (created if missing)."""
    from pictotext_desktop import logs

    current = logs.current_log_file()
    where = current.parent if current is not None else logs.default_log_dir()
    with contextlib.suppress(OSError):  # if it fails the file manager says so
        where.mkdir(parents=True, exist_ok=True)
    return where


def information(parent: QWidget, text: str) -> None:
    """A message that does not block; shown only when the window is."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names, URLs, server words
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)
    if parent.isVisible():
        box.show()


def report_context(job: Job | None, jobs: Sequence[Job], keystore: Any,
                   document_type: str) -> ReportContext:
    """What a support report says about the image (never its content) and the key
    (`keystore` None: not known yet, see ui/key_status.py)."""
    from pictotext_desktop.logs import key_suffix
    from pictotext_desktop.ui.error_dialog import ReportContext

    job = job or next((j for j in jobs if j.upload is not None), None)
    key = keystore.get(keystore.active_slot) if keystore is not None else None
    return ReportContext(
        key_last4=key_suffix(key or "") or None,
        document_type=job.document_type if job else document_type,
        image_mime=job.upload.mime_type if job and job.upload else None,
        image_bytes=job.upload.size_bytes if job and job.upload else None,
        engine=job.engine if job else None,
    )


def error_dialog(parent: QWidget, error: PicToTextError, context: ReportContext, *,
                 open_url: Callable[[str], object], on_retry: Callable[[], Any],
                 on_settings: Callable[[], Any], offers: Offers | None = None) -> ErrorDialog:
    """The error dialog, window-modal (the caller shows it); `offers`: the queue's extra
    ways out (ui/queue_pause.py)."""
    from PySide6.QtCore import Qt

    from pictotext_desktop.ui.error_dialog import ErrorDialog

    dialog = ErrorDialog(error, context, parent, open_url=open_url,
                         offer_settings=offers is not None and offers.settings,
                         on_device=len(offers.on_device) if offers is not None else 0)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.retry_requested.connect(on_retry)
    dialog.settings_requested.connect(on_settings)
    if offers is not None:
        dialog.on_device_requested.connect(offers.read_on_device)
    return dialog
