"""The batch's progress in the status bar, and a word when it ends.

While the queue runs: a bar and "12 of 30 · 2 failed · about 1 min left".  A batch is
what runs from the queue's start until it stops by itself; rows added meanwhile join it,
and a pause (by hand or by an error) keeps it, so the counts go on after Resume.  Time
left comes from the rows finished so far (`Estimate`), and is shown only once there are
enough of them to mean something.  When the batch ends the status bar says how it went,
and where there is a system tray, so does a tray message, if the window is not the
active one (the person is elsewhere and would not see the status bar).

Fed by the queue controller's signals only (ui/queue_controller.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from pictotext_desktop import APP_NAME
from pictotext_desktop.ui.language import tr_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

    from pictotext_desktop.jobs import Job, JobEvent
    from pictotext_desktop.ui.queue_controller import QueueController

MIN_FINISHED = 3  # rows finished before a time left is shown
MIN_SECONDS = 2.0  # ... and seconds of them: a burst of cached answers says nothing


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("BatchProgress", text, "", n)


class Estimate:
    """Time left from the pace of the rows finished since the queue (re)started.

    The pace is what the person gets (finished rows per second of running), so images
    read side by side, or one at a time on this computer, are both counted right.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.started = clock()
        self.finished = 0
        self.last = self.started

    def restart(self) -> None:
        """After a pause: the time paused is not reading time."""
        self.started = self.last = self.clock()
        self.finished = 0

    def job_finished(self) -> None:
        self.finished += 1
        self.last = self.clock()

    def seconds_left(self, remaining: int) -> float | None:
        """None until enough rows finished to say."""
        spent = self.last - self.started
        if remaining <= 0 or self.finished < MIN_FINISHED or spent < MIN_SECONDS:
            return None
        return remaining * spent / self.finished


def time_left_text(seconds: float) -> str:
    if seconds < 55:
        return tr("about %n s left", max(5, round(seconds / 5) * 5))
    return tr("about %n min left", max(1, round(seconds / 60)))


class BatchProgress(QWidget):
    """The status bar's bar and counts; `notify_tray` is replaced in tests."""

    def __init__(self, window: QMainWindow, controller: QueueController) -> None:
        super().__init__()
        self.window_ = window
        self.controller = controller
        self.setObjectName("batchProgress")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(tr("Batch progress"))
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName(tr("Batch progress"))
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        self.bar.setVisible(False)
        self.batch: set[int] = set()  # ids of the rows in the running batch
        self.estimate = Estimate()
        self.active = False
        self._resuming = False
        self.last_notice = ""
        self.tray_available: Callable[[], bool] = _tray_available
        self.notify_tray: Callable[[str, str], object] = self._tray_message
        self._tray: QSystemTrayIcon | None = None
        # Counting walks every row: once per pass of the event loop, not once per event
        # (a 1,000-row batch's answers arrive in bursts; each recount took ~1 ms of the
        # window's thread per 250 rows).
        self._refresh_due = QTimer(self)
        self._refresh_due.setSingleShot(True)
        self._refresh_due.setInterval(0)
        self._refresh_due.timeout.connect(self._refresh_now)
        controller.job_changed.connect(self._job_changed)
        controller.jobs_added.connect(self._jobs_added)
        controller.state_changed.connect(self._refresh)
        controller.batch_finished.connect(self._batch_finished)

    # -- what the controller reports -------------------------------------------------------
    def _begin(self) -> None:
        from pictotext_desktop.jobs import JobState

        if not self.active:
            self.active = True
            self.batch = {j.id for j in self.controller.model.jobs
                          if j.state == JobState.WAITING or j.state.busy}
            self.estimate = Estimate(self.estimate.clock)
        elif self._resuming:
            self.estimate.restart()
        self._resuming = False

    def _job_changed(self, job: Job, event: JobEvent) -> None:
        self._begin()
        self.batch.add(job.id)
        if event.state.finished:
            self.estimate.job_finished()
        self._refresh()

    def _jobs_added(self, jobs: list[Job]) -> None:
        if self.active:
            self.batch.update(j.id for j in jobs if not j.state.finished)
            self._refresh()

    def counts(self) -> tuple[int, int, int]:
        """(finished, total, failed) of the batch's rows still in the queue."""
        from pictotext_desktop.jobs import JobState

        rows = [j for j in self.controller.model.jobs if j.id in self.batch]
        finished = sum(1 for j in rows if j.state.finished)
        failed = sum(1 for j in rows if j.state == JobState.FAILED)
        return finished, len(rows), failed

    def summary(self) -> str:
        """How the batch ended: "Batch finished: 27 of 30 read · 2 failed · 1 cancelled"."""
        from pictotext_desktop.jobs import JobState

        rows = [j for j in self.controller.model.jobs if j.id in self.batch]
        done = sum(1 for j in rows if j.state == JobState.DONE)
        failed = sum(1 for j in rows if j.state == JobState.FAILED)
        cancelled = sum(1 for j in rows if j.state in (JobState.CANCELLED, JobState.NOT_SENT))
        parts = [tr("Batch finished: {done} of {total} read").format(done=done,
                                                                     total=len(rows))]
        if failed:
            parts.append(tr("%n failed", failed))
        if cancelled:
            parts.append(tr("%n cancelled", cancelled))
        return " · ".join(parts)

    def text(self, counts: tuple[int, int, int] | None = None) -> str:
        finished, total, failed = counts or self.counts()
        parts = [tr("{done} of {total}").format(done=finished, total=total)]
        if failed:
            parts.append(tr("%n failed", failed))
        if self.controller.paused:
            parts.append(tr("paused"))
        else:
            left = self.estimate.seconds_left(total - finished)
            if left is not None:
                parts.append(time_left_text(left))
        return " · ".join(parts)

    def _refresh(self) -> None:
        if self.active and not self._refresh_due.isActive():
            self._refresh_due.start()

    def _refresh_now(self) -> None:
        if not self.active:
            return
        counts = self.counts()
        finished, total, _failed = counts
        self.bar.setMaximum(max(1, total))
        self.bar.setValue(finished)
        self.bar.setVisible(True)
        text = self.text(counts)
        self.label.setText(text)
        self.bar.setAccessibleDescription(text)

    def _batch_finished(self) -> None:
        if not self.active:
            return
        controller = self.controller
        finished, total, _failed = self.counts()
        if controller.paused and controller.waiting_jobs():
            self._resuming = True  # the batch goes on after Resume
            self._refresh_now()
            reason = controller.paused_by
            notice = (tr("Paused: {reason} ({done} of {total} finished)").format(
                reason=tr_error(reason.title), done=finished, total=total)
                if reason is not None else "")
        else:
            self.active = False
            self.bar.setVisible(False)
            notice = self.summary()
            self.label.setText(notice)
            self.batch = set()
        if notice:
            self.announce(notice)

    # -- telling the person ----------------------------------------------------------------
    def announce(self, notice: str) -> None:
        """The status bar always; the tray too when there is one and the window is not
        the active one."""
        self.last_notice = notice
        self.window_.statusBar().showMessage(notice, 15_000)
        if self.tray_available() and not self.window_.isActiveWindow():
            self.notify_tray(APP_NAME, notice)

    def _tray_message(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if self._tray is None:
            self._tray = QSystemTrayIcon(self.window_.windowIcon(), self)
            self._tray.setToolTip(APP_NAME)
            self._tray.activated.connect(lambda _reason: _bring_up(self.window_))
            self._tray.messageClicked.connect(lambda: _bring_up(self.window_))
        self._tray.show()
        self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10_000)


def _tray_available() -> bool:
    from PySide6.QtWidgets import QSystemTrayIcon

    return bool(QSystemTrayIcon.isSystemTrayAvailable())


def _bring_up(window: QWidget) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def attach(window: QMainWindow, controller: QueueController) -> BatchProgress:
    """The progress at the status bar's left end, fed by `controller`."""
    progress = BatchProgress(window, controller)
    window.statusBar().insertPermanentWidget(0, progress)
    return progress
