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


def _policy_run(monkeypatch: pytest.MonkeyPatch, full: gc_guard.FullCollections,
                now: float) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(gc_guard.gc, "get_count", lambda: (701, 11, 11))  # gen 2 due
    monkeypatch.setattr(gc_guard.gc, "collect", lambda generation=2: calls.append(generation))
    monkeypatch.setattr(gc_guard.time, "monotonic", lambda: now)
    gc_guard.collect_if_due((700, 10, 10), full)
    return calls


def test_a_due_full_collection_waits_while_a_batch_runs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    running = [True]
    full = gc_guard.FullCollections(busy=lambda: running[0], last_at=1000.0, last_s=0.05)
    assert _policy_run(monkeypatch, full, 1010.0) == [1]  # generation 1 instead
    running[0] = False
    assert _policy_run(monkeypatch, full, 1011.0) == [2]  # the batch ended: now
    assert full.last_at == 1011.0


def test_a_full_collection_is_put_off_no_longer_than_the_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    full = gc_guard.FullCollections(busy=lambda: True, last_at=0.0, last_s=0.05)
    assert _policy_run(monkeypatch, full, gc_guard.MAX_DEFER_S - 1) == [1]
    assert _policy_run(monkeypatch, full, gc_guard.MAX_DEFER_S + 1) == [2]


def test_full_collections_take_at_most_one_percent_of_the_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    full = gc_guard.FullCollections(last_at=100.0, last_s=0.2)  # idle; the last took 200 ms
    assert _policy_run(monkeypatch, full, 110.0) == [1]  # 10 s later: too soon
    assert _policy_run(monkeypatch, full, 121.0) == [2]  # 21 s > 100 x 0.2 s


def test_what_imports_made_is_frozen_not_walked_by_every_collection(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """New modules since the last check (a batch's lazy imports): the young objects are
    frozen, so later collections do not walk them; uninstall thaws them."""
    import sys
    import types

    collector = GuiThreadGarbageCollector()
    try:
        collector.timer.stop()  # checked by hand below
        made_by_import = [Cycle() for _ in range(1000)]
        for n in range(gc_guard.FREEZE_AFTER_MODULES):
            monkeypatch.setitem(sys.modules, f"_imported_{n}", types.ModuleType(f"m{n}"))
        frozen_before = gc.get_freeze_count()
        collector.check()
        assert gc.get_freeze_count() >= frozen_before + len(made_by_import)
        young = {id(o) for o in gc.get_objects(0)} | {id(o) for o in gc.get_objects(1)}
        assert not young & {id(o) for o in made_by_import}
        collector.check()  # no new module since: an ordinary check, nothing frozen again
        assert collector.freezes == 1
    finally:
        collector.uninstall()
    assert gc.get_freeze_count() == 0


def test_no_collection_walks_what_an_import_under_way_has_made(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A module imported since the last check, fewer than make a freeze (another thread
    importing a package): the collection waits for the next check, which finds the
    import done and collects as usual."""
    import sys
    import types

    collector = GuiThreadGarbageCollector()
    try:
        collector.timer.stop()  # checked by hand below
        due = collector.threshold[0] * 3
        kept = [[n] for n in range(due)]  # young objects: a collection is due
        collector.check()
        assert gc.get_count()[0] < collector.threshold[0]  # nothing imported: collected
        kept += [[n] for n in range(due)]
        monkeypatch.setitem(sys.modules, "_importing_now", types.ModuleType("m"))
        collector.check()
        assert gc.get_count()[0] >= due and collector.freezes == 0  # mid-import: neither
        collector.check()
        assert gc.get_count()[0] < collector.threshold[0]  # the import done: collected
        assert len(kept) == 2 * due
    finally:
        collector.uninstall()
