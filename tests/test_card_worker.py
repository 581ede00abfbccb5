"""Card counting and preparing in worker processes (card_worker.py): the same uploads as
in a thread, no Qt or on-device runtime in the workers, a killed worker costs one file."""

from __future__ import annotations

import io
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.cards import make_photo
from pictotext_desktop import card_prepare, card_worker, thumbnail
from pictotext_desktop.card_prepare import CardSource
from pictotext_desktop.card_worker import CardPool, WorkerStoppedError
from pictotext_desktop.imaging import PrepareOptions, Source
from pictotext_desktop.jobs import BatchRunner, JobEvent, JobState, kept_image, new_jobs
from tests.conftest import TEST_KEY
from tests.stand_in_server import StandInServer
from tests.test_jobs import engine

CARD = PrepareOptions(send="card")


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("worker-photos")
    out = []
    for seed, kind in ((1, "two"), (2, "plain"), (3, "plain")):
        path = folder / f"{kind}-{seed}.jpg"
        path.write_bytes(make_photo(seed, kind, (1600, 1200), "wood").data)
        out.append(path)
    return out


@pytest.fixture
def pool() -> Iterator[CardPool]:
    made = CardPool(2)
    yield made
    made.shutdown()


def _alive(pid: int) -> bool:
    """Running (a zombie or no such process is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _kill_first_worker(pool: CardPool, timeout: float = 30.0) -> list[int]:
    """In a thread: SIGKILL the first worker process as soon as it exists."""
    killed: list[int] = []

    def watch() -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end and not pool.pids:
            time.sleep(0.005)
        for pid in pool.pids[:1]:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    threading.Thread(target=watch, daemon=True).start()
    return killed


def test_a_worker_counts_and_prepares_each_card_as_a_thread_does(
        pool: CardPool, photos: list[Path]) -> None:
    two = Source(path=photos[0])
    # WHEN the photo of two cards is counted and its cards prepared in a worker process
    count = pool.count(two, CARD)
    done = [pool.prepare(CardSource(two, i, count), CARD, None, 480) for i in range(count)]
    # THEN a process other than this one did it, and what it found is known here too
    assert pool.pids and os.getpid() not in pool.pids
    assert count == 2
    key = card_prepare._key(two.path.read_bytes(), 0)  # type: ignore[union-attr]
    assert len(card_prepare._found[key].quads) == 2
    # AND each upload is byte for byte the one this thread makes, with its small copy
    for i, made in enumerate(done):
        here = card_prepare.prepare(CardSource(two, i, count), CARD)
        assert made.image.data == here.data and made.image.size == here.size
        assert made.image.warnings == here.warnings and made.image.filename == here.filename
        small = kept_image(here, 480)
        assert made.kept is not None and small is not None
        assert made.kept.size == small.size
    # AND the workers' own peak memory is known
    assert all(kb > 10_000 for kb in pool.peaks.values()) and pool.peaks


@pytest.fixture
def looks() -> Iterator[CardPool]:
    card_worker.LOOKS.open()
    yield card_worker.LOOKS
    card_worker.LOOKS.shutdown()


def test_the_windows_looks_at_a_photo_are_made_in_their_own_worker_as_here(
        looks: CardPool, photos: list[Path], tmp_path: Path) -> None:
    from PIL import Image

    two = Source(path=photos[0])
    count = card_worker.count(two, CARD)  # as the window counts: the batch's workers
    before = dict(looks.done)
    # WHEN the photo's row and each card's row get their thumbnails, and the outline its
    # look at the photo
    sources = [two, *(CardSource(two, i, count) for i in range(count))]
    made = [card_worker.thumbnail(source, 96) for source in sources]
    looked = card_worker.look(two, 0, 800)
    # THEN the looks' own worker made them, what this process makes, byte for byte
    assert looks.pids and set(looks.pids).isdisjoint(card_worker.POOL.pids)
    assert looks.done.get("thumbnail", 0) == before.get("thumbnail", 0) + 3
    assert looks.done.get("look", 0) == before.get("look", 0) + 1
    assert made == [thumbnail.render(source, 96) for source in sources]
    here, found_here = card_prepare.look(two, 0, 800)
    assert looked.size == here.size == (800, 600) and looked.rgb == here.tobytes()
    assert looked.found == found_here and len(looked.found.quads) == 2
    # AND the photo's row shows the 4:3 photo, each card's row a card-shaped picture
    shapes = [Image.open(io.BytesIO(png)).size for png in made]
    assert shapes[0] == (96, 72)
    assert all(w == 96 and 1.5 < w / h < 1.7 for w, h in shapes[1:])
    # AND a file it cannot read gets no thumbnail and a clear error for the outline
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 200)
    assert card_worker.thumbnail(Source(path=bad), 96) == b""
    with pytest.raises(card_prepare.PicToTextError, match=r"broken\.jpg"):
        card_worker.look(Source(path=bad), 0, 800)


def test_a_file_error_comes_back_as_that_files_error(pool: CardPool, tmp_path: Path) -> None:
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 200)
    with pytest.raises(card_prepare.PicToTextError) as caught:
        pool.prepare(Source(path=bad), CARD, None, None)
    assert "broken.jpg" in str(caught.value)
    assert not isinstance(caught.value, WorkerStoppedError)
    assert pool.count(Source(path=bad), CARD) == 0  # counted as none: the job reports it


def test_workers_load_neither_qt_nor_the_on_device_runtime(
        pool: CardPool, photos: list[Path]) -> None:
    import PySide6.QtCore  # noqa: F401  (this process has Qt, as the window does)

    pool.prepare(Source(path=photos[1]), CARD, None, 480)
    loaded = pool._run("modules", Source(path=photos[1]))
    assert not [m for m in loaded if m.split(".")[0] in ("PySide6", "shiboken6",
                                                         "onnxruntime", "rapidocr")]
    assert "pictotext_desktop.card_prepare" in loaded


def test_a_killed_worker_fails_only_its_file_and_the_next_gets_a_new_one(
        pool: CardPool, photos: list[Path]) -> None:
    killed = _kill_first_worker(pool)
    # WHEN the worker preparing a photo is killed
    with pytest.raises(WorkerStoppedError) as caught:
        pool.prepare(Source(path=photos[1]), CARD, None, None)
    # THEN that photo has a clear error of its own, one Retry can clear
    assert killed and "plain-2.jpg" in str(caught.value)
    assert "worker process ended" in str(caught.value) and caught.value.retryable
    # AND the next photo is prepared by a new worker
    assert pool.prepare(Source(path=photos[2]), CARD, None, None).image.data
    assert killed[0] not in pool.pids and pool.pids


def test_a_worker_ended_while_idle_costs_no_file(pool: CardPool, photos: list[Path]) -> None:
    pool.prepare(Source(path=photos[1]), CARD, None, None)
    (pid,) = pool.pids
    os.kill(pid, signal.SIGKILL)
    while _alive(pid):
        time.sleep(0.01)
    assert pool.prepare(Source(path=photos[2]), CARD, None, None).image.data
    assert pid not in pool.pids


def test_shutdown_leaves_no_worker_and_a_call_it_catches_is_done_here(
        pool: CardPool, photos: list[Path]) -> None:
    pool.prepare(Source(path=photos[1]), CARD, None, None)
    pool.prepare(Source(path=photos[1]), CARD, None, None)
    pids = pool.pids
    assert pids
    pool.shutdown()
    assert not pool.pids and not any(_alive(pid) for pid in pids)
    # A shut pool takes nothing: a late call is done in its caller's thread.
    assert not pool.takes(Source(path=photos[2]), CARD)
    assert pool.prepare(Source(path=photos[2]), CARD, None, None).image.data
    assert not pool.pids


def test_what_stays_in_the_callers_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    pool = CardPool(1)
    photo = Source(path=Path("a.jpg"))
    idle = types.SimpleNamespace(is_loaded=lambda: False)  # the runtime not loaded here
    monkeypatch.setitem(sys.modules, "pictotext_desktop.engines.local", idle)
    assert pool.takes(photo, CARD) and pool.takes(CardSource(photo, 1, 2), CARD)
    # The on-device engine's pixels are made here (turned upright by its runtime) ...
    assert not pool.takes(photo, PrepareOptions(send="card", keep_pixels=True))
    # ... and every card once that runtime is loaded here (workers never load it)
    local = types.SimpleNamespace(is_loaded=lambda: True)
    monkeypatch.setitem(sys.modules, "pictotext_desktop.engines.local", local)
    assert not pool.takes(photo, CARD)


def test_a_batch_goes_on_when_a_worker_is_killed(
        photos: list[Path], server: StandInServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the window's runner (preparing in worker processes) and three photos
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    pool = CardPool(2)
    monkeypatch.setattr(card_worker, "POOL", pool)
    monkeypatch.setattr(card_worker, "_runtime_loaded", lambda: False)  # as in a cloud run
    cloud = engine(server)
    plain = [Source(path=p) for p in photos[1:]]
    jobs = new_jobs([plain[0], plain[1], plain[0]], "cn_id_card")
    order: list[int] = []

    def on_event(event: JobEvent) -> None:
        if event.state in (JobState.DONE, JobState.FAILED):
            order.append(event.job.id)

    runner = BatchRunner(lambda t: cloud, options=CARD, concurrency=1, background=True,
                         on_event=on_event)
    assert runner.processes
    killed = _kill_first_worker(pool)
    try:
        # WHEN the worker preparing the first is killed
        runner.run(jobs)
    finally:
        pool.shutdown()
    # THEN the first has its own error, the others are read, each sent once, in order
    assert killed
    assert [j.state for j in jobs] == [JobState.FAILED, JobState.DONE, JobState.DONE]
    assert isinstance(jobs[0].error, WorkerStoppedError)
    assert len(list(server.ocr_requests())) == 2
    assert order == [j.id for j in jobs]


def test_the_command_line_prepares_in_its_own_threads(photos: list[Path]) -> None:
    assert not BatchRunner(lambda t: None, options=CARD).processes  # type: ignore[arg-type,return-value]


@pytest.mark.skipif(not hasattr(os, "getpriority") or os.getpriority(os.PRIO_PROCESS, 0) >= 10,
                    reason="per-thread priorities (Linux), from a normal priority")
def test_the_windows_job_threads_keep_their_priority_while_workers_prepare(
        photos: list[Path], server: StandInServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the window's runner, preparing in worker processes or (a shut pool) itself
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    monkeypatch.setattr(card_worker, "_runtime_loaded", lambda: False)  # as in a cloud run
    cloud = engine(server)
    mine = os.getpriority(os.PRIO_PROCESS, 0)

    def sending_priorities(pool: CardPool) -> list[int]:
        seen: list[int] = []

        def on_event(event: JobEvent) -> None:  # in the job's own thread
            if event.state == JobState.SENDING:
                seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

        monkeypatch.setattr(card_worker, "POOL", pool)
        jobs = new_jobs([Source(path=p) for p in photos[1:]], "cn_id_card")
        BatchRunner(lambda t: cloud, options=CARD, concurrency=2, background=True,
                    on_event=on_event).run(jobs)
        assert [j.state for j in jobs] == [JobState.DONE, JobState.DONE]
        return seen

    pool = CardPool(2)
    try:
        # WHEN the workers prepare: the job threads only wait, at the window's priority
        # (a lower one, holding the GIL for a moment, kept the GUI thread waiting)
        assert sending_priorities(pool) == [mine, mine]
    finally:
        pool.shutdown()
    # AND when the thread prepares itself, it yields the CPU to the window from then on
    assert sending_priorities(pool) == [10, 10]  # jobs.lower_this_thread_priority
