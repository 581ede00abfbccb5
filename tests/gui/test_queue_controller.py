"""The queue controller on its own: no window, the stand-in server, real upload thread.

What the window shows is tested through the window (test_batch, test_keep_results,
test_merge_rows); here the controller's own promises: each file queued once, the
states a job goes through, pause on an auth error with one report, cancel, retry,
removal with Undo, merging, and that every report is a signal (nothing here has a
widget to call back into).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pictotext_desktop.jobs import JobState
from tests.gui.conftest import TEST_KEY
from tests.memory_keyring import MemoryKeyring
from tests.merge_cases import CASES, make_files
from tests.stand_in_server import NO_CREDITS, StandInServer, status


@pytest.fixture
def controller(qtbot: Any, store: Any, keyring_backend: MemoryKeyring,
               with_key: str) -> Iterator[Any]:
    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.ui.queue_controller import QueueController
    from pictotext_desktop.ui.queue_view import QueueModel

    model = QueueModel()
    made = QueueController(store, model, keystore=KeyStore(store, backend=keyring_backend))
    yield made
    made.shutdown()


def sources(paths: list[Path]) -> list[Any]:
    from pictotext_desktop.ui.intake import from_paths

    return from_paths(paths).sources


def states(controller: Any) -> list[str]:
    return [j.state.value for j in controller.model.jobs]


def read(controller: Any, qtbot: Any, paths: list[Path]) -> list[Any]:
    with qtbot.waitSignal(controller.batch_finished, timeout=20_000):
        added = controller.add_sources(sources(paths), "cn_id_card")
    return list(added)


def test_add_runs_each_file_once_and_reports_every_step(
        controller: Any, qtbot: Any, cards: list[Path], server: StandInServer) -> None:
    added: list[list[Any]] = []
    events: list[tuple[str, str]] = []
    controller.jobs_added.connect(added.append)
    controller.job_changed.connect(
        lambda job, event: events.append((job.source.display_name, event.state.value)))
    jobs = read(controller, qtbot, cards)
    assert added == [jobs] and [j.source.display_name for j in jobs] == [
        "card_1.jpg", "card_2.jpg", "card_3.jpg"]
    assert states(controller) == ["done", "done", "done"]
    for name in ("card_1.jpg", "card_2.jpg", "card_3.jpg"):
        seen = [state for job, state in events if job == name]
        assert seen[0] == "preparing" and seen[-1] == "done" and "sending" in seen
    assert controller.calls_this_session == 3
    # The same files again (one through another spelling of its path): nothing new.
    again = [cards[0], cards[1].parent / ".." / cards[1].parent.name / cards[1].name]
    assert controller.add_sources(sources(again), "cn_id_card") == []
    assert len(controller.model.jobs) == 3 and len(list(server.ocr_requests())) == 3


def test_an_auth_problem_pauses_and_is_reported_once(
        controller: Any, qtbot: Any, cards: list[Path], server: StandInServer) -> None:
    controller.store.override("concurrency", 1)
    server.add_key(TEST_KEY, NO_CREDITS)
    errors: list[Any] = []
    controller.error_raised.connect(errors.append)
    read(controller, qtbot, cards)
    assert [e.title for e in errors] == ["You are out of PicToText credits"]
    assert controller.paused
    assert states(controller) == ["waiting", "waiting", "waiting"]  # none marked failed


def test_cancel_before_start_and_retry_after_a_failure(
        controller: Any, qtbot: Any, cards: list[Path], server: StandInServer) -> None:
    controller.store.override("auto_start", False)
    controller.add_sources(sources(cards[:2]), "cn_id_card")
    assert states(controller) == ["waiting", "waiting"]
    controller.cancel()
    assert states(controller) == ["cancelled", "cancelled"] and controller.paused
    server.fail_always(status(500, "AI_SERVICE_ERROR"))
    errors: list[Any] = []
    controller.error_raised.connect(errors.append)
    with qtbot.waitSignal(controller.batch_finished, timeout=20_000):
        controller.retry_failed()
    assert states(controller) == ["failed", "failed"]
    assert len(errors) == 1  # one dialog's worth for the batch, not one per image
    server.fail_always(None)
    with qtbot.waitSignal(controller.batch_finished, timeout=20_000):
        controller.retry_failed()
    assert states(controller) == ["done", "done"]


def test_remove_then_undo_puts_rows_back_with_their_marks(
        controller: Any, qtbot: Any, cards: list[Path]) -> None:
    jobs = read(controller, qtbot, cards)
    controller.mark_copied(jobs[1])
    offered: list[int] = []
    removed: list[list[Any]] = []
    controller.undo_changed.connect(offered.append)
    controller.jobs_removed.connect(removed.append)
    controller.remove([jobs[1]])
    assert controller.model.jobs == [jobs[0], jobs[2]]
    assert removed == [[jobs[1]]] and offered == [1]
    assert jobs[1] not in controller.unsaved_results()
    restored: list[list[Any]] = []
    controller.jobs_restored.connect(restored.append)
    assert controller.undo() == [jobs[1]]
    assert controller.model.jobs == jobs and restored == [[jobs[1]]] and offered == [1, 0]
    assert controller.model.extras[jobs[1].id].copied  # its mark came back with it
    assert controller.undo() == []  # once only
    # A removed file may be queued again; then Undo has nothing to bring back.
    controller.remove([jobs[0]])
    with qtbot.waitSignal(controller.batch_finished, timeout=20_000):
        assert len(controller.add_sources(sources(cards[:1]), "cn_id_card")) == 1
    assert offered[-1] == 0 and controller.undo() == []


def test_merge_keeps_both_sides_and_unmerge_gives_them_back(
        controller: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    front, back = read(controller, qtbot,
                       make_files(CASES["true_front_and_back"], tmp_path / "in", server))
    messages: list[str] = []
    controller.message.connect(messages.append)
    assert controller.merge([front]) is None
    assert messages == ["Select the two finished sides of one card to merge."]
    merged = controller.merge([back, front])
    assert merged is not None and merged.state == JobState.DONE
    assert controller.merge_parts == {merged.id: (front, back)}
    assert controller.unsaved_results() == [merged]  # the sides are in it
    assert controller.exportable([]) == [merged]
    assert controller.merge([front, back]) is None and "merged already" in messages[-1]
    assert controller.unmerge(merged) == (front, back)
    assert controller.model.jobs == [front, back] and controller.merge_parts == {}
    assert controller.auto_merge() != [] and len(controller.model.jobs) == 3
