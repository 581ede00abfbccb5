"""The document type selector: all 44 types grouped by region, searchable by typing.

An editable QComboBox.  Its items show the type's name in the interface language
("Passport" / "护照") and its API value; the search completer matches anywhere in
"Name · 中文名 (value)" whatever the language, so typing "passport", "身份证" or "cn_id"
finds the type.  Region headings are disabled items.  `type_changed(value)` fires only
for a real type.  Ctrl+T (`focus_search`) selects the text to type over; Enter picks the
highlighted match, or the first one when none is highlighted.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from pictotext_desktop import catalog, i18n
from pictotext_desktop.ui.drop_zone import DOC_TYPE_MIN_CHARS
from pictotext_desktop.ui.language import current_language

ValueRole = Qt.ItemDataRole.UserRole + 1


def type_label(doc: catalog.DocumentType, language: str = i18n.ENGLISH) -> str:
    """What the list shows: the name in the interface language, then the API value."""
    return f"{i18n.doc_type_name(doc, language)}  ({doc.value})"


def search_label(doc: catalog.DocumentType) -> str:
    """What the search matches: both names and the value, in any interface language."""
    text = doc.name
    if doc.name_zh:
        text += f" · {doc.name_zh}"
    return f"{text}  ({doc.value})"


class DocTypeSelector(QComboBox):
    type_changed = Signal(str)

    def __init__(self, current: str = catalog.DEFAULT_TYPE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Document type"))
        self.setAccessibleDescription(self.tr(
            "Type part of a name in English or Chinese, or a code, then press Enter"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(self.tr("Document type: type to search"))
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setMinimumContentsLength(DOC_TYPE_MIN_CHARS)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.language = current_language()
        model = QStandardItemModel(self)
        self._search_values: dict[str, str] = {}
        for _region, docs in catalog.grouped_by_region():
            heading = QStandardItem(i18n.region_name(docs[0], self.language))
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            model.appendRow(heading)
            for doc in docs:
                item = QStandardItem("    " + type_label(doc, self.language))
                item.setData(doc.value, ValueRole)
                model.appendRow(item)
                self._search_values[search_label(doc)] = doc.value
        self.setModel(model)
        completer = QCompleter(list(self._search_values), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.activated[str].connect(self._completed)  # type: ignore[index]
        self.setCompleter(completer)
        self.set_value(current)
        self.currentIndexChanged.connect(self._index_changed)
        line = self.lineEdit()
        if line is not None:
            line.returnPressed.connect(self._pick_first_match)
            line.editingFinished.connect(self._restore_text)

    def event(self, event: QEvent) -> bool:
        """Ctrl+V here with a picture or files (no text) on the clipboard is the window's
        Paste: picking a type by keyboard and then pasting the image must just work.
        (QComboBox hands the shortcut check to its line edit, which would take it.)"""
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.StandardKey.Paste) and not _text_on_clipboard()):
            event.ignore()  # not this field's: the window's shortcut takes it
            return True
        return super().event(event)

    def value(self) -> str:
        data = self.currentData(ValueRole)
        return str(data) if data else catalog.DEFAULT_TYPE

    def set_value(self, value: str) -> None:
        for row in range(self.count()):
            if self.itemData(row, ValueRole) == value:
                self.setCurrentIndex(row)
                return

    def values(self) -> list[str]:
        return [str(self.itemData(r, ValueRole)) for r in range(self.count())
                if self.itemData(r, ValueRole)]

    def focus_search(self) -> None:
        """Ctrl+T: focus the selector with its text selected, ready to type a search."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        line = self.lineEdit()
        if line is not None:
            line.selectAll()

    def matches(self, text: str) -> list[str]:
        """The values whose names or code contain `text` (any case), in list order."""
        needle = text.strip().casefold()
        return [value for label, value in self._search_values.items()
                if needle and needle in label.casefold()]

    def _pick_first_match(self) -> None:
        """Enter with a typed search and no highlighted match: take the first match."""
        line = self.lineEdit()
        if line is None or line.text() == self.itemText(self.currentIndex()):
            return
        found = self.matches(line.text())
        if found:
            self.set_value(found[0])
        completer = self.completer()
        if completer is not None:
            popup = completer.popup()
            if popup is not None:
                popup.hide()
        self._restore_text()

    def _completed(self, text: str) -> None:
        value = self._search_values.get(text.strip())
        if value is not None:
            self.set_value(value)
        self._restore_text()

    def _index_changed(self, row: int) -> None:
        value = self.itemData(row, ValueRole)
        if value:
            self.type_changed.emit(str(value))

    def _restore_text(self) -> None:
        """A half-typed search that matched nothing shows the current type again."""
        row = self.currentIndex()
        line = self.lineEdit()
        if line is not None and row >= 0 and line.text() != self.itemText(row):
            line.setText(self.itemText(row))


def _text_on_clipboard() -> bool:
    mime = QGuiApplication.clipboard().mimeData()
    return mime is not None and mime.hasText() and not mime.hasUrls()
