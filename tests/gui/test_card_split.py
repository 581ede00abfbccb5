"""A photo of several cards in the window: one row per card, split off the GUI thread."""

from __future__ import annotations

import io
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bench.cards import make_photo
from pictotext_desktop import card_worker
from pictotext_desktop.card_prepare import CardSource
from pictotext_desktop.jobs import JobState
from tests.merge_cases import back, front
from tests.stand_in_server import StandInServer

SIZE = (1600, 1200)
CARD_ASPECT = (1.55, 1.62)  # ID-1 laid wide


def _photo(folder: Path, name: str, seed: int, distortion: str) -> Path:
    path = folder / name
    path.write_bytes(make_photo(seed, distortion, SIZE, "wood").data)
    return path


def _names(window: Any) -> list[str]:
    return [window.model.data(window.model.index(row, 0))
            for row in range(window.model.rowCount())]


@pytest.fixture
def counted_in(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The threads that asked for a count (the real one runs, in a worker process)."""
    threads: list[threading.Thread] = []
    real = card_worker.count

    def counting(*args: Any) -> int:
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(card_worker, "count", counting)
    return threads


def test_a_photo_of_two_cards_is_two_rows_each_read(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path,
        counted_in: list[threading.Thread]) -> None:
    # GIVEN a photo of two cards side by side; the stand-in accepts only card-shaped uploads
    two = _photo(tmp_path, "two.jpg", 1, "two")
    server.expect_aspect(*CARD_ASPECT)
    # WHEN it is added to the window
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths([two])
    # THEN it is two rows, #1 and #2, each read from its own card-shaped upload
    assert _names(window) == ["two.jpg #1", "two.jpg #2"]
    assert [j.state for j in window.model.jobs] == [JobState.DONE, JobState.DONE]
    assert [j.record.source for j in window.model.jobs] == [f"{two} #1", f"{two} #2"]
    sent = sorted(r.parts["image"].filename for r in server.ocr_requests())
    assert sent == ["two-1.jpg", "two-2.jpg"]
    for request in server.ocr_requests():
        width, height = request.image_size or (0, 0)
        assert CARD_ASPECT[0] <= width / height <= CARD_ASPECT[1]
    # AND the cards were counted once, off the GUI thread; no row says "only the first"
    assert len(counted_in) == 1 and counted_in[0] is not threading.main_thread()
    window.queue_view.selectRow(1)
    assert "only the first" not in window.result_view.message.text()


def test_front_and_back_in_one_photo_merge(window: Any, qtbot: Any, store: Any,
                                           server: StandInServer, tmp_path: Path) -> None:
    store.override("auto_merge", True)
    both = _photo(tmp_path, "both.jpg", 1, "two")
    server.respond_for_file("both-1.jpg", back("北京市公安局朝阳分局"))
    server.respond_for_file("both-2.jpg", front("张三", "110101199001011237"))
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths([both])
    # one result to export: the merged row, with both sides' fields
    (merged,) = window.controller.exportable([])
    assert merged.record.fields["name"] == "张三"
    assert merged.record.fields["issuingAuthority"] == "北京市公安局朝阳分局"
    assert len(list(server.ocr_requests())) == 2


def test_a_photo_of_one_card_keeps_its_plain_name(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path,
        counted_in: list[threading.Thread]) -> None:
    one = _photo(tmp_path, "one.jpg", 2, "plain")
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths([one])
    assert _names(window) == ["one.jpg"]
    assert [j.record.source for j in window.model.jobs] == [str(one)]
    assert len(counted_in) == 1 and len(list(server.ocr_requests())) == 1


def test_nothing_is_sent_before_the_cards_are_counted(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN counting that waits until the test lets it go
    go = threading.Event()
    real = card_worker.count

    def slow(*args: Any) -> int:
        go.wait(20)
        return real(*args)

    monkeypatch.setattr(card_worker, "count", slow)
    two = _photo(tmp_path, "two.jpg", 1, "two")
    # WHEN the photo is added: its row is there at once, and the window goes on answering
    window.add_paths([two])
    assert _names(window) == ["two.jpg"]
    qtbot.wait(400)  # events run: the GUI thread is not held by the count
    # THEN nothing was sent while it was counted
    assert list(server.ocr_requests()) == []
    assert window.model.jobs[0].state == JobState.WAITING
    # AND once counted, each card is read once
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        go.set()
    assert _names(window) == ["two.jpg #1", "two.jpg #2"]
    assert sorted(r.parts["image"].filename for r in server.ocr_requests()) == [
        "two-1.jpg", "two-2.jpg"]


def test_split_rows_remove_undo_rotate_and_add_again(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    two = _photo(tmp_path, "two.jpg", 1, "two")
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths([two])
    first, second = window.model.jobs
    # Remove #2, Undo: back in its place with its result
    window.controller.remove([second])
    assert _names(window) == ["two.jpg #1"]
    # the photo still has a card queued: adding it again adds nothing
    assert window.add_paths([two]) == 0
    window.controller.undo()
    assert _names(window) == ["two.jpg #1", "two.jpg #2"]
    assert second.state == JobState.DONE
    # Rotate #2: read again, still card #2 of the photo
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.controller.rotate_job(second, 180)
    assert second.state == JobState.DONE and second.rotate == 180
    assert second.record.source == f"{two} #2"
    # Both removed: the photo can be added again, and is split again
    window.controller.remove([first, second])
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        assert window.add_paths([two]) == 1
    assert _names(window) == ["two.jpg #1", "two.jpg #2"]


def test_a_restored_card_row_is_its_photo_card(tmp_path: Path) -> None:
    from pictotext_desktop.row_sources import restored_source

    two = _photo(tmp_path, "two.jpg", 1, "two")
    seen: set[Path] = set()
    source = restored_source(f"{two} #2", seen)
    assert isinstance(source, CardSource) and source.index == 1
    assert source.display_name == "two.jpg #2" and source.photo.path == two
    assert seen == {two.resolve()}
    gone = restored_source(f"{tmp_path / 'gone.jpg'} #1", set())
    assert not isinstance(gone, CardSource) and gone.display_name == "gone.jpg #1"


def test_send_whole_keeps_one_row(window: Any, qtbot: Any, store: Any,
                                  server: StandInServer, tmp_path: Path,
                                  counted_in: list[threading.Thread]) -> None:
    store.override("send", "whole")
    two = _photo(tmp_path, "two.jpg", 1, "two")
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths([two])
    assert _names(window) == ["two.jpg"] and counted_in == []


def test_an_image_cropped_to_the_card_is_sent_at_once_uncounted(
        window: Any, qtbot: Any, cards: list[Path],
        counted_in: list[threading.Thread]) -> None:
    # An image with a card's shape (told from its header) has nothing to count: its row
    # starts as it is added, as before, without a trip through the counting workers.
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths(cards[:1])
        assert window.controller.running
    assert _names(window) == ["card_1.jpg"]
    # (the result view looks at the selected row's photo itself: not a count for a split)
    assert not any(t.name.startswith("pictotext-cards") for t in counted_in)


def test_a_pdf_page_of_two_cards_is_two_rows_and_a_text_page_one(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path,
        counted_in: list[threading.Thread]) -> None:
    from tests.pdf_cards import cards_page, text_page
    from tests.pdf_samples import pages_pdf

    # GIVEN a scanner's PDF: a page of two cards, then a plain text page
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(pages_pdf([cards_page(2, seed=11), text_page()]))
    # WHEN it is added to the window
    with qtbot.waitSignal(window.batch_finished, timeout=60_000):
        window.add_paths([pdf])
    # THEN the card page is one row per card, each sent card-shaped; the text page one row
    assert _names(window) == ["scan.pdf p.1 #1", "scan.pdf p.1 #2", "scan.pdf p.2"]
    assert [j.state for j in window.model.jobs] == [JobState.DONE] * 3
    sizes = [Image.open(io.BytesIO(r.parts["image"].data)).size for r in server.ocr_requests()]
    shapes = sorted(w / h for w, h in sizes)
    assert len(shapes) == 3 and CARD_ASPECT[0] <= shapes[1] <= shapes[2] <= CARD_ASPECT[1]
    assert shapes[0] < 1.0  # the text page, whole (A4 stands)
    # AND both pages were counted off the GUI thread; no row says "only the first" and the
    # text page carries no "no card" note
    assert len(counted_in) == 2
    assert all(t is not threading.main_thread() for t in counted_in)
    for row in range(3):
        window.queue_view.selectRow(row)
        text = window.result_view.message.text()
        assert "only the first" not in text and "No card" not in text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_cards_are_counted_and_prepared_in_worker_processes_at_a_lower_priority(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(card_worker, "POOL", card_worker.CardPool())  # counts of its own
    from pictotext_desktop.engines import local

    # A cloud session has not loaded the on-device runtime (an earlier test may have).
    monkeypatch.setattr(local, "_runtime", None)
    # WHEN a photo of two cards is added
    with qtbot.waitSignal(window.batch_finished, timeout=30_000):
        window.add_paths([_photo(tmp_path, "two.jpg", 1, "two")])
    assert [j.state for j in window.model.jobs] == [JobState.DONE, JobState.DONE]
    # THEN its cards were counted and prepared in worker processes (not holding the
    # window's GIL) that yield the CPU to the window
    workers = card_worker.POOL.pids
    assert workers and os.getpid() not in workers
    assert card_worker.POOL.done == {"count": 1, "prepare": 2}  # each done there, once
    # (Linux: they run only on CPU time no normal task wants)
    assert all(os.sched_getscheduler(pid) == os.SCHED_IDLE for pid in workers)
    # AND when the window shuts down, no worker process is left
    window.shutdown()
    assert not card_worker.POOL.pids
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    """Running (a zombie, or no such process, is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
