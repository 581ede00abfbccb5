"""The card step's turn vote detects the card's text once; the on-device reader's first
reading reads those lines without detecting them again (real OCR runtime, generated
photos whose printed fields are known, bench/cards.py)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image

from bench.cards import make_photo
from pictotext_desktop import card_prepare
from pictotext_desktop.engines import local
from pictotext_desktop.imaging import PrepareOptions, Source
from tests.test_local_engine_turn import detector_inputs

CARD = PrepareOptions(keep_pixels=True, send=card_prepare.SEND_CARD)


@pytest.fixture()
def engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[local.LocalEngine]:
    monkeypatch.setattr(local, "CARD_BOXES", True, raising=False)
    local.get_runtime()
    yield local.LocalEngine()


def _card(seed: int, turned: bool) -> tuple[card_prepare.CardImage, dict[str, str | None]]:
    made = make_photo(seed, "plain", (2400, 1800), "wood")
    data = made.data
    if turned:  # the whole photo upside down: the card step turns the card back
        out = io.BytesIO()
        Image.open(io.BytesIO(data)).rotate(180).save(out, "JPEG", quality=92)
        data = out.getvalue()
    card_prepare._found.clear()
    image = card_prepare.prepare(Source(data=data, name=f"photo-{seed}.jpg"), CARD)
    assert isinstance(image, card_prepare.CardImage)
    return image, {k: v for k, v in made.cards[0].expected.items() if v}


@pytest.mark.parametrize("turned", [False, True], ids=["as-it-lay", "upside-down"])
def test_the_card_is_read_without_detecting_its_text_a_second_time(
        engine: local.LocalEngine, turned: bool) -> None:
    # GIVEN a card the card step cut out (and turned upright)
    image, wanted = _card(3, turned)
    assert image.text_boxes  # the lines its turn vote found
    # WHEN it is read
    with detector_inputs(local.get_runtime()) as seen:
        result = engine.recognize(image, "cn_id_card")
    # THEN every field is read, and the text detector never ran
    assert {k: result.fields[k] for k in wanted} == wanted
    assert seen == []
    assert not result.warnings  # no turn left to make: the card step made it
    # AND detecting again (as before) reads the same fields at the cost of a detection
    local.CARD_BOXES = False
    with detector_inputs(local.get_runtime()) as again:
        before = engine.recognize(image, "cn_id_card")
    assert before.fields == result.fields
    assert len(again) == 1


def test_lines_the_vote_found_turn_with_the_card() -> None:
    # GIVEN a vote whose detection found one line near the top-left corner of the card as
    # it lay, and that finds the card upside down
    class Vote:
        def vote_lines(self, bgr: object
                       ) -> tuple[list[tuple[str, float, float]], list[tuple[tuple[float,
                                                                                 float], ...]]]:
            return [("180", 0.99, 300.0)], [((0.1, 0.1), (0.4, 0.1), (0.4, 0.2), (0.1, 0.2))]

    photo = Image.new("RGB", (1600, 1200), (200, 200, 200))
    quad = card_prepare.drawn_quad(((0.1, 0.1), (0.9, 0.1), (0.9, 0.7), (0.1, 0.7)),
                                   photo.size)
    # WHEN the card is straightened and turned
    card, boxes = card_prepare._straighten_with_lines(photo, quad, 1280, Vote())  # type: ignore[arg-type]
    # THEN the line lies near the bottom-right corner of the card as sent, its corners
    # still clockwise from its (new) top-left
    assert card.size[0] == 1280
    assert boxes is not None and len(boxes) == 1
    corners = [c for corner in boxes[0] for c in corner]
    assert corners == pytest.approx([0.6, 0.8, 0.9, 0.8, 0.9, 0.9, 0.6, 0.9])
