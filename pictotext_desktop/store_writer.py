"""Store writes in order on one background thread.

Each saved result is one SQLite transaction with synchronous=FULL: an fsync, 2-20 ms on
an idle disk and far more on a busy one.  During a 1,000-image batch that is 1,000 stalls
of the window's event loop; here the window queues the write and goes on.  Writes run in
the order they were queued, so a save, an edit and a removal of one result land as they
were made; `flush` waits for all queued writes (before a read, or a write that must come
after them).  A write that fails is logged (its type only) and costs the saved copy of
that result, never the window.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class StoreWriter:
    def __init__(self, name: str = "pictotext-store-writer") -> None:
        self._queue: queue.Queue[Callable[[], object] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, write: Callable[[], object]) -> None:
        self._queue.put(write)

    def flush(self) -> None:
        """Wait until every write queued so far has run."""
        self._queue.join()

    def close(self, timeout: float = 10.0) -> None:
        """Run what is queued, then end the thread."""
        self._queue.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            write = self._queue.get()
            try:
                if write is None:
                    return
                write()
            except Exception as exc:
                log.warning("result store write failed: %s", type(exc).__name__)
            finally:
                self._queue.task_done()
