"""Help → About: what the app is and the versions that matter for a bug report.

The versions come from `about.versions()` (app, Python, Qt, PySide6, Pillow, pi-heif,
libheif, the on-device runtime, OS) and are shown as plain "Name: version" lines that can
be selected or copied in one click for a support email.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pictotext_desktop import APP_NAME, __version__, about


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About %1").replace("%1", APP_NAME))
        layout = QVBoxLayout(self)
        title = QLabel(f"{APP_NAME} {__version__}", self)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        layout.addWidget(title)
        blurb = QLabel(self.tr("Photos of identity documents in, checked structured data "
                               "out."), self)
        blurb.setWordWrap(True)
        layout.addWidget(blurb)
        layout.addWidget(QLabel(self.tr("Versions (include them when you report a "
                                        "problem):"), self))
        self.versions = QPlainTextEdit(self.versions_text(), self)
        self.versions.setReadOnly(True)
        self.versions.setAccessibleName(self.tr("Versions"))
        layout.addWidget(self.versions, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(self.tr("Copy"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setAccessibleName(self.tr("Copy the versions"))
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 380)

    @staticmethod
    def versions_text() -> str:
        return "\n".join(f"{name}: {value}" for name, value in about.versions().items())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.versions.toPlainText())
        self.copy_button.setText(self.tr("Copied"))
