"""The card step at office scale (issue #16): a bound on big decodes that counting and
preparing share, a card decoded no larger than it needs, and a scan that streams.

Real photos (bench/cards.py), the real decoder watched while it works, the real runner
and engine against the stand-in server; the CLI in-process, its output a real file read
while the scan runs.
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

from bench.cards import make_photo
from pictotext_desktop import card_prepare, imaging
from pictotext_desktop.card_prepare import DECODES, CardSource
from pictotext_desktop.image_limits import own_limits
from pictotext_desktop.imaging import PrepareOptions, Source
from pictotext_desktop.jobs import BatchRunner, JobState, new_jobs
from tests.conftest import TEST_KEY
from tests.stand_in_server import StandInServer
from tests.test_jobs import engine

SIZE = (1600, 1200)
CARD = PrepareOptions(send="card")


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Eight photos: one card, two cards, tilted, turned by EXIF, no card."""
    folder = tmp_path_factory.mktemp("photos")
    kinds = ["plain", "two", "tilt", "exif", "perspective", "two", "none", "plain"]
    paths = []
    for i, kind in enumerate(kinds):
        path = folder / f"{i:02d}-{kind}.jpg"
        path.write_bytes(make_photo(40 + i, kind, SIZE, "wood").data)
        paths.append(path)
    return paths


@pytest.fixture(autouse=True)
def nothing_remembered() -> Iterator[None]:
    """Each test detects anew (what the card step found is kept by the photo's bytes)."""
    card_prepare._found.clear()
    yield
    card_prepare._found.clear()


class DecodeWatch:
    """Wraps the real decoder: how many decodes run at once at most, and of what kind."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, hold_s: float = 0.03) -> None:
        self._real = imaging._decode
        self._lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.sizes: list[tuple[int, int]] = []
        self.hold_s = hold_s  # a decode lasts a little longer: overlaps become likely
        monkeypatch.setattr(imaging, "_decode", self._decode)

    def _decode(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            decoded, timings = self._real(*args, **kwargs)
            time.sleep(self.hold_s)
            with self._lock:
                self.sizes.append(decoded.image.size)
            return decoded, timings
        finally:
            with self._lock:
                self.now -= 1


# -- one bound on big decodes ----------------------------------------------------------
def test_counting_and_preparing_together_never_exceed_the_bound(
        photos: list[Path], server: StandInServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the window's situation: photos being counted in three threads while a batch
    # prepares cards with four workers and four CPU slots of its own
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    watch = DecodeWatch(monkeypatch)
    cloud = engine(server)
    jobs = new_jobs([Source(path=p) for p in photos], "cn_id_card")
    runner = BatchRunner(lambda t: cloud, options=CARD, concurrency=4, cpu_slots=4,
                         keep=None)
    counters = [threading.Thread(target=lambda ps=photos[k::3]: [
        card_prepare.count_cards(Source(path=p), PrepareOptions(send="card", rotate=90))
        for p in ps]) for k in range(3)]
    # WHEN both run at once
    for thread in counters:
        thread.start()
    runner.run(jobs)
    for thread in counters:
        thread.join(60)
    # THEN every job was read, and never more decodes ran at once than the one bound
    assert all(j.state is JobState.DONE for j in jobs)
    assert len(watch.sizes) >= 2 * len(photos)
    assert 2 <= watch.most <= DECODES.bound


def test_a_count_waits_for_a_slot_a_prepare_holds(photos: list[Path]) -> None:
    # GIVEN every decode slot taken (as preparing cards would take them)
    release = threading.Event()
    holding = threading.Barrier(DECODES.bound + 1)

    def hold() -> None:
        with DECODES.hold():
            holding.wait(10)
            release.wait(10)

    holders = [threading.Thread(target=hold) for _ in range(DECODES.bound)]
    for thread in holders:
        thread.start()
    holding.wait(10)
    # WHEN a photo's cards are counted, and a card is prepared, meanwhile
    counted: list[int] = []
    prepared: list[imaging.PreparedImage] = []
    count = threading.Thread(target=lambda: counted.append(
        card_prepare.count_cards(Source(path=photos[1]), CARD)))
    prep = threading.Thread(target=lambda: prepared.append(
        card_prepare.prepare(Source(path=photos[0]), CARD)))
    count.start()
    prep.start()
    count.join(0.5)
    prep.join(0.1)
    # THEN neither gets to decode until a slot is free; then both finish
    assert count.is_alive() and prep.is_alive()
    release.set()
    count.join(30)
    prep.join(30)
    for thread in holders:
        thread.join(10)
    assert counted == [2] and len(prepared) == 1


def test_a_thread_holding_a_slot_can_still_prepare() -> None:
    # A prepare that counts first, or a runner that holds a slot around prepare: one slot.
    photo = Source(data=make_photo(7, "two", SIZE, "fabric").data, name="two.jpg")
    with DECODES.hold(), DECODES.hold():
        done = card_prepare.prepare(CardSource(photo, 1, 2), CARD)
    assert done.filename == "two-2.jpg"


# -- a card decoded no larger than it needs -------------------------------------------
def _old_way(source: Source, options: PrepareOptions, index: int) -> bytes:
    """The card as the card step cut it before: the full-size photo, the corners found at
    SPLIT_SIDE scaled up, straightened as wide as the photo shows it."""
    with own_limits():
        small = card_prepare._upright(source, options, card_prepare.SPLIT_SIDE)[0]
        full = card_prepare._upright(source, options, 0)[0]
    found = card_prepare.find(small)
    quad = found.quads[index].scaled(full.size[0] / small.size[0])
    width = card_prepare._card_width(quad.long_side, options)
    # The same turn as `prepare` (none unless the on-device runtime is loaded already).
    card = card_prepare.straighten_card(full, quad, width, card_prepare._classifier(options))
    _card, encoded, _shrunk = imaging._encode_within(
        card, "JPEG", options.quality, options.max_bytes, source.display_name)
    return encoded


@pytest.mark.parametrize(("kind", "seed", "rotate"), [
    ("plain", 2, 0), ("exif", 10, 0), ("perspective", 12, 90), ("two", 1, 0), ("two", 1, 270)])
def test_each_card_is_cut_out_exactly_as_before(kind: str, seed: int, rotate: int) -> None:
    # GIVEN photos the card fills less than twice the width sent (a full-size decode),
    # with EXIF orientation and the person's rotation
    source = Source(data=make_photo(seed, kind, SIZE, "keyboard").data, name=f"{kind}.jpg")
    options = PrepareOptions(send="card", rotate=rotate)
    cards = 2 if kind == "two" else 1
    assert card_prepare.count_cards(source, options) == cards
    for index in range(cards):
        item = CardSource(source, index, cards) if cards > 1 else source
        # WHEN each card is prepared (cut to its region before colour and turning)
        upload = card_prepare.prepare(item, options)
        # THEN the upload is byte for byte the one the full-size way made
        assert upload.data == _old_way(source, options, index)


def test_a_card_twice_the_width_sent_is_decoded_at_half_size(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a 4800 x 3600 photo whose card is far wider than the 1280 px sent
    source = Source(data=make_photo(2, "large", (4800, 3600), "wood").data, name="big.jpg")
    options = PrepareOptions(send="card", long_side=1280)
    assert card_prepare.count_cards(source, options) == 1
    expected = Image.open(io.BytesIO(_old_way(source, options, 0)))
    # WHEN its card is prepared
    watch = DecodeWatch(monkeypatch, hold_s=0)
    upload = card_prepare.prepare(source, options)
    # THEN the photo was decoded at half size (JPEG DCT scaling), not in full
    assert watch.sizes == [(2400, 1800)]
    # AND the card sent is as wide and looks the same as the full-size decode's
    image = Image.open(io.BytesIO(upload.data))
    assert image.size == expected.size and image.width == 1280
    diff = ImageStat.Stat(ImageChops.difference(image.convert("L"),
                                                expected.convert("L"))).mean[0]
    assert diff < 3.0


# -- scan streams with the card step ---------------------------------------------------
def test_scan_writes_the_first_record_before_the_last_photo_is_counted(
        photos: list[Path], server: StandInServer, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    from pictotext_desktop.cli import main

    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    monkeypatch.setenv("PICTOTEXT_API_URL", server.url)
    out_path = tmp_path / "out.jsonl"
    last = photos[-1]
    seen_before_last: list[int] = []
    real = card_prepare.count_cards

    def count(source: Source, options: PrepareOptions) -> int:
        if source.path == last:  # the last photo's turn: what does a `tail -f` see?
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not out_path.read_text().strip():
                time.sleep(0.05)
            seen_before_last.append(len(out_path.read_text().splitlines()))
        return real(source, options)

    monkeypatch.setattr(card_prepare, "count_cards", count)
    # WHEN eight photos are scanned to JSON Lines, the output a file read meanwhile
    with out_path.open("w", encoding="utf-8") as out:
        code = main(["scan", "--rate-limit", "100", "-f", "jsonl", "--no-merge",
                     *map(str, photos)], stdout=out, stderr=io.StringIO())
    # THEN records were in the file before the last photo was even counted
    assert code == 0
    assert seen_before_last and seen_before_last[0] >= 1
    # AND the output is what it always was: input order, one record per card, each once
    sources = [json.loads(line)["source"] for line in out_path.read_text().splitlines()]
    expected: list[str] = []
    for path in photos:
        expected += ([f"{path} #1", f"{path} #2"] if "-two" in path.name else [str(path)])
    assert sources == expected


def test_a_batch_stopped_early_still_has_a_record_for_every_photo(
        photos: list[Path], server: StandInServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from pictotext_desktop.cli import main

    # GIVEN a key the server refuses: the batch stops at the first answer
    monkeypatch.setenv("PICTOTEXT_API_KEY", "sk_live_WRONGkey9999")
    monkeypatch.setenv("PICTOTEXT_API_URL", server.url)
    out = io.StringIO()
    code = main(["scan", "--rate-limit", "100", "-j", "1", "-f", "jsonl", "--no-merge",
                 *map(str, photos)], stdout=out, stderr=io.StringIO())
    # THEN every photo still has its records (not sent), in input order
    assert code == 3
    assert len(server.requests) == 1
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    named = [r["source"].split(" #")[0] for r in records]
    assert sorted(set(named), key=named.index) == [str(p) for p in photos]
    assert all(r["error"] is not None for r in records)
