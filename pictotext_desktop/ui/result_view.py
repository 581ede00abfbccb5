"""The selected item: a preview with rotate buttons, and its fields in the catalog's order.

Each field has its label (in the interface language; an English interface adds the
Chinese wording for Chinese cards, as printed on them), an editable value (an
edit is kept by `Record.set_field` and marked "edited"), a copy button, "not read" for
values the engine did not find, and the checks' findings for that field next to it
(severity, message, suggestions).  Copy all gives "Label: value" lines, labelled in the
interface language; Copy as row a TSV row for spreadsheets.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPalette, QPixmap
from PySide6.QtWidgets import (
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

from pictotext_desktop import catalog, export, i18n
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.records import Check, Record, Severity
from pictotext_desktop.ui.language import current_language, tr_error


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


def _decode_scaled(data: bytes, size: tuple[int, int], width: int, height: int) -> QImage:
    """Decode straight to the preview size (JPEG DCT scaling): a full decode stalls the GUI."""
    scale = min(width / max(1, size[0]), height / max(1, size[1]), 1.0)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setScaledSize(QSize(max(1, int(size[0] * scale)), max(1, int(size[1] * scale))))
    return reader.read()


_SEVERITY_ICON = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


@dataclass
class FieldRow:
    key: str
    label: QLabel
    edit: QLineEdit
    copy: QToolButton
    mark: QLabel
    checks: QLabel
    icon: QLabel


class ResultView(QWidget):
    rotate_requested = Signal(object, int)  # Job, degrees clockwise (+90 / -90)
    copied = Signal(object)  # Job whose fields went to the clipboard
    edited = Signal(object)  # Job whose record was edited

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self.rows: dict[str, FieldRow] = {}
        self._shown: tuple[object, ...] | None = None
        self._previews: dict[int, tuple[object, QPixmap]] = {}
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
        layout.addWidget(self.preview)

        tools = QHBoxLayout()
        style = self.style()
        self.title = QLabel(tr("Select an item to see what was read."))
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

        self.message = QLabel()
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
        self.show_job(None)

    # -- showing -----------------------------------------------------------------------
    def show_job(self, job: Job | None, thumbnail: QPixmap | None = None) -> None:
        shown = (id(job), job.state if job else None, id(job.record) if job else None,
                 id(job.prepared) if job else None, thumbnail is None)
        if job is not None and shown == self._shown:
            return  # nothing visible changed: keep the widgets (and any edit in progress)
        self._shown = shown
        self.job = job
        self._clear_rows()
        has_record = job is not None and job.record is not None and job.record.ok
        for widget in (self.copy_all_button, self.copy_row_button):
            widget.setEnabled(has_record)
        for button in (self.rotate_left, self.rotate_right):
            button.setEnabled(job is not None and job.state.finished)
        self._show_preview(job, thumbnail)
        if job is None:
            self.title.setText(tr("Select an item to see what was read."))
            self.message.setText("")
            return
        self.title.setText(job.source.display_name)
        if job.state == JobState.FAILED and job.error is not None:
            error = job.error
            what = tr_error(error.specific_message or error.explanation)
            self.message.setText("\n".join(
                t for t in (tr_error(error.title), what, tr_error(error.action))
                if t))
            return
        if not has_record:
            self.message.setText(tr("Not read yet."))
            return
        assert job.record is not None
        self._build_rows(job.record)

    def _show_preview(self, job: Job | None, thumbnail: QPixmap | None) -> None:
        pixmap = QPixmap()
        if job is not None and job.prepared is not None:
            cached = self._previews.get(job.id)
            if cached is not None and cached[0] is job.prepared:
                self.preview.setPixmap(cached[1])
                return
            image = _decode_scaled(job.prepared.data, job.prepared.size,
                                   max(100, self.preview.width() - 8), 220)
            if not image.isNull():
                pixmap = QPixmap.fromImage(image)
        if pixmap.isNull() and thumbnail is not None:
            pixmap = thumbnail
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(tr("No preview") if job is not None else "")
            return
        scaled = pixmap.scaled(
            max(100, self.preview.width() - 8), 220, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        if job is not None and job.prepared is not None:
            self._previews = {job.id: (job.prepared, scaled)}  # keep only the current one
        self.preview.setPixmap(scaled)

    def _clear_rows(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows.clear()
        self.message.setText("")

    def _build_rows(self, record: Record) -> None:
        try:
            doc: catalog.DocumentType | None = catalog.get(record.document_type)
            fields = catalog.order_fields(record.document_type, record.fields or {})
        except catalog.UnknownDocumentType:
            doc, fields = None, dict(record.fields or {})
        language = current_language()
        chinese_card = record.document_type.startswith(("cn_", "hk_", "tw_", "mo_"))
        style = self.style()
        row_no = 0
        for key, value in fields.items():
            name = i18n.field_label(doc, key, language) if doc else key
            text = name
            if doc and chinese_card and language != i18n.CHINESE:
                zh = i18n.field_label(doc, key, i18n.CHINESE)
                if zh and zh != text:
                    text += f"\n{zh}"  # the wording printed on the card
            label = QLabel(text)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            edit = QLineEdit(value or "")
            edit.setAccessibleName(name)
            edit.setObjectName(f"field_{key}")
            if value is None:
                edit.setPlaceholderText(tr("not read"))
            copy = QToolButton()
            copy.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
            copy.setText(tr("Copy"))
            copy.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            copy.setToolTip(tr("Copy this value"))
            copy.setAccessibleName(tr("Copy {label}").format(label=label.text().split("\n")[0]))
            mark = QLabel()
            mark.setForegroundRole(QPalette.ColorRole.Link)
            checks = QLabel()
            checks.setWordWrap(True)
            checks.setVisible(False)
            self.grid.addWidget(label, row_no, 0)
            self.grid.addWidget(edit, row_no, 1)
            self.grid.addWidget(mark, row_no, 2)
            self.grid.addWidget(copy, row_no, 3)
            icon = QLabel()
            icon.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            icon.setVisible(False)
            self.grid.addWidget(icon, row_no + 1, 0)
            self.grid.addWidget(checks, row_no + 1, 1, 1, 3)
            row = FieldRow(key, label, edit, copy, mark, checks, icon)
            self.rows[key] = row
            edit.editingFinished.connect(lambda r=row: self._edited(r))
            copy.clicked.connect(lambda _=False, r=row: self._copy_field(r))
            row_no += 2
        self._refresh_marks()

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
            row.mark.setText(" · ".join(marks))
            found = by_field.get(key, [])
            row.checks.setText("\n".join(check_text(c) for c in found))
            row.icon.setVisible(bool(found))
            if found:  # the severity's icon, from the style (follows the theme)
                worst = min(found, key=lambda c: list(Severity).index(c.severity))
                row.icon.setPixmap(self.style().standardIcon(_SEVERITY_ICON[worst.severity])
                                   .pixmap(16, 16))
                row.icon.setToolTip(severity_text(worst.severity))
                row.icon.setAccessibleName(severity_text(worst.severity))
            row.checks.setVisible(bool(found))
        loose = [c for c in record.checks if c.field not in self.rows]
        notes = [check_text(c) for c in loose] + list(record.warnings)
        self.message.setText("\n".join(notes))

    def changeEvent(self, event: QEvent) -> None:
        """A light/dark switch: the severity icons are style pixmaps, drawn again.

        Everything else takes its colours from palette roles and follows by itself.
        """
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) \
                and hasattr(self, "rows"):
            self._refresh_marks()
        super().changeEvent(event)

    # -- actions -----------------------------------------------------------------------
    def _edited(self, row: FieldRow) -> None:
        if self.job is None or self.job.record is None:
            return
        record = self.job.record
        new = row.edit.text().strip() or None
        if (record.fields or {}).get(row.key) == new:
            return
        record.set_field(row.key, new)
        from pictotext_desktop.checks import check_record

        check_record(record)
        self._refresh_marks()
        self.edited.emit(self.job)

    def _copy_field(self, row: FieldRow) -> None:
        QGuiApplication.clipboard().setText(row.edit.text())

    def copy_all(self) -> None:
        if self.job is None or self.job.record is None or not self.job.record.ok:
            return
        QGuiApplication.clipboard().setText(label_lines(self.job.record))
        self.copied.emit(self.job)

    def copy_row(self) -> None:
        if self.job is None or self.job.record is None or not self.job.record.ok:
            return
        QGuiApplication.clipboard().setText(export.to_tsv([self.job.record], with_header=False))
        self.copied.emit(self.job)

    def _rotate(self, degrees: int) -> None:
        if self.job is not None:
            self.rotate_requested.emit(self.job, degrees)
