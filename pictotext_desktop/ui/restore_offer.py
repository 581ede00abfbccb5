""""Restore the last session (27 results)": what an earlier run left in the result store
(a crash, a power cut, a Clear), offered back without blocking the window (ADR 0012)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from pictotext_desktop.ui.queue_controller import QueueController


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def attach(window: Any, controller: QueueController) -> None:
    """The window's side of the store: the offer when an earlier run left results
    (`window.restore_prompt`), and the store's one-line notes in the status bar."""

    def offer(count: int) -> None:
        window.restore_prompt = RestoreOffer(window, controller, count)
        if window.isVisible():
            window.restore_prompt.show()

    def notice(text: str) -> None:
        window.last_message = text
        window.statusBar().showMessage(text, 15_000)
        window.message_shown.emit(text)

    controller.previous_session_found.connect(offer)
    controller.notice.connect(notice)


class RestoreOffer(QMessageBox):
    """Restore (the rows come back, finished, with their records) or Discard (they leave
    the disk).  Non-modal: the person may start a new batch first."""

    def __init__(self, parent: QWidget, controller: QueueController, count: int) -> None:
        super().__init__(QMessageBox.Icon.Question, tr("Restore the last session"),
                         tr("Restore the last session ({n} results)?").format(n=count),
                         QMessageBox.StandardButton.NoButton, parent)
        self._controller = controller
        self.restore_button = self.addButton(tr("&Restore"), QMessageBox.ButtonRole.AcceptRole)
        self.discard_button = self.addButton(tr("&Discard"),
                                             QMessageBox.ButtonRole.DestructiveRole)
        self.setDefaultButton(self.restore_button)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttonClicked.connect(self._answered)
        self.restored = -1  # rows restored; -1 until answered (0 after Discard)

    def _answered(self, button: object) -> None:
        if button is self.restore_button:
            self.restored = len(self._controller.restore_previous())
            self._controller.notice.emit(
                tr("Restored {n} result(s) from the last session.").format(n=self.restored))
        else:
            self._controller.discard_previous()
            self.restored = 0
