"""The main window's chrome: top row, drop zone, actions, menus, toolbar, status bar.

`WindowChrome` is the base of `main_window.MainWindow` and builds what its first paint
shows (step 1 of the two-step start-up, see main_window's docstring) with nothing but a
few Qt classes.  `_finish_chrome()` adds shortcuts and icons in step 2.  Actions reach
the window's slots by name (`_slot`), so this module knows no part of the queue.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtGui import QAction, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from pictotext_desktop.ui import status_text
from pictotext_desktop.ui.drop_zone import (
    DOC_TYPE_MIN_CHARS,
    PLAIN_TEXT,
    STRONG_FOCUS,
    TEXT_BESIDE_ICON,
    DropZone,
)

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QDialog

    from pictotext_desktop.settings import SettingsStore

# Shown translated (context "MainWindow"); the values are what the setting stores.
ENGINE_CHOICES = (("auto", QT_TRANSLATE_NOOP("MainWindow", "Automatic")),
                  ("cloud", QT_TRANSLATE_NOOP("MainWindow", "PicToText cloud")),
                  ("local", QT_TRANSLATE_NOOP("MainWindow", "On this computer")))


def tr(text: str) -> str:
    """The window's strings keep the window's translation context."""
    return QCoreApplication.translate("MainWindow", text)


class WindowChrome(QMainWindow):
    """The parts of the window that exist from its first paint on."""

    store: SettingsStore
    help_dialog: QDialog | None  # the last About / privacy dialog
    open_url: Callable[[str], object]  # opens a folder or web page; tests replace it

    def _slot(self, name: str) -> Callable[..., Any]:
        """The window's method `name` (dotted: of a part), looked up when it is called."""
        return lambda *args: operator.attrgetter(name)(self)(*args)

    # ==================================================================================
    # Step 1: what the first paint shows
    # ==================================================================================
    def _build_shell(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 6, 8, 4)
        self._top = top = QHBoxLayout()
        self._type_label = QLabel(tr("&Document type:"))  # mnemonic
        # Same size as the DocTypeSelector that replaces it (editable, same width).
        self._doc_type_placeholder = QComboBox()
        self._doc_type_placeholder.setMinimumContentsLength(DOC_TYPE_MIN_CHARS)
        self._doc_type_placeholder.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._doc_type_placeholder.setEnabled(False)
        engine_label = QLabel(tr("Read &with:"))  # mnemonic
        self.engine_choice = QComboBox()
        self.engine_choice.setAccessibleName(tr("Engine"))
        self.engine_choice.setProperty("focusPolicy", STRONG_FOCUS)  # in the Tab chain
        for value, text in ENGINE_CHOICES:
            self.engine_choice.addItem(QCoreApplication.translate("MainWindow", str(text)),
                                       value)
        index = self.engine_choice.findData(self.store.get("engine"))
        self.engine_choice.setCurrentIndex(max(0, index))
        self.engine_choice.currentIndexChanged.connect(
            lambda index: self._slot("_engine_changed")(index))
        engine_label.setBuddy(self.engine_choice)
        top.addWidget(self._type_label)
        top.addWidget(self._doc_type_placeholder, 1)
        top.addSpacing(12)
        top.addWidget(engine_label)
        top.addWidget(self.engine_choice)
        outer.addLayout(top)

        self.stack = QStackedWidget()
        self.drop_zone = DropZone()
        self.drop_zone.setProperty("focusPolicy", STRONG_FOCUS)
        self.drop_zone.open_files_clicked.connect(self._slot("open_files"))
        self.drop_zone.open_folder_clicked.connect(self._slot("open_folder"))
        self.drop_zone.paste_clicked.connect(self._slot("paste"))
        self.stack.addWidget(self.drop_zone)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, slot: Callable[[], Any], icon: str = "",
                tip: str = "") -> QAction:
        """An action; `icon` names a QStyle.StandardPixmap (or "actions/<name>", an SVG of
        resources/icons/actions), set in `ensure_built`.

        Until then a transparent icon of the toolbar's icon size holds its place: asking
        the style for its icons costs ~5 ms of PySide enum set-up before the first paint,
        and a toolbar button without an icon is lower (29 px instead of 39 px).
        """
        action = QAction(text, self)
        if icon:
            action.setIcon(self._blank_icon)
            self._icon_names[action] = icon
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        """Menus and toolbar as they will stay; shortcuts are set in `ensure_built`.

        (The first QKeySequence parse costs ~15 ms; no key press can be handled before
        the deferred step anyway, since it runs in the event-loop turn after the paint.)
        """
        toolbar = QToolBar(tr("Queue"))
        blank = QPixmap(toolbar.iconSize())
        blank.fill(QColor(0, 0, 0, 0))  # fully transparent: no theme colour involved
        self._blank_icon = QIcon(blank)
        self._icon_names: dict[QAction, str] = {}
        self.act_open = self._action(tr("&Open files…"), self._slot("open_files"),
                                     "SP_DialogOpenButton")
        self.act_open_folder = self._action(tr("Open &folder…"), self._slot("open_folder"),
                                            "SP_DirOpenIcon")
        self.act_export = self._action(tr("&Export…"), self._slot("export"),
                                       "SP_DialogSaveButton",
                                       tr("Export the selected or all finished results"))
        self.act_quit = self._action(tr("&Quit"), self._slot("close"))
        self.act_paste = self._action(tr("&Paste image or files"), self._slot("paste"))
        self.act_copy_all = self._action(tr("Copy &all fields"),
                                         self._slot("result_view.copy_all"))
        self.act_copy_row = self._action(tr("Copy as spreadsheet &row"),
                                         self._slot("result_view.copy_row"))
        self.act_settings = self._action(tr("&Settings…"), self._slot("open_settings"))
        self.act_start = self._action(tr("&Start"), self._slot("start"), "SP_MediaPlay")
        self.act_pause = self._action(tr("&Pause"), self._slot("pause"), "SP_MediaPause")
        self.act_cancel = self._action(tr("&Cancel"), self._slot("cancel"), "SP_MediaStop")
        self.act_retry = self._action(tr("&Retry failed"), self._slot("retry_failed"),
                                      "actions/retry")  # the style's is 32 px at most
        self.act_remove = self._action(tr("Re&move"), self._slot("remove_selected"),
                                       "SP_TrashIcon")
        self.act_clear = self._action(tr("C&lear finished"), self._slot("clear_finished"),
                                      "SP_DialogResetButton")
        self.act_read_again = self._action(
            tr("Read &again"), self._slot("read_again"), "",
            tr("Send the selected images anew, though the same image was read before"))
        self.act_merge = self._action(tr("&Merge front and back"), self._slot("merge_selected"))
        self.act_undo = self._action(tr("&Undo remove"), self._slot("undo_remove"))
        self.act_undo.setEnabled(False)
        self.act_about = self._action(tr("&About PicToText Desktop"), self._slot("about"))
        self.act_privacy = self._action(tr("&What leaves this computer"),
                                        self._slot("show_privacy"))
        self.act_log_folder = self._action(tr("Open &log folder"), self._slot("open_log_folder"))
        # The queue starts empty: what _update_actions would say about an empty queue.
        for queue_action in (self.act_start, self.act_pause, self.act_cancel, self.act_retry,
                             self.act_remove, self.act_clear, self.act_export):
            queue_action.setEnabled(False)

        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        for action in (self.act_open, self.act_open_folder, None, self.act_export, None,
                       self.act_quit):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        edit_menu = bar.addMenu(tr("&Edit"))
        for action in (self.act_undo, None, self.act_paste, self.act_copy_all,
                       self.act_copy_row, None, self.act_settings):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)
        queue_menu = bar.addMenu(tr("&Queue"))
        for action in (self.act_start, self.act_pause, self.act_cancel, None, self.act_retry,
                       self.act_remove, self.act_clear, None, self.act_read_again,
                       self.act_merge):
            queue_menu.addSeparator() if action is None else queue_menu.addAction(action)
        help_menu = bar.addMenu(tr("&Help"))
        for action in (self.act_privacy, self.act_log_folder, None, self.act_about):
            help_menu.addSeparator() if action is None else help_menu.addAction(action)

        toolbar.setObjectName("queueToolbar")
        toolbar.setMovable(False)
        toolbar.setProperty("toolButtonStyle", TEXT_BESIDE_ICON)
        for action in (self.act_open, self.act_paste, None, self.act_start, self.act_pause,
                       self.act_cancel, self.act_retry, self.act_remove, self.act_clear,
                       None, self.act_export, self.act_settings):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        from pictotext_desktop.ui.theme import toolbar_text

        for action in toolbar.actions():  # no "(S)" left of a "(&S)" mnemonic
            action.setIconText(toolbar_text(action.text()))
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.engine_status = QLabel()
        self.key_status = QLabel()
        self.rotation_status = QLabel()
        self.rotation_status.setVisible(False)
        self.calls_status = QLabel()
        self.counts_status = QLabel()
        for label, name in ((self.engine_status, tr("Engine")),
                            (self.key_status, tr("API key")),
                            (self.rotation_status, tr("Key rotation reminder")),
                            (self.calls_status, tr("Calls this session")),
                            (self.counts_status, tr("Queue counts"))):
            label.setAccessibleName(name)
            label.setProperty("textFormat", PLAIN_TEXT)  # the key's ending is not ours
            bar.addPermanentWidget(label)
        self.counts_status.setText(status_text.counts_text(0, 0, 0, 0))
        self.calls_status.setText(status_text.calls_text(0))

    def _finish_chrome(self) -> None:
        """Step 2: shortcuts (the first QKeySequence parse costs ~15 ms), style icons
        and the window icon."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence
        from PySide6.QtWidgets import QStyle

        key = QKeySequence.StandardKey
        for action, shortcut in (
                (self.act_open, key.Open), (self.act_open_folder, "Ctrl+Shift+O"),
                (self.act_export, "Ctrl+E"), (self.act_quit, key.Quit),
                (self.act_paste, key.Paste), (self.act_copy_all, "Ctrl+Shift+C"),
                (self.act_copy_row, "Ctrl+Shift+R"), (self.act_settings, "Ctrl+,"),
                (self.act_start, "Ctrl+Return"), (self.act_pause, "Ctrl+P"),
                (self.act_cancel, "Ctrl+."), (self.act_retry, key.Refresh),
                (self.act_remove, key.Delete), (self.act_clear, "Ctrl+Shift+L"),
                (self.act_merge, "Ctrl+M"), (self.act_undo, key.Undo)):
            action.setShortcut(QKeySequence(shortcut))
        for queue_action in (self.act_start, self.act_pause, self.act_cancel, self.act_retry,
                             self.act_remove, self.act_clear, self.act_undo):
            queue_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        style = self.style()
        for action, name in self._icon_names.items():
            if not name.startswith("actions/"):
                action.setIcon(style.standardIcon(getattr(QStyle.StandardPixmap, name)))
        self._own_icons_shown = True
        self._show_own_icons()
        icon = self._app_icon()
        if icon is not None:
            self.setWindowIcon(icon)

    def _show_own_icons(self) -> None:
        """Our own vector action icons, in the palette's button text colour (again when
        the palette changes: light / dark)."""
        from pictotext_desktop.ui.icons import status_icon

        colour = self.palette().color(self.palette().ColorRole.ButtonText)
        for action, name in self._icon_names.items():
            if name.startswith("actions/"):
                action.setIcon(status_icon(name.removeprefix("actions/"), colour, "actions"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_own_icons_shown",
                                                                 False):
            self._show_own_icons()
        super().changeEvent(event)

    @staticmethod
    def _app_icon() -> QIcon | None:
        """Every hicolor size plus the SVG (ui/icons.py), so HiDPI screens get sharp ones."""
        try:
            from pictotext_desktop.ui.icons import app_icon

            icon = app_icon()
        except Exception:  # a missing icon never stops the window
            return None
        return None if icon.isNull() else icon

    # ==================================================================================
    # Help menu
    # ==================================================================================
    def about(self) -> QDialog:
        """Versions of the app and its libraries, copyable for a support email."""
        from pictotext_desktop.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self)
        self._show_help_dialog(dialog)
        return dialog

    def show_privacy(self) -> QDialog:
        """What leaves this computer (cloud vs on-device, key, logs, reports)."""
        from pictotext_desktop.ui.privacy_dialog import PrivacyDialog

        dialog = PrivacyDialog(self, open_url=lambda url: self.open_url(url))
        self._show_help_dialog(dialog)
        return dialog

    def _show_help_dialog(self, dialog: QDialog) -> None:
        from pictotext_desktop.ui import dialogs

        self.help_dialog = dialog
        dialogs.show_help(dialog)

    def open_log_folder(self) -> Path:
        """Open the folder of the log files in the file manager (created if missing)."""
        from pictotext_desktop.ui import dialogs

        folder = dialogs.log_folder()
        self.open_url(folder.as_uri())
        return folder
