"""The crash dialog: the redacted report of an uncaught exception, to copy or send.

The hooks that catch the exception and call `show_crash_dialog` live in `excepthook.py`,
which imports this module only when a crash is shown (it uses Qt's enum namespace, which
is slow to set up, so it stays off the start-up path).  The report is redacted like the
log (logs.crash_report): no key, no ID number.  The dialog is shown non-modal and kept in
`last_dialog`, so tests call the hook and look at it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal, Slot
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

MAX_REPORTS_PER_DIALOG = 10  # an error in paintEvent repeats on every frame

last_dialog: CrashDialog | None = None


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
