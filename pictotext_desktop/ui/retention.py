"""History retention while the window runs: records past `history_days` are purged.

The store purges when it opens (the start); this timer looks every hour whether a day
has passed since the last purge (`ResultStore.purge_due`) and purges again, so a window
left open for weeks keeps no record longer than the period.  The clock is injectable:
tests move it forward instead of waiting a day.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from pictotext_desktop.store import ResultStore

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60 * 60 * 1000


def _now() -> datetime:
    return datetime.now(UTC)


class RetentionTimer(QObject):
    """Purge the history daily (see the module docstring)."""

    purged = Signal(int)  # records deleted by a daily purge

    def __init__(self, results: Callable[[], ResultStore | None], *,
                 clock: Callable[[], datetime] = _now, interval_ms: int = CHECK_EVERY_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._results = results
        self.clock = clock
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> int:
        """Purge now if a day has passed since the last purge; how many were deleted."""
        results = self._results()
        if results is None:
            return 0
        now = self.clock()
        try:
            if not results.purge_due(now):
                return 0
            count = results.purge(now)
        except Exception as exc:  # the store's problem costs this purge, never the window
            log.warning("history purge failed: %s", type(exc).__name__)
            return 0
        self.purged.emit(count)
        return count
