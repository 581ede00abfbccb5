"""The main window: layout, actions, and the views of what the queue controller reports.

No step of the scan is done here: sources come from `intake`, read in off the GUI thread
(`window_intake`, `intake_runner`: drops, pastes, dialogs, watched files); the jobs, their state
transitions, merged rows and Undo belong to `queue_controller.QueueController`, which
runs them in the `worker.Uploader` thread (jobs.BatchRunner) and reports by signals;
fields are shown by `result_view`, status texts are worded by `status_text`, questions
and errors by `dialogs`.  What can block or ask (confirmations, file dialogs) goes
through small hooks (`confirm`, `ask_quit`, `ask_export`, `ask_open_paths`,
`ask_folder`) so tests drive the window without modal loops.

Start-up is in two steps so the first paint costs little more than a bare QMainWindow:
the constructor builds only the chrome (menus, toolbar, top row, status bar: its base
class `window_chrome.WindowChrome`) and the drop zone, importing nothing but a few Qt
classes (no `Qt` namespace, no catalog, jobs, imaging or view modules). Right after the
first paint `ensure_built()` imports and builds the rest (document type selector, queue,
result view, shortcuts) in place of same-sized placeholders, so nothing moves.
Everything that needs those parts reaches them through properties that build on demand,
so a drop, a paste or a test that uses the window at once never waits for, or loses to,
the deferred step; `when_ready()` queues work (command-line paths) until it has run. The
controller is one of those parts: it imports the jobs and the scan's wiring, so it is
built after the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pictotext_desktop import APP_NAME, logs
from pictotext_desktop.errors import PicToTextError
from pictotext_desktop.ui import dialogs, status_text
from pictotext_desktop.ui.theme import apply_theme
from pictotext_desktop.ui.window_chrome import WindowChrome
from pictotext_desktop.ui.window_intake import WindowIntake

if TYPE_CHECKING:
    from PySide6.QtGui import (
        QCloseEvent,
        QImage,
    )
    from PySide6.QtWidgets import QDialog, QSplitter

    from pictotext_desktop.jobs import Job, JobEvent
    from pictotext_desktop.session import ScanSession
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.ui import folder_watch, restore_offer
    from pictotext_desktop.ui.doc_type_selector import DocTypeSelector
    from pictotext_desktop.ui.error_dialog import ErrorDialog
    from pictotext_desktop.ui.intake import Intake
    from pictotext_desktop.ui.key_status import KeyStatus
    from pictotext_desktop.ui.queue_controller import QueueController
    from pictotext_desktop.ui.queue_view import QueueModel, QueueView
    from pictotext_desktop.ui.result_view import ResultView
    from pictotext_desktop.ui.settings_dialog import SettingsDialog
    from pictotext_desktop.ui.thumbnails import ThumbnailMaker
    from pictotext_desktop.ui.undo_bar import UndoBar
    from pictotext_desktop.ui.worker import Uploader

DEFAULT_SIZE = (1100, 720)


@dataclass
class _Parts:
    """What `ensure_built()` adds after the first paint."""

    intake: Intake
    model: QueueModel
    controller: QueueController
    thumbnails: ThumbnailMaker
    doc_type: DocTypeSelector
    splitter: QSplitter
    queue_view: QueueView
    result_view: ResultView
    key_state: KeyStatus


class MainWindow(WindowIntake, WindowChrome):
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
        self.last_error_dialog: ErrorDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.help_dialog: QDialog | None = None  # the last About / privacy dialog
        self.last_message = ""
        self._closing = False
        self._parts: _Parts | None = None
        self._building = False
        self._after_build: list[Callable[[], Any]] = []
        self._undo_bar: UndoBar | None = None  # built at the first removal
        self._settings_wanted = False  # Settings waits for the key status (ui/key_status)
        # Hooks (replaced in tests): yes/no question, and file dialogs.
        self.confirm: Callable[[str, str], bool] = self._confirm_dialog
        # Quitting with results not saved: "export", "quit" or "cancel" (title, text, can export)
        self.ask_quit: Callable[[str, str, bool], str] = self._quit_dialog
        self.ask_export: Any = None  # Export's choice (ui/export_dialog.py); None: the dialog
        self.ask_open_paths: Callable[[], list[Path]] = self._open_files_dialog
        self.ask_folder: Callable[[], Path | None] = self._folder_dialog
        # Opens a folder or web page in the system's app; tests replace it.
        self.open_url: Callable[[str], object] = dialogs.open_url
        self.result_keys: Any = None  # the store's key (store.KeyProvider); None: keyring
        self.folder_watch: folder_watch.FolderWatch | None = None  # after the first paint
        self.restore_prompt: restore_offer.RestoreOffer | None = None
        self._log_level = str(store.get("log_level"))

        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.resize(*DEFAULT_SIZE)
        self.setAcceptDrops(True)

        self._selected_dirty = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(40)
        self._refresh_timer.timeout.connect(self._coalesced_refresh)
        self._build_shell()
        self._build_actions()
        self._build_status_bar()
        # The rest is built right after the drop zone's first paint (see _first_paint).
        self.drop_zone.painted.connect(self._first_paint)

    # ==================================================================================
    # Construction, step 2: after the first paint, or on demand
    # ==================================================================================
    def _first_paint(self) -> None:
        self.drop_zone.painted.disconnect(self._first_paint)
        # 0 ms: the next event-loop turn, after this paint reached the screen.
        QTimer.singleShot(0, self._build_after_paint)

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
        from PySide6.QtWidgets import QSplitter

        from pictotext_desktop.ui.doc_type_selector import DocTypeSelector
        from pictotext_desktop.ui.intake import Intake
        from pictotext_desktop.ui.key_status import KeyStatus
        from pictotext_desktop.ui.queue_controller import QueueController
        from pictotext_desktop.ui.queue_view import QueueModel, QueueView
        from pictotext_desktop.ui.result_view import ResultView
        from pictotext_desktop.ui.thumbnails import ThumbnailMaker

        intake = Intake()
        model = QueueModel(self)
        controller = QueueController(self.store, model, keystore=self._keystore,
                                     local_factory=self._local_factory, parent=self)
        thumbnails = ThumbnailMaker(96, self)  # asked for as rows are shown (lazily)
        thumbnails.ready.connect(self._thumbnail_ready)
        thumbnails.dropped.connect(model.thumbnail_dropped)
        model.thumbnail_wanted = thumbnails.request

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
        self._parts = _Parts(intake=intake, model=model, controller=controller,
                             thumbnails=thumbnails,
                             doc_type=doc_type, splitter=splitter, queue_view=queue_view,
                             result_view=result_view, key_state=KeyStatus(self))
        self._parts.key_state.known.connect(self._key_known)
        # Connected once the parts exist: the slots reach them through the properties.
        doc_type.type_changed.connect(self._type_changed)
        queue_view.selectionModel().selectionChanged.connect(self._selection_changed)
        result_view.rotate_requested.connect(self.rotate_job)
        result_view.connect_to(controller)  # copies, edits, a card's corners
        self._connect_controller(controller)
        from pictotext_desktop.ui.privacy_wiring import PrivacyWiring  # masks, notes, purge
        self.privacy = PrivacyWiring(self)
        # Copy confirmations in the status bar; F8 / Shift+F8 / Ctrl+T; the Tab chain.
        result_view.notice.connect(lambda text: self.statusBar().showMessage(text, 4000))
        from pictotext_desktop.ui import keyboard  # needs the views: not before first paint
        self._keyboard_actions = keyboard.install(self, self, self.act_start)
        QWidget.setTabOrder(doc_type, self.engine_choice)
        QWidget.setTabOrder(self.engine_choice, queue_view)

        self._finish_chrome()
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
    def controller(self) -> QueueController:
        return self._parts_now().controller

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

    @property
    def key_state(self) -> KeyStatus:
        """The key's status, read off the GUI thread (ui/key_status.py)."""
        return self._parts_now().key_state

    # ==================================================================================
    # The queue controller and the scan's wiring (ui/queue_controller.py)
    # ==================================================================================
    def _delayed_init(self) -> None:
        """After the first paint: key status (keyring, in a thread) and the upload thread."""
        if self._closing:
            return
        self.key_state.ensure_read()
        self.controller.open_results(self.result_keys)
        _ = self.uploader
        _ = self.intake_runner  # its thread waits for the first drop
        from pictotext_desktop.ui.folder_watch import FolderWatch
        self.folder_watch = FolderWatch(self)
        self._show_settings_problems()

    def _show_settings_problems(self) -> None:
        """Say once, at start, that the settings file could not be used (and where it went)."""
        problems = list(self.store.load_problems)
        if problems:
            self.show_message(self.tr("Your settings file could not be fully used:\n{details}")
                              .format(details="\n".join(problems)))

    def _connect_controller(self, controller: QueueController) -> None:
        """The controller reports; the window decides what the person sees."""
        controller.jobs_added.connect(self._jobs_added)
        controller.jobs_removed.connect(self._jobs_removed)
        controller.jobs_restored.connect(self._jobs_restored)
        controller.job_changed.connect(self._job_changed)
        controller.focus_requested.connect(self._focus_job)
        controller.results_changed.connect(self._refresh_selected)
        controller.state_changed.connect(self._state_changed)
        controller.undo_changed.connect(self._undo_changed)
        controller.error_raised.connect(self.show_error)
        controller.message.connect(self.show_message)
        controller.engine_progress.connect(self._engine_progress)
        controller.batch_finished.connect(self.batch_finished)
        from pictotext_desktop.ui import restore_offer  # after the first paint: Qt's enums
        restore_offer.attach(self, controller)  # the store's offer and notes
        from pictotext_desktop.ui import batch_progress, queue_pause
        self.batch_progress = batch_progress.attach(self, controller)  # status bar: n of m
        self.pause_banner = queue_pause.attach(controller, self.centralWidget(),
                                               self.open_settings)  # above the queue

    @property
    def session(self) -> ScanSession:
        return self.controller.session

    @property
    def keystore(self) -> Any:
        return self.controller.keystore

    @property
    def uploader(self) -> Uploader:
        return self.controller.uploader

    @property
    def relay(self) -> QueueController:
        """Emits `engine_progress` (the on-device reader's loading steps)."""
        return self.controller

    @property
    def paused(self) -> bool:
        return self._parts is not None and self._parts.controller.paused

    @property
    def calls_this_session(self) -> int:
        return self._parts.controller.calls_this_session if self._parts is not None else 0

    @property
    def merge_parts(self) -> dict[int, tuple[Job, Job]]:
        return self.controller.merge_parts

    @property
    def merged_into(self) -> set[int]:
        return self.controller.merged_into

    # ==================================================================================
    # Getting images in
    # ==================================================================================
    # drops, pastes, dialogs: ui/window_intake.py (read in by the intake thread)

    # ==================================================================================
    # The queue: actions hand over to the controller, its reports update the views
    # ==================================================================================
    def waiting_jobs(self) -> list[Job]:
        return self.controller.waiting_jobs()

    def start(self) -> bool:
        """Start (or resume) sending what is waiting, and what was cancelled."""
        return self.controller.start(restart_cancelled=True)

    def pause(self) -> None:
        self.controller.pause()
        self.statusBar().showMessage(self.tr("Paused: press Start to go on."), 5000)

    def cancel(self) -> None:
        self.controller.cancel()

    def retry_failed(self) -> None:
        self.controller.retry_failed()

    def remove_selected(self) -> None:
        self.controller.remove(self.queue_view.selected_jobs())

    def clear_finished(self) -> None:
        self.controller.clear_finished()

    def read_again(self) -> None:
        self.controller.read_again(self.queue_view.selected_jobs())

    def undo_remove(self) -> int:
        """Put the last removed rows back (see QueueController.undo); how many came back."""
        return len(self.controller.undo())

    def rotate_job(self, job: Job, degrees: int) -> None:
        self.controller.rotate_job(job, degrees)

    def auto_merge(self) -> list[Job]:
        return self.controller.auto_merge()

    @property
    def undo_bar(self) -> UndoBar:
        """The bar above the queue that offers to undo the last removal."""
        if self._undo_bar is None:
            from pictotext_desktop.ui.undo_bar import UndoBar

            self._undo_bar = UndoBar()
            self._undo_bar.undo_requested.connect(self.undo_remove)
            self._undo_bar.dismissed.connect(lambda: self.controller.drop_undo())
            central = self.centralWidget()
            layout = central.layout() if central is not None else None
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(1, self._undo_bar)  # between the top row and the queue
        return self._undo_bar

    def _undo_changed(self, count: int) -> None:
        self.act_undo.setEnabled(count > 0)
        if count:
            self.undo_bar.show_removed(count)
        elif self._undo_bar is not None:
            self._undo_bar.clear()

    def _jobs_removed(self, jobs: list[Job]) -> None:
        if not self.model.jobs:
            self.stack.setCurrentWidget(self.drop_zone)
        self._selection_changed()
        self._update_actions()  # the queue's rows changed, not only the selection

    def _jobs_restored(self, jobs: list[Job]) -> None:
        self.stack.setCurrentWidget(self.splitter)
        self.queue_view.selectRow(self.model.row_of(jobs[0].id))
        self._selection_changed()
        self._update_actions()

    def _focus_job(self, job: Job) -> None:
        self.queue_view.selectRow(self.model.row_of(job.id))

    def _state_changed(self) -> None:
        self._update_counts()
        self._update_actions()

    def _job_changed(self, job: Job, event: JobEvent) -> None:
        """Cheap per event; the result view and counts are refreshed by a coalescing timer."""
        from PySide6.QtGui import QGuiApplication

        from pictotext_desktop.jobs import JobState
        from pictotext_desktop.ui.result_view import label_lines

        if event.state == JobState.DONE and self.store.get("auto_copy") and job.record:
            QGuiApplication.clipboard().setText(label_lines(
                self.result_view.shown_record(job.record)))
            self.controller.mark_copied(job)
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

    # ==================================================================================
    # Errors and messages
    # ==================================================================================
    def show_error(self, error: PicToTextError, job: Job | None = None) -> ErrorDialog | None:
        """Show the one error dialog (never a second one while it is open)."""
        from pictotext_desktop.ui import dialogs

        current = self.last_error_dialog
        if current is not None and current.isVisible():
            return None
        context = dialogs.report_context(job, self.model.jobs,
                                         self.key_state.keystore_for_report(),
                                         self.doc_type.value())
        from pictotext_desktop.ui.queue_pause import offers_for

        dialog = dialogs.error_dialog(self, error, context,
                                      open_url=lambda url: self.open_url(url),
                                      on_retry=self._retry_from_dialog,
                                      on_settings=self.open_settings,
                                      offers=offers_for(self.controller, error))
        self.last_error_dialog = dialog
        dialog.show()
        self.error_shown.emit(dialog)
        return dialog

    def _retry_from_dialog(self) -> None:
        self.keystore.refresh()
        self.key_state.refresh()  # the keyring may have been unlocked meanwhile
        self.retry_failed()

    def show_message(self, text: str) -> None:
        """An information message that does not block (what a drop skipped, etc.)."""
        from pictotext_desktop.ui import dialogs

        self.last_message = text
        self.statusBar().showMessage(text.split("\n")[0], 10_000)
        dialogs.information(self, text)
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
        # Only Remove depends on the selection (the others on the queue's states: a pass
        # over every row, 3-8 ms of each selection in a queue of 1,000).
        self.act_remove.setEnabled(bool(self.queue_view.selected_jobs()))

    def _refresh_selected(self) -> None:
        self._selected_dirty = False  # shown now: the coalesced refresh need not again
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

    def unsaved_results(self) -> list[Job]:
        """Finished results that were never copied or exported."""
        if self._parts is None:
            return []
        return self.controller.unsaved_results()

    def export(self, *, every: bool = False) -> Path | None:
        """Export the selected results (two or more), else all (ui/export_dialog.py)."""
        from pictotext_desktop.ui.export_dialog import export_from

        return export_from(self, every=every)

    def merge_selected(self) -> Job | None:
        return self.controller.merge(self.queue_view.selected_jobs())

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

    def _reconfigure(self) -> None:
        if self._parts is not None:
            self._parts.controller.reconfigure()

    def open_settings(self) -> None:
        """The Settings dialog (keys, engine, limits); a key change resumes a paused queue."""
        from pictotext_desktop.ui.settings_dialog import SettingsDialog

        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()  # one at a time: the open one comes forward
            self.settings_dialog.activateWindow()
            return
        if self.key_state.pending:  # the dialog reads the keystore in this thread: wait
            self._settings_wanted = True
            self.key_state.ensure_read()
            self.statusBar().showMessage(self.tr("Settings open once the API key is "
                                                 "checked…"), 10_000)
            return
        dialog = SettingsDialog(self.store, self.keystore, self.session.build_client, self)
        dialog.keys_changed.connect(self.keys_changed)
        dialog.settings_changed.connect(self.settings_changed)
        self.privacy.settings_opened(dialog)
        self.settings_dialog = dialog
        dialog.show()

    def _key_known(self) -> None:
        if self._settings_wanted and not self._closing:
            self._settings_wanted = False
            self.statusBar().clearMessage()
            self.open_settings()

    def keys_changed(self, *args: Any) -> None:
        """A key was added or replaced: refresh, and resume a queue an auth error paused."""
        self.keystore.refresh()
        self._reconfigure()
        self.key_state.refresh()
        if self.paused and self.waiting_jobs():
            dialog = self.last_error_dialog
            if dialog is not None and dialog.isVisible():
                dialog.accept()
            self.controller.start()  # what waits; cancelled rows stay cancelled

    def settings_changed(self, *args: Any) -> None:
        index = self.engine_choice.findData(self.store.get("engine"))
        if index >= 0:
            self.engine_choice.blockSignals(True)
            self.engine_choice.setCurrentIndex(index)
            self.engine_choice.blockSignals(False)
        level = str(self.store.get("log_level"))
        if level != self._log_level:
            self._log_level = level
            logs.change_level(level)
        self._reconfigure()
        self._update_key_status()
        if self.folder_watch is not None:
            self.folder_watch.apply()
        apply_theme(str(self.store.get("theme")))  # the Settings override, live

    # ==================================================================================
    # Status texts and enabled actions (worded in ui/status_text.py)
    # ==================================================================================
    def engine_text(self) -> str:
        return self.key_state.engine_text()

    def _update_key_status(self) -> None:
        """The key status as last read (no keyring here: ui/key_status.py reads it)."""
        self.key_state.show()

    def _update_counts(self) -> None:
        self._show_counts(*status_text.counts_of(self.model.counts()))

    def _show_counts(self, *counts: int) -> None:  # waiting, busy, done, failed, cancelled
        self.counts_status.setText(status_text.counts_text(*counts))
        self.calls_status.setText(status_text.calls_text(self.calls_this_session))

    def _update_actions(self) -> None:
        controller = self.controller
        enabled = status_text.enabled_actions(
            self.model.jobs, running=controller.running, paused=controller.paused,
            selection=bool(self.queue_view.selected_jobs()))
        self.act_start.setEnabled(enabled.start)
        self.act_pause.setEnabled(enabled.pause)
        self.act_cancel.setEnabled(enabled.cancel)
        self.act_retry.setEnabled(enabled.retry)
        self.act_remove.setEnabled(enabled.remove)
        self.act_clear.setEnabled(enabled.clear)
        self.act_export.setEnabled(enabled.export)

    # ==================================================================================
    # Dialog hooks (ui/dialogs.py) and closing
    # ==================================================================================
    def _confirm_dialog(self, title: str, text: str) -> bool:
        return dialogs.confirm(self, title, text)

    def _open_files_dialog(self) -> list[Path]:
        return dialogs.open_paths(self)

    def _folder_dialog(self) -> Path | None:
        return dialogs.folder(self)

    def _quit_dialog(self, title: str, text: str, can_export: bool) -> str:
        return dialogs.quit_question(self, title, text, can_export)

    def closeEvent(self, event: QCloseEvent) -> None:
        running = self._parts is not None and self._parts.controller.running
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
        text = dialogs.quit_text(unsaved, waiting)
        if text is None:
            return True
        answer = self.ask_quit(self.tr("Quit without saving?"), text, unsaved > 0)
        if answer == "export":
            return self.export(every=True) is not None
        return answer == "quit"

    def shutdown(self) -> None:
        """End the intake and upload threads and the thumbnail pool cleanly (no thread
        left running)."""
        self._closing = True
        if self.folder_watch is not None:
            self.folder_watch.stop()
        if self._intake_runner is not None:
            self._intake_runner.shutdown()
        if self._parts is not None:
            self._parts.result_view.shutdown()
            self._parts.controller.shutdown()
            self._parts.thumbnails.wait(5000)
