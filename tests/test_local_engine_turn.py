"""The on-device reader's turn vote and second read, with the real OCR runtime on
generated cards whose printed fields are known (bench/cards.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from typing import Any, TypeVar

import numpy as np
import pytest

from bench.cards import make_card
from pictotext_desktop.engines import cn_id_checks, cn_id_extract, local
from pictotext_desktop.imaging import PreparedImage, PrepareOptions, Source, prepare

T = TypeVar("T")


@pytest.fixture(scope="module")
def runtime() -> Iterator[local.OcrRuntime]:
    yield local.get_runtime()


@contextmanager
def model_inputs(model: Any, seen_as: Callable[[np.ndarray], T]) -> Iterator[list[T]]:
    """`seen_as` of every batch one of the runtime's models (`_load_det_model()`,
    `_load_cls_model()`) is given while the block runs; its own session again afterwards."""
    seen: list[T] = []
    session = model.session

    class Recorder:
        def __call__(self, batch: np.ndarray) -> object:
            seen.append(seen_as(batch))
            return session(batch)

        def __getattr__(self, name: str) -> object:
            return getattr(session, name)

    model.session = Recorder()
    try:
        yield seen
    finally:
        model.session = session


def detector_inputs(runtime: local.OcrRuntime
                    ) -> AbstractContextManager[list[tuple[int, ...]]]:
    """The (height, width) of every image the runtime's text detector is given while the
    block runs."""
    return model_inputs(runtime._ocr._load_det_model(), lambda batch: batch.shape[2:])


def _bgr(seed: int, side: str) -> np.ndarray:
    card = make_card(seed, side, "scan")
    image = prepare(Source(data=card.data, name=card.filename),
                    PrepareOptions(keep_pixels=True))
    return np.asarray(local.decode_for_ocr(image))


@pytest.mark.parametrize("side", ["front", "back"])
def test_when_the_layout_cannot_tell_the_lines_verdicts_turn_the_card(
        runtime: local.OcrRuntime, side: str) -> None:
    # GIVEN a card upright and the same card upside down, and no text the layout can use
    upright = _bgr(31, side)
    upside_down = np.ascontiguousarray(upright[::-1, ::-1])
    # THEN the angle classifier's verdicts decide: upside down is turned, upright is not
    assert local._rotation(runtime, upright, []) == 0
    assert local._rotation(runtime, upside_down, []) == 180
    local.CLS_VOTE = False  # as before: a tie kept the image as it was
    try:
        assert local._rotation(runtime, upside_down, []) == 0
    finally:
        local.CLS_VOTE = True


def test_a_note_beside_the_card_does_not_vote(runtime: local.OcrRuntime) -> None:
    # GIVEN an upside-down card with eight upright strips of text beside it, and the
    # card's lines as read (only where they lie counts)
    card = np.ascontiguousarray(_bgr(32, "front")[::-1, ::-1])
    h, w = card.shape[:2]
    canvas = np.full((h, 3 * w, 3), 235, dtype=np.uint8)
    canvas[:, :w] = card
    note = _bgr(33, "front")  # an upright card's text, cut into one long strip
    strip = note[int(0.8 * h):int(0.92 * h), int(0.05 * w):int(0.95 * w)]
    for k in range(2):
        for y0 in (0.1, 0.3, 0.5, 0.7):
            x0 = w + int(0.1 * w) + k * strip.shape[1]
            top = int(y0 * h)
            canvas[top:top + strip.shape[0], x0:x0 + strip.shape[1]] = strip
    # the card's lines where they lie, their text no help to the layout
    lines = [cn_id_extract.OcrLine("字" * len(ln.text), ln.box) for ln in runtime.read(card)]
    assert cn_id_extract.detect_rotation(lines, (3 * w, h)) == 0
    # THEN only the card's lines vote, and the card is turned; every line voting, the
    # note would keep it as it lies
    assert local._rotation(runtime, canvas, lines) == 180
    assert local._rotation(runtime, canvas, []) == 0


def _incomplete_first_reading(seed: int) -> tuple[PreparedImage, dict[str, str | None]]:
    card = make_card(seed, "front", "scan")
    image = prepare(Source(data=card.data, name=card.filename),
                    PrepareOptions(keep_pixels=True))
    return image, card.expected


def test_the_second_read_finds_what_a_small_first_reading_missed(
        runtime: local.OcrRuntime, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a card the first reading sees too small to read its fields (read at 300 px;
    # what it read, not a gender or birth date taken from the ID number)
    monkeypatch.setattr(cn_id_extract, "HIDDEN_FROM_NUMBER", False)
    image, expected = _incomplete_first_reading(34)
    full = local._full(image)
    scale = 300 / full.shape[1]
    import cv2  # OpenCV or the app's stand-in, as the engine has installed it

    small = cv2.resize(full, (300, round(full.shape[0] * scale)), interpolation=cv2.INTER_AREA)
    lines = runtime.read(small)
    first = cn_id_extract.extract(lines)
    assert cn_id_checks.incomplete(first)
    # WHEN the card's text region is read again from the full-size image
    read_again = local._second_read(runtime, full, small, lines)
    # THEN that reading is complete, agrees with the ID number and is the one kept
    assert read_again is not None
    second = read_again[0]
    assert not cn_id_checks.incomplete(second)
    assert cn_id_checks.consistency(second) > cn_id_checks.consistency(first)
    assert second.fields["idNumber"] == expected["idNumber"]
    assert second.fields == expected


def _blurred(seed: int, side: str, radius: float) -> tuple[PreparedImage, dict[str, str | None]]:
    """A generated card out of focus (Gaussian `radius` px at 1280 px wide)."""
    from PIL import ImageFilter

    card = make_card(seed, side, "scan")
    image = prepare(Source(data=card.data, name=card.filename),
                    PrepareOptions(keep_pixels=True))
    assert image.pixels is not None
    pixels = image.pixels.filter(ImageFilter.GaussianBlur(radius * image.pixels.width / 1280))
    return replace(image, pixels=pixels), card.expected


def test_a_blurred_card_the_detector_misses_at_736_px_is_read_by_the_wide_read() -> None:
    # GIVEN a blurred card whose first reading finds one field of six, and no crop of
    # its text region to fall back on (a back whose titles alone were found has none)
    # (the first reading's detector at the image's own size, no sharpened copy: each
    # of them reads this card too, tests/test_local_engine_blur.py)
    image, expected = _blurred(42, "front", 5)
    engine = local.LocalEngine()
    local.SECOND_READ = local.SHARP_READ = False
    local.READ_DET_SIDE = None
    try:
        # THEN the wide read alone reads its fields exactly; without it they are missed
        assert engine.recognize(image, "cn_id_card").fields == expected
        local.WIDE_READ = False
        assert engine.recognize(image, "cn_id_card").fields != expected
    finally:
        local.WIDE_READ = local.SECOND_READ = local.SHARP_READ = True
        local.READ_DET_SIDE = 480


def test_the_wide_read_is_not_spent_on_a_card_read_whole(runtime: local.OcrRuntime) -> None:
    image, expected = _incomplete_first_reading(35)
    result = local.LocalEngine().recognize(image, "cn_id_card")
    assert result.fields == expected
    assert "wide_read" not in result.timings
    assert "sharp_read" not in result.timings


def test_the_angle_vote_detects_on_a_small_copy_and_still_turns_the_card(
        runtime: local.OcrRuntime) -> None:
    from PIL import Image

    from pictotext_desktop.cards.upright import decide_turn

    # GIVEN a card upright and upside down, and the detector's input sizes recorded
    upright = Image.fromarray(np.ascontiguousarray(_bgr(36, "front")[:, :, ::-1]))
    det = runtime._ocr._load_det_model()
    with detector_inputs(runtime) as seen:
        assert decide_turn(upright, runtime).turn == 0
        assert decide_turn(upright.rotate(180), runtime).turn == 180
    # THEN the detector saw a copy about 480 px high (rapidocr alone: 736), and the
    # detector is left as it was for the reading
    assert seen and all(min(shape) <= 512 for shape in seen)
    assert det.limit_side_len == 736


def test_the_surety_counts_the_card_lines_by_their_length() -> None:
    line = cn_id_extract.OcrLine
    box = ((0.0, 0.0), (80.0, 0.0), (80.0, 40.0), (0.0, 40.0))
    lower = tuple((x, y + 60.0) for x, y in box)
    far = tuple((x + 5000.0, y) for x, y in box)  # a note beside the card: not counted
    lines = [line("姓名张三", box, 0.9), line("住址", lower, 0.3), line("x", far, 0.0)]
    assert local._surety(lines) == pytest.approx((0.9 * 4 + 0.3 * 2) / 6)
    assert local._surety([]) == 0.0


@pytest.mark.parametrize(("surety", "kept"), [(1.0, "second"), (0.0, "first")])
def test_of_two_readings_the_checks_score_equally_the_surer_is_kept(
        monkeypatch: pytest.MonkeyPatch, surety: float, kept: str) -> None:
    # GIVEN a card read right, and a second read as consistent with its number (another
    # well-formed address) that the recogniser is surer (or less sure) of
    image, expected = _incomplete_first_reading(35)
    other = dict(expected, address="北京市东城区别的路1号")
    second = cn_id_extract.Extraction("front", other)
    monkeypatch.setattr(cn_id_checks, "incomplete", lambda extraction: True)
    monkeypatch.setattr(local, "_second_read", lambda *args: (second, surety))
    first = cn_id_checks.consistency(cn_id_extract.Extraction("front", dict(expected)))
    assert cn_id_checks.consistency(second) == first
    # WHEN the card is read
    fields = local.LocalEngine().recognize(image, "cn_id_card").fields
    # THEN the surer reading is kept
    assert fields == (other if kept == "second" else expected)
