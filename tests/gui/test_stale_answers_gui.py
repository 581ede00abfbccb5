"""Cancel while a request is in flight, then Retry or Rotate: when the cancelled request's
answer lands later, the window keeps showing the new result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pictotext_desktop.jobs import JobEvent, JobState
from tests.gated_engine import GatedEngine
from tests.gui.conftest import make_window


@pytest.fixture
def gated() -> Iterator[GatedEngine]:
    engine = GatedEngine()
    yield engine
    engine.release_all()


@pytest.fixture
def gated_window(qtbot: Any, store: Any, keyring_backend: Any,
                 gated: GatedEngine) -> Iterator[Any]:
    store.override("engine", "local")  # the router hands every card to the factory's engine
    window = make_window(qtbot, store, keyring_backend, local_factory=lambda: gated)
    window.show()
    qtbot.waitExposed(window)
    yield window
    gated.release_all()
    window.shutdown()


def cancel_in_flight(window: Any, qtbot: Any, gated: GatedEngine, card: Path) -> Any:
    window.add_paths([card])
    gated.wait_for_call(1)
    qtbot.waitUntil(lambda: window.model.jobs[0].state == JobState.SENDING)
    with qtbot.waitSignal(window.batch_finished, timeout=5_000):
        window.act_cancel.trigger()
    (job,) = window.model.jobs
    assert job.state == JobState.CANCELLED
    window.queue_view.selectRow(0)
    return job


def shown_name(window: Any) -> str:
    return str(window.result_view.rows["name"].edit.text())


def test_retry_keeps_its_result_when_the_cancelled_answer_lands(
        gated_window: Any, qtbot: Any, gated: GatedEngine, card_jpeg: Path) -> None:
    window = gated_window
    job = cancel_in_flight(window, qtbot, gated, card_jpeg)
    window.act_retry.trigger()
    with qtbot.waitSignal(window.batch_finished, timeout=10_000):
        gated.wait_for_call(2).answer()
    assert job.state == JobState.DONE and shown_name(window) == "answer 2"

    with qtbot.assertNotEmitted(window.uploader.job_changed, wait=300):
        gated.calls[0].land()  # the old answer comes back now
    qtbot.wait(100)
    window._refresh_selected()
    assert job.state == JobState.DONE and job.record.fields["name"] == "answer 2"
    assert shown_name(window) == "answer 2"
    assert window.model.data(window.model.index(0, 1)) == "done"


def test_rotate_keeps_the_rotated_reading_when_the_cancelled_answer_lands(
        gated_window: Any, qtbot: Any, gated: GatedEngine, card_jpeg: Path) -> None:
    window = gated_window
    job = cancel_in_flight(window, qtbot, gated, card_jpeg)
    upright = gated.calls[0].image.size
    window.result_view.rotate_right.click()
    with qtbot.waitSignal(window.batch_finished, timeout=10_000):
        gated.wait_for_call(2).answer()
    gated.calls[0].land()
    qtbot.wait(100)
    # The row keeps a smaller copy of the upload for showing: turned like the upload.
    width, height = job.prepared.size
    assert job.rotate == 90 and (width < height) == (upright[0] > upright[1])
    assert job.record.fields["name"] == "answer 2"


def test_the_uploader_drops_an_event_from_an_earlier_run(
        gated_window: Any, qtbot: Any, gated: GatedEngine, card_jpeg: Path) -> None:
    window = gated_window
    job = cancel_in_flight(window, qtbot, gated, card_jpeg)
    uploader = window.uploader
    stale = JobEvent(job, JobState.DONE, None, job.attempt - 1)
    with qtbot.assertNotEmitted(uploader.job_changed):
        uploader._worker.job_changed.emit(job, stale)
    current = JobEvent(job, JobState.CANCELLED, None, job.attempt)
    with qtbot.waitSignal(uploader.job_changed, timeout=1_000):
        uploader._worker.job_changed.emit(job, current)
