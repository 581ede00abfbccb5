"""Finding cards in photos: generated photos whose corners are known.

Photos are 1600 x 1200 (the detector works on a ~600 px copy whatever the size, so
this is what a 12 MP photo looks like to it, only faster to make).  Speed is measured
in bench/detect.py, not here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PIL import Image

from bench.cards import GeneratedPhoto, PhotoCard, make_photo
from bench.detect import expected_turn, iou
from pictotext_desktop.cards import ID1, CardQuad, find_cards, straighten
from pictotext_desktop.cards.detect import true_aspect
from pictotext_desktop.cards.quality import assess

SIZE = (1600, 1200)


def _photo(seed: int, distortion: str, texture: str | None = None) -> GeneratedPhoto:
    return make_photo(seed, distortion, SIZE, texture)


def _best_iou(photo: GeneratedPhoto, card: PhotoCard, quads: list[CardQuad]) -> float:
    return max((iou(card.corners, q.corners, photo.size) for q in quads), default=0.0)


@pytest.mark.parametrize(
    ("seed", "distortion", "texture"),
    [
        (1, "plain", "wood"),
        (2, "tilt", "keyboard"),
        (3, "perspective", "fabric"),
        (4, "orient", "wood"),
        (5, "glare", "wood"),
        (6, "blur", "fabric"),
        (7, "thumb", "wood"),
        (8, "small", "keyboard"),
        (9, "large", "fabric"),
        (10, "exif", "keyboard"),
    ],
)
def test_the_card_is_found_where_it_lies(seed: int, distortion: str, texture: str) -> None:
    # GIVEN a photo of one card on a surface, its corners known
    photo = _photo(seed, distortion, texture)
    # WHEN the cards are looked for in the photo as shown (EXIF applied)
    quads = find_cards(photo.image())
    # THEN exactly one card is found, overlapping the truth by >= 95 %
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95
    assert quads[0].shape == ID1
    assert not quads[0].cut_off


def test_a_flatbed_scan_of_a_card_on_white() -> None:
    photo = _photo(11, "scan")
    quads = find_cards(photo.image())
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95


def test_two_cards_side_by_side_are_two_items() -> None:
    photo = _photo(12, "two", "wood")
    quads = find_cards(photo.image())
    assert len(quads) == 2
    for card in photo.cards:
        assert _best_iou(photo, card, quads) >= 0.95


@pytest.mark.parametrize("texture", ["wood", "fabric", "keyboard", "paper"])
def test_a_photo_without_a_card_finds_nothing(texture: str) -> None:
    photo = _photo(13, "none", texture)
    assert photo.cards == ()
    assert find_cards(photo.image()) == []


def test_a_card_running_out_of_the_frame_is_flagged_cut_off() -> None:
    # GIVEN a card a fifth of which lies beyond the frame's edge
    photo = _photo(14, "cutoff", "wood")
    assert photo.cut_off
    quads = find_cards(photo.image())
    # THEN it is found, says so, and the quality check warns before a credit is spent
    assert len(quads) == 1
    assert quads[0].cut_off
    codes = [w.code for w in assess(photo.image(), quads[0])]
    assert "CUT_OFF" in codes


def test_a_numpy_array_works_like_a_pil_image() -> None:
    photo = _photo(1, "plain", "wood")
    img = photo.image()
    from_pil = find_cards(img)
    from_array = find_cards(np.asarray(img))
    assert len(from_array) == 1
    assert np.allclose(from_pil[0].corners, from_array[0].corners, atol=0.5)


def test_corners_start_at_the_top_left_of_a_card_lying_wide() -> None:
    # A card tilted by up to 30 degrees: corner 0 is its own top-left, so the
    # straightened card needs no turn.
    photo = _photo(2, "tilt", "keyboard")
    quad = find_cards(photo.image())[0]
    assert expected_turn(photo.cards[0], quad) == 0


def test_straightened_card_has_the_true_aspect_and_is_upright() -> None:
    photo = _photo(1, "plain", "wood")
    img = photo.image()
    quad = find_cards(img)[0]
    flat = straighten(img, quad, 1200)
    assert flat.size == (1200, round(1200 / ID1.aspect))
    # The truth says where the card's top-left is: the straightened card's top-left
    # region is card (light), with the blue "name" label a little inside.
    arr = np.asarray(flat.convert("L"), dtype=np.float32)
    assert arr[20:60, 20:60].mean() > 150
    # A 180 degree turn puts the (darker) ID number row on top instead.
    upside = np.asarray(straighten(img, quad, 1200, turn=180).convert("L"), dtype=np.float32)
    assert np.allclose(upside[::-1, ::-1], arr, atol=1)


def test_true_aspect_undoes_perspective() -> None:
    # A card 25 degrees out of plane looks much narrower than it is; the estimate
    # from the quad alone comes back within 6 % of 85.6 / 54.
    photo = make_photo(3, "perspective", (4000, 3000), "fabric")
    corners = np.array(photo.cards[0].corners)
    assert true_aspect(corners, photo.size) == pytest.approx(ID1.aspect, rel=0.06)


def test_quality_warns_about_blur_and_glare_but_not_a_good_photo() -> None:
    good = _photo(1, "plain", "wood")
    blurred = _photo(6, "blur", "fabric")
    glare = _photo(5, "glare", "wood")
    codes = {}
    for name, photo in (("good", good), ("blur", blurred), ("glare", glare)):
        img = photo.image()
        codes[name] = [w.code for w in assess(img, find_cards(img)[0])]
    assert codes["good"] == []
    assert "BLUR" in codes["blur"]
    assert "GLARE" in codes["glare"]


def test_a_tiny_image_or_a_blank_one_finds_nothing_without_error() -> None:
    assert find_cards(Image.new("RGB", (40, 30), "white")) == []
    assert find_cards(Image.new("L", (800, 600), 128)) == []


def test_the_turn_is_voted_on_a_card_no_wider_than_the_vote_side() -> None:
    # An ID copy straightens a card from a 12 MP photo at 2,000+ px; the classifier sees it
    # at VOTE_SIDE (text still ~30 px high), which decided the same on 40/40 cards and
    # cost a quarter of the time.
    from PIL import Image

    from pictotext_desktop.cards.upright import VOTE_SIDE, decide_turn

    seen: list[tuple[int, ...]] = []

    class Recorder:
        def line_angles(self, bgr: Any) -> list[tuple[str, float, float]]:
            seen.append(tuple(bgr.shape))
            return [("180", 0.9, 300.0), ("0", 0.8, 100.0)]

    decision = decide_turn(Image.new("RGB", (2400, 1514), "white"), Recorder())
    assert decision.turn == 180
    assert seen == [(round(1514 * VOTE_SIDE / 2400), VOTE_SIDE, 3)]
    decide_turn(Image.new("RGB", (800, 505), "white"), Recorder())
    assert seen[-1] == (505, 800, 3)  # a smaller card is voted on as it is
