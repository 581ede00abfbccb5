"""The window's Export: a dialog (file, format, template, masking, headers) and the export.

The dialog offers what the CLI's `scan -o FILE --template NAME --mask PRESET` does, through
the same code (templates.write: masked copies, the template's columns, Excel-safe cells,
a "masked" column or key saying which preset was used); the header style can be the API's
keys or the labels the window shows (English or Chinese).  "Save as template…" keeps the
current choice as one of the person's own templates (templates.save).  The last choice is
remembered in the settings file (meta "export": no path, no value).

`export_from` is MainWindow.export: it picks the rows (the controller's `exportable`),
asks (`window.ask_export`, replaced in tests), writes, and says how many were exported
and what was left out and why.  A failed input is a row with its error where the layout
has an error column (the plain layout, JSON), else it is left out and named; rows not
read yet are named too.  Nothing is left out silently.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pictotext_desktop import export, i18n, masking, templates
from pictotext_desktop.errors import PicToTextError, UsageError
from pictotext_desktop.ui.language import current_language, tr_error
from pictotext_desktop.ui.mask_picker import MaskPicker

if TYPE_CHECKING:
    from pictotext_desktop.jobs import Job
    from pictotext_desktop.records import Record
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.ui.main_window import MainWindow

META = "export"  # the settings file's section for the last choice
NAMES_SHOWN = 5  # inputs named in the message; the rest are counted


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


@dataclass(frozen=True)
class ExportChoice:
    """What the dialog returns: where, as what, laid out and masked how."""

    path: Path
    fmt: str | None = None  # None: from the file's suffix
    template: str = "all"
    headers: str = "key"
    mask: str = ""


@dataclass
class ExportPlan:
    """Which rows go into the file and which are left out (and why)."""

    written: list[Job] = field(default_factory=list)
    failed_in: list[Job] = field(default_factory=list)  # in the file, with their error
    failed_out: list[Job] = field(default_factory=list)  # failed; the layout has no error
    not_read: list[Job] = field(default_factory=list)  # waiting, being read, cancelled


# ---------------------------------------------------------------------------------------
# Layout: template, headers, mask
# ---------------------------------------------------------------------------------------
def layout_for(choice: ExportChoice) -> tuple[templates.Template | None, masking.Mask]:
    """The template (None: the plain layout of export.py) and the mask of a choice."""
    available = templates.all_templates()[0]
    try:
        template = templates.get(choice.template, available)
    except UsageError:
        template = templates.BUILTINS[0]
    if choice.headers in templates.HEADER_STYLES and choice.headers != template.headers:
        template = dataclasses.replace(template, headers=choice.headers)
    mask = masking.parse_mask(choice.mask)
    plain = template.builtin and template.name == "all" and template.headers == "key"
    return (None if plain else template), mask


def shows_errors(template: templates.Template | None, fmt: str,
                 records: Sequence[Record], mask: masking.Mask) -> bool:
    """Whether a failed input's row carries its error in this layout."""
    if template is None or fmt in ("json", "jsonl"):
        return True
    keys = {k for k, _ in templates.resolve(records, template, bool(mask))}
    return bool(keys & {"error_reason", "error_message"})


def plan(jobs: Sequence[Job], considered: Sequence[Job], merged_sides: set[int],
         errors_shown: bool) -> ExportPlan:
    """Sort the rows: `jobs` are the exportable ones, `considered` all the person asked for."""
    from pictotext_desktop.jobs import JobState

    result = ExportPlan()
    chosen = {j.id for j in jobs}
    for job in jobs:
        failed = job.state == JobState.FAILED or (job.record is not None and not job.record.ok)
        if failed and not errors_shown:
            result.failed_out.append(job)
            continue
        result.written.append(job)
        if failed:
            result.failed_in.append(job)
    result.not_read = [j for j in considered if j.id not in chosen and j.id not in merged_sides]
    return result


def why(job: Job) -> str:
    """A left-out row's reason, in the interface language."""
    from pictotext_desktop.ui.queue_view import state_text

    if job.error is not None:
        return tr_error(job.error.title)
    if job.record is not None and job.record.error is not None:
        return job.record.error.message or job.record.error.reason_code
    return state_text(job)


def _named(jobs: Sequence[Job]) -> str:
    names = ", ".join(tr("{name} ({why})").format(name=j.source.display_name, why=why(j))
                      for j in jobs[:NAMES_SHOWN])
    if len(jobs) > NAMES_SHOWN:
        names += " " + tr("and {n} more").format(n=len(jobs) - NAMES_SHOWN)
    return names


def summary(result: ExportPlan, path: Path) -> str:
    """"27 of 29 exported to out.xlsx; 2 failed, left out …: card_3.jpg (…)"."""
    total = len(result.written) + len(result.failed_out) + len(result.not_read)
    parts = [tr("{n} of {m} exported to {file}").format(n=len(result.written), m=total,
                                                        file=path.name)]
    if result.failed_in:
        parts.append(tr("{n} failed, in the file with their error: {names}").format(
            n=len(result.failed_in), names=_named(result.failed_in)))
    if result.failed_out:
        parts.append(tr("{n} failed, left out (the template has no error column): {names}")
                     .format(n=len(result.failed_out), names=_named(result.failed_out)))
    if result.not_read:
        parts.append(tr("{n} not read, left out: {names}").format(
            n=len(result.not_read), names=_named(result.not_read)))
    return tr("; ").join(parts)


# ---------------------------------------------------------------------------------------
# The export itself (MainWindow.export)
# ---------------------------------------------------------------------------------------
def export_from(window: MainWindow, *, every: bool = False) -> Path | None:
    """Export the selected results (two or more), else all; `every`: all anyway."""
    from pictotext_desktop.jobs import JobState

    controller = window.controller
    selected = [] if every else window.queue_view.selected_jobs()
    jobs = controller.exportable(selected)
    if not any(j.state == JobState.DONE for j in jobs):
        window.show_message(tr("There are no finished results to export yet."))
        return None
    ask: Callable[[int], ExportChoice | None] = window.ask_export or (
        lambda count: ask_choice(window, window.store, count))
    choice = ask(len(jobs))
    if choice is None:
        return None
    path = Path(choice.path)
    try:
        fmt = choice.fmt or export.format_for_path(path)
        template, mask = layout_for(choice)
        records = [j.record for j in jobs if j.record is not None]
        picked = {j.id for j in selected}
        considered = selected if jobs and all(j.id in picked for j in jobs) else \
            controller.model.jobs
        rows = plan(jobs, considered, controller.merged_into,
                    shows_errors(template, fmt, records, mask))
        notes = templates.write([j.record for j in rows.written if j.record is not None],
                                path, fmt, template, mask)
    except PicToTextError as exc:
        window.show_error(exc)
        return None
    except OSError as exc:
        window.show_message(tr("Could not write {path}: {why}").format(
            path=path, why=exc.strerror or type(exc).__name__))
        return None
    controller.mark_exported(rows.written)
    text = summary(rows, path)
    window.statusBar().showMessage(text, 15_000)
    if rows.failed_in or rows.failed_out or rows.not_read:
        window.show_message(text)
    if notes:  # what had to change to fit the format: said on the file's Notes sheet
        window.show_message(tr("Not everything fitted the spreadsheet as it was: the Notes "
                               "sheet of {path} says what was changed.").format(path=path))
    return path


def ask_choice(parent: QWidget, settings: SettingsStore, count: int) -> ExportChoice | None:
    """The dialog, modal: the choice, or None when cancelled."""
    dialog = ExportDialog(settings, count, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


# ---------------------------------------------------------------------------------------
# The dialog
# ---------------------------------------------------------------------------------------
FORMATS = ("xlsx", "csv", "json", "jsonl")


def format_label(fmt: str) -> str:
    return {"xlsx": tr("Excel workbook (.xlsx)"), "csv": tr("CSV file (.csv)"),
            "json": tr("JSON file (.json)"), "jsonl": tr("JSON Lines file (.jsonl)")}[fmt]


class ExportDialog(QDialog):
    """File, format, template, masking and headers (see the module docstring)."""

    def __init__(self, settings: SettingsStore, count: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export results"))
        # Hooks (replaced in tests): the file dialog and the template's name.
        self.ask_path: Callable[[Path], Path | None] = self._ask_path
        self.ask_name: Callable[[], str | None] = self._ask_name
        last = settings.meta(META)
        form = QFormLayout()
        self.count_label = QLabel(tr("{n} result(s) to export.").format(n=count), self)
        form.addRow(self.count_label)

        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(tr("File"))
        self.path_edit.editingFinished.connect(self._path_edited)
        self.browse_button = QPushButton(tr("Browse…"), self)
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form.addRow(self._buddy(tr("&File:"), self.path_edit), path_row)
        self.format_combo = QComboBox(self)
        for fmt in FORMATS:
            self.format_combo.addItem(format_label(fmt), fmt)
        self.format_combo.setAccessibleName(tr("Format"))
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        form.addRow(tr("F&ormat:"), self.format_combo)

        self.template_combo = QComboBox(self)
        self.template_combo.setAccessibleName(tr("Template"))
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_combo, 1)
        self.save_template_button = QPushButton(tr("Save as template…"), self)
        self.save_template_button.clicked.connect(self.save_template)
        template_row.addWidget(self.save_template_button)
        form.addRow(self._buddy(tr("&Template:"), self.template_combo), template_row)
        self.headers_combo = QComboBox(self)
        self.headers_combo.addItem(tr("API keys (idNumber)"), "key")
        self.headers_combo.addItem(tr("English labels (ID number)"), "en")
        self.headers_combo.addItem(tr("Chinese labels (公民身份号码)"), "zh")
        self.headers_combo.setAccessibleName(tr("Column headers"))
        form.addRow(tr("&Headers:"), self.headers_combo)
        self.mask_picker = MaskPicker(str(last.get("mask") or ""), self)
        form.addRow(tr("Masking:"), self.mask_picker)
        self.mask_note = QLabel(tr("Checks ran on the full values; the file says which "
                                   "masking it used."), self)
        self.mask_note.setWordWrap(True)
        form.addRow("", self.mask_note)

        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("Export status"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self._load_templates(str(last.get("template") or "all"))
        self.template_combo.currentIndexChanged.connect(self._template_changed)
        self._select(self.headers_combo, str(last.get("headers") or "key"))
        fmt = str(last.get("format") or "xlsx")
        self._select(self.format_combo, fmt if fmt in FORMATS else "xlsx")
        self.path_edit.setText(str(Path.home() / f"pictotext-results.{self.fmt()}"))

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        """A label whose mnemonic (Alt+F) focuses `widget` (a row holding more than it)."""
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    # -- values ------------------------------------------------------------------------
    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def template(self) -> templates.Template:
        found: templates.Template = self.template_combo.currentData()
        return found

    def choice(self) -> ExportChoice:
        return ExportChoice(path=Path(self.path_edit.text().strip()).expanduser(),
                            fmt=self.fmt(), template=self.template().name,
                            headers=str(self.headers_combo.currentData()),
                            mask=self.mask_picker.spec())

    def _load_templates(self, selected: str) -> None:
        available, problems = templates.all_templates()
        zh = current_language() == i18n.CHINESE
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for template in available:
            title = (template.title_zh if zh else template.title) or template.name
            label = title if template.builtin else tr("{name} (yours)").format(
                name=template.name)
            self.template_combo.addItem(label, template)
            if template.name == selected:
                self.template_combo.setCurrentIndex(self.template_combo.count() - 1)
        self.template_combo.blockSignals(False)
        if problems:
            self.status.setText("\n".join(problems))

    def _template_changed(self, _index: int) -> None:
        """A template brings its headers, mask and format (each can be changed after)."""
        template = self.template()
        self._select(self.headers_combo, template.headers)
        self.mask_picker.set_spec(template.mask)
        if template.format:
            self._select(self.format_combo, template.format)

    def _format_changed(self, _index: int) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix("." + self.fmt())))

    def _path_edited(self) -> None:
        suffix = Path(self.path_edit.text().strip()).suffix.lower().lstrip(".")
        if suffix in FORMATS and suffix != self.fmt():
            self._select(self.format_combo, suffix)

    # -- actions -----------------------------------------------------------------------
    def browse(self) -> None:
        chosen = self.ask_path(Path(self.path_edit.text().strip() or Path.home()))
        if chosen is not None:
            self.path_edit.setText(str(chosen))
            self._path_edited()
            if not Path(chosen).suffix:
                self._format_changed(0)

    def _ask_path(self, current: Path) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, tr("Export results"), str(current),
            tr("Excel (*.xlsx);;CSV (*.csv);;JSON (*.json);;JSON Lines (*.jsonl)"))
        return Path(name) if name else None

    def _ask_name(self) -> str | None:
        name, ok = QInputDialog.getText(self, tr("Save as template"), tr("Template name:"))
        return name if ok else None

    def save_template(self) -> templates.Template | None:
        """Keep the current choice (columns of the template, headers, mask, format) as a
        template of the person's own."""
        name = (self.ask_name() or "").strip()
        if not name:
            return None
        base = self.template()
        made = templates.Template(
            name=name, columns=base.columns, title=name, title_zh=name,
            headers=str(self.headers_combo.currentData()), mask=self.mask_picker.spec(),
            format=self.fmt(), document_type=base.document_type)
        try:
            templates.save(made)
        except (templates.TemplateError, OSError) as exc:
            self.status.setText(tr("The template was not saved: {why}").format(why=str(exc)))
            return None
        self._load_templates(name)
        self.status.setText(tr("Saved the template {name}.").format(name=name))
        return made

    def accept(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.status.setText(tr("Choose a file to export to."))
            return
        if Path(text).suffix.lower().lstrip(".") != self.fmt():
            self.path_edit.setText(text + "." + self.fmt())
        choice = self.choice()

        def remember(meta: dict[str, Any]) -> None:
            meta.update(template=choice.template, headers=choice.headers, mask=choice.mask,
                        format=choice.fmt)

        self.settings.update_meta(META, remember)
        super().accept()
