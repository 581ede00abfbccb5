"""Settings → Privacy and history: what is kept, searching the history, Delete all history.

The settings themselves (`result_store`, `history_days`, `display_mask`) are rows of the
generated "privacy" tab (settings_dialog.py); `install` adds this page under them and
puts a `MaskPicker` in place of the mask's text field.  Search is exact match on a name
or an ID number (store.ResultStore.search, HMACs: no value in clear); the results show
the date, the file's name, the document type and the name and number masked.  The store
is the window's open one (`results_provider`); without it the page says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pictotext_desktop import catalog, i18n, masking
from pictotext_desktop.matching import ID_FIELDS, NAME_FIELDS
from pictotext_desktop.people import file_name
from pictotext_desktop.ui.language import current_language
from pictotext_desktop.ui.mask_picker import MaskPicker

if TYPE_CHECKING:
    from pictotext_desktop.records import Record
    from pictotext_desktop.store import ResultStore, StoredResult
    from pictotext_desktop.ui.settings_dialog import SettingsDialog

SHOWN_MASK = masking.parse_mask("standard")  # search results never show a whole value
MAX_SHOWN = 500


def tr(text: str) -> str:
    return QCoreApplication.translate("HistoryPage", text)


def masked_person(record: Record) -> tuple[str, str]:
    """(name, ID number) of a record as the search results show them: masked."""
    masked = masking.mask_record(record, SHOWN_MASK)
    fields = masked.fields or {}
    names = [v for k, v in fields.items() if k in NAME_FIELDS and v]
    numbers = [v for k, v in fields.items() if k in ID_FIELDS and v]
    return (names[0] if names else "", numbers[0] if numbers else "")


def type_name(document_type: str) -> str:
    try:
        return i18n.doc_type_name(catalog.get(document_type), current_language())
    except catalog.UnknownDocumentType:
        return document_type


class HistoryPage(QGroupBox):
    """Search the history and delete it (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("History"), parent)
        self.setObjectName("historyPage")
        self.results_provider: Callable[[], ResultStore | None] = lambda: None
        self.mask_picker: MaskPicker | None = None  # the display_mask setting's boxes
        self.confirm: Callable[[str, str], bool] = self._ask
        layout = QVBoxLayout(self)
        self.kept_label = QLabel(tr(
            "With “A searchable history”, every result is kept encrypted on this computer "
            "for the days set above, then deleted (at start and once a day). Turning the "
            "history off keeps what it holds until its days are over; Delete all history "
            "removes it now. A change between keeping and not keeping results takes effect "
            "at the next start."), self)
        self.kept_label.setWordWrap(True)
        layout.addWidget(self.kept_label)
        row = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(tr("A whole name or ID number"))
        self.search_edit.setAccessibleName(tr("Search the history"))
        self.search_edit.returnPressed.connect(self.search)
        self.search_button = QPushButton(tr("Search"), self)
        self.search_button.clicked.connect(self.search)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.search_button)
        layout.addLayout(row)
        headers = [tr("Date"), tr("File"), tr("Document type"), tr("Name"), tr("ID number")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(tr("History search results"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(120)
        layout.addWidget(self.table)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("History status"))
        layout.addWidget(self.status)
        self.delete_button = QPushButton(tr("Delete all history…"), self)
        self.delete_button.setObjectName("deleteAllHistory")
        self.delete_button.clicked.connect(self.delete_all)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)

    def _ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, buttons, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _store(self) -> ResultStore | None:
        results = self.results_provider()
        if results is None:
            self.status.setText(tr("The saved results are not open: results are not kept "
                                   "on this computer, or there is no keyring."))
        return results

    def search(self) -> list[StoredResult]:
        """Exact match on a name or an ID number; the rows show them masked."""
        query = self.search_edit.text().strip()
        self.table.setRowCount(0)
        if not query:
            self.status.setText(tr("Type a whole name or ID number."))
            return []
        results = self._store()
        if results is None:
            return []
        found = results.search(query)
        for result in found[:MAX_SHOWN]:
            name, number = masked_person(result.record)
            cells = (result.saved_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                     file_name(result.source), type_name(result.record.document_type),
                     name, number)
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if not found:
            self.status.setText(tr("Nothing in the history matches (a whole name or number "
                                   "is needed; a part finds nothing)."))
        else:
            self.status.setText(tr("{n} result(s) found.").format(n=len(found)))
        return found

    def delete_all(self) -> int | None:
        """After a confirmation: every history record, now (None: not deleted)."""
        results = self._store()
        if results is None:
            return None
        count = results.history_count()
        if not self.confirm(tr("Delete all history"), tr(
                "Delete the whole history ({n} result(s))? This cannot be undone. The "
                "results of the current session stay in the window.").format(n=count)):
            return None
        deleted = results.delete_all_history()
        self.table.setRowCount(0)
        self.status.setText(tr("Deleted the history ({n} result(s)).").format(n=deleted))
        return deleted


def install(dialog: SettingsDialog) -> HistoryPage | None:
    """Add the page under the privacy settings and the mask picker in place of the
    `display_mask` text field; None when the dialog has no privacy tab."""
    anchor = dialog.editors.get("history_days")
    holder = anchor.parentWidget() if anchor is not None else None
    page_widget = holder.parentWidget() if holder is not None else None
    form = page_widget.layout() if page_widget is not None else None
    if not isinstance(form, QFormLayout):
        return None
    page = HistoryPage(page_widget)
    mask_edit = dialog.editors.get("display_mask")
    mask_holder = mask_edit.parentWidget() if mask_edit is not None else None
    column = mask_holder.layout() if mask_holder is not None else None
    if isinstance(mask_edit, QLineEdit) and column is not None:
        page.mask_picker = MaskPicker(mask_edit.text(), mask_holder)
        page.mask_picker.setObjectName("displayMaskPicker")
        page.mask_picker.changed.connect(mask_edit.setText)
        column.addWidget(page.mask_picker)
        mask_edit.setVisible(False)  # the setting's value; the boxes write it
    form.addRow(page)
    return page
