"""The settings dialog: API keys (keyring) and every setting of the declarative table.

The key part drives `credentials.KeyStore` (the only keyring code); the other tabs are
generated from `settings.SETTINGS` (bool -> check box, choices -> combo box, int -> spin
box, float -> double spin box, str -> line edit) so a new setting shows up by itself.
Values are checked with `Setting.coerce` and problems shown next to the field.  The key
test runs on a QThreadPool worker and its result comes back by signal.  The dialog emits
`keys_changed` / `settings_changed` so the main window can resume a paused queue.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pictotext_desktop import credentials
from pictotext_desktop.api.client import KeyCheck, PicToTextClient, clean_key, mask_key
from pictotext_desktop.credentials import ROTATION_DAYS, KeyStore
from pictotext_desktop.credentials import Slot as KeySlot
from pictotext_desktop.errors import (
    InsecureUrlError,
    InvalidUrlError,
    KeyringUnavailableError,
    PicToTextError,
    UsageError,
)
from pictotext_desktop.settings import BY_KEY, SETTINGS, Setting, SettingsStore
from pictotext_desktop.ui import language
from pictotext_desktop.ui.language import current_language
from pictotext_desktop.ui.problem_line import Kind, ProblemLine

# Settings chosen elsewhere in the UI (the document type has its own picker).
HIDDEN_SETTINGS = frozenset({"document_type"})
ClientFactory = Callable[[], PicToTextClient]
Confirm = Callable[[str, str], bool]


_tr_error = language.tr_error
_tr_cred = language.tr_credentials


def plain(label: QLabel) -> QLabel:
    """`label` set to show its text as written: server reasons and messages, typed
    values, the keyring's name and key endings are not ours to render as HTML."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def error_paragraph(error: PicToTextError) -> str:
    """Title, what happened and what to do, translated (errors.py holds the English)."""
    parts = [_tr_error(error.title), _tr_cred(_tr_error(error.message)), _tr_error(error.action)]
    return "\n".join(p for p in parts if p)


# ---------------------------------------------------------------------------------------
# Background key test
# ---------------------------------------------------------------------------------------
class _TestSignals(QObject):
    result_ready = Signal(object)  # KeyCheck, or the exception that stopped the test


class KeyTestTask(QRunnable):
    """Build a client and run the docs' key test off the GUI thread; `base_url`: the
    address typed on the Connection tab, tested before it is saved."""

    def __init__(self, client_factory: ClientFactory, key: str,
                 base_url: str | None = None) -> None:
        super().__init__()
        self.client_factory = client_factory
        self.key = key
        self.base_url = base_url
        self.signals = _TestSignals()

    def run(self) -> None:
        try:
            client = self.client_factory()
            if self.base_url and self.base_url != client.base_url:
                client.close()  # the same settings, at the address typed
                client = PicToTextClient(replace(client.config, base_url=self.base_url))
            try:
                result: object = client.check_key(self.key)
            finally:
                client.close()
        except Exception as exc:  # reported in the dialog, never raised in a worker
            result = exc
        self.signals.result_ready.emit(result)


def _digest(key: str) -> str:
    """What is remembered of a refused key (not the key itself)."""
    try:
        key = clean_key(key)
    except PicToTextError:  # a malformed key is refused by `save` itself
        key = key.strip()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------
# One key slot
# ---------------------------------------------------------------------------------------
class KeySlotBox(QGroupBox):
    """Set/replace, show/hide, test, remove one key; masked display, age and usage."""

    changed = Signal()
    test_finished = Signal(str)  # the outcome word, for observers and tests

    def __init__(self, slot: KeySlot, dialog: SettingsDialog) -> None:
        super().__init__(dialog)
        self.slot = slot
        self.dialog = dialog
        self.keystore = dialog.keystore
        self._pending: set[KeyTestTask] = set()
        self._refused: set[str] = set()  # digests of keys PicToText refused in a test
        title = self.tr("Primary key") if slot == "primary" else self.tr(
            "Secondary key (used when the primary key is refused)")
        self.setTitle(title)
        self.setAccessibleName(title)

        self.current_label = plain(QLabel(self))
        self.current_label.setAccessibleName(self.tr("Current key"))
        self.info_label = plain(QLabel(self))
        self.info_label.setWordWrap(True)
        self.info_label.setAccessibleName(self.tr("Key age and usage"))
        self.rotation_label = plain(QLabel(self))
        self.rotation_label.setWordWrap(True)
        self.rotation_label.setAccessibleName(self.tr("Rotation reminder"))

        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText(self.tr("Paste a key from the PicToText dashboard"))
        self.edit.setAccessibleName(self.tr("New API key"))
        self.show_button = QToolButton(self)
        self.show_button.setText(self.tr("Show"))
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName(self.tr("Show or hide the key being typed"))
        self.show_button.toggled.connect(self._toggle_echo)

        self.save_button = QPushButton(self.tr("Save in keyring"), self)
        self.save_button.setAccessibleName(self.tr("Save the key in the keyring"))
        self.save_button.clicked.connect(self.save)
        self.session_button = QPushButton(self.tr("Use for this session only"), self)
        self.session_button.setAccessibleName(
            self.tr("Use the key for this session only, without storing it"))
        self.session_button.clicked.connect(self.save_for_session)
        self.test_button = QPushButton(self.tr("Test"), self)
        self.test_button.setAccessibleName(self.tr("Test the key with PicToText"))
        self.test_button.clicked.connect(self.test)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the key"))
        self.remove_button.clicked.connect(self.remove)

        self.result_label = ProblemLine(self)
        self.result_label.setAccessibleName(self.tr("Key result"))

        entry_row = QHBoxLayout()
        entry_row.addWidget(self.edit, 1)
        entry_row.addWidget(self.show_button)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.session_button, self.test_button,
                       self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current_label)
        layout.addWidget(self.info_label)
        layout.addWidget(self.rotation_label)
        layout.addLayout(entry_row)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        self.refresh()

    # -- display -----------------------------------------------------------------------
    def _toggle_echo(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown
                              else QLineEdit.EchoMode.Password)
        self.show_button.setText(self.tr("Hide") if shown else self.tr("Show"))

    def refresh(self) -> None:
        store = self.keystore
        key = store.get(self.slot)
        has_keyring = store.backend_info.available
        self.save_button.setVisible(has_keyring)
        self.session_button.setVisible(not has_keyring)
        self.remove_button.setEnabled(key is not None and store.source(self.slot) != "env")
        if key is None:
            self.current_label.setText(self.tr("No key set."))
            self.info_label.setText("")
            self.rotation_label.setText("")
            self.rotation_label.setVisible(False)
            self.save_button.setText(self.tr("Save in keyring"))
            return
        source = store.source(self.slot)
        where = {
            "env": self.tr("from the environment variable %1, not stored").replace(
                "%1", credentials.ENV_VARS[self.slot]),
            "session": self.tr("for this session only"),
            "keyring": self.tr("in the keyring"),
        }.get(source or "keyring", "")
        self.current_label.setText(self.tr("Key: %1 (%2)").replace(
            "%1", mask_key(key)).replace("%2", where))
        self.save_button.setText(self.tr("Replace in keyring"))
        age = store.age_days(self.slot)
        usage = store.usage_this_month(self.slot)
        if age is None:
            age_text = self.tr("Added: unknown")
        elif age == 0:
            age_text = self.tr("Added today")
        else:
            age_text = self.tr("Added %n day(s) ago", "", age)
        calls = self.tr("%n call(s) this month", "", usage.total)
        if usage.failed:
            calls += " " + self.tr("(%n failed)", "", usage.failed)
        self.info_label.setText(f"{age_text} · {calls}")
        due = store.rotation_due(self.slot)
        self.rotation_label.setVisible(due)
        self.rotation_label.setText(
            self.tr("This key is %1 days old. PicToText recommends rotating keys every "
                    "%2 days: create a new key in the dashboard and replace this one.")
            .replace("%1", str(age)).replace("%2", str(ROTATION_DAYS)) if due else "")

    def show_result(self, text: str, *, problem: bool = False, good: bool = False) -> None:
        """A problem looks like one (icon, colour), a success too; the rest is plain."""
        self.result_label.show_text(
            text, Kind.PROBLEM if problem else Kind.GOOD if good else Kind.INFO)

    # -- actions -----------------------------------------------------------------------
    def _may_save(self) -> bool:
        """A key that tested invalid is saved only when the person says so."""
        typed = self.edit.text().strip()
        if not typed or _digest(typed) not in self._refused:
            return True
        if self.dialog.confirm(self.tr("Save a refused key?"), self.tr(
                "PicToText refused this key when it was tested. Save it anyway?")):
            return True
        self.show_result(self.tr("Not saved: the key was refused when it was tested."),
                         problem=True)
        return False

    def save(self) -> None:
        if not self._may_save():
            return
        try:
            result = self.keystore.set(self.slot, self.edit.text())
        except KeyringUnavailableError as exc:
            self.session_button.setVisible(True)
            self.show_result(error_paragraph(exc) + "\n" + self.tr(
                "Press 'Use for this session only' to use the key until the app closes."),
                problem=True)
            return
        except PicToTextError as exc:
            self.show_result(error_paragraph(exc), problem=True)
            return
        self._saved(result, self.tr("Saved %1 in the keyring."))

    def save_for_session(self) -> None:
        if not self._may_save():
            return
        try:
            result = self.keystore.set_session_only(self.slot, self.edit.text())
        except PicToTextError as exc:
            self.show_result(error_paragraph(exc), problem=True)
            return
        self._saved(result, self.tr("Using %1 for this session only; it is forgotten when "
                                    "the app closes."))

    def _saved(self, result: credentials.SetResult, template: str) -> None:
        self.edit.clear()
        self.show_button.setChecked(False)
        lines = [template.replace("%1", result.masked)]
        if result.warning:
            lines.append(_tr_cred(result.warning))
        if result.overridden_by_env:
            lines.append(self.tr("Note: %1 is set in the environment and is used instead.")
                         .replace("%1", credentials.ENV_VARS[self.slot]))
        if self.dialog.settings.get("engine") == "auto":
            # With a key, "auto" sends Chinese ID cards to the cloud too (engines/router.py).
            lines.append(self.tr(
                "Chinese ID cards will now be read by the PicToText cloud instead of on "
                "this computer. To keep reading them here, choose “On this computer” under "
                "Engine on the Recognition tab."))
        self.show_result("\n".join(lines))
        self.refresh()
        self.changed.emit()

    def test(self) -> None:
        typed = self.edit.text()
        try:
            key = clean_key(typed) if typed.strip() else self.keystore.require(self.slot)
        except PicToTextError as exc:
            self.show_result(error_paragraph(exc), problem=True)
            return
        url, url_problem = self.dialog.typed_api_url()
        if url_problem:
            self.show_result(url_problem + "\n" + self.tr(
                "Correct the server address on the Connection tab to test the key."),
                problem=True)
            self.test_finished.emit("error")
            return
        self.test_button.setEnabled(False)
        self.show_result(self.tr("Testing %1…").replace("%1", mask_key(key)))
        task = KeyTestTask(self.dialog.client_factory, key, url)
        task.signals.result_ready.connect(self._test_done)
        self._pending.add(task)
        task.setAutoDelete(False)
        self.dialog.thread_pool.start(task)

    @Slot(object)
    def _test_done(self, result: object) -> None:
        done = [t for t in self._pending if t.signals is self.sender()]
        self._pending = {t for t in self._pending if t.signals is not self.sender()}
        if isinstance(result, KeyCheck) and result.outcome == "invalid":
            self._refused.update(_digest(t.key) for t in done)
        self.test_button.setEnabled(True)
        if not isinstance(result, KeyCheck):
            error = result if isinstance(result, PicToTextError) else None
            text = error_paragraph(error) if error else self.tr("The test could not run.")
            self.show_result(text, problem=True)
            self.test_finished.emit("error")
            return
        outcome = result.outcome
        if outcome == "valid":
            self.show_result(self.tr("The key works."), good=True)
        elif outcome == "account":
            assert result.error is not None
            self.show_result(self.tr("The key works, but the account needs attention:")
                             + "\n" + error_paragraph(result.error), problem=True)
        elif outcome == "invalid":
            reason = result.error.reason_code if result.error else "HTTP 401"
            text = self.tr("The key is invalid (%1).").replace("%1", reason)
            if result.error is not None:
                text += "\n" + error_paragraph(result.error)
            self.show_result(text, problem=True)
        else:
            text = self.tr("Couldn't reach PicToText, so the key was not tested. This does "
                           "not mean it is invalid.")
            if result.error is not None:
                text += "\n" + error_paragraph(result.error)
            self.show_result(text, problem=True)
        self.test_finished.emit(outcome)

    def remove(self) -> None:
        masked = self.keystore.masked(self.slot) or ""
        question = self.tr("Remove the key %1? The app forgets it; the key itself stays "
                           "valid in your PicToText account.").replace("%1", masked)
        if not self.dialog.confirm(self.tr("Remove key"), question):
            return
        try:
            self.keystore.remove(self.slot)
        except KeyringUnavailableError as exc:
            self.show_result(error_paragraph(exc), problem=True)
            return
        self.show_result(self.tr("The key was removed."))
        self.refresh()
        self.changed.emit()


# ---------------------------------------------------------------------------------------
# The dialog
# ---------------------------------------------------------------------------------------
class SettingsDialog(QDialog):
    keys_changed = Signal()
    settings_changed = Signal()

    def __init__(
        self,
        settings: SettingsStore,
        keystore: KeyStore,
        client_factory: ClientFactory,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.keystore = keystore
        self.client_factory = client_factory
        # Replaceable so tests (and callers) can answer the confirmation themselves.
        self.confirm: Confirm = self._ask
        self.ask_folder: Callable[[], Path | None] = self._ask_folder  # Browse… (watch folder)
        self.thread_pool = QThreadPool(self)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ProblemLine] = {}
        self._pages: dict[str, QWidget] = {}
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        self.tabs.addTab(self._build_keys_tab(), self.tr("API keys"))
        for group, title in self._group_titles().items():
            page = self._build_group(group)
            if page is not None:
                self.tabs.addTab(page, title)
        from pictotext_desktop.ui import history_page  # search, Delete all history, masks

        self.history_page = history_page.install(self)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply, self)
        self.buttons.setAccessibleName(self.tr("Dialog buttons"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply_button.clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.resize(640, 560)

    def _ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the text quotes the key's ending
        return box.exec() == QMessageBox.StandardButton.Yes

    # -- keys tab ----------------------------------------------------------------------
    def _build_keys_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.backend_label = plain(QLabel(page))
        self.backend_label.setAccessibleName(self.tr("Key storage"))
        self.keyring_problem_label = plain(QLabel(page))
        self.keyring_problem_label.setWordWrap(True)
        self.keyring_problem_label.setAccessibleName(self.tr("Key storage problem"))
        self.recheck_button = QPushButton(self.tr("Check the keyring again"), page)
        self.recheck_button.setAccessibleName(self.tr("Check the keyring again"))
        self.recheck_button.clicked.connect(self.recheck_keyring)
        layout.addWidget(self.backend_label)
        layout.addWidget(self.keyring_problem_label)
        layout.addWidget(self.recheck_button)
        self.slot_boxes: dict[KeySlot, KeySlotBox] = {}
        for slot in credentials.SLOTS:
            box = KeySlotBox(slot, self)
            box.changed.connect(self.keys_changed)
            self.slot_boxes[slot] = box
            layout.addWidget(box)
        layout.addStretch(1)
        self._show_backend()
        return page

    def _show_backend(self) -> None:
        info = self.keystore.backend_info
        problem = info.problem
        if problem is None:
            self.backend_label.setText(self.tr("Keys are stored in: %1").replace("%1", info.name))
            self.keyring_problem_label.setVisible(False)
            self.recheck_button.setVisible(False)
        else:
            self.backend_label.setText(self.tr("No secure key storage found (%1).")
                                       .replace("%1", info.name))
            self.keyring_problem_label.setText(error_paragraph(problem) + "\n" + self.tr(
                "Until then, paste a key and press 'Use for this session only'."))
            self.keyring_problem_label.setVisible(True)
            self.recheck_button.setVisible(True)

    def recheck_keyring(self) -> None:
        """After the user installed or unlocked a keyring."""
        self.keystore.refresh()
        self._show_backend()
        for box in self.slot_boxes.values():
            box.refresh()

    # -- generated settings tabs -------------------------------------------------------
    def _group_titles(self) -> dict[str, str]:
        return {
            "connection": self.tr("Connection"),
            "recognition": self.tr("Recognition"),
            "upload": self.tr("Upload"),
            "workflow": self.tr("Workflow"),
            "privacy": self.tr("Privacy and history"),
            "appearance": self.tr("Appearance"),
            "general": self.tr("General"),
        }

    def _label(self, setting: Setting) -> str:
        labels = {
            "api_url": self.tr("Server address"),
            "ca_bundle": self.tr("Extra CA certificates"),
            "connect_timeout": self.tr("Connection timeout (s)"),
            "read_timeout": self.tr("Answer timeout (s)"),
            "rate_limit": self.tr("Requests per second"),
            "concurrency": self.tr("Images sent at the same time"),
            "engine": self.tr("Engine"),
            "upload_long_side": self.tr("Upload long side (pixels)"),
            "upload_format": self.tr("Upload format"),
            "jpeg_quality": self.tr("JPEG quality"),
            "max_megapixels": self.tr("Largest image (megapixels)"),
            "auto_start": self.tr("Start automatically"),
            "auto_copy": self.tr("Copy results automatically"),
            "auto_merge": self.tr("Merge front and back"),
            "result_store": self.tr("Keep results on this computer"),
            "history_days": self.tr("Keep history for (days)"),
            "display_mask": self.tr("Mask shown values"),
            "watch_folder": self.tr("Watch a folder"),
            "language": self.tr("Language"),
            "theme": self.tr("Colours"),
            "log_level": self.tr("Log detail"),
        }
        return labels.get(setting.key) or setting.key.replace("_", " ").capitalize()

    def choice_label(self, key: str, choice: str) -> str:
        """How a choice is shown; the setting stores `choice` itself."""
        labels = {
            ("engine", "auto"): self.tr("Automatic"),
            ("engine", "cloud"): self.tr("PicToText cloud"),
            ("engine", "local"): self.tr("On this computer"),
            ("language", "system"): self.tr("Same as the system"),
            # Language names are written in their own language, whatever the interface.
            ("language", "en"): "English",
            ("language", "zh_CN"): "简体中文",
            ("theme", "system"): self.tr("Same as the system"),
            ("theme", "light"): self.tr("Light"),
            ("theme", "dark"): self.tr("Dark"),
            ("upload_format", "jpeg"): "JPEG",
            ("upload_format", "png"): "PNG",
            ("upload_format", "webp"): "WebP",
            ("log_level", "DEBUG"): self.tr("Debug (most detail)"),
            ("log_level", "INFO"): self.tr("Normal"),
            ("log_level", "WARNING"): self.tr("Warnings and errors only"),
            ("log_level", "ERROR"): self.tr("Errors only"),
            ("result_store", "off"): self.tr("No (nothing is written)"),
            ("result_store", "session"): self.tr("The last session, encrypted"),
            ("result_store", "history"): self.tr("A searchable history, encrypted"),
        }
        return labels.get((key, choice), choice)

    def _build_group(self, group: str) -> QWidget | None:
        members = [s for s in SETTINGS if s.group == group and s.key not in HIDDEN_SETTINGS]
        if not members:
            return None
        page = QWidget(self)
        form = QFormLayout(page)
        for setting in members:
            editor = self._make_editor(setting, page)
            label_text = self._label(setting)
            editor.setAccessibleName(label_text)
            help_text = language.tr_settings(setting.help)
            editor.setToolTip(help_text)
            editor.setAccessibleDescription(help_text)
            error = ProblemLine(page)
            error.setVisible(False)
            error.setAccessibleName(self.tr("Problem with %1").replace("%1", label_text))
            holder = QWidget(page)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(editor)
            column.addWidget(error)
            if setting.key == "language" and isinstance(editor, QComboBox):
                column.addWidget(self._restart_note(editor, page))
            if setting.key == "watch_folder" and isinstance(editor, QLineEdit):
                column.addWidget(self._browse_button(editor, page))
            if isinstance(editor, QCheckBox):
                editor.setText(label_text)
                form.addRow("", holder)
            else:
                form.addRow(label_text, holder)
            self.editors[setting.key] = editor
            self.errors[setting.key] = error
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        for setting in members:
            self._pages[setting.key] = scroll
        return scroll

    def _make_editor(self, setting: Setting, parent: QWidget) -> QWidget:
        value = self.settings.get(setting.key)
        if setting.type is bool:
            box = QCheckBox(parent)
            box.setChecked(bool(value))
            return box
        if setting.choices:
            combo = QComboBox(parent)
            for choice in setting.choices:
                combo.addItem(self.choice_label(setting.key, choice), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if setting.type is int:
            spin = QSpinBox(parent)
            spin.setRange(int(setting.minimum if setting.minimum is not None else -2**31),
                          int(setting.maximum if setting.maximum is not None else 2**31 - 1))
            spin.setValue(int(value))
            return spin
        if setting.type is float:
            dspin = QDoubleSpinBox(parent)
            dspin.setDecimals(1)
            dspin.setSingleStep(0.5)
            dspin.setRange(setting.minimum if setting.minimum is not None else 0.0,
                           setting.maximum if setting.maximum is not None else 1e9)
            dspin.setValue(float(value))
            return dspin
        edit = QLineEdit(parent)
        edit.setText(str(value))
        edit.editingFinished.connect(lambda key=setting.key: self.validate(key))
        return edit

    def _browse_button(self, edit: QLineEdit, parent: QWidget) -> QPushButton:
        """Pick the watched folder instead of typing it (`ask_folder` in tests)."""
        button = QPushButton(self.tr("Browse…"), parent)
        button.setObjectName("watchFolderBrowse")

        def browse() -> None:
            folder = self.ask_folder()
            if folder is not None:
                edit.setText(str(folder))
                self.validate("watch_folder")

        button.clicked.connect(browse)
        return button

    def _ask_folder(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        chosen = QFileDialog.getExistingDirectory(self, self.tr("Watch a folder"))
        return Path(chosen) if chosen else None

    def _restart_note(self, combo: QComboBox, parent: QWidget) -> QLabel:
        """Shown while the pick differs from the language on screen (not switched live)."""
        note = QLabel(self.tr("Takes effect after restarting the app."), parent)
        note.setObjectName("languageRestartNote")
        note.setWordWrap(True)
        showing = current_language()

        def update(_index: int = 0) -> None:
            note.setVisible(language.resolve_language(str(combo.currentData())) != showing)

        combo.currentIndexChanged.connect(update)
        update()
        self.language_note = note
        return note

    def widget_value(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def validate(self, key: str) -> tuple[bool, Any]:
        """Check one field with the table's rules; show or clear its inline error."""
        setting = BY_KEY[key]
        label = self.errors[key]
        try:
            value = setting.coerce(self.widget_value(key))
        except (UsageError, InvalidUrlError, InsecureUrlError) as exc:
            label.show_text(self.problem_text(key, exc), Kind.PROBLEM)
            label.setVisible(True)
            return False, None
        label.clear()
        label.setVisible(False)
        return True, value

    def problem_text(self, key: str, error: PicToTextError) -> str:
        """A field's problem in the interface language (the table's messages are English
        f-strings naming the value: said again here with the value)."""
        typed = str(self.widget_value(key)).strip()
        if isinstance(error, InvalidUrlError):
            return self.tr("“%1” is not a server address such as https://pictotext.io."
                           ).replace("%1", typed)
        if isinstance(error, InsecureUrlError):
            return self.tr("%1 uses plain http://. Use https://; http:// is allowed only for "
                           "this computer's own addresses (localhost, 127.0.0.1, ::1)."
                           ).replace("%1", typed)
        if key == "ca_bundle":
            return self.tr("The CA bundle %1 does not exist.").replace("%1", typed)
        if key == "watch_folder":
            return self.tr("The folder %1 does not exist.").replace("%1", typed)
        return language.tr_error_words(error.message, error.title)

    def typed_api_url(self) -> tuple[str | None, str]:
        """(the server address typed on the Connection tab when it is not the saved one,
        else None; its problem or "")."""
        if "api_url" not in self.editors:
            return None, ""
        ok, value = self.validate("api_url")
        if not ok:
            return None, self.errors["api_url"].text()
        saved = str(self.settings.get("api_url")).rstrip("/")
        return (None if value == saved else str(value)), ""

    def apply(self) -> bool:
        """Save every valid change; False (and nothing saved) if any field is invalid."""
        values: dict[str, Any] = {}
        first_bad: str | None = None
        for key in self.editors:
            ok, value = self.validate(key)
            if ok:
                values[key] = value
            elif first_bad is None:
                first_bad = key
        if first_bad is not None:
            self.tabs.setCurrentWidget(self._pages[first_bad])
            self.editors[first_bad].setFocus()
            return False
        changed = [k for k, v in values.items() if v != self.settings.get(k)]
        for key in changed:
            self.settings.set(key, values[key], save=False)
        if changed:
            self.settings.save()
            self.settings_changed.emit()
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def done(self, result: int) -> None:
        self.thread_pool.waitForDone(15000)
        super().done(result)
