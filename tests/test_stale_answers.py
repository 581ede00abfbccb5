"""A cancelled request's answer that lands after Retry or Rotate is dropped: the job keeps
the new run's result, prepared image, engine and error (jobs.BatchRunner._apply)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pictotext_desktop import errors
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import BatchOutcome, BatchRunner, Job, JobEvent, JobState
from tests.gated_engine import GatedEngine


@pytest.fixture
def engine() -> Iterator[GatedEngine]:
    gated = GatedEngine()
    yield gated
    gated.release_all()  # no worker is left waiting after the test


class Batch:
    """One BatchRunner.run() in its own thread, as the window's worker runs it."""

    def __init__(self, engine: GatedEngine, jobs: list[Job]) -> None:
        self.events: list[JobEvent] = []
        self.runner = BatchRunner(lambda t: engine, concurrency=1, checks=None,
                                  normalize=None, on_event=self.events.append,
                                  requeue_on_stop=True)
        self.outcome: BatchOutcome | None = None
        self.thread = threading.Thread(target=self._run, args=(jobs,))
        self.thread.start()

    def _run(self, jobs: list[Job]) -> None:
        self.outcome = self.runner.run(jobs)

    def finish(self) -> BatchOutcome:
        self.thread.join(10)
        assert self.outcome is not None
        return self.outcome


def cancel_while_in_flight(engine: GatedEngine, job: Job) -> tuple[Batch, int]:
    first = Batch(engine, [job])
    call = engine.wait_for_call(1)
    assert job.state == JobState.SENDING
    first.runner.cancel()
    assert first.finish().cancelled
    assert job.state == JobState.CANCELLED and not call.answered.is_set()
    return first, len(first.events)


def land(engine: GatedEngine, number: int, error: errors.PicToTextError | None = None) -> None:
    engine.calls[number - 1].land(error)


def test_old_answer_after_retry_does_not_replace_the_new_result(
        engine: GatedEngine, card_jpeg: Path) -> None:
    job = Job(Source(path=card_jpeg), "cn_id_card")
    first, events_at_cancel = cancel_while_in_flight(engine, job)

    job.reset()  # Retry
    second = Batch(engine, [job])
    engine.wait_for_call(2).answer()
    second.finish()
    assert job.state == JobState.DONE and job.record is not None
    assert job.record.fields == {"name": "answer 2"}
    new_record, new_prepared = job.record, job.prepared

    land(engine, 1)  # the cancelled request's answer comes back now
    assert job.state == JobState.DONE
    assert job.record is new_record and job.prepared is new_prepared
    assert job.record.fields == {"name": "answer 2"} and job.error is None
    assert len(first.events) == events_at_cancel  # nothing reported for the old run


def test_old_answer_while_the_retry_is_in_flight_is_dropped(
        engine: GatedEngine, card_jpeg: Path) -> None:
    job = Job(Source(path=card_jpeg), "cn_id_card")
    cancel_while_in_flight(engine, job)
    job.reset()
    second = Batch(engine, [job])
    engine.wait_for_call(2)
    land(engine, 1)
    assert job.state == JobState.SENDING and job.record is None  # still the new run
    engine.calls[1].answer()
    second.finish()
    assert job.record is not None and job.record.fields == {"name": "answer 2"}


def test_old_answer_after_rotate_keeps_the_rotated_picture(
        engine: GatedEngine, card_jpeg: Path) -> None:
    job = Job(Source(path=card_jpeg), "cn_id_card")
    cancel_while_in_flight(engine, job)
    upright = engine.calls[0].image.size
    job.rotate = 90  # Rotate, as the window does
    job.reset()
    job.prepared = None
    second = Batch(engine, [job])
    engine.wait_for_call(2).answer()
    second.finish()
    assert job.prepared is not None and job.prepared.size == upright[::-1]
    land(engine, 1)
    assert job.prepared.size == upright[::-1]
    assert job.record is not None and job.record.fields == {"name": "answer 2"}


def test_old_failure_after_retry_does_not_fail_the_job(
        engine: GatedEngine, card_jpeg: Path) -> None:
    job = Job(Source(path=card_jpeg), "cn_id_card")
    cancel_while_in_flight(engine, job)
    job.reset()
    second = Batch(engine, [job])
    engine.wait_for_call(2).answer()
    second.finish()
    land(engine, 1, errors.AiServiceError())  # the cancelled request failed, late
    assert job.state == JobState.DONE and job.error is None
    assert job.record is not None and job.record.ok
    assert job.record.fields == {"name": "answer 2"}


def test_old_credit_error_does_not_stop_the_new_batch(
        engine: GatedEngine, card_jpeg: Path) -> None:
    job = Job(Source(path=card_jpeg), "cn_id_card")
    other = Job(Source(path=card_jpeg), "cn_id_card")
    cancel_while_in_flight(engine, job)
    job.reset()
    second = Batch(engine, [job, other])
    engine.wait_for_call(2)
    land(engine, 1, errors.InsufficientCreditsError())  # a stale "out of credits"
    engine.calls[1].answer()
    engine.wait_for_call(3).answer()
    outcome = second.finish()
    assert outcome.stopped_by is None and not outcome.unsent
    assert [j.state for j in (job, other)] == [JobState.DONE, JobState.DONE]
    assert job.error is None


def test_events_carry_their_attempt_and_go_stale_on_reset(
        engine: GatedEngine, card_jpeg: Path) -> None:
    job = Job(Source(path=card_jpeg), "cn_id_card")
    first, _ = cancel_while_in_flight(engine, job)
    assert [e.state for e in first.events] == [
        JobState.PREPARING, JobState.SENDING, JobState.CANCELLED]
    assert not first.events[-1].stale  # the cancel is the job's news right now
    assert all(e.stale for e in first.events[:-1])
    job.reset()
    assert first.events[-1].stale
