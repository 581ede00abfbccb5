"""The queue: one row per job with thumbnail, name, outcome and progress.

`QueueModel` holds the jobs (the `Job` objects of jobs.py, updated by the runner) and the
GUI-only facts about them (thumbnail, copied/exported).  Jobs are looked up by id, so a
late event for a removed job is ignored.

Each row says its outcome at a glance (`outcome`): done and clean, done with problems
("1 problem"), nothing read, failed (why), paused (why), cancelled, in words, an icon and a
colour together (never colour alone).  Rows that need the person (`needs_attention`) are
what "Next problem" (F8) walks through.  A screen reader hears the whole row
(`accessible_text`): "card_12.jpg, done, 1 problem: ID number: check digit is wrong".
"""

from __future__ import annotations

import enum
import html
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPixmap, QPixmapCache
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

from pictotext_desktop import i18n
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.records import Check, Severity
from pictotext_desktop.textsafe import shorten
from pictotext_desktop.ui import theme
from pictotext_desktop.ui.icons import status_icon
from pictotext_desktop.ui.language import current_language, tr_error, tr_error_words

COL_NAME, COL_STATUS, COL_PROGRESS = range(3)
PROGRESS: dict[JobState, int | None] = {
    JobState.WAITING: 0, JobState.PREPARING: 25, JobState.SENDING: 60, JobState.DONE: 100,
    JobState.FAILED: None, JobState.NOT_SENT: 0, JobState.CANCELLED: None,
}  # failed and cancelled rows show no bar: a full one reads as "finished well"
STATUS_ICON_SIDE = 20  # the status column's icon (the row is as tall as the thumbnail)
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


class Outcome(enum.StrEnum):
    """Where a job stands, as the row shows it."""

    WAITING = "waiting"
    BUSY = "busy"
    CLEAN = "clean"  # done, no check found anything
    PROBLEMS = "problems"  # done, checks found errors or warnings
    NOTHING = "nothing"  # done, but not one field was read
    FAILED = "failed"
    PAUSED = "paused"  # waiting because the queue stopped (job.error says why)
    NOT_SENT = "not_sent"
    CANCELLED = "cancelled"


# (icon in resources/icons/status, colour tone) per outcome; busy and waiting show none.
_LOOK: dict[Outcome, tuple[str, theme.Tone]] = {
    Outcome.CLEAN: ("clean", theme.Tone.GOOD),
    Outcome.PROBLEMS: ("problem", theme.Tone.PROBLEM),
    Outcome.NOTHING: ("nothing", theme.Tone.BAD),
    Outcome.FAILED: ("failed", theme.Tone.BAD),
    Outcome.PAUSED: ("paused", theme.Tone.HELD),
    Outcome.NOT_SENT: ("paused", theme.Tone.HELD),
    Outcome.CANCELLED: ("cancelled", theme.Tone.HELD),
}
ATTENTION = (Outcome.PROBLEMS, Outcome.NOTHING, Outcome.FAILED)


def problems(job: Job) -> list[Check]:
    """The findings that count as problems: errors and warnings (notes do not)."""
    if job.record is None:
        return []
    return [c for c in job.record.checks if c.severity in (Severity.ERROR, Severity.WARNING)]


def outcome(job: Job) -> Outcome:
    if job.state == JobState.DONE:
        record = job.record
        if record is not None and record.ok and not any(
                v is not None for v in (record.fields or {}).values()):
            return Outcome.NOTHING
        return Outcome.PROBLEMS if problems(job) else Outcome.CLEAN
    if job.state == JobState.WAITING:
        return Outcome.PAUSED if job.error is not None else Outcome.WAITING
    return {JobState.PREPARING: Outcome.BUSY, JobState.SENDING: Outcome.BUSY,
            JobState.FAILED: Outcome.FAILED, JobState.NOT_SENT: Outcome.NOT_SENT,
            JobState.CANCELLED: Outcome.CANCELLED}[job.state]


def needs_attention(job: Job) -> bool:
    """Failed, nothing read, or a check found a problem: "Next problem" stops here."""
    return outcome(job) in ATTENTION


def outcome_icon(job: Job) -> QIcon | None:
    return _icon_and_colour(outcome(job))[0]


def _icon_and_colour(kind: Outcome) -> tuple[QIcon | None, QColor | None]:
    """The status icon and tone of an outcome (none for a plain waiting row)."""
    look = _LOOK.get(kind)
    if look is None:
        return None, None
    colour = theme.tone_colour(look[1])
    return status_icon(look[0], colour), colour


def problem_count_text(count: int) -> str:
    return tr("1 problem") if count == 1 else tr("{n} problems").format(n=count)


def problem_summary(check: Check) -> str:
    """A finding in the interface language (the messages name their field)."""
    return i18n.check_message(check, current_language())


def accessible_text(job: Job) -> str:
    """What a screen reader says for the row: name, outcome, and the problems."""
    text = tr("{name}, {status}").format(name=job.source.display_name, status=state_text(job))
    found = problems(job)
    if found:
        shown = tr("; ").join(problem_summary(c) for c in found[:3])
        text = tr("{row}: {problems}").format(row=text, problems=shorten(shown, TOOLTIP_CHARS))
    return text


def text_title(job: Job) -> str:
    return tr_error(job.error.title) if job.error is not None else ""


def state_text(job: Job) -> str:
    """The status the person reads: 'failed: <reason>' carries the error's title."""
    kind = outcome(job)
    if kind == Outcome.PROBLEMS:
        return tr("done, {count}").format(count=problem_count_text(len(problems(job))))
    if kind == Outcome.NOTHING:
        return tr("done, nothing read")
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
            words = tr_error_words(job.error.message, job.error.explanation)
            if words != text_title(job):
                text += f" ({words})"
    elif job.state == JobState.WAITING and job.error is not None:
        text = tr("waiting (paused: {reason})").format(
            reason=tr_error(job.error.title))
    return text


@dataclass(frozen=True, slots=True)
class RowLook:
    """What a row's status and progress cells show."""

    status: str  # the state in words, and the person note under it
    progress: int | None
    icon: QIcon | None
    colour: QColor | None


def row_look(job: Job, note: str) -> RowLook:
    kind = outcome(job)
    icon, colour = _icon_and_colour(kind)
    return RowLook(
        status="\n".join(t for t in (state_text(job), note) if t),
        progress=None if kind == Outcome.NOTHING else PROGRESS[job.state],
        icon=icon, colour=colour)


@dataclass
class RowExtras:
    thumbnail: QPixmap | None = None
    copied: bool = False
    exported: bool = False
    thumbnail_asked: bool = False  # asked for and not given up: do not ask again
    thumbnail_of: Source | None = None  # the source it was asked for (a split changes it)


THUMBNAILS_KEPT = 256  # thumbnails held at most (least recently shown go first)


class QueueModel(QAbstractTableModel):
    """The rows.  Thumbnails are asked for (`thumbnail_wanted(job_id, source)`) when a row
    is first shown, and only the THUMBNAILS_KEPT most recently shown are held; a row's
    index is kept by job id, so an event for one of 1,000 rows costs no scan of them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs: list[Job] = []
        self.extras: dict[int, RowExtras] = {}
        # A line under the status ("This person was read on …", ui/person_notes.py).
        self.note_for: Callable[[Job], str] = lambda job: ""
        self.thumbnail_wanted: Callable[[int, Source], None] | None = None
        self._shown: OrderedDict[int, None] = OrderedDict()  # ids holding a thumbnail
        self._rows: dict[int, int] | None = {}  # job id -> row; None: to be rebuilt
        self._looks: dict[int, RowLook] | None = None  # job id -> look, while painting

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
        if role not in _ROLES or not index.isValid() or index.row() >= len(self.jobs):
            return None  # a repaint asks each cell for ~15 roles; most have no answer
        job = self.jobs[index.row()]
        col = index.column()
        if role == JobRole:
            return job
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                return job.source.display_name
            if col == COL_STATUS:
                return self._look(job).status
            if col == COL_PROGRESS:
                return self._look(job).progress
        if role == Qt.ItemDataRole.DecorationRole and col == COL_NAME:
            return self._thumbnail(job)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_STATUS:
            return self._look(job).icon
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            return self._look(job).colour
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return "; ".join(t for t in (accessible_text(job), self.note_for(job)) if t)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_STATUS and (
                problems(job) or self.note_for(job)):
            return plain_tooltip("\n".join([*(problem_summary(c) for c in problems(job)),
                                             self.note_for(job)]).strip())
        if role == Qt.ItemDataRole.ToolTipRole:
            if job.error is not None:
                error = job.error
                return plain_tooltip("\n".join(tr_error(t) for t in (
                    error.title, error.message, error.action)))
            return plain_tooltip(str(job.source.path) if job.source.path
                                 else job.source.display_name)
        return None

    @contextmanager
    def painting(self) -> Iterator[None]:
        """While a view paints, each row's look is worked out once, not once per role
        and cell asked (the status, icon, colour and bar all start from `outcome`)."""
        self._looks = {}
        try:
            yield
        finally:
            self._looks = None

    def _look(self, job: Job) -> RowLook:
        if self._looks is None:
            return row_look(job, self.note_for(job))
        look = self._looks.get(job.id)
        if look is None:
            look = self._looks[job.id] = row_look(job, self.note_for(job))
        return look

    def _thumbnail(self, job: Job) -> QPixmap | None:
        """The row's thumbnail; the first time a row is shown without one, ask for it."""
        extras = self.extras.get(job.id)
        if extras is None:
            return None
        asked_for = extras.thumbnail_of
        if asked_for is not None and asked_for is not job.source and asked_for != job.source:
            # The photo's row became one of its cards: that card's picture, not the photo.
            extras.thumbnail, extras.thumbnail_asked = None, False
        if extras.thumbnail is not None:
            self._shown.move_to_end(job.id)
            return extras.thumbnail
        if not extras.thumbnail_asked and self.thumbnail_wanted is not None:
            extras.thumbnail_asked = True
            extras.thumbnail_of = job.source
            self.thumbnail_wanted(job.id, job.source)
        return None

    def thumbnail_dropped(self, job_id: int) -> None:
        """The maker gave the request up: ask again when the row is shown again."""
        extras = self.extras.get(job_id)
        if extras is not None and extras.thumbnail is None:
            extras.thumbnail_asked = False

    # -- changes -----------------------------------------------------------------------
    def add(self, jobs: list[Job]) -> None:
        if not jobs:
            return
        first = len(self.jobs)
        self.beginInsertRows(QModelIndex(), first, first + len(jobs) - 1)
        self.jobs.extend(jobs)
        for row, job in enumerate(jobs, first):
            self.extras[job.id] = RowExtras()
            if self._rows is not None:
                self._rows[job.id] = row
        self.endInsertRows()

    def row_of(self, job_id: int) -> int:
        if self._rows is None:
            self._rows = {job.id: row for row, job in enumerate(self.jobs)}
        return self._rows.get(job_id, -1)

    def job_updated(self, job: Job) -> None:
        row = self.row_of(job.id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 2))

    def set_thumbnail(self, job_id: int, pixmap: QPixmap) -> None:
        extras = self.extras.get(job_id)
        if extras is None:
            return
        extras.thumbnail = pixmap
        extras.thumbnail_asked = True
        self._shown[job_id] = None
        self._shown.move_to_end(job_id)
        while len(self._shown) > THUMBNAILS_KEPT:
            oldest, _ = self._shown.popitem(last=False)
            gone = self.extras.get(oldest)
            if gone is not None:  # made again if its row is shown again
                gone.thumbnail = None
                gone.thumbnail_asked = False
        row = self.row_of(job_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def remove(self, jobs: list[Job]) -> None:
        ids = {j.id for j in jobs}
        for row in sorted((r for r, j in enumerate(self.jobs) if j.id in ids), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            job = self.jobs.pop(row)
            self._rows = None
            self.extras.pop(job.id, None)
            self._shown.pop(job.id, None)
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
            self._rows = None
            self.extras[job.id] = extras
            if extras.thumbnail is not None:
                self._shown[job.id] = None
            self.endInsertRows()

    def counts(self) -> dict[JobState, int]:
        result = dict.fromkeys(JobState, 0)
        for job in self.jobs:
            result[job.state] += 1
        return result


_BAR_EDGE = 3  # px around a progress bar kept with it (the cell leaves 4 and 6)


class ProgressDelegate(QStyledItemDelegate):
    """Draws the progress column as the style's progress bar (palette colours only).

    Each bar is drawn by the style once per look (value, size, state, palette, pixel
    ratio) and kept in QPixmapCache: the style's gradients cost about 1 ms a row, and
    during a batch the visible rows are painted again at every progress step."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(value, int):
            super().paint(painter, option, index)
            return
        rect = option.rect.adjusted(4, 6, -4, -6)
        if rect.width() <= 0 or rect.height() <= 0:
            return
        style = option.widget.style() if option.widget else QApplication.style()
        ratio = painter.device().devicePixelRatioF()
        key = (f"pictotext-progress/{value}/{rect.width()}x{rect.height()}@{ratio}/"
               f"{int(option.state.value)}/{option.palette.cacheKey()}/{id(style)}")
        pixmap = QPixmap()
        edge = _BAR_EDGE  # what the style draws just outside the bar (Fusion's shadow)
        if not QPixmapCache.find(key, pixmap):
            pixmap = QPixmap(max(1, round((rect.width() + 2 * edge) * ratio)),
                             max(1, round((rect.height() + 2 * edge) * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(QColor(0, 0, 0, 0))  # fully transparent: the row shows through
            bar = QStyleOptionProgressBar()
            bar.rect = QRect(edge, edge, rect.width(), rect.height())
            bar.minimum = 0
            bar.maximum = 100
            bar.progress = value
            bar.textVisible = False
            bar.palette = option.palette
            bar.state = option.state
            drawn = QPainter(pixmap)
            try:
                style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, drawn)
            finally:
                drawn.end()
            QPixmapCache.insert(key, pixmap)
        painter.drawPixmap(rect.topLeft() - QPoint(edge, edge), pixmap)


# The roles `QueueModel.data` answers.
_ROLES = frozenset(int(r.value) if hasattr(r, "value") else int(r) for r in (
    JobRole, Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ToolTipRole))


class StatusDelegate(QStyledItemDelegate):
    """The status column: its outcome icon at text size, not at the thumbnail's."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        option.decorationSize = QSize(STATUS_ICON_SIDE, STATUS_ICON_SIDE)


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
        self.setColumnWidth(COL_STATUS, 190)
        self.setColumnWidth(COL_PROGRESS, 80)
        self._delegate = ProgressDelegate(self)
        self.setItemDelegateForColumn(COL_PROGRESS, self._delegate)
        self._status_delegate = StatusDelegate(self)
        self.setItemDelegateForColumn(COL_STATUS, self._status_delegate)
        # One Tab stop: Tab leaves the table, the arrow keys move inside it.
        self.setTabKeyNavigation(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleDescription(self.tr(
            "Arrow keys move between images; F8 goes to the next problem."))

    def paintEvent(self, event: QPaintEvent) -> None:
        with self.queue_model().painting():
            super().paintEvent(event)

    def next_problem_row(self, forward: bool = True, start: int | None = None) -> int:
        """The next row (after `start`, the current row if None) that needs attention,
        wrapping around; -1 if none does."""
        jobs = self.queue_model().jobs
        if not jobs:
            return -1
        if start is None:
            current = self.currentIndex()
            start = current.row() if current.isValid() else (-1 if forward else len(jobs))
        count = len(jobs)
        step = 1 if forward else -1
        for offset in range(1, count + 1):
            row = (start + step * offset) % count
            if needs_attention(jobs[row]):
                return row
        return -1

    def select_row(self, row: int) -> None:
        """Make `row` the current and only selected row, scrolled into view."""
        index = self.queue_model().index(row, COL_NAME)
        self.setCurrentIndex(index)
        self.selectRow(row)
        self.scrollTo(index)

    def reveal(self, job: Job) -> None:
        """Scroll `job`'s row into view once the view has laid out the rows just added
        (scrolling at once would stop at the old end)."""
        model = self.queue_model()
        index = QPersistentModelIndex(model.index(model.row_of(job.id), COL_NAME))

        def scroll() -> None:
            if index.isValid():
                self.scrollTo(model.index(index.row(), COL_NAME))

        QTimer.singleShot(0, self, scroll)

    def queue_model(self) -> QueueModel:
        model = self.model()
        assert isinstance(model, QueueModel)
        return model

    def selected_jobs(self) -> list[Job]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        model = self.queue_model()
        return [model.jobs[r] for r in rows if r < len(model.jobs)]
