"""The one dialog for errors, filled from the error taxonomy (errors.py).

Title, what happened, what to do; buttons chosen by the error's category: Open Settings
(AUTH, or when the caller offers it: a server out of reach at an address of the person's
own), the dashboard or pricing page (ACCOUNT / CREDITS), "Read these on this computer
instead" (when the caller offers it: Chinese ID cards the on-device reader can take),
Retry (retryable or batch-stopping), Details (technical text) and Copy support report.
The report never contains the key (only its last 4 characters) or any field value.

Testable without blocking: the window calls `show()` (non-modal, window-modal on the
main window) and listens to the signals; `exec()` still works for callers that block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pictotext_desktop import APP_NAME
from pictotext_desktop.about import support_environment
from pictotext_desktop.errors import (
    DASHBOARD_URL,
    PRICING_URL,
    Category,
    PicToTextError,
)
from pictotext_desktop.logs import hide_home, redact
from pictotext_desktop.ui.language import tr_error, tr_error_words


@dataclass(frozen=True)
class ReportContext:
    """What the support report may say about the failed request (nothing secret)."""

    key_last4: str | None = None
    document_type: str | None = None
    image_mime: str | None = None
    image_bytes: int | None = None
    engine: str | None = None


def support_report(error: PicToTextError, context: ReportContext,
                   now: datetime | None = None) -> str:
    """Plain text for the support email: technical facts, no key, no field values.

    Redacted like the log, with the home folder shown as `~`: the server's message and
    the technical detail could quote a key or a path.
    """
    when = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        f"{APP_NAME} support report",
        f"Time (UTC): {when}",
        support_environment(),
        f"Error: {type(error).__name__} ({error.category.value})",
        f"HTTP status: {error.status if error.status is not None else '-'}",
        f"Reason: {error.reason_code}",
        f"Server message: {error.server_message or '-'}",
        f"Details: {error.detail or '-'}",
        f"documentType: {context.document_type or '-'}",
        f"Engine: {context.engine or '-'}",
        f"Image: {context.image_mime or '-'}, "
        f"{context.image_bytes if context.image_bytes is not None else '-'} bytes",
        f"Key: …{context.key_last4}" if context.key_last4 else "Key: none",
    ]
    return hide_home(redact("\n".join(lines))) + "\n"


class ErrorDialog(QDialog):
    """Shows one PicToTextError; the signals tell the window what the person chose."""

    retry_requested = Signal()
    settings_requested = Signal()
    on_device_requested = Signal()  # "Read these on this computer instead"
    url_opened = Signal(str)

    def __init__(self, error: PicToTextError, context: ReportContext | None = None,
                 parent: QWidget | None = None, *, extra: str = "",
                 open_url: Callable[[str], object] | None = None,
                 offer_settings: bool = False, on_device: int = 0) -> None:
        super().__init__(parent)
        self.error = error
        self.context = context or ReportContext()
        # How a URL is opened (default: the system's browser; tests pass their own).
        self.open_url = open_url or _open_in_browser
        self.setWindowTitle(tr_error(error.title))
        self.setObjectName("errorDialog")
        self.setMinimumWidth(780)
        layout = QVBoxLayout(self)

        icon = QLabel()
        pixmap_kind = (QStyle.StandardPixmap.SP_MessageBoxWarning
                       if error.category in (Category.NETWORK, Category.SERVICE)
                       else QStyle.StandardPixmap.SP_MessageBoxCritical)
        icon.setPixmap(self.style().standardIcon(pixmap_kind).pixmap(32, 32))
        self.title_label = QLabel(tr_error(error.title))
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        what = tr_error_words(error.specific_message or error.explanation, error.explanation)
        if error.server_message and error.server_message != what:
            what += "\n" + QCoreApplication.translate(
                "ErrorDialog", "PicToText said: “{m}”").format(m=error.server_message)
        self.what_label = QLabel(what)
        self.what_label.setWordWrap(True)
        self.what_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_label = QLabel(tr_error(error.action) + (f"\n{extra}" if extra else ""))
        self.action_label.setWordWrap(True)
        action_font = self.action_label.font()
        action_font.setItalic(True)
        self.action_label.setFont(action_font)
        # The server's message (and `extra`, which may quote file names) is not ours to
        # render: shown as written, never as HTML.
        for label in (self.title_label, self.what_label, self.action_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (icon, self.title_label, self.what_label, self.action_label):
            layout.addWidget(widget)

        self.details = QPlainTextEdit(self.details_text())
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Technical details"))
        self.details.setVisible(False)
        self.details.setMaximumHeight(140)
        layout.addWidget(self.details)

        self.buttons = QDialogButtonBox()
        self.button_by_name: dict[str, QPushButton] = {}
        role = QDialogButtonBox.ButtonRole
        if on_device:
            self._add("on_device", self.tr("Read these on this computer instead"),
                      role.AcceptRole, self._on_device)
            tip = self.tr("%n Chinese ID card(s) waiting are read by the on-device reader; "
                          "nothing is uploaded.", "", on_device)
            self.button_by_name["on_device"].setToolTip(tip)
            self.button_by_name["on_device"].setAccessibleDescription(tip)
        if error.category == Category.AUTH or offer_settings:
            self._add("settings", self.tr("Open Settings"), role.ActionRole,
                      self._open_settings)
        if error.category == Category.ACCOUNT:
            self._add("dashboard", self.tr("Open PicToText dashboard"), role.ActionRole,
                      lambda: self._open_url(DASHBOARD_URL))
        if error.category == Category.CREDITS:
            self._add("pricing", self.tr("Buy credits / upgrade"), role.ActionRole,
                      lambda: self._open_url(PRICING_URL))
            self._add("dashboard", self.tr("Open PicToText dashboard"), role.ActionRole,
                      lambda: self._open_url(DASHBOARD_URL))
        if error.retryable or error.stops_batch:
            self._add("retry", self.tr("Retry"), role.AcceptRole, self._retry)
        self._add("details", self.tr("Details"), role.HelpRole, self._toggle_details)
        self._add("report", self.tr("Copy support report"), role.ActionRole,
                  self.copy_report)
        self._add("close", self.tr("Close"), role.RejectRole, self.reject)
        layout.addWidget(self.buttons)

    # -- buttons -----------------------------------------------------------------------
    def _add(self, name: str, text: str, role: QDialogButtonBox.ButtonRole,
             slot: object) -> None:
        button = self.buttons.addButton(text, role)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        self.button_by_name[name] = button

    @property
    def button_names(self) -> list[str]:
        return list(self.button_by_name)

    def click(self, name: str) -> None:
        self.button_by_name[name].click()

    def details_text(self) -> str:
        error = self.error
        return "\n".join([
            f"{type(error).__name__}: {error.reason_code}",
            f"HTTP status: {error.status if error.status is not None else '-'}",
            f"Server message: {error.server_message or '-'}",
            f"Detail: {error.detail or '-'}",
        ])

    def report_text(self) -> str:
        return support_report(self.error, self.context)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())

    def _toggle_details(self) -> None:
        self.details.setVisible(not self.details.isVisible())
        self.adjustSize()

    def _open_settings(self) -> None:
        self.settings_requested.emit()
        self.accept()

    def _open_url(self, url: str) -> None:
        self.url_opened.emit(url)
        self.open_url(url)

    def _on_device(self) -> None:
        self.on_device_requested.emit()
        self.accept()

    def _retry(self) -> None:
        self.retry_requested.emit()
        self.accept()


def _open_in_browser(url: str) -> object:
    return QDesktopServices.openUrl(QUrl(url))
