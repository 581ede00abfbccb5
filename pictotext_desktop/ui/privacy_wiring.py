"""The window's privacy parts, wired in one place after the first paint.

- the `display_mask` setting on the result view (values shown and copied masked; checks
  on the full values) and on auto copy;
- duplicate-person notes on rows and in the result view (ui/person_notes.py);
- the daily history purge while the window runs (ui/retention.py);
- the history settings applied to the open store at once (keep history, its days), and
  the Settings dialog's history page given that store.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from pictotext_desktop import masking
from pictotext_desktop.errors import UsageError
from pictotext_desktop.ui.person_notes import PersonNotes
from pictotext_desktop.ui.retention import RetentionTimer

if TYPE_CHECKING:
    from pictotext_desktop.ui.main_window import MainWindow
    from pictotext_desktop.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


class PrivacyWiring(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        controller = window.controller
        self.notes = PersonNotes(controller, parent=self)
        window.model.note_for = self.notes.text
        window.result_view.note_for = self.notes.text
        window.result_view.edited.connect(self.notes.edited)
        window.result_view.edited.connect(lambda job: window.result_view.refresh_notes())
        self.retention = RetentionTimer(lambda: controller.results, parent=self)
        self.retention.purged.connect(self.notes.forget)
        self.apply()

    def display_mask(self) -> masking.Mask:
        try:
            return masking.parse_mask(str(self.window.store.get("display_mask")))
        except UsageError:
            return masking.NO_MASK

    def apply(self) -> None:
        """After a settings change: the display mask, and the history settings on the
        open store (more days keep more; fewer purge what is now too old)."""
        settings = self.window.store
        self.window.result_view.set_mask(self.display_mask())
        results = self.window.controller.results
        if results is None:
            return
        results.keep_history = settings.get("result_store") == "history"
        days = int(settings.get("history_days"))
        if days != results.history_days:
            results.history_days = days
            try:
                results.purge()
            except Exception as exc:
                log.warning("history purge failed: %s", type(exc).__name__)

    def settings_opened(self, dialog: SettingsDialog) -> None:
        dialog.settings_changed.connect(self.apply)
        dialog.finished.connect(self.notes.forget)  # the history may have been deleted
        page = dialog.history_page
        if page is not None:
            page.results_provider = lambda: self.window.controller.results
