"""The selected item: a preview with rotate buttons, and its fields in the catalog's order.

Each field has its label (in the interface language; an English interface adds the
Chinese wording for Chinese cards, as printed on them), an editable value (an
edit is kept by `Record.set_field` and marked "edited"), a copy button, "not read" for
values the engine did not find, and the checks' findings for that field next to it
(severity, message, suggestions).  Copy all gives "Label: value" lines, labelled in the
interface language; Copy as row a TSV row for spreadsheets.

Names, values and messages come from the server or a file name, so every label shows
them as plain text (a QLabel would render `<img src=…>` as HTML).  The cost of showing a
record must not grow with the answer: rows are built a page at a time ("Show more
fields"), and a value too long to edit in place is shown shortened and read-only (the
record, Copy and Export keep the whole value; nothing is cut by an edit).

Nothing is silent: a copy says what it copied ("Copied ID number") under the toolbar and
to a screen reader.  A finding's suggestion is a button ("Use 11010519491231002X", or
Alt+Enter in the field).  Multi-line values (the MRZ) show as lines in a monospace box,
with the zone's parts read out below; `focus_flagged` walks the flagged fields (F8).

With a display mask (the `display_mask` setting, `set_mask`) values are shown masked and
read-only, each with a Show button that reveals that one value for this record; copies
are masked unless revealed, findings are those of the full values (their suggested
values hidden for masked fields), and nothing masked is ever written back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPalette,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pictotext_desktop import catalog, export, i18n, masking
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.records import Check, Record, Severity
from pictotext_desktop.textsafe import shorten
from pictotext_desktop.ui import field_rows
from pictotext_desktop.ui.card_outline import CardPanel
from pictotext_desktop.ui.field_rows import FieldRow, plain_label
from pictotext_desktop.ui.language import current_language, tr_error, tr_error_words
from pictotext_desktop.ui.multiline import (  # noqa: F401  (re-exported for callers)
    MultiLineEdit,
    is_multiline,
    mrz_part_label,
    mrz_parts_text,
    shown_value,
)
from pictotext_desktop.ui.preview_decoder import PreviewDecoder

if TYPE_CHECKING:
    from pictotext_desktop.ui.queue_controller import QueueController

PAGE_SIZE = 100  # field rows built at a time; "Show more fields" builds the next page
EDIT_LIMIT = 2_000  # longer values are shown shortened and read-only
SHOWN_CHARS = 500  # how much of such a value is shown
LABEL_CHARS = 120  # a field name longer than this is shortened on screen
MESSAGE_CHARS = 4_000  # the notes under the title (server warnings, loose checks)
PLAIN = Qt.TextFormat.PlainText
NOTICE_MS = 4_000  # how long "Copied …" stays under the toolbar
MAX_FIXES = 3  # suggestion buttons under one field
PREVIEW_HEIGHT = 220  # px the preview's picture is at most high


def tr(text: str) -> str:
    return QCoreApplication.translate("ResultView", text)


def label_lines(record: Record) -> str:
    """'Label: value' lines for Copy all, labelled in the interface language."""
    return export.format_label_lines(record, zh=current_language() == i18n.CHINESE)


def severity_text(severity: Severity) -> str:
    """'Error' / 'Warning' / 'Note' in the interface language."""
    return {Severity.ERROR: tr("Error"), Severity.WARNING: tr("Warning"),
            Severity.INFO: tr("Note")}[severity]


def check_text(check: Check, language: str | None = None) -> str:
    """'Severity: message' (the check's own Chinese in a Chinese interface), suggestions."""
    message = i18n.check_message(check, language or current_language())
    template = {Severity.ERROR: tr("Error: {message}"),
                Severity.WARNING: tr("Warning: {message}"),
                Severity.INFO: tr("Note: {message}")}[check.severity]
    text = template.format(message=message)
    if check.suggestions:
        text += "\n" + tr("Maybe: {s}").format(s=", ".join(check.suggestions))
    return text


def tr_note(text: str) -> str:
    """A note the core wrote on the record (notes.py) in the interface language; a
    server's own warning is shown as written."""
    from pictotext_desktop import notes

    found = notes.parse(text)
    if found is None:
        return text
    template, values = found
    return QCoreApplication.translate("notes", template).format(**values)


_SEVERITY_ICON = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class ResultView(QWidget):
    rotate_requested = Signal(object, int)  # Job, degrees clockwise (+90 / -90)
    copied = Signal(object)  # Job whose fields went to the clipboard
    edited = Signal(object)  # Job whose record was edited
    notice = Signal(str)  # a confirmation to show in the status bar ("Copied ID number")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self._severity_pixmaps: dict[Severity, QPixmap] = {}
        self.rows: dict[str, FieldRow] = {}
        # Every field row in the grid, in order; a record shows in the first ones again
        # (new widgets only where a row must look different), the rest wait hidden: a
        # selection then costs a few setText calls, not the polish of a hundred widgets.
        self._slots: list[FieldRow] = []
        # The `display_mask` setting: values shown and copied masked, checks on full ones;
        # `revealed` are this job's fields shown whole on purpose ("Show").
        self.value_mask = masking.NO_MASK
        self.revealed: set[str] = set()
        self.note_for: Callable[[Job], str] = lambda job: ""  # "This person was read on …"
        self._thumbnail: QPixmap | None = None
        self._unbuilt: list[tuple[str, str | None]] = []  # fields not on screen yet
        self._row_no = 0
        self._shown: tuple[object, ...] | None = None
        self._previews: dict[int, tuple[object, QPixmap]] = {}
        self._decoder = PreviewDecoder(self)
        self._decoder.decoded.connect(self._preview_decoded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)

        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(150)
        self.preview.setMaximumHeight(230)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.preview.setBackgroundRole(QPalette.ColorRole.Base)
        self.preview.setAutoFillBackground(True)
        self.preview.setAccessibleName(tr("Preview"))
        self.card = CardPanel(self.preview)  # holds it, and the photo with the card's outline
        layout.addWidget(self.card)

        tools = QHBoxLayout()
        style = self.style()
        self.title = plain_label(tr("Select an item to see what was read."))
        self.title.setWordWrap(True)
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        tools.addWidget(self.title, 1)
        self.rotate_left = QToolButton()
        self.rotate_left.setText("⟲")
        self.rotate_left.setToolTip(tr("Rotate left and read again"))
        self.rotate_left.setAccessibleName(tr("Rotate left"))
        self.rotate_right = QToolButton()
        self.rotate_right.setText("⟳")
        self.rotate_right.setToolTip(tr("Rotate right and read again"))
        self.rotate_right.setAccessibleName(tr("Rotate right"))
        self.rotate_left.clicked.connect(lambda: self._rotate(-90))
        self.rotate_right.clicked.connect(lambda: self._rotate(90))
        self.copy_all_button = QPushButton(style.standardIcon(
            QStyle.StandardPixmap.SP_FileDialogDetailedView), tr("Copy all"))
        self.copy_all_button.setToolTip(tr("Copy all fields as “Label: value” lines"))
        self.copy_all_button.setAccessibleName(tr("Copy all"))
        self.copy_all_button.clicked.connect(self.copy_all)
        self.copy_row_button = QPushButton(tr("Copy as row"))
        self.copy_row_button.setToolTip(tr("Copy as one tab-separated row for a spreadsheet"))
        self.copy_row_button.setAccessibleName(tr("Copy as row"))
        self.copy_row_button.clicked.connect(self.copy_row)
        tool_widgets: list[QWidget] = [self.rotate_left, self.rotate_right,
                                       self.copy_all_button, self.copy_row_button]
        for widget in tool_widgets:
            tools.addWidget(widget)
        layout.addLayout(tools)

        self.notice_label = plain_label()
        self.notice_label.setAccessibleName(tr("Last action"))
        self.notice_label.setVisible(False)
        layout.addWidget(self.notice_label)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(lambda: self.notice_label.setVisible(False))
        self._apply_key = QShortcut(QKeySequence("Alt+Return"), self)
        self._apply_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._apply_key.activated.connect(self._apply_focused_suggestion)

        self.message = plain_label()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        self.fields_scroll = QScrollArea()
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.fields_widget = QWidget()
        self.grid = QGridLayout(self.fields_widget)
        self.grid.setColumnStretch(1, 1)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.fields_scroll.setWidget(self.fields_widget)
        layout.addWidget(self.fields_scroll, 1)
        self.more_button = QPushButton(self.fields_widget)
        self.more_button.clicked.connect(self.show_more_fields)
        self.more_button.setVisible(False)
        self.show_job(None)

    def shutdown(self) -> None:
        """On quit: no preview is decoded any more, and the card panel's thread ends."""
        self._decoder.shutdown()
        self.card.shutdown()

    def connect_to(self, controller: QueueController) -> None:
        """The queue keeps copies and edits, and reads a card again as the person set it."""
        self.copied.connect(controller.mark_copied)
        self.edited.connect(controller.mark_edited)
        self.card.read_requested.connect(controller.read_card_again)
        self.card.send_setting = lambda: str(controller.store.get("send"))

    # -- showing -----------------------------------------------------------------------
    def show_job(self, job: Job | None, thumbnail: QPixmap | None = None) -> None:
        shown = (id(job), job.state if job else None, id(job.record) if job else None,
                 id(job.prepared) if job else None, thumbnail is None)
        if job is not None and shown == self._shown:
            return  # nothing visible changed: keep the widgets (and any edit in progress)
        self._shown = shown
        self._keep_pending_edits()
        if job is not self.job:
            self.revealed = set()
        self.job = job
        self._thumbnail = thumbnail
        self._clear_rows()
        has_record = job is not None and job.record is not None and job.record.ok
        for widget in (self.copy_all_button, self.copy_row_button):
            widget.setEnabled(has_record)
        for button in (self.rotate_left, self.rotate_right):
            button.setEnabled(job is not None and job.state.finished)
        self._show_preview(job, thumbnail)
        self.card.show_job(job)
        try:
            self._show_text(job, has_record)
        finally:
            self._hide_spare_slots()

    def _show_text(self, job: Job | None, has_record: bool) -> None:
        if job is None:
            self.title.setText(tr("Select an item to see what was read."))
            self.message.setText("")
            return
        self.title.setText(shorten(job.source.display_name, LABEL_CHARS * 4))
        if job.state == JobState.FAILED and job.error is not None:
            error = job.error
            what = tr_error_words(error.specific_message or error.explanation,
                                  error.explanation)
            self.message.setText(shorten("\n".join(
                t for t in (tr_error(error.title), what, tr_error(error.action))
                if t), MESSAGE_CHARS))
            return
        if not has_record:
            self.message.setText(tr("Not read yet."))
            return
        assert job.record is not None
        self._build_rows(job.record)

    def _show_preview(self, job: Job | None, thumbnail: QPixmap | None) -> None:
        """The prepared image from the cache, else decoded in a later turn of the event
        loop (the thumbnail or nothing until then: never the last row's picture)."""
        if job is not None and job.prepared is not None:
            cached = self._previews.get(job.id)
            if cached is not None and cached[0] is job.prepared:
                self.preview.setPixmap(cached[1])
                return
            key = (job.id, id(job.prepared))
            if not self._decoder.wanted(key):
                self._decoder.request(key, job.prepared.data, job.prepared.size,
                                      self._preview_width(), PREVIEW_HEIGHT)
        else:
            self._decoder.forget()
        self._set_preview(thumbnail, job)

    def _preview_width(self) -> int:
        return max(100, self.preview.width() - 8)

    def _set_preview(self, pixmap: QPixmap | None, job: Job | None) -> None:
        if pixmap is None or pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(tr("No preview") if job is not None and (
                job.prepared is None) else "")
            return
        scaled = pixmap.scaled(
            self._preview_width(), PREVIEW_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(scaled)

    def _preview_decoded(self, key: object, image: QImage) -> None:
        job = self.job
        if not self._decoder.wanted(key) or job is None or job.prepared is None or (
                key != (job.id, id(job.prepared))):
            return  # another row is shown now
        self._decoder.forget()
        if image.isNull():  # bytes Qt cannot decode: the thumbnail, else "No preview"
            self._set_preview(self._thumbnail, job)
            if self._thumbnail is None:
                self.preview.setText(tr("No preview"))
            return
        self._set_preview(QPixmap.fromImage(image), job)
        self._previews = {job.id: (job.prepared, self.preview.pixmap())}  # the current one

    def _keep_pending_edits(self) -> None:
        """A value being typed is kept for its own record before its row shows another."""
        for row in list(self.rows.values()):
            if isinstance(row.edit, QLineEdit) and row.edit.isModified():
                self._edited(row)
                row.edit.setModified(False)

    def _clear_rows(self) -> None:
        """No field shown; the rows' widgets stay in the grid to show the next record."""
        self.more_button.setVisible(False)
        self.grid.removeWidget(self.more_button)
        self.rows.clear()
        self._unbuilt = []
        self._row_no = 0
        self.message.setText("")

    def _build_rows(self, record: Record) -> None:
        try:
            fields = catalog.order_fields(record.document_type, record.fields or {})
        except catalog.UnknownDocumentType:
            fields = dict(record.fields or {})
        self._unbuilt = list(fields.items())
        self._build_page(record)

    def show_more_fields(self) -> None:
        """Build the next page of field rows (the button under the last row)."""
        if self.job is None or self.job.record is None or not self._unbuilt:
            return
        first = len(self.rows)
        self._build_page(self.job.record)
        new = list(self.rows.values())[first:]
        if new:  # a keyboard user goes on where the button was
            self.grid.activate()
            self.fields_scroll.ensureWidgetVisible(new[0].edit)
            new[0].edit.setFocus()

    def _hide_spare_slots(self) -> None:
        """Rows not showing a field now: hidden, and holding no value of the last record."""
        for slot in self._slots[len(self.rows):]:
            if slot.owner is not None:  # else hidden and emptied already
                field_rows.put_away(slot)

    def _build_page(self, record: Record) -> None:
        """Rows for the next PAGE_SIZE fields, then the "Show more" button if any are left.

        The fields widget is hidden while its grid grows by many rows: each new child of a
        visible widget would otherwise lay out the whole grid again (quadratic in the
        rows); rows shown again need no such care.
        """
        page, self._unbuilt = self._unbuilt[:PAGE_SIZE], self._unbuilt[PAGE_SIZE:]
        growing = len(self.rows) + len(page) - len(self._slots) > 10
        if growing:
            self.fields_widget.setVisible(False)
        try:
            self.grid.removeWidget(self.more_button)
            self._add_rows(record, page)
            if self._unbuilt:
                self.more_button.setText(tr("Show more fields ({n} not shown yet)").format(
                    n=f"{len(self._unbuilt):,}"))
                self.more_button.setAccessibleName(self.more_button.text())
                self.grid.addWidget(self.more_button, self._row_no, 1, 1, 3)
            self.more_button.setVisible(bool(self._unbuilt))
        finally:
            if growing:
                self.fields_widget.setVisible(True)
        self._refresh_marks()

    def _add_rows(self, record: Record, fields: list[tuple[str, str | None]]) -> None:
        try:
            doc: catalog.DocumentType | None = catalog.get(record.document_type)
        except catalog.UnknownDocumentType:
            doc = None
        language = current_language()
        chinese_card = record.document_type.startswith(("cn_", "hk_", "tw_", "mo_"))
        row_no = self._row_no
        made_new = reused = False
        for key, value in fields:
            name = shorten(i18n.field_label(doc, key, language) if doc else key, LABEL_CHARS)
            text = name
            if doc and chinese_card and language != i18n.CHINESE:
                zh = i18n.field_label(doc, key, i18n.CHINESE)
                if zh and zh != text:
                    text += f"\n{zh}"  # the wording printed on the card
            too_long = value is not None and len(value) > EDIT_LIMIT
            masked = self.is_masked(key, value)
            plain = not (masked or too_long or is_multiline(value) or key in self.revealed)
            index = len(self.rows)
            slot = self._slots[index] if index < len(self._slots) else None
            if slot is not None and slot.plain and plain:
                if slot.fixes is not None:  # its buttons name the old field: made again
                    self._drop_fixes(slot)
                field_rows.show_again(slot, key, text, name, value, self.job)
                row = slot
                reused = True
            else:
                if slot is not None:
                    field_rows.drop(self.grid, slot.widgets())
                row = self._new_row(record, key, text, name, value, row_no, too_long, masked)
                if index < len(self._slots):
                    self._slots[index] = row
                else:
                    self._slots.append(row)
                made_new = True
            self.rows[key] = row
            row_no += 4  # field; findings; suggestions; a zone's parts
        self._row_no = row_no
        if made_new and reused:
            field_rows.chain_tab_order(self.rows.values())

    def _drop_fixes(self, row: FieldRow) -> None:
        row.fix_values = ()
        if row.fixes is not None:
            self.grid.removeWidget(row.fixes)
            row.fixes.hide()
            row.fixes.deleteLater()
            row.fixes = None

    def _new_row(self, record: Record, key: str, text: str, name: str, value: str | None,
                 row_no: int, too_long: bool, masked: bool) -> FieldRow:
        edit: QLineEdit | MultiLineEdit
        parts_text = ""
        if masked:
            edit = self._masked_edit(record.document_type, key, value)
        elif too_long:
            edit = QLineEdit(shorten(value, SHOWN_CHARS) if value else "")
            edit.setReadOnly(True)  # an edit of the shortened text would cut the value
            edit.setCursorPosition(0)
        elif is_multiline(value):
            edit = MultiLineEdit(shown_value(value))
            parts_text = mrz_parts_text(value or "")
        else:
            edit = QLineEdit(value or "")
        row = field_rows.add_row(self.grid, key, text, name, value, edit, row_no, self.job,
                                   self.style())
        row.too_long, row.masked = too_long, masked
        row.plain = not (masked or too_long or parts_text or key in self.revealed
                         or isinstance(edit, MultiLineEdit))
        if masked or key in self.revealed:
            row.reveal = self._reveal_button(row, name)
            self.grid.addWidget(row.reveal, row_no, 4)
        if parts_text:
            row.parts = plain_label(parts_text)
            row.parts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.parts.setAccessibleName(tr("{label}, read out").format(label=name))
            self.grid.addWidget(row.parts, row_no + 3, 1, 1, 3)
        row.edit.editingFinished.connect(lambda r=row: self._edited(r))
        row.copy.clicked.connect(lambda _=False, r=row: self._copy_field(r))
        return row

    def _refresh_marks(self) -> None:
        if self.job is None or self.job.record is None:
            return
        record = self.job.record
        by_field: dict[str, list[Check]] = {}
        for check in record.checks:
            by_field.setdefault(check.field, []).append(check)
        for key, row in self.rows.items():
            value = (record.fields or {}).get(key)
            marks = []
            if key in record.edited:
                marks.append(tr("edited"))
            elif value is None:
                marks.append(tr("not read"))
            if row.too_long and value is not None:
                marks.append(tr("too long to edit here ({n} characters, shown shortened; "
                                "Copy and Export use all of it)").format(n=f"{len(value):,}"))
            row.mark.setText(" · ".join(marks))
            found = self._without_values(by_field.get(key, []))
            row.checks.setText(shorten("\n".join(check_text(c) for c in found), MESSAGE_CHARS))
            row.icon.setVisible(bool(found))
            if found:  # the severity's icon, from the style (follows the theme)
                worst = min(found, key=lambda c: list(Severity).index(c.severity))
                row.icon.setPixmap(self._severity_pixmap(worst.severity))
                row.icon.setToolTip(severity_text(worst.severity))
                row.icon.setAccessibleName(severity_text(worst.severity))
            row.checks.setVisible(bool(found))
            row.edit.setAccessibleDescription(row.checks.text() if found else "")
            self._show_fixes(row, found, value)
        self._refresh_message()

    def _refresh_message(self) -> None:
        """The record's notes under the fields: findings of no field shown, warnings, and
        the person note first."""
        if self.job is None or self.job.record is None:
            return
        record = self.job.record
        loose = [c for c in record.checks if c.field not in self.rows]
        shown = {c.message for c in loose}  # a photo note is also a check: said once
        notes = [check_text(c) for c in self._without_values(loose)] + [
            tr_note(w) for w in record.warnings if w not in shown]
        person = self.note_for(self.job)
        if person:
            notes.insert(0, person)
        self.message.setText(shorten("\n".join(notes), MESSAGE_CHARS))

    def _show_fixes(self, row: FieldRow, found: list[Check], value: str | None) -> None:
        """One button per suggested value ("Use …"): the fix is one click away."""
        values: list[str] = []
        for check in found:
            for suggestion in check.suggestions:
                if suggestion not in values and suggestion != value:
                    values.append(suggestion)
        values = values[:MAX_FIXES]
        if tuple(values) == row.fix_values:
            return
        row.fix_values = tuple(values)
        if row.fixes is not None:
            self.grid.removeWidget(row.fixes)
            row.fixes.hide()
            row.fixes.deleteLater()
            row.fixes = None
        if not values or row.too_long:
            return
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        self.grid.addWidget(holder, row.grid_row + 2, 1, 1, 3)
        before: QWidget = row.copy
        for suggestion in values:
            shown = shorten(suggestion, LABEL_CHARS)
            button = QPushButton(tr("Use {value}").format(value=shown).replace("&", "&&"))
            button.setAccessibleName(tr("Use {value} for {label}").format(
                value=shown, label=row.label.text().split("\n")[0]))
            button.setToolTip(tr("Put the suggested value in the field (Alt+Enter)"))
            button.clicked.connect(lambda _=False, r=row, v=suggestion: self.apply_fix(r, v))
            line.addWidget(button)
            QWidget.setTabOrder(before, button)  # right after the field's Copy button
            before = button
        line.addStretch(1)
        row.fixes = holder

    def apply_fix(self, row: FieldRow, value: str) -> None:
        """Put a suggested value in the field, as if typed: kept, checked again, said."""
        row.edit.setText(value)
        self._edited(row)
        row.edit.setFocus()
        self.show_notice(tr("{label} set to the suggested value").format(
            label=row.label.text().split("\n")[0]))

    def _apply_focused_suggestion(self) -> None:
        focused = QApplication.focusWidget()
        for row in self.rows.values():
            if focused is row.edit and row.fix_values:
                self.apply_fix(row, row.fix_values[0])
                return

    def flagged_rows(self) -> list[FieldRow]:
        """The rows on screen whose field has a finding, top to bottom."""
        if self.job is None or self.job.record is None:
            return []
        flagged = {c.field for c in self.job.record.checks}
        return [row for key, row in self.rows.items() if key in flagged]

    def focus_flagged(self, forward: bool = True, from_edge: bool = False) -> bool:
        """Focus the next (or previous) flagged field after the focused one, or the first
        (last) one with `from_edge`; False when there is none that way."""
        rows = self.flagged_rows()
        if not rows:
            return False
        focused = QApplication.focusWidget()
        here = -1
        if not from_edge:
            here = next((i for i, r in enumerate(self.rows.values())
                         if focused is not None and (focused is r.edit or r.edit.isAncestorOf(
                             focused) or focused is r.copy
                             or (r.fixes is not None and r.fixes.isAncestorOf(focused)))), -1)
        order = list(self.rows.values())
        positions = [order.index(r) for r in rows]
        if here < 0:
            target = positions[0] if forward else positions[-1]
        else:
            after = [p for p in positions if (p > here if forward else p < here)]
            if not after:
                return False
            target = after[0] if forward else after[-1]
        row = order[target]
        self.fields_scroll.ensureWidgetVisible(row.edit)
        row.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def show_notice(self, text: str) -> None:
        """Say what just happened: under the toolbar, in the status bar, to a screen reader."""
        self.notice_label.setText(text)
        self.notice_label.setVisible(True)
        self._notice_timer.start(NOTICE_MS)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))
        self.notice.emit(text)

    def changeEvent(self, event: QEvent) -> None:
        """A light/dark switch: the severity icons are style pixmaps, drawn again.

        Everything else takes its colours from palette roles and follows by itself.
        """
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) \
                and hasattr(self, "rows"):
            self._severity_pixmaps = {}
            self._refresh_marks()
        super().changeEvent(event)

    def _severity_pixmap(self, severity: Severity) -> QPixmap:
        """The style's icon for `severity` at 16 px, drawn once per look (0.1-0.2 ms a
        finding otherwise, at every selection and edit)."""
        pixmap = self._severity_pixmaps.get(severity)
        if pixmap is None:
            pixmap = self.style().standardIcon(_SEVERITY_ICON[severity]).pixmap(16, 16)
            self._severity_pixmaps[severity] = pixmap
        return pixmap

    # -- masking (the display_mask setting) --------------------------------------------
    def set_mask(self, mask: masking.Mask) -> None:
        """Show (and copy) values masked by `mask` from now on; the shown job is redrawn."""
        if mask == self.value_mask:
            return
        self.value_mask = mask
        self.revealed = set()
        self.redraw()

    def refresh_notes(self) -> None:
        """Say the notes again (a duplicate-person note after an edit); the fields' own
        findings were said again by the edit itself."""
        self._refresh_message()

    def redraw(self) -> None:
        self._shown = None
        self.show_job(self.job, self._thumbnail)

    def is_masked(self, key: str, value: str | None) -> bool:
        return (bool(value) and key not in self.revealed
                and masking.masks_field(key, self.value_mask))

    def shown_record(self, record: Record) -> Record:
        """What the copy buttons copy: masked, but for the values revealed on purpose."""
        revealed = self.revealed if self.job is not None and record is self.job.record else ()
        return masking.mask_record_except(record, self.value_mask, revealed)

    def _masked_edit(self, document_type: str, key: str,
                     value: str | None) -> QLineEdit | MultiLineEdit:
        text = masking.mask_value(document_type, key, shown_value(value), self.value_mask) or ""
        edit: QLineEdit | MultiLineEdit
        if is_multiline(text):
            edit = MultiLineEdit(text)
            edit.setReadOnly(True)
        else:
            edit = QLineEdit(shorten(text, SHOWN_CHARS))
            edit.setReadOnly(True)
            edit.setCursorPosition(0)
        edit.setToolTip(tr("Masked ({preset}); press Show to see the whole value")
                        .format(preset=self.value_mask.spec))
        return edit

    def _reveal_button(self, row: FieldRow, name: str) -> QToolButton:
        button = QToolButton()
        button.setCheckable(True)
        button.setChecked(not row.masked)
        button.setText(tr("Hide") if not row.masked else tr("Show"))
        button.setToolTip(tr("Show this value whole (masked by the setting Mask shown "
                             "values); Copy then copies it whole too"))
        button.setAccessibleName(tr("Show or hide {label}").format(label=name))
        button.toggled.connect(lambda shown, key=row.key: self.reveal(key, shown))
        return button

    def reveal(self, key: str, shown: bool = True) -> None:
        """Show one masked value whole (or mask it again); only for this job."""
        if shown:
            self.revealed.add(key)
        else:
            self.revealed.discard(key)
        self.redraw()
        row = self.rows.get(key)
        if row is not None and row.reveal is not None:
            row.reveal.setFocus()

    def _without_values(self, found: list[Check]) -> list[Check]:
        """Findings as shown: a masked field's suggestions (whole values) are left out."""
        import dataclasses

        if not self.value_mask:
            return found
        return [dataclasses.replace(c, suggestions=()) if c.suggestions
                and c.field not in self.revealed and masking.masks_field(c.field, self.value_mask)
                else c for c in found]

    # -- actions -----------------------------------------------------------------------
    def _edited(self, row: FieldRow) -> None:
        job = row.owner
        if job is None or job.record is None:
            return
        record = job.record
        if row.too_long or row.masked:
            return  # read-only: its text is shortened or masked, never written back
        old = (record.fields or {}).get(row.key)
        new = row.edit.text().strip() or None
        if old == new or (isinstance(row.edit, MultiLineEdit)
                          and shown_value(old).strip() == (new or "")):
            return  # unchanged (a multi-line value is compared as it is shown)
        record.set_field(row.key, new)
        from pictotext_desktop.checks import check_record

        check_record(record)
        if job is self.job and self.rows.get(row.key) is row:
            self._refresh_marks()
        self.edited.emit(job)

    def _copy_field(self, row: FieldRow) -> None:
        if row.too_long and self.job is not None and self.job.record is not None:
            text = (self.job.record.fields or {}).get(row.key) or ""
            if row.masked:
                text = masking.mask_value(self.job.record.document_type, row.key, text,
                                          self.value_mask) or ""
        else:
            text = row.edit.text()
        QGuiApplication.clipboard().setText(text)
        label = row.label.text().split("\n")[0]
        if text:
            self.show_notice(tr("Copied {label}").format(label=label))
        else:
            self.show_notice(tr("{label} is empty: nothing copied").format(label=label))

    def copy_all(self) -> None:
        if self.job is None or self.job.record is None or not self.job.record.ok:
            return
        QGuiApplication.clipboard().setText(label_lines(self.shown_record(self.job.record)))
        self.copied.emit(self.job)
        self.show_notice(tr("Copied all fields"))

    def copy_row(self) -> None:
        if self.job is None or self.job.record is None or not self.job.record.ok:
            return
        QGuiApplication.clipboard().setText(
            export.to_tsv([self.shown_record(self.job.record)], with_header=False))
        self.copied.emit(self.job)
        self.show_notice(tr("Copied as a spreadsheet row"))

    def _rotate(self, degrees: int) -> None:
        if self.job is not None:
            self.rotate_requested.emit(self.job, degrees)
