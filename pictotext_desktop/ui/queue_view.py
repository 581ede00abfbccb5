"""The queue: one row per job with thumbnail, name, status and progress.

`QueueModel` holds the jobs (the `Job` objects of jobs.py, updated by the runner) and the
GUI-only facts about them (thumbnail, copied/exported).  Jobs are looked up by id, so a
late event for a removed job is ignored.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.textsafe import shorten
from pictotext_desktop.ui.language import tr_error

COL_NAME, COL_STATUS, COL_PROGRESS = range(3)
PROGRESS = {
    JobState.WAITING: 0, JobState.PREPARING: 25, JobState.SENDING: 60, JobState.DONE: 100,
    JobState.FAILED: 100, JobState.NOT_SENT: 0, JobState.CANCELLED: 0,
}
JobRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("QueueView", text)


TOOLTIP_CHARS = 2_000


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` as written.

    Tooltips guess rich text like a QLabel does: a file name or a server message with
    `<img src=…>` would be rendered (and load the image).  Escaped into HTML, every
    character shows as itself.
    """
    escaped = html.escape(shorten(text, TOOLTIP_CHARS), quote=False)
    return "<qt>" + escaped.replace("\n", "<br>") + "</qt>"


def state_text(job: Job) -> str:
    """The status the person reads: 'failed: <reason>' carries the error's title."""
    labels = {
        JobState.WAITING: tr("waiting"),
        JobState.PREPARING: tr("preparing"),
        JobState.SENDING: tr("sending"),
        JobState.DONE: tr("done"),
        JobState.FAILED: tr("failed"),
        JobState.NOT_SENT: tr("not sent"),
        JobState.CANCELLED: tr("cancelled"),
    }
    text = labels[job.state]
    if job.state == JobState.FAILED and job.error is not None:
        text += ": " + tr_error(job.error.title)
        if job.error.message and job.error.message != job.error.explanation:
            text += f" ({tr_error(job.error.message)})"
    elif job.state == JobState.WAITING and job.error is not None:
        text = tr("waiting (paused: {reason})").format(
            reason=tr_error(job.error.title))
    return text


@dataclass
class RowExtras:
    thumbnail: QPixmap | None = None
    copied: bool = False
    exported: bool = False


class QueueModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs: list[Job] = []
        self.extras: dict[int, RowExtras] = {}

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.jobs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("Image"), tr("Status"), tr("Progress"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.jobs):
            return None
        job = self.jobs[index.row()]
        col = index.column()
        if role == JobRole:
            return job
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                return job.source.display_name
            if col == COL_STATUS:
                return state_text(job)
            if col == COL_PROGRESS:
                return PROGRESS[job.state]
        if role == Qt.ItemDataRole.DecorationRole and col == COL_NAME:
            extras = self.extras.get(job.id)
            return extras.thumbnail if extras and extras.thumbnail is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if job.error is not None:
                error = job.error
                return plain_tooltip("\n".join(tr_error(t) for t in (
                    error.title, error.message, error.action)))
            return plain_tooltip(str(job.source.path) if job.source.path
                                 else job.source.display_name)
        return None

    # -- changes -----------------------------------------------------------------------
    def add(self, jobs: list[Job]) -> None:
        if not jobs:
            return
        first = len(self.jobs)
        self.beginInsertRows(QModelIndex(), first, first + len(jobs) - 1)
        self.jobs.extend(jobs)
        for job in jobs:
            self.extras[job.id] = RowExtras()
        self.endInsertRows()

    def row_of(self, job_id: int) -> int:
        for row, job in enumerate(self.jobs):
            if job.id == job_id:
                return row
        return -1

    def job_updated(self, job: Job) -> None:
        row = self.row_of(job.id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 2))

    def set_thumbnail(self, job_id: int, pixmap: QPixmap) -> None:
        extras = self.extras.get(job_id)
        if extras is None:
            return
        extras.thumbnail = pixmap
        row = self.row_of(job_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def remove(self, jobs: list[Job]) -> None:
        ids = {j.id for j in jobs}
        for row in sorted((r for r, j in enumerate(self.jobs) if j.id in ids), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            job = self.jobs.pop(row)
            self.extras.pop(job.id, None)
            self.endRemoveRows()

    def take(self, jobs: list[Job]) -> list[tuple[int, Job, RowExtras]]:
        """Remove `jobs` and return (row, job, extras) for each, in row order, so that
        `restore` can put them back exactly where they were."""
        ids = {j.id for j in jobs}
        taken = [(row, job, self.extras.get(job.id) or RowExtras())
                 for row, job in enumerate(self.jobs) if job.id in ids]
        self.remove(jobs)
        return taken

    def restore(self, taken: list[tuple[int, Job, RowExtras]]) -> None:
        """Undo `take`: each job back at its row, with its thumbnail and copied state."""
        for row, job, extras in sorted(taken, key=lambda item: item[0]):
            if self.row_of(job.id) >= 0:
                continue
            row = min(row, len(self.jobs))
            self.beginInsertRows(QModelIndex(), row, row)
            self.jobs.insert(row, job)
            self.extras[job.id] = extras
            self.endInsertRows()

    def counts(self) -> dict[JobState, int]:
        result = dict.fromkeys(JobState, 0)
        for job in self.jobs:
            result[job.state] += 1
        return result


class ProgressDelegate(QStyledItemDelegate):
    """Draws the progress column as the style's progress bar (palette colours only)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(value, int):
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 6, -4, -6)
        bar.minimum = 0
        bar.maximum = 100
        bar.progress = value
        bar.textVisible = False
        bar.palette = option.palette
        bar.state = option.state
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class QueueView(QTableView):
    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(self.tr("Queue"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setIconSize(QSize(48, 48))
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(56)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_PROGRESS, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(COL_STATUS, 150)
        self.setColumnWidth(COL_PROGRESS, 80)
        self._delegate = ProgressDelegate(self)
        self.setItemDelegateForColumn(COL_PROGRESS, self._delegate)

    def queue_model(self) -> QueueModel:
        model = self.model()
        assert isinstance(model, QueueModel)
        return model

    def selected_jobs(self) -> list[Job]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        model = self.queue_model()
        return [model.jobs[r] for r in rows if r < len(model.jobs)]
