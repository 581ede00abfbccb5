"""The main window: layout, actions and the wiring between intake, queue and uploader.

No step of the scan is done here: sources come from `intake`, jobs run in the
`worker.Uploader` thread (jobs.BatchRunner), fields are shown by `result_view`, errors
by `error_dialog`.  What can block or ask (confirmations, file dialogs) goes through
small hooks (`confirm`, `ask_save_path`, `ask_open_paths`, `ask_folder`) so tests drive
the window without modal loops.

Start-up is in two steps so the first paint costs little more than a bare QMainWindow:
the constructor builds only the chrome (menus, toolbar, top row, status bar) and the
drop zone, importing nothing but a few Qt classes (no `Qt` namespace, no catalog, jobs,
imaging or view modules).  Right after the first paint `ensure_built()` imports and
builds the rest (document type selector, queue, result view, shortcuts) in place of
same-sized placeholders, so nothing moves.  Everything that needs those parts reaches
them through properties that build on demand, so a drop, a paste or a test that uses
the window at once never waits for, or loses to, the deferred step; `when_ready()`
queues work (command-line paths) until it has run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QTimer, Signal
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

from pictotext_desktop import APP_NAME
from pictotext_desktop.errors import (
    Category,
    ImageInputError,
    PicToTextError,
)
from pictotext_desktop.ui.drop_zone import (
    DOC_TYPE_MIN_CHARS,
    PLAIN_TEXT,
    STRONG_FOCUS,
    TEXT_BESIDE_ICON,
    DropZone,
    accept_drag,
)
from pictotext_desktop.ui.theme import apply_theme, toolbar_text  # [a11y/theme]

if TYPE_CHECKING:
    from PySide6.QtGui import (
        QCloseEvent,
        QDragEnterEvent,
        QDragMoveEvent,
        QDropEvent,
        QIcon,
        QImage,
    )
    from PySide6.QtWidgets import QDialog, QSplitter

    from pictotext_desktop.imaging import Source
    from pictotext_desktop.jobs import BatchOutcome, Job, JobEvent
    from pictotext_desktop.records import Record
    from pictotext_desktop.session import ScanSession
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.ui.doc_type_selector import DocTypeSelector
    from pictotext_desktop.ui.error_dialog import ErrorDialog, ReportContext
    from pictotext_desktop.ui.intake import Intake, IntakeResult
    from pictotext_desktop.ui.queue_view import QueueModel, QueueView
    from pictotext_desktop.ui.result_view import ResultView
    from pictotext_desktop.ui.settings_dialog import SettingsDialog
    from pictotext_desktop.ui.thumbnails import ThumbnailMaker
    from pictotext_desktop.ui.undo_bar import UndoBar

# Shown translated (context "MainWindow"); the values are what the setting stores.
ENGINE_CHOICES = (("auto", QT_TRANSLATE_NOOP("MainWindow", "Automatic")),
                  ("cloud", QT_TRANSLATE_NOOP("MainWindow", "PicToText cloud")),
                  ("local", QT_TRANSLATE_NOOP("MainWindow", "On this computer")))
DEFAULT_SIZE = (1100, 720)


class _Relay(QObject):
    """Lives in the GUI thread; engine factories (pool threads) emit through it."""

    engine_progress = Signal(str)


@dataclass
class _Parts:
    """What `ensure_built()` adds after the first paint."""

    intake: Intake
    model: QueueModel
    thumbnails: ThumbnailMaker
    doc_type: DocTypeSelector
    splitter: QSplitter
    queue_view: QueueView
    result_view: ResultView


class MainWindow(QMainWindow):
    error_shown = Signal(object)  # ErrorDialog
    message_shown = Signal(str)  # an information message (e.g. what a drop skipped)
    batch_finished = Signal()
    ready = Signal()  # the deferred part is built (see ensure_built)

    def __init__(
        self,
        store: SettingsStore,
        *,
        keystore: Any = None,
        local_factory: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:

        super().__init__(parent)
        self.store = store
        self._keystore = keystore
        self._local_factory = local_factory
        self.paused = False
        self.calls_this_session = 0
        self.last_error_dialog: ErrorDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.help_dialog: QDialog | None = None  # the last About / privacy dialog
        self.last_message = ""
        self.merged_into: set[int] = set()  # ids of the sides that are in a merged row
        self.merge_parts: dict[int, tuple[Job, Job]] = {}  # merged row id -> (front, back)
        self._uploader: Any = None
        self._router: Any = None
        self._session: ScanSession | None = None
        self._seen_paths: set[Path] = set()
        self._errors_this_batch: list[PicToTextError] = []
        self._closing = False
        self._parts: _Parts | None = None
        self._building = False
        self._after_build: list[Callable[[], Any]] = []
        self._undo_bar: UndoBar | None = None  # built at the first removal
        self._removed: list[tuple[int, Job, Any]] = []  # what Undo puts back (QueueModel.take)
        # Hooks (replaced in tests): yes/no question, and file dialogs.
        self.confirm: Callable[[str, str], bool] = self._confirm_dialog
        # Quitting with results not saved: "export", "quit" or "cancel" (title, text, can export)
        self.ask_quit: Callable[[str, str, bool], str] = self._quit_dialog
        self.ask_save_path: Callable[[], Path | None] = self._save_dialog
        self.ask_open_paths: Callable[[], list[Path]] = self._open_files_dialog
        self.ask_folder: Callable[[], Path | None] = self._folder_dialog
        # Opens a folder or web page in the system's app; tests replace it.
        self.open_url: Callable[[str], object] = _open_url
        self._log_level = str(store.get("log_level"))

        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.resize(*DEFAULT_SIZE)
        self.setAcceptDrops(True)
        self.relay = _Relay(self)
        self.relay.engine_progress.connect(self._engine_progress)

        self._selected_dirty = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(40)
        self._refresh_timer.timeout.connect(self._coalesced_refresh)
        self._build_shell()
        self._build_actions()
        self._build_status_bar()
        # The rest is built right after the drop zone's first paint (see eventFilter).
        self.drop_zone.installEventFilter(self)

    # ==================================================================================
    # Construction, step 1: what the first paint shows
    # ==================================================================================
    def _build_shell(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 6, 8, 4)
        self._top = top = QHBoxLayout()
        self._type_label = QLabel(self.tr("&Document type:"))  # [a11y] mnemonic
        # Same size as the DocTypeSelector that replaces it (editable, same width).
        self._doc_type_placeholder = QComboBox()
        self._doc_type_placeholder.setMinimumContentsLength(DOC_TYPE_MIN_CHARS)
        self._doc_type_placeholder.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._doc_type_placeholder.setEnabled(False)
        engine_label = QLabel(self.tr("Read &with:"))  # [a11y] mnemonic
        self.engine_choice = QComboBox()
        self.engine_choice.setAccessibleName(self.tr("Engine"))
        self.engine_choice.setProperty("focusPolicy", STRONG_FOCUS)  # [a11y] in the Tab chain
        for value, text in ENGINE_CHOICES:
            self.engine_choice.addItem(QCoreApplication.translate("MainWindow", str(text)),
                                       value)
        index = self.engine_choice.findData(self.store.get("engine"))
        self.engine_choice.setCurrentIndex(max(0, index))
        self.engine_choice.currentIndexChanged.connect(self._engine_changed)
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
        self.drop_zone.open_files_clicked.connect(self.open_files)
        self.drop_zone.open_folder_clicked.connect(self.open_folder)
        self.drop_zone.paste_clicked.connect(self.paste)
        self.stack.addWidget(self.drop_zone)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, slot: Callable[[], Any], icon: str = "",
                tip: str = "") -> QAction:
        """An action; `icon` names a QStyle.StandardPixmap, set in `ensure_built`.

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
        toolbar = QToolBar(self.tr("Queue"))
        blank = QPixmap(toolbar.iconSize())
        blank.fill(QColor(0, 0, 0, 0))  # fully transparent: no theme colour involved
        self._blank_icon = QIcon(blank)
        self._icon_names: dict[QAction, str] = {}
        self.act_open = self._action(self.tr("&Open files…"), self.open_files,
                                     "SP_DialogOpenButton")
        self.act_open_folder = self._action(self.tr("Open &folder…"), self.open_folder,
                                            "SP_DirOpenIcon")
        self.act_export = self._action(self.tr("&Export…"), self.export,
                                       "SP_DialogSaveButton",
                                       self.tr("Export the selected or all finished results"))
        self.act_quit = self._action(self.tr("&Quit"), self.close)
        self.act_paste = self._action(self.tr("&Paste image or files"), self.paste)
        self.act_copy_all = self._action(self.tr("Copy &all fields"),
                                         lambda: self.result_view.copy_all())
        self.act_copy_row = self._action(self.tr("Copy as spreadsheet &row"),
                                         lambda: self.result_view.copy_row())
        self.act_settings = self._action(self.tr("&Settings…"), self.open_settings)
        self.act_start = self._action(self.tr("&Start"), self.start, "SP_MediaPlay")
        self.act_pause = self._action(self.tr("&Pause"), self.pause, "SP_MediaPause")
        self.act_cancel = self._action(self.tr("&Cancel"), self.cancel, "SP_MediaStop")
        self.act_retry = self._action(self.tr("&Retry failed"), self.retry_failed,
                                      "SP_BrowserReload")
        self.act_remove = self._action(self.tr("Re&move"), self.remove_selected,
                                       "SP_TrashIcon")
        self.act_clear = self._action(self.tr("C&lear finished"), self.clear_finished,
                                      "SP_DialogResetButton")
        self.act_merge = self._action(self.tr("&Merge front and back"), self.merge_selected)
        self.act_undo = self._action(self.tr("&Undo remove"), self.undo_remove)
        self.act_undo.setEnabled(False)
        self.act_about = self._action(self.tr("&About PicToText Desktop"), self.about)
        self.act_privacy = self._action(self.tr("&What leaves this computer"),
                                        self.show_privacy)
        self.act_log_folder = self._action(self.tr("Open &log folder"), self.open_log_folder)
        # The queue starts empty: what _update_actions would say about an empty queue.
        for queue_action in (self.act_start, self.act_pause, self.act_cancel, self.act_retry,
                             self.act_remove, self.act_clear, self.act_export):
            queue_action.setEnabled(False)

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for action in (self.act_open, self.act_open_folder, None, self.act_export, None,
                       self.act_quit):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        for action in (self.act_undo, None, self.act_paste, self.act_copy_all,
                       self.act_copy_row, None, self.act_settings):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)
        queue_menu = bar.addMenu(self.tr("&Queue"))
        for action in (self.act_start, self.act_pause, self.act_cancel, None, self.act_retry,
                       self.act_remove, self.act_clear, None, self.act_merge):
            queue_menu.addSeparator() if action is None else queue_menu.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        for action in (self.act_privacy, self.act_log_folder, None, self.act_about):
            help_menu.addSeparator() if action is None else help_menu.addAction(action)

        toolbar.setObjectName("queueToolbar")
        toolbar.setMovable(False)
        toolbar.setProperty("toolButtonStyle", TEXT_BESIDE_ICON)
        for action in (self.act_open, self.act_paste, None, self.act_start, self.act_pause,
                       self.act_cancel, self.act_retry, self.act_remove, self.act_clear,
                       None, self.act_export, self.act_settings):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        for action in toolbar.actions():  # [a11y] no "(S)" left of a "(&S)" mnemonic
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
        for label, name in ((self.engine_status, self.tr("Engine")),
                            (self.key_status, self.tr("API key")),
                            (self.rotation_status, self.tr("Key rotation reminder")),
                            (self.calls_status, self.tr("Calls this session")),
                            (self.counts_status, self.tr("Queue counts"))):
            label.setAccessibleName(name)
            label.setProperty("textFormat", PLAIN_TEXT)  # the key's ending is not ours
            bar.addPermanentWidget(label)
        self._show_counts(0, 0, 0, 0)

    # ==================================================================================
    # Construction, step 2: after the first paint, or on demand
    # ==================================================================================
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.drop_zone and event.type() == QEvent.Type.Paint:
            self.drop_zone.removeEventFilter(self)
            # 0 ms: the next event-loop turn, after this paint reached the screen.
            QTimer.singleShot(0, self._build_after_paint)
        return super().eventFilter(watched, event)

    def _build_after_paint(self) -> None:
        if not self._closing:
            self.ensure_built()

    @property
    def is_built(self) -> bool:
        return self._parts is not None

    def when_ready(self, callback: Callable[[], Any]) -> None:
        """Run `callback` once the deferred part is built (now, if it is)."""
        if self._parts is not None:
            callback()
        else:
            self._after_build.append(callback)

    def ensure_built(self) -> None:
        """Import and build what the first paint did not need (idempotent, synchronous)."""
        if self._parts is not None or self._building:
            return
        self._building = True
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence
        from PySide6.QtWidgets import QSplitter, QStyle

        from pictotext_desktop.ui.doc_type_selector import DocTypeSelector
        from pictotext_desktop.ui.intake import Intake
        from pictotext_desktop.ui.queue_view import QueueModel, QueueView
        from pictotext_desktop.ui.result_view import ResultView
        from pictotext_desktop.ui.thumbnails import ThumbnailMaker

        intake = Intake()
        model = QueueModel(self)
        thumbnails = ThumbnailMaker(96, self)
        thumbnails.ready.connect(self._thumbnail_ready)

        doc_type = DocTypeSelector(self._initial_type())
        self._type_label.setBuddy(doc_type)
        self._top.replaceWidget(self._doc_type_placeholder, doc_type)
        self._doc_type_placeholder.deleteLater()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        queue_view = QueueView(model)
        result_view = ResultView()
        splitter.addWidget(queue_view)
        splitter.addWidget(result_view)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([470, 600])
        self.stack.addWidget(splitter)
        self._parts = _Parts(intake=intake, model=model, thumbnails=thumbnails,
                             doc_type=doc_type, splitter=splitter, queue_view=queue_view,
                             result_view=result_view)
        # Connected once the parts exist: the slots reach them through the properties.
        doc_type.type_changed.connect(self._type_changed)
        queue_view.selectionModel().selectionChanged.connect(self._selection_changed)
        result_view.rotate_requested.connect(self.rotate_job)
        result_view.copied.connect(self._mark_copied)
        result_view.edited.connect(self._mark_edited)
        # [a11y] copy confirmations in the status bar; F8 / Shift+F8 / Ctrl+T; Tab chain.
        result_view.notice.connect(lambda text: self.statusBar().showMessage(text, 4000))
        from pictotext_desktop.ui import keyboard

        self._keyboard_actions = keyboard.install(self, self, self.act_start)
        QWidget.setTabOrder(doc_type, self.engine_choice)
        QWidget.setTabOrder(self.engine_choice, queue_view)

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
            action.setIcon(style.standardIcon(getattr(QStyle.StandardPixmap, name)))
        icon = self._app_icon()
        if icon is not None:
            self.setWindowIcon(icon)
        self._update_counts()
        self._update_actions()
        self._building = False
        # Anything that may be slow (keyring, HTTP client) waits a little longer.
        QTimer.singleShot(50, self._delayed_init)
        pending, self._after_build = self._after_build, []
        for callback in pending:
            callback()
        self.ready.emit()

    def _parts_now(self) -> _Parts:
        self.ensure_built()
        if self._parts is None:  # only while ensure_built itself runs
            raise RuntimeError("the main window is still being built")
        return self._parts

    @property
    def intake(self) -> Intake:
        return self._parts_now().intake

    @property
    def model(self) -> QueueModel:
        return self._parts_now().model

    @property
    def thumbnails(self) -> ThumbnailMaker:
        return self._parts_now().thumbnails

    @property
    def doc_type(self) -> DocTypeSelector:
        return self._parts_now().doc_type

    @property
    def splitter(self) -> QSplitter:
        return self._parts_now().splitter

    @property
    def queue_view(self) -> QueueView:
        return self._parts_now().queue_view

    @property
    def result_view(self) -> ResultView:
        return self._parts_now().result_view

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
    # Lazy parts: keystore, engine router, uploader thread
    # ==================================================================================
    def _delayed_init(self) -> None:
        """After the first paint: key status (keyring) and the upload thread (HTTP client)."""
        if self._closing:
            return
        self._update_key_status()
        _ = self.uploader
        self._show_settings_problems()

    def _show_settings_problems(self) -> None:
        """Say once, at start, that the settings file could not be used (and where the
        damaged one was kept), instead of silently running on defaults."""
        problems = list(self.store.load_problems)
        if problems:
            self.show_message(self.tr("Your settings file could not be fully used:\n{details}")
                              .format(details="\n".join(problems)))

    @property
    def session(self) -> ScanSession:
        """The scan's wiring (session.py), shared with the command line."""
        if self._session is None:
            from pictotext_desktop.session import ScanSession

            self._session = ScanSession(self.store, keystore=self._keystore,
                                        on_notice=self.relay.engine_progress.emit,
                                        local_factory=self._make_local_engine)
        return self._session

    @property
    def keystore(self) -> Any:
        if self._keystore is None:
            self._keystore = self.session.keystore
        return self._keystore

    def _build_router(self) -> Any:
        return self.session.router()

    def _make_local_engine(self) -> Any:
        """Runs in a pool thread on first use: loads the on-device reader with progress."""
        if self._local_factory is not None:
            return self._local_factory()
        from pictotext_desktop.session import load_local_engine
        from pictotext_desktop.ui.language import tr_engine

        self.relay.engine_progress.emit(self.tr("Preparing the on-device reader…"))
        # engines/local.py marks its messages with _(): translated here.
        return load_local_engine(lambda message: self.relay.engine_progress.emit(
            tr_engine(message)))

    @property
    def uploader(self) -> Any:
        if self._uploader is None:
            from pictotext_desktop.ui.worker import Uploader

            self._router = self._build_router()
            self._uploader = Uploader(self._engine_for, options=self.session.prepare_options(),
                                      concurrency=self.session.concurrency, parent=self)
            self._uploader.job_changed.connect(self._job_changed)
            self._uploader.batch_result_ready.connect(self._batch_done)
            self._uploader.stopped_by_error.connect(self._stopped_by_error)
        return self._uploader

    def _engine_for(self, document_type: str) -> Any:
        return self._router.engine_for(document_type)

    def _reconfigure(self) -> None:
        """After a settings change: a fresh client/router for the next batch."""
        if self._uploader is None:
            return
        self._router = self._build_router()
        self._uploader.options = self.session.prepare_options()
        self._uploader.concurrency = self.session.concurrency

    # ==================================================================================
    # Getting images in
    # ==================================================================================
    def add_paths(self, paths: list[Path]) -> int:
        from pictotext_desktop.ui.intake import from_paths

        return self.add_intake(from_paths(paths))

    def add_intake(self, result: IntakeResult) -> int:
        """Queue what `result` holds (each file once) and say what was skipped."""
        message = result.message()
        if message:
            self.show_message(message)
        return self.add_sources(result.sources)

    def add_sources(self, sources: list[Source]) -> int:
        from pictotext_desktop.jobs import new_jobs

        fresh: list[Source] = []
        for source in sources:
            if source.path is not None:
                key = _path_key(source.path)
                if key in self._seen_paths:
                    continue
                self._seen_paths.add(key)
            fresh.append(source)
        if not fresh:
            return 0
        self._drop_undo()  # the next action makes the last removal final
        jobs = new_jobs(fresh, self.doc_type.value())
        had_selection = bool(self.queue_view.selectionModel().selectedRows())
        self.model.add(jobs)
        for job in jobs:
            self.thumbnails.request(job.id, job.source)
        self.stack.setCurrentWidget(self.splitter)
        if not had_selection:
            self.queue_view.selectRow(self.model.row_of(jobs[0].id))
        self._update_counts()
        if self.store.get("auto_start") and not self.paused:
            self.start()
        self._update_actions()
        return len(jobs)

    def paste(self) -> int:
        from PySide6.QtGui import QGuiApplication

        mime = QGuiApplication.clipboard().mimeData()
        result = self.intake.from_mime(mime, pasting=True)
        if not result.sources and not result.message():
            self.show_message(self.tr("The clipboard holds no picture and no image files."))
            return 0
        return self.add_intake(result)

    def open_files(self) -> None:
        paths = self.ask_open_paths()
        if paths:
            self.add_paths(paths)

    def open_folder(self) -> None:
        folder = self.ask_folder()
        if folder is not None:
            self.add_paths([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        accept_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        from pictotext_desktop.ui.intake import handle_drop

        self.add_intake(handle_drop(self.intake, event))

    # ==================================================================================
    # The queue
    # ==================================================================================
    def waiting_jobs(self) -> list[Job]:
        from pictotext_desktop.jobs import JobState

        return [j for j in self.model.jobs if j.state == JobState.WAITING]

    def start(self) -> bool:
        """Start (or resume) sending what is waiting; False if nothing to do right now."""
        self.paused = False
        waiting = self.waiting_jobs()
        if not waiting:
            self._update_actions()
            return False
        uploader = self.uploader
        if uploader.running:
            return False  # picked up when the current batch ends
        for job in waiting:
            job.error = None
            self.model.job_updated(job)
        self._errors_this_batch = []
        started: bool = uploader.start(waiting)
        self._update_actions()
        return started

    def pause(self) -> None:
        self.paused = True
        if self._uploader is not None:
            self._uploader.pause()
        self.statusBar().showMessage(self.tr("Paused: press Start to go on."), 5000)
        self._update_actions()

    def cancel(self) -> None:
        from pictotext_desktop.jobs import JobState

        self.paused = True
        if self._uploader is not None and self._uploader.running:
            self._uploader.cancel()
        else:
            for job in self.waiting_jobs():
                job.state = JobState.CANCELLED
                self.model.job_updated(job)
        self._update_counts()
        self._update_actions()

    def retry_failed(self) -> None:
        for job in self.model.jobs:
            if job.state.retryable:
                job.reset()
                self.model.job_updated(job)
        self._refresh_selected()
        self.start()

    def remove_selected(self) -> None:
        self._forget([j for j in self.queue_view.selected_jobs() if not j.state.busy])

    def clear_finished(self) -> None:
        self._forget([j for j in self.model.jobs if j.state.finished])

    def _forget(self, jobs: list[Job]) -> None:
        """Take rows out of the queue; Undo (the bar, Ctrl+Z) puts them back for a while."""
        if not jobs:
            return
        for job in jobs:
            # A merged row removed: its sides (still in the queue) are results again.
            # A side removed: the merged row keeps it, so its data is still exported.
            for part in self.merge_parts.pop(job.id, ()):
                self.merged_into.discard(part.id)
            if job.source.path is not None:
                self._seen_paths.discard(_path_key(job.source.path))
        self._removed = self.model.take(jobs)
        if not self.model.jobs:
            self.stack.setCurrentWidget(self.drop_zone)
        self.undo_bar.show_removed(len(self._removed))
        self.act_undo.setEnabled(True)
        self._selection_changed()
        self._update_counts()
        self._update_actions()

    @property
    def undo_bar(self) -> UndoBar:
        """The bar above the queue that offers to undo the last removal."""
        if self._undo_bar is None:
            from pictotext_desktop.ui.undo_bar import UndoBar

            self._undo_bar = UndoBar()
            self._undo_bar.undo_requested.connect(self.undo_remove)
            self._undo_bar.dismissed.connect(self._drop_undo)
            central = self.centralWidget()
            layout = central.layout() if central is not None else None
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(1, self._undo_bar)  # between the top row and the queue
        return self._undo_bar

    def undo_remove(self) -> int:
        """Put the last removed rows back where they were, with their results, edits,
        states and copied/exported marks; returns how many came back."""
        taken, self._removed = self._removed, []
        self.act_undo.setEnabled(False)
        if self._undo_bar is not None:
            self._undo_bar.clear()
        if not taken:
            return 0
        for _row, job, _extras in taken:
            if job.source.path is not None:
                self._seen_paths.add(_path_key(job.source.path))
        self.model.restore(taken)
        self.stack.setCurrentWidget(self.splitter)
        self.queue_view.selectRow(self.model.row_of(taken[0][1].id))
        self._selection_changed()
        self._update_counts()
        self._update_actions()
        return len(taken)

    def _drop_undo(self) -> None:
        self._removed = []
        self.act_undo.setEnabled(False)
        if self._undo_bar is not None:
            self._undo_bar.clear()

    def rotate_job(self, job: Job, degrees: int) -> None:
        """Rotate and read again: the job goes back to waiting with its new rotation.

        A merged row has no picture of its own: it is un-merged back into its two sides
        and its front (the picture it showed) is rotated; rotating a side un-merges the
        row it is in, whose result would be stale.  Auto-merge pairs them again once read.
        """
        if job.state.busy:
            return
        parts = self._unmerge(job)
        if parts is not None:
            job = parts[0]
            self.queue_view.selectRow(self.model.row_of(job.id))
        else:
            for merged_id, (front, back) in list(self.merge_parts.items()):
                if job is front or job is back:
                    merged = next((j for j in self.model.jobs if j.id == merged_id), None)
                    if merged is not None:
                        self._unmerge(merged)
        job.rotate = (job.rotate + degrees) % 360
        job.reset()
        job.prepared = None
        self.model.job_updated(job)
        self._refresh_selected()
        self.start()

    def _job_changed(self, job: Job, event: JobEvent) -> None:
        """Cheap per event; the result view and counts are refreshed by a coalescing timer."""
        from PySide6.QtGui import QGuiApplication

        from pictotext_desktop.jobs import JobState
        from pictotext_desktop.ui.result_view import label_lines

        self.model.job_updated(job)
        if event.state == JobState.SENDING and job.engine == "cloud":
            self.calls_this_session += 1
        if event.state == JobState.DONE and self.store.get("auto_copy") and job.record:
            QGuiApplication.clipboard().setText(label_lines(job.record))
            self._mark_copied(job)
        if event.state == JobState.FAILED and event.error is not None:
            self._errors_this_batch.append(event.error)
        if self.result_view.job is job:
            self._selected_dirty = True
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _coalesced_refresh(self) -> None:
        if self._selected_dirty:
            self._selected_dirty = False
            self._refresh_selected()
        self._update_counts()
        self._update_actions()

    def _batch_done(self, jobs: list[Job], outcome: BatchOutcome) -> None:
        # Every row is up to date: each state change came as a job event, queued before this.
        self._update_counts()
        self._refresh_selected()
        if outcome.stopped_by is not None and not outcome.cancelled:
            self.paused = True
        elif not outcome.cancelled:
            errors = [e for e in self._errors_this_batch if _needs_dialog(e)]
            if errors and not self._closing:
                self.show_error(errors[0])
            if self.store.get("auto_merge") and not self.waiting_jobs():
                self.auto_merge()
        self._update_actions()
        if not self.paused and self.waiting_jobs() and not self._closing:
            self.start()
        else:
            _log_batch_end(self.model.jobs)
            self.batch_finished.emit()

    def _stopped_by_error(self, error: PicToTextError) -> None:
        """Auth, account or credit problem: the queue pauses and one dialog explains."""
        self.paused = True
        self._update_actions()
        if not self._closing:
            self.show_error(error)

    # ==================================================================================
    # Errors and messages
    # ==================================================================================
    def show_error(self, error: PicToTextError, job: Job | None = None) -> ErrorDialog | None:
        """Show the one error dialog (never a second one while it is open)."""
        from PySide6.QtCore import Qt

        from pictotext_desktop.ui.error_dialog import ErrorDialog

        current = self.last_error_dialog
        if current is not None and current.isVisible():
            return None
        dialog = ErrorDialog(error, self._report_context(job), self,
                             open_url=lambda url: self.open_url(url))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.retry_requested.connect(self._retry_from_dialog)
        dialog.settings_requested.connect(self.open_settings)
        self.last_error_dialog = dialog
        dialog.show()
        self.error_shown.emit(dialog)
        return dialog

    def _retry_from_dialog(self) -> None:
        self.keystore.refresh()
        self.retry_failed()

    def _report_context(self, job: Job | None) -> ReportContext:
        from pictotext_desktop.logs import key_suffix
        from pictotext_desktop.ui.error_dialog import ReportContext

        job = job or next((j for j in self.model.jobs if j.prepared is not None), None)
        key = self.keystore.get(self.keystore.active_slot)
        return ReportContext(
            key_last4=key_suffix(key or "") or None,
            document_type=job.document_type if job else self.doc_type.value(),
            image_mime=job.prepared.mime_type if job and job.prepared else None,
            image_bytes=len(job.prepared.data) if job and job.prepared else None,
            engine=job.engine if job else None,
        )

    def show_message(self, text: str) -> None:
        """An information message that does not block (what a drop skipped, etc.)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        self.last_message = text
        self.statusBar().showMessage(text.split("\n")[0], 10_000)
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, text,
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names, URLs, server words
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        if self.isVisible():
            box.show()
        self.message_shown.emit(text)

    def _engine_progress(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # ==================================================================================
    # Results: selection, copy, export, merge
    # ==================================================================================
    def selected_job(self) -> Job | None:
        jobs = self.queue_view.selected_jobs()
        return jobs[0] if jobs else None

    def _selection_changed(self, *args: Any) -> None:
        job = self.selected_job()
        extras = self.model.extras.get(job.id) if job else None
        self.result_view.show_job(job, extras.thumbnail if extras else None)
        self._update_actions()

    def _refresh_selected(self) -> None:
        job = self.result_view.job
        if job is not None:
            extras = self.model.extras.get(job.id)
            self.result_view.show_job(job, extras.thumbnail if extras else None)

    def _thumbnail_ready(self, job_id: int, image: QImage) -> None:
        from PySide6.QtGui import QPixmap

        if image.isNull():
            return
        pixmap = QPixmap.fromImage(image)
        self.model.set_thumbnail(job_id, pixmap)
        job = self.result_view.job
        if job is not None and job.id == job_id and job.prepared is None:
            self.result_view.show_job(job, pixmap)

    def _mark_copied(self, job: Job) -> None:
        extras = self.model.extras.get(job.id)
        if extras is not None:
            extras.copied = True

    def _mark_edited(self, job: Job) -> None:
        """An edit after a copy or export is unsaved again: quitting asks once more."""
        extras = self.model.extras.get(job.id)
        if extras is not None:
            extras.copied = extras.exported = False

    def unsaved_results(self) -> list[Job]:
        """Finished results that were never copied or exported."""
        if self._parts is None:
            return []
        from pictotext_desktop.jobs import JobState

        return [j for j in self.model.jobs
                if j.state == JobState.DONE and j.record is not None and j.record.ok
                and j.id not in self.merged_into
                and not (self.model.extras.get(j.id) and (self.model.extras[j.id].copied
                                                          or self.model.extras[j.id].exported))]

    def export(self, *, every: bool = False) -> Path | None:
        """Export the selected results (two or more), else all; `every`: all anyway."""
        from pictotext_desktop.jobs import JobState

        # One record per input, as the CLI writes: a failed one as its error, so no
        # person silently drops out of the file.
        ended = (JobState.DONE, JobState.FAILED)
        selected = [] if every else [j for j in self.queue_view.selected_jobs()
                                     if j.state in ended and j.record is not None]
        # A side whose merged row is exported too is in that row's record already.
        in_rows = {p.id for j in selected for p in self.merge_parts.get(j.id, ())}
        selected = [j for j in selected if j.id not in in_rows]
        jobs = selected if len(selected) > 1 else [
            j for j in self.model.jobs
            if j.state in ended and j.record is not None and j.id not in self.merged_into]
        if not any(j.state == JobState.DONE for j in jobs):
            self.show_message(self.tr("There are no finished results to export yet."))
            return None
        path = self.ask_save_path()
        if path is None:
            return None
        from pictotext_desktop import export

        try:
            notes = export.write([j.record for j in jobs if j.record is not None], path)
        except PicToTextError as exc:
            self.show_error(exc)
            return None
        except OSError as exc:
            self.show_message(self.tr("Could not write {path}: {why}").format(
                path=path, why=exc.strerror or type(exc).__name__))
            return None
        for job in jobs:
            for done in (job, *self.merge_parts.get(job.id, ())):
                extras = self.model.extras.get(done.id)
                if extras is not None:
                    extras.exported = True
        self.statusBar().showMessage(self.tr("Exported {n} result(s) to {path}").format(
            n=len(jobs), path=path), 8000)
        if notes:  # what had to change to fit the format: said on the file's Notes sheet
            self.show_message(self.tr("Not everything fitted the spreadsheet as it was: the "
                                      "Notes sheet of {path} says what was changed.")
                              .format(path=path))
        return path

    def merge_selected(self) -> Job | None:
        from pictotext_desktop.ui.language import tr_error

        jobs = self.queue_view.selected_jobs()
        if len(jobs) != 2 or not all(j.record is not None and j.record.ok for j in jobs):
            self.show_message(self.tr("Select the two finished sides of one card to merge."))
            return None
        merged = [j for j in jobs if j.id in self.merged_into or j.id in self.merge_parts]
        if merged:
            self.show_message(self.tr(
                "{name} is merged already: delete its merged row to merge it again."
            ).format(name=merged[0].source.display_name))
            return None
        try:
            return self._merge(jobs[0], jobs[1])
        except PicToTextError as exc:
            self.show_message(tr_error(exc.message))
            return None

    def _merge(self, first: Job, second: Job, merged: Record | None = None) -> Job:
        """A merged row after the sides' rows; it keeps both sides (`merge_parts`), which
        stay in the queue but are exported through the merged row only."""
        from pictotext_desktop.imaging import Source
        from pictotext_desktop.jobs import Job, JobState
        from pictotext_desktop.merge import FRONT, merge_records, side

        assert first.record is not None and second.record is not None
        if merged is None:
            merged = merge_records(first.record, second.record)  # refuses two fronts etc.
        front, back = (first, second) if side(first.record) == FRONT else (second, first)
        name = self.tr("{a} + {b}").format(a=front.source.display_name,
                                            b=back.source.display_name)
        job = Job(source=Source(name=name, data=b""), document_type=merged.document_type,
                  state=JobState.DONE, record=merged, engine=merged.engine)
        job.prepared = front.prepared
        self.model.add([job])
        extras = self.model.extras.get(front.id)
        if extras is not None and extras.thumbnail is not None:
            self.model.set_thumbnail(job.id, extras.thumbnail)
        self.merged_into.update({front.id, back.id})
        self.merge_parts[job.id] = (front, back)
        self._update_counts()
        return job

    def _unmerge(self, job: Job) -> tuple[Job, Job] | None:
        """Take a merged row apart: the row goes, its two sides are rows and results again
        (put back in the queue if they had been deleted).  None if `job` is not merged."""
        parts = self.merge_parts.pop(job.id, None)
        if parts is None:
            return None
        for part in parts:
            self.merged_into.discard(part.id)
            if self.model.row_of(part.id) < 0:
                self.model.add([part])
                if part.source.path is not None:
                    self._seen_paths.add(_path_key(part.source.path))
        self.model.remove([job])
        self._selection_changed()
        self._update_counts()
        return parts

    def auto_merge(self) -> list[Job]:
        """Merge finished front/back sides by the one rule the CLI uses too
        (merge.merge_front_back: names propose, what was read decides)."""
        from pictotext_desktop.merge import merge_front_back
        from pictotext_desktop.records import Record

        rows = [j for j in self.model.jobs
                if j.id not in self.merged_into and j.id not in self.merge_parts]
        records = [j.record or Record(source=j.source.display_name,
                                      document_type=j.document_type) for j in rows]
        job_of = {id(r): j for r, j in zip(records, rows, strict=True)}
        made: list[Job] = []

        def add(merged: Record, front: Record, back: Record) -> None:
            made.append(self._merge(job_of[id(front)], job_of[id(back)], merged))

        merge_front_back(records, on_merge=add)
        return made

    # ==================================================================================
    # Settings, engine, document type
    # ==================================================================================
    def _initial_type(self) -> str:
        from pictotext_desktop import catalog

        value = self.store.get("document_type")
        try:
            catalog.get(value)
        except catalog.UnknownDocumentType:
            return catalog.DEFAULT_TYPE
        return str(value)

    def _type_changed(self, value: str) -> None:
        if value != self.store.get("document_type"):
            self.store.set("document_type", value)
        self._update_key_status()

    def _engine_changed(self, index: int) -> None:
        value = self.engine_choice.itemData(index)
        if value and value != self.store.get("engine"):
            self.store.set("engine", value)
            self._reconfigure()
        self._update_key_status()

    def open_settings(self) -> None:
        """The Settings dialog (keys, engine, limits); a key change resumes a paused queue."""
        from pictotext_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.store, self.keystore, self.session.build_client, self)
        dialog.keys_changed.connect(self.keys_changed)
        dialog.settings_changed.connect(self.settings_changed)
        self.settings_dialog = dialog
        dialog.show()

    def keys_changed(self, *args: Any) -> None:
        """A key was added or replaced: refresh, and resume a queue an auth error paused."""
        self.keystore.refresh()
        self._reconfigure()
        self._update_key_status()
        if self.paused and self.waiting_jobs():
            dialog = self.last_error_dialog
            if dialog is not None and dialog.isVisible():
                dialog.accept()
            self.start()

    def settings_changed(self, *args: Any) -> None:
        index = self.engine_choice.findData(self.store.get("engine"))
        if index >= 0:
            self.engine_choice.blockSignals(True)
            self.engine_choice.setCurrentIndex(index)
            self.engine_choice.blockSignals(False)
        level = str(self.store.get("log_level"))
        if level != self._log_level:
            self._log_level = level
            self._apply_log_level(level)
        self._reconfigure()
        self._update_key_status()
        apply_theme(str(self.store.get("theme")))  # [theme] the Settings override, live

    @staticmethod
    def _apply_log_level(level: str) -> None:
        """A new log level takes effect now, in the same log file."""
        from pictotext_desktop import logs

        current = logs.current_log_file()
        logs.setup(level, current.parent if current is not None else None)

    # ==================================================================================
    # Status texts and enabled actions
    # ==================================================================================
    def engine_text(self) -> str:
        from pictotext_desktop.engines.router import engine_name

        mode = self.store.get("engine")
        if mode == "cloud":
            return self.tr("PicToText cloud")
        if mode == "local":
            return self.tr("On this computer")
        from pictotext_desktop.engines.router import LOCAL_TYPES

        has_key = self._keystore is not None and self.keystore.has_any_key()
        if engine_name(mode, has_key, self.doc_type.value()) == "cloud":
            if has_key and self.doc_type.value() in LOCAL_TYPES:
                # Readable on this computer, yet uploaded because a key is set: say so.
                return self.tr("Automatic (PicToText cloud, because a key is set)")
            return self.tr("Automatic (PicToText cloud)")
        return self.tr("Automatic (on this computer)")

    def _update_key_status(self) -> None:
        from pictotext_desktop import catalog

        keystore = self.keystore
        masked = keystore.masked("primary") or keystore.masked("secondary")
        if masked:
            key_text = self.tr("Key: {masked}").format(masked=masked)
            source = keystore.source("primary")
            if source == "env":
                key_text += self.tr(" (from PICTOTEXT_API_KEY)")
        else:
            key_text = self.tr("No key yet — set one in Settings")
        self.key_status.setText(key_text)
        self.engine_status.setText(self.tr("Engine: {name}").format(name=self.engine_text()))
        lines = [self.tr("Reads with: {engine}").format(engine=self.engine_text()), key_text]
        mode = self.store.get("engine")
        if not masked and mode != "cloud" and self.doc_type.value() == catalog.DEFAULT_TYPE:
            lines.append(self.tr("Chinese ID cards are read on this computer; nothing is "
                                 "uploaded."))
        elif not masked and mode != "local":
            lines.append(self.tr("This document type is read by the PicToText cloud and "
                                 "needs a key (Ctrl+, opens Settings)."))
        self.drop_zone.set_status("\n".join(lines))
        self._update_rotation_note()

    def _update_rotation_note(self) -> None:
        """A gentle note when the key in use is 90+ days old (the docs' rotation advice)."""
        from PySide6.QtCore import QCoreApplication

        from pictotext_desktop.credentials import ROTATION_DAYS

        keystore = self.keystore
        slot = next((s for s in (keystore.active_slot, "primary", "secondary")
                     if keystore.masked(s)), None)
        age = keystore.age_days(slot) if slot is not None else None
        due = slot is not None and age is not None and keystore.rotation_due(slot)
        self.rotation_status.setVisible(due)
        if not due:
            self.rotation_status.clear()
            self.rotation_status.setToolTip("")
            return
        self.rotation_status.setText(
            self.tr("Key is {days} days old: consider a new one (Settings)").format(days=age))
        # The Settings dialog's sentence, already translated there, says what to do.
        self.rotation_status.setToolTip(QCoreApplication.translate(
            "KeySlotBox", "This key is %1 days old. PicToText recommends rotating keys every "
            "%2 days: create a new key in the dashboard and replace this one.")
            .replace("%1", str(age)).replace("%2", str(ROTATION_DAYS)))

    def _update_counts(self) -> None:
        from pictotext_desktop.jobs import JobState

        counts = self.model.counts()
        self._show_counts(counts[JobState.WAITING],
                          sum(n for state, n in counts.items() if state.busy),
                          counts[JobState.DONE], counts[JobState.FAILED])

    def _show_counts(self, waiting: int, busy: int, done: int, failed: int) -> None:
        parts = [self.tr("{n} waiting").format(n=waiting),
                 self.tr("{n} working").format(n=busy),
                 self.tr("{n} done").format(n=done),
                 self.tr("{n} failed").format(n=failed)]
        self.counts_status.setText(" · ".join(parts))
        self.calls_status.setText(self.tr("Calls this session: {n}").format(
            n=self.calls_this_session))

    def _update_actions(self) -> None:
        from pictotext_desktop.jobs import JobState

        running = self._uploader is not None and self._uploader.running
        has_waiting = any(j.state == JobState.WAITING for j in self.model.jobs)
        has_failed = any(j.state.retryable for j in self.model.jobs)
        self.act_start.setEnabled(has_waiting and (not running or self.paused))
        self.act_pause.setEnabled(running and not self.paused)
        self.act_cancel.setEnabled(running or has_waiting)
        self.act_retry.setEnabled(has_failed)
        self.act_remove.setEnabled(bool(self.queue_view.selected_jobs()))
        self.act_clear.setEnabled(any(j.state.finished for j in self.model.jobs))
        self.act_export.setEnabled(any(j.state == JobState.DONE for j in self.model.jobs))

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
        from PySide6.QtCore import Qt

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.help_dialog = dialog
        dialog.show()

    def open_log_folder(self) -> Path:
        """Open the folder of the log files in the file manager (created if missing)."""
        from pictotext_desktop import logs

        current = logs.current_log_file()
        folder = current.parent if current is not None else logs.default_log_dir()
        with contextlib.suppress(OSError):  # if it fails the file manager says so
            folder.mkdir(parents=True, exist_ok=True)
        self.open_url(folder.as_uri())
        return folder

    # ==================================================================================
    # Dialog hooks and closing
    # ==================================================================================
    def _confirm_dialog(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        # No is the default: Enter must never be the answer that throws work away.
        answer = QMessageBox.question(self, title, text, buttons.Yes | buttons.No, buttons.No)
        return answer == buttons.Yes

    def _save_dialog(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export results"), "pictotext-results.xlsx",
            self.tr("Excel (*.xlsx);;CSV (*.csv);;JSON (*.json);;JSON Lines (*.jsonl)"))
        return Path(name) if name else None

    def _open_files_dialog(self) -> list[Path]:
        from PySide6.QtWidgets import QFileDialog

        from pictotext_desktop.ui.intake import file_dialog_filter

        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Open images"), "", file_dialog_filter())
        return [Path(n) for n in names]

    def _folder_dialog(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(self, self.tr("Open a folder of images"))
        return Path(name) if name else None

    def closeEvent(self, event: QCloseEvent) -> None:
        running = self._uploader is not None and self._uploader.running
        if running and not self.confirm(
                self.tr("Quit while reading?"),
                self.tr("Images are still being read. Quit anyway? Unfinished images are "
                        "not sent.")):
            event.ignore()
            return
        if not running and not self._may_quit_unsaved():
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def _may_quit_unsaved(self) -> bool:
        """Results never copied or exported, or images still waiting: ask, with Cancel as
        the default; Export… quits only once the export succeeded."""
        unsaved = len(self.unsaved_results())
        waiting = len(self.waiting_jobs()) if self._parts is not None else 0
        if not unsaved and not waiting:
            return True
        if unsaved and waiting:
            text = self.tr("{n} result(s) not copied or exported and {m} image(s) still "
                           "waiting.").format(n=unsaved, m=waiting)
        elif unsaved:
            text = self.tr("{n} result(s) were never copied or exported.").format(n=unsaved)
        else:
            text = self.tr("{m} image(s) still waiting to be read.").format(m=waiting)
        answer = self.ask_quit(self.tr("Quit without saving?"), text, unsaved > 0)
        if answer == "export":
            return self.export(every=True) is not None
        return answer == "quit"

    def _quit_dialog(self, title: str, text: str, can_export: bool) -> str:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        export = box.addButton(self.tr("&Export…"), QMessageBox.ButtonRole.AcceptRole) \
            if can_export else None
        discard = box.addButton(self.tr("&Quit without saving"),
                                QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if export is not None and clicked is export:
            return "export"
        return "quit" if clicked is discard else "cancel"

    def shutdown(self) -> None:
        """End the upload thread and thumbnail pool cleanly (no thread left running)."""
        self._closing = True
        if self._uploader is not None:
            self._uploader.shutdown()
        if self._parts is not None:
            self._parts.thumbnails.wait(5000)


def _path_key(path: Path) -> Path:
    """What makes two paths the same file for the queue (absolute if it cannot resolve)."""
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _log_batch_end(jobs: list[Job]) -> None:
    """One INFO line when the queue stops: counts by state only, never a value (support
    reads where a session stood; end-to-end tests wait for it)."""
    import logging
    from collections import Counter

    counts = Counter(str(job.state) for job in jobs)
    logging.getLogger(__name__).info(
        "batch finished: %s", ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))


def _needs_dialog(error: PicToTextError) -> bool:
    """Service, network and engine problems get the dialog; a bad image only its row."""
    if isinstance(error, ImageInputError):
        return False
    return error.category not in (Category.INPUT, Category.NOT_SENT)


def _open_url(url: str) -> object:
    """The system's handler for a file:// folder or a web page."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl(url))
