"""The main window's ways in: drops, pastes, the open dialogs, watched and command-line files.

A mixin of `main_window.MainWindow`.  What a person gives is read in by the intake thread
(`intake_runner.IntakeRunner`: folders listed, files sniffed, paths resolved, first bytes
read there), and its rows come in small turns, so the window stays usable while a folder
of a thousand photos is read in.  Only a pasted picture (bytes already in memory) is
queued at once.  `add_paths` does all of it in the caller's thread and returns the rows
added: for scripts and tests that want the rows at once.

New rows are scrolled into view as they come, unless the person scrolled up meanwhile
(they are looking at something): then the view stays where they put it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer

from pictotext_desktop.ui.drop_zone import accept_drag

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from pictotext_desktop.imaging import Source
    from pictotext_desktop.jobs import Job
    from pictotext_desktop.ui.intake import IntakeResult
    from pictotext_desktop.ui.intake_runner import IntakeRunner


def tr(text: str) -> str:
    """The window's strings keep the window's translation context."""
    return QCoreApplication.translate("MainWindow", text)


class WindowIntake:
    """Getting images in (see the module docstring); needs the window's parts."""

    controller: Any
    intake: Any
    doc_type: Any
    model: Any
    queue_view: Any
    stack: Any
    splitter: Any
    _closing: bool
    _intake_runner: IntakeRunner | None = None
    _follow_at: int | None = None  # where the last reveal left the scroll bar

    show_message: Callable[[str], None]  # the window's
    ask_open_paths: Callable[[], list[Path]]  # the window's hooks (replaced in tests)
    ask_folder: Callable[[], Path | None]

    @property
    def intake_runner(self) -> IntakeRunner:
        """The intake thread's side in the window (made on first use)."""
        if self._intake_runner is None:
            from pictotext_desktop.ui.intake_runner import IntakeRunner

            self._intake_runner = IntakeRunner(self.controller, self.show_message,
                                               self.controller)
            self._intake_runner.idle.connect(self._intake_idle)
        return self._intake_runner

    @property
    def reading_in(self) -> bool:
        """Files handed over are still being read in (their rows are not all there)."""
        return self._intake_runner is not None and self._intake_runner.busy

    def take_paths(self, paths: list[Path], *, said: IntakeResult | None = None,
                   must_exist: bool = False, if_nothing: str = "") -> bool:
        """Read `paths` in off the GUI thread (drops, dialogs, watched and command-line
        files); their rows come as they are ready.  False when closing."""
        if self._closing:
            return False
        if not self.reading_in:
            self._follow_at = None
        return self.intake_runner.take(paths, self.doc_type.value(), said=said,
                                       must_exist=must_exist, if_nothing=if_nothing)

    def add_paths(self, paths: list[Path]) -> int:
        """All of it now, in this thread (scripts and tests): the rows added."""
        from pictotext_desktop.ui.intake import from_paths

        return self.add_intake(from_paths(paths))

    def add_intake(self, result: IntakeResult) -> int:
        """Queue what `result` holds (each file once) and say what was skipped."""
        message = result.message()
        if message:
            self.show_message(message)
        return self.add_sources(result.sources)

    def add_sources(self, sources: list[Source]) -> int:
        return len(self.controller.add_sources(sources, self.doc_type.value()))

    def _jobs_added(self, jobs: list[Job]) -> None:
        self.stack.setCurrentWidget(self.splitter)
        if not self.queue_view.selectionModel().selectedRows():
            self.queue_view.selectRow(self.model.row_of(jobs[0].id))
        bar = self.queue_view.verticalScrollBar()
        if self.reading_in and self._follow_at is not None and bar.value() < self._follow_at:
            return  # the person scrolled up while a drop comes in: leave the view be
        self._reveal(jobs[-1])

    def _reveal(self, job: Job) -> None:
        """Scroll `job` into view once the rows just added are laid out (at once would
        stop at the old end), and note where that left the scroll bar."""
        from PySide6.QtCore import QPersistentModelIndex

        from pictotext_desktop.ui.queue_view import COL_NAME

        model = self.model
        index = QPersistentModelIndex(model.index(model.row_of(job.id), COL_NAME))
        view = self.queue_view

        def scroll() -> None:
            if index.isValid():
                view.scrollTo(model.index(index.row(), COL_NAME))
                self._follow_at = view.verticalScrollBar().value()

        QTimer.singleShot(0, view, scroll)

    def _intake_idle(self) -> None:
        self._follow_at = None

    def paste(self) -> int:
        """Paste a picture (queued at once) or copied files (read in like a drop): how
        many pictures or files were taken."""
        from PySide6.QtGui import QGuiApplication

        mime = QGuiApplication.clipboard().mimeData()
        read = self.intake.read_mime(mime, pasting=True)
        nothing = tr("The clipboard holds no picture and no image files.")
        if read.paths:  # pasted text: `nothing` is said if none of it names a file
            self.take_paths(read.paths, said=read.result, must_exist=read.must_exist,
                            if_nothing=nothing if read.must_exist else "")
            return len(read.paths)
        if not read.result.sources and not read.result.message():
            self.show_message(nothing)
            return 0
        return self.add_intake(read.result)

    def open_files(self) -> None:
        paths = self.ask_open_paths()
        if paths:
            self.take_paths(paths)

    def open_folder(self) -> None:
        folder = self.ask_folder()
        if folder is not None:
            self.take_paths([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        accept_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        read = self.intake.read_mime(event.mimeData())
        event.acceptProposedAction()
        if read.paths:
            self.take_paths(read.paths, said=read.result)
        else:
            self.add_intake(read.result)
