"""Finding cards in photos: generated photos whose corners are known.

Photos are 1600 x 1200 (the detector works on a ~600 px copy whatever the size, so
this is what a 12 MP photo looks like to it, only faster to make).  Speed is measured
in bench/detect.py, not here.
"""

from __future__ import annotations

import io
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


@pytest.mark.parametrize(
    ("seed", "distortion"),
    [(21, "tilt"), (22, "plain"), (23, "tilt"), (25, "plain"), (31, "plain")],
)
def test_a_light_card_on_a_printed_letter_is_found_where_it_lies(
    seed: int, distortion: str
) -> None:
    # GIVEN a card nearly as light as the paper under it (only its faint shadow and the
    # letter's lines ending at it show), its corners known
    photo = _photo(seed, distortion, "paper")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the card is found, every corner within 1.5 % of its diagonal of the truth
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95
    truth = np.array(photo.cards[0].corners)
    found = np.array(quads[0].corners)
    diag = float(np.hypot(*(truth[0] - truth[2])))
    for corner in truth:
        assert np.hypot(*(found - corner).T).min() < 0.015 * diag


@pytest.mark.parametrize("seed", [23, 34])
def test_the_card_photo_box_is_not_taken_for_the_card(seed: int) -> None:
    # GIVEN a light card on paper whose own photo box (a dark head and shoulders in a
    # crisp frame) is the clearest rectangle in the photo
    photo = _photo(seed, "plain", "paper")
    # THEN whatever is found is the card itself, never the picture on it
    for quad in find_cards(photo.image()):
        assert iou(photo.cards[0].corners, quad.corners, photo.size) >= 0.95


def _inside_card(corners: tuple[tuple[float, float], ...], box_mm: tuple[float, ...]) -> Any:
    """The photo-pixel corners of a rectangle given in the card's own millimetres."""
    from pictotext_desktop.cards.straighten import homography

    m = homography([(0, 0), (85.6, 0), (85.6, 54), (0, 54)], list(corners))
    x0, y0, x1, y1 = box_mm
    out = []
    for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
        v = m @ np.array([x, y, 1.0])
        out.append(v[:2] / v[2])
    return np.array(out)


def test_a_picture_inside_a_frame_is_told_from_a_card() -> None:
    from PIL import ImageFilter

    from pictotext_desktop.cards.detect import _picture_inside
    from pictotext_desktop.cards.edges import _work_copy

    photo = _photo(22, "plain", "paper")
    assert photo.cards[0].side == "front"
    _gray, work, scale = _work_copy(photo.image())
    arr = np.asarray(work.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.float32)
    card = np.array(photo.cards[0].corners) * scale
    box = _inside_card(photo.cards[0].corners, (56.0, 6.0, 80.0, 38.0)) * scale
    assert not _picture_inside(arr, card)
    assert _picture_inside(arr, box)


def test_near_duplicate_line_peaks_are_kept_once_across_the_wrap() -> None:
    # The same line seen at 0.5 and 179.5 degrees (rho mirrored) is one line; a line
    # 3 degrees or 6 px away is another.
    from pictotext_desktop.cards.lines import _suppress

    ts = np.radians(np.array([0.5, 179.5, 0.5, 4.0, 90.0, 91.0]))
    rs = np.array([100.0, -101.0, 110.0, 100.0, 50.0, 52.0])
    assert _suppress(ts, rs).tolist() == [0, 2, 3, 4]


def test_a_line_is_fitted_onto_its_own_edge_pixels() -> None:
    # GIVEN a straight step edge at 30 degrees and a first guess 1 degree and 2 px off
    from PIL import ImageFilter

    from pictotext_desktop.cards.edges import _sobel, _thin
    from pictotext_desktop.cards.lines import _fit_lines

    theta, rho = np.radians(30.0), 200.0
    yy, xx = np.mgrid[0:400, 0:500].astype(np.float32)
    arr = np.where(xx * np.cos(theta) + yy * np.sin(theta) > rho, 200.0, 60.0)
    blurred = Image.fromarray(arr.astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.0))
    arr = np.asarray(blurred, dtype=np.float32)
    gx, gy = _sobel(arr)
    mag = np.hypot(gx, gy)
    strong = _thin(mag, gx, gy) & (mag > 50)
    guess = np.array([[np.radians(31.0), rho + 2.0]])
    # WHEN it is fitted
    fitted = _fit_lines(guess, strong, gx, gy, mag)
    # THEN it lies on the edge
    assert abs(np.degrees(fitted[0, 0]) - 30.0) < 0.2
    assert abs(fitted[0, 1] - rho) < 1.0


def _hard_photo(seed: int, distortion: str, texture: str) -> GeneratedPhoto:
    """A photo of bench/hard_set.py's kind: 12 MP, the card at 20-45 % of the frame."""
    return make_photo(seed, distortion, (4000, 3000), texture, (0.20, 0.45))


@pytest.mark.parametrize(
    ("seed", "distortion", "texture"),
    [(60071, "tilt", "fabric"), (60020, "thumb", "fabric"), (60021, "small", "fabric")],
)
def test_a_card_on_a_checked_cloth_is_one_card_not_the_checks(
    seed: int, distortion: str, texture: str
) -> None:
    # GIVEN a card on a checked cloth, whose checks make card-shaped rectangles that
    # run on past their corners (one around the card, one beside it)
    photo = _photo(seed, distortion, texture)
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN only the card is found, where it lies
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95


@pytest.mark.parametrize(("seed", "distortion"), [(518, "thumb"), (521, "thumb")])
def test_a_card_among_thousands_of_check_rectangles_is_still_found(
    seed: int, distortion: str
) -> None:
    # GIVEN a card held by a thumb on a checked cloth: the checks' lines close thousands
    # of quads with edge all along their sides, more than the quick first look keeps
    photo = _photo(seed, distortion, "fabric")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the card is found where it lies, and nothing else
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95


@pytest.mark.parametrize(("seed", "texture"), [(600, "wood"), (611, "keyboard")])
def test_a_strip_closed_by_the_frame_is_no_card(seed: int, texture: str) -> None:
    # GIVEN a photo of a surface without a card, where a line running through the whole
    # photo (a shadow's edge, a seam) and the surface's own lines close card-shaped quads
    # with the frame's border
    photo = _photo(seed, "none", texture)
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN nothing is found
    assert quads == []


def test_checks_without_a_card_are_no_card() -> None:
    photo = _photo(60027, "none", "fabric")
    assert find_cards(photo.image()) == []


@pytest.mark.parametrize(
    ("seed", "distortion", "texture"),
    [(41047, "thumb", "wood"), (41052, "perspective", "fabric")],
)
def test_the_surface_beside_or_around_a_card_is_not_a_second_card(
    seed: int, distortion: str, texture: str
) -> None:
    # GIVEN a 12 MP photo where a card's side, carried on by the table's lines, closes a
    # card-shaped quad beside the card (wood) or around it (a cloth's checks)
    photo = _hard_photo(seed, distortion, texture)
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN one card is found, the card itself
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95


@pytest.mark.parametrize(
    ("seed", "distortion"), [(60092, "large"), (60093, "exif"), (60094, "two")]
)
def test_a_card_as_light_as_the_letter_under_it_is_found_by_its_hue(
    seed: int, distortion: str
) -> None:
    # GIVEN cards about as light as the printed letter they lie on (a step of a few grey
    # levels at their sides), but tinted where the paper is neutral
    photo = _photo(seed, distortion, "paper")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN every card is found where it lies, and nothing else
    assert len(quads) == len(photo.cards)
    for card in photo.cards:
        assert _best_iou(photo, card, quads) >= 0.95



@pytest.mark.parametrize(("seed", "texture"), [(70017, "fabric"), (70026, "paper")])
def test_both_cards_of_a_two_card_photo_are_found_at_the_on_device_size(
    seed: int, texture: str
) -> None:
    # GIVEN a two-card photo at 2000 px, the size the on-device path counts cards at
    # (card_prepare.SPLIT_SIDE): on a checked cloth, or on a letter where one card shows
    # its shadow and the other hardly any
    photo = make_photo(seed, "two", (2000, 1500), texture)
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN both are found, each where it lies
    assert len(quads) == 2
    for card in photo.cards:
        assert _best_iou(photo, card, quads) >= 0.95


@pytest.mark.parametrize(
    ("seed", "texture", "size", "share"),
    [(41006, "wood", (4000, 3000), (0.20, 0.45)), (71002, "paper", (2000, 1500), (0.20, 0.45))],
)
def test_a_heavily_blurred_card_still_gives_its_quad(
    seed: int, texture: str, size: tuple[int, int], share: tuple[float, float]
) -> None:
    # GIVEN an out-of-focus photo (blur 0.08-0.15 % of the frame) of a card that is
    # plainly visible: a 12 MP one on wood, a 2000 px one on a letter
    photo = make_photo(seed, "blur", size, texture, share)
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the card is found where it lies
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95


def test_a_card_whose_far_side_is_under_glare_is_not_run_out_to_the_frame() -> None:
    # GIVEN a 12 MP photo of a card on wood, a lamp's glare over its left side, so the
    # card's top and bottom lines closed by the frame's border make a "cut off" quad
    # holding the card and the strip of table beside it
    photo = _hard_photo(41005, "glare", "wood")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the card itself is found, whole
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95
    assert not quads[0].cut_off


def test_the_table_beside_a_card_gives_way_to_the_card_it_borders() -> None:
    # GIVEN a 12 MP photo of a small card on a checked cloth, decoded at 2000 px as the
    # on-device path counts cards (the JPEG's own half-size decode): the card's lower
    # side and the cloth's lines close a quad below it that scores a little higher than
    # the card, its contrast flipping from side to side where the card's is one all round
    photo = _hard_photo(43058, "small", "fabric")
    image = Image.open(io.BytesIO(photo.data))
    image.draft(image.mode, (image.size[0] // 2, image.size[1] // 2))
    assert image.size == (2000, 1500)
    # WHEN the cards are looked for
    quads = [q.scaled(2.0) for q in find_cards(image.convert("RGB"))]
    # THEN the card itself is found, not the table beside it
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95


def _photo_12mp(seed: int, distortion: str, texture: str) -> GeneratedPhoto:
    return make_photo(seed, distortion, (4000, 3000), texture)


@pytest.mark.parametrize(
    ("seed", "distortion"),
    [(11036, "large"), (17036, "large"), (17032, "glare"), (19032, "glare"),
     (47035, "small"), (47036, "large"), (37032, "glare")],
)
def test_a_card_one_of_whose_sides_gives_no_line_is_completed_from_the_other_three(
    seed: int, distortion: str
) -> None:
    # GIVEN a 12 MP photo of a card on a printed letter, one of the letter's lines running
    # along the card's lower side (card, shadow and print one dark band), and on the glare
    # photos its upper side half washed out too; on 47035-37032 the looks also close a
    # quad of the card's own lines with a printed one (47035, in another shape's fit) or
    # the card with the strip of paper out to the frame (47036, 37032), which the card
    # completed from its three clean sides replaces
    photo = _photo_12mp(seed, distortion, "paper")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the card is found where it lies, a whole card and not cut off
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95
    assert quads[0].shape == ID1
    assert not quads[0].cut_off


@pytest.mark.parametrize(("seed", "texture"), [(17055, "keyboard"), (17027, "fabric")])
def test_three_lines_of_a_surface_closed_by_a_card_shape_are_no_card(
    seed: int, texture: str
) -> None:
    # GIVEN a 12 MP photo without a card whose surface has three lines that a card's
    # aspect would close into a card (a key and the row below it; two checks of a cloth
    # and the frame's border beyond them)
    photo = _photo_12mp(seed, "none", texture)
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN nothing is found
    assert quads == []


def test_a_thumb_held_card_on_a_checked_cloth_is_outlined_by_its_hue() -> None:
    # GIVEN a 12 MP photo of a card held by a thumb on a checked cloth, where a quad of the
    # checks' lines and the card's upper side scores a little in grey (0.74) and the card's
    # own outline does not
    photo = _photo_12mp(13020, "thumb", "fabric")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the card itself is found, as the hue copy outlines it
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95


def test_a_card_running_out_of_the_frame_is_not_given_up_for_a_quad_by_hue() -> None:
    # GIVEN a 12 MP photo of a card running out of the frame on a keyboard: closed by the
    # frame it scores under 0.8 (x 0.85), and the hue copy holds a clearer quad inside it
    photo = _photo_12mp(29054, "cutoff", "keyboard")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the card is found running out of the frame, and nothing else: its part inside
    # the frame, where it lies
    assert len(quads) == 1
    assert quads[0].cut_off
    assert _iou_in_frame(photo.cards[0].corners, quads[0].corners, photo.size) >= 0.95


def _iou_in_frame(a: Any, b: Any, size: tuple[int, int]) -> float:
    """IoU of two quads' parts inside the frame (rasterised at a quarter)."""
    from PIL import ImageDraw

    masks = []
    for quad in (a, b):
        img = Image.new("1", (size[0] // 4, size[1] // 4), 0)
        ImageDraw.Draw(img).polygon([(x / 4, y / 4) for x, y in quad], 1)
        masks.append(np.asarray(img, dtype=bool))
    return float((masks[0] & masks[1]).sum() / max((masks[0] | masks[1]).sum(), 1))


def test_a_weak_quad_beside_a_card_gives_way_to_the_card_found_by_its_hue() -> None:
    # GIVEN a 12 MP photo (EXIF-turned) of a card on a printed letter, whose grey look
    # finds only a weak quad of the table beside it (its contrast flipping from side to
    # side, one of its sides the card's), and whose hue look outlines the card clearly
    photo = _photo_12mp(29037, "exif", "paper")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the card itself is found, and not the strip beside it
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95


def test_the_second_card_on_a_letter_is_found_by_its_hue_when_its_side_runs_along_print(
) -> None:
    # GIVEN a 12 MP two-card photo on a printed letter: the second card's upper side runs
    # along a printed line (its hue step broken there), so it scores only a little by hue
    photo = _photo_12mp(29038, "two", "paper")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN both cards are found, each where it lies
    assert len(quads) == 2
    for card in photo.cards:
        assert _best_iou(photo, card, quads) >= 0.95


def test_a_card_running_out_of_a_letter_photo_is_found_by_its_hue_and_flagged() -> None:
    # GIVEN a 12 MP photo of a card on a printed letter running out of the frame: only
    # the hue look outlines it, closed by the frame (so scored x 0.85)
    photo = _photo_12mp(11040, "cutoff", "paper")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN it is found running out of the frame, its part inside the frame where it lies
    assert len(quads) == 1
    assert quads[0].cut_off
    assert _iou_in_frame(photo.cards[0].corners, quads[0].corners, photo.size) >= 0.95


def test_a_cloth_rectangle_filling_most_of_the_frame_is_no_card() -> None:
    # GIVEN a 12 MP photo of a checked cloth without a card, where the checks' lines close
    # a card-shaped rectangle over most of the frame (its sides run on only a little
    # before the frame's edge)
    photo = _photo_12mp(29027, "none", "fabric")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN nothing is found
    assert quads == []


def test_a_shadow_edge_across_a_card_is_not_taken_for_its_side() -> None:
    # GIVEN a 12 MP photo of a card in perspective on a checked cloth, the light falling
    # off in a sharp step through the whole photo and across the card: the step and the
    # card's other three sides close a quad that scores a little better than the card
    photo = _photo_12mp(29016, "perspective", "fabric")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the whole card is found, out to its own side beyond the shadow's edge
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95


@pytest.mark.parametrize("seed", [41029, 61029])
def test_a_second_card_on_a_letter_with_a_side_under_print_is_completed_from_three(
    seed: int,
) -> None:
    # GIVEN a two-card photo on a printed letter (bench/hard_set.py's recipe: 12 MP, each
    # card 20-45 % of the frame wide, the two of different sizes) decoded at half size,
    # 2000 px wide, as the on-device path counts cards: one side of the second card gives
    # no line in grey or by hue (a printed line along it), its other three are clean
    photo = _hard_photo(seed, "two", "paper")
    image = Image.open(io.BytesIO(photo.data))
    image.draft("RGB", (image.size[0] // 2, image.size[1] // 2))
    image = image.convert("RGB")
    assert image.size == (2000, 1500)
    # WHEN the cards are looked for
    quads = [q.scaled(2.0) for q in find_cards(image)]
    # THEN both cards are found, each where it lies
    assert len(quads) == 2
    for card in photo.cards:
        assert _best_iou(photo, card, quads) >= 0.95


@pytest.mark.parametrize(("seed", "distortion"), [(43029, "tilt"), (43031, "orient")])
def test_a_card_on_a_letter_seen_only_in_part_in_grey_is_outlined_by_its_hue(
    seed: int, distortion: str
) -> None:
    # GIVEN a 12 MP photo of a light card on a printed letter, one of whose sides gives no
    # line in grey: grey closes the card with the strip of paper out to the frame (43029)
    # or a box of the card's text up to a shadow's edge across it (43031); the hue copy
    # outlines the whole card clearly
    photo = _photo_12mp(seed, distortion, "paper")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the whole card is found where it lies, not cut off
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95
    assert not quads[0].cut_off


def test_a_card_half_under_a_shadow_on_a_letter_is_no_picture() -> None:
    # GIVEN a 12 MP photo of a thumb-held card on a printed letter, a shadow's sharp edge
    # through the whole photo darkening the card's far part and the paper beside it alike;
    # the card's own photo box is a clear rectangle, the card's sides faint on the paper
    photo = _photo_12mp(43034, "thumb", "paper")
    # WHEN the cards are looked for
    quads = find_cards(photo.image())
    # THEN the card is found where it lies (its shadowed part is no dark picture inside a
    # light surround), not its photo box
    assert len(quads) == 1
    assert _best_iou(photo, photo.cards[0], quads) >= 0.95
