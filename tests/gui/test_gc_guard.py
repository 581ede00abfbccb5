"""The app's garbage collector: automatic GC off, collection on the GUI thread's timer."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest

from pictotext_desktop.ui import gc_guard
from pictotext_desktop.ui.gc_guard import GuiThreadGarbageCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collection_happens_on_the_gui_thread_only(qtbot: Any) -> None:
    was_enabled = gc.isenabled()
    gc.enable()
    collector = GuiThreadGarbageCollector()
    try:
        assert not gc.isenabled()
        threads: list[str] = []

        def note(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                threads.append(threading.current_thread().name)

        gc.callbacks.append(note)
        try:
            def allocate() -> None:  # far past the gen-0 threshold, in a worker thread
                for _ in range(collector.threshold[0] * 3):
                    Cycle()

            worker = threading.Thread(target=allocate, name="worker")
            worker.start()
            worker.join()
            assert "worker" not in threads  # nothing collected there
            qtbot.waitUntil(lambda: "MainThread" in threads, timeout=3000)
        finally:
            gc.callbacks.remove(note)
        collector.uninstall()
        assert gc.isenabled()  # uninstall hands collection back to Python
        assert not collector.timer.isActive()  # and its timer stops collecting
    finally:
        collector.uninstall()
        if not was_enabled:  # the test session keeps automatic GC off (tests/conftest.py)
            gc.disable()


@pytest.mark.parametrize(("counts", "collected"), [
    ((5, 50, 50), []),  # gen 0 not due: nothing
    ((701, 5, 5), [0]),
    ((701, 11, 5), [1]),  # one collection: gen 1 collects gen 0 too
    ((701, 11, 11), [2]),
])
def test_collects_the_oldest_due_generation_once(
        monkeypatch: pytest.MonkeyPatch, counts: tuple[int, int, int],
        collected: list[int]) -> None:
    calls: list[int] = []
    monkeypatch.setattr(gc_guard.gc, "get_count", lambda: counts)
    monkeypatch.setattr(gc_guard.gc, "collect", lambda generation=2: calls.append(generation))
    gc_guard.collect_if_due((700, 10, 10))
    assert calls == collected
