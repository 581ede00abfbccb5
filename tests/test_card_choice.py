"""The person's word on a job's card (the window's corners, "Use whole photo"), Qt-free.

`CardChoice` rides on the job into `card_prepare.prepare`: corners set by hand are cut
out at the aspect they draw (or the card's, when near it); `whole` sends the photo.
"""

from __future__ import annotations

import threading
from pathlib import Path

from bench.cards import make_photo
from pictotext_desktop import card_prepare
from pictotext_desktop.card_prepare import CardChoice
from pictotext_desktop.imaging import PrepareOptions, Source
from pictotext_desktop.jobs import BatchRunner, Job, JobState
from tests.gated_engine import GatedEngine

SIZE = (1600, 1200)
CARD = PrepareOptions(send="card")


def photo(tmp_path: Path, seed: int = 2, distortion: str = "plain") -> Path:
    path = tmp_path / f"{distortion}-{seed}.jpg"
    path.write_bytes(make_photo(seed, distortion, SIZE, "wood").data)
    return path


def aspect(size: tuple[int, int]) -> float:
    return size[0] / size[1]


def test_corners_set_by_hand_are_cut_out_at_the_aspect_they_draw(tmp_path: Path) -> None:
    # GIVEN a photo of a card, and corners drawn around a wide strip of it (2.67 : 1)
    path = photo(tmp_path)
    strip = CardChoice(corners=((0.1, 0.1), (0.9, 0.1), (0.9, 0.5), (0.1, 0.5)))
    # WHEN it is prepared with them
    prepared = card_prepare.prepare(Source(path=path), CARD, strip)
    # THEN the strip was sent, not the card the detector finds nor the photo
    assert abs(aspect(prepared.size) - (0.8 * 1600) / (0.4 * 1200)) < 0.03
    detected = card_prepare.prepare(Source(path=path), CARD)
    assert 1.55 <= aspect(detected.size) <= 1.62


def test_corners_near_a_card_give_the_card_shape_in_any_order(tmp_path: Path) -> None:
    # GIVEN the card's true corners, a little off and counter-clockwise
    generated = make_photo(2, "plain", SIZE, "wood")
    path = tmp_path / "p.jpg"
    path.write_bytes(generated.data)
    corners = [(x / SIZE[0] + 0.004, y / SIZE[1]) for x, y in generated.cards[0].corners]
    choice = CardChoice(corners=tuple(reversed(corners)))  # type: ignore[arg-type]
    prepared = card_prepare.prepare(Source(path=path), PrepareOptions(send="whole"), choice)
    # THEN the card is sent at ID-1's aspect, laid wide, even with the setting "whole"
    assert 1.57 <= aspect(prepared.size) <= 1.60


def test_corners_from_another_turn_are_ignored_and_whole_sends_the_photo(
        tmp_path: Path) -> None:
    path = photo(tmp_path)
    strip = ((0.1, 0.1), (0.9, 0.1), (0.9, 0.5), (0.1, 0.5))
    turned = card_prepare.prepare(Source(path=path), CARD, CardChoice(corners=strip, rotate=90))
    assert 1.55 <= aspect(turned.size) <= 1.62  # the photo was turned since: detection's
    whole = card_prepare.prepare(Source(path=path), CARD, CardChoice(whole=True))
    assert whole.size == SIZE and whole.warnings == ()


def test_look_gives_the_cards_where_they_lie_at_the_size_asked(tmp_path: Path) -> None:
    generated = make_photo(1, "two", SIZE, "wood")
    path = tmp_path / "two.jpg"
    path.write_bytes(generated.data)
    image, found = card_prepare.look(Source(path=path), 0, 800)
    assert len(found.quads) == 2 and found.size == image.size
    scale = image.width / SIZE[0]
    truths = [[sum(v) / 4 * scale for v in zip(*c.corners, strict=True)]
              for c in generated.cards]
    for quad in found.quads:
        centre = [sum(v) / 4 for v in zip(*quad.corners, strict=True)]
        assert min(abs(centre[0] - t[0]) + abs(centre[1] - t[1]) for t in truths) < 8


def test_the_runner_prepares_a_job_with_its_choice(tmp_path: Path) -> None:
    # GIVEN a job whose person chose the whole photo, in a batch that sends cards
    path = photo(tmp_path)
    engine = GatedEngine()
    job = Job(source=Source(path=path), document_type="cn_id_card",
              card=CardChoice(whole=True))
    runner = BatchRunner(lambda _t: engine, options=CARD, checks=None, normalize=None)
    thread = threading.Thread(target=runner.run, args=([job],))
    thread.start()
    try:
        call = engine.wait_for_call(1)
    finally:
        engine.release_all()
        thread.join(10)
    # THEN the engine got the whole photo
    assert call.image.size == SIZE
    assert job.state == JobState.DONE
