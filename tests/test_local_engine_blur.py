"""The on-device reader on out-of-focus cards: the first reading's detector on a small
copy, and the read of a sharpened copy (real OCR runtime, generated cards)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from pictotext_desktop.engines import cn_id_extract, local
from tests.test_local_engine_turn import _bgr, _blurred, detector_inputs


@pytest.fixture()
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[local.OcrRuntime]:
    # Each test sets the switches it needs; they are put back afterwards.
    for name in ("READ_DET_SIDE", "SHARP_READ", "WIDE_READ", "SECOND_READ"):
        monkeypatch.setattr(local, name, getattr(local, name))
    # What the reading passes read, not a gender or birth date taken from the ID number.
    monkeypatch.setattr(cn_id_extract, "HIDDEN_FROM_NUMBER", False)
    yield local.get_runtime()


def _right(fields: dict[str, str | None], expected: dict[str, str | None]) -> int:
    return sum(fields.get(k) == v for k, v in expected.items() if v)


def test_the_first_reading_detects_on_a_small_copy_and_reads_a_blurred_card(
        runtime: local.OcrRuntime) -> None:
    # GIVEN a blurred card, and no further reading after the first
    image, expected = _blurred(42, "front", 5)
    local.WIDE_READ = local.SECOND_READ = local.SHARP_READ = False
    engine = local.LocalEngine()
    # WHEN the detector sees the card 480 px high
    local.READ_DET_SIDE = 480
    small = engine.recognize(image, "cn_id_card")
    # THEN all six fields are read exactly; at the image's own size one of six was
    assert small.fields == expected
    local.READ_DET_SIDE = None
    assert _right(engine.recognize(image, "cn_id_card").fields, expected) <= 1


def test_lines_detected_on_a_small_copy_lie_where_they_are_in_the_image(
        runtime: local.OcrRuntime) -> None:
    # GIVEN a sharp card, and the detector's input sizes recorded
    bgr = _bgr(37, "front")
    det = runtime._ocr._load_det_model()
    with detector_inputs(runtime) as shapes_small:
        small = runtime.read(bgr, 480)
    with detector_inputs(runtime) as seen:
        whole = runtime.read(bgr)
    # THEN the detector saw a copy about 480 px high, the same lines are read, and each
    # line lies where the full-size detection put it: its centre within half a line
    # height (25 px here; the detector's boxes differ by a few px at their ends)
    assert shapes_small and all(min(shape) <= 512 for shape in shapes_small)
    assert seen and all(min(shape) > 700 for shape in seen)
    assert [ln.text for ln in small] == [ln.text for ln in whole]
    def centre(box: tuple[tuple[float, float], ...]) -> tuple[float, float]:
        return sum(x for x, _ in box) / len(box), sum(y for _, y in box) / len(box)

    for a, b in zip(small, whole, strict=True):
        (ax, ay), (bx, by) = centre(a.box), centre(b.box)
        assert abs(ax - bx) < 25 and abs(ay - by) < 25
    # and the reader's own detector is left as it was
    assert runtime._ocr._load_det_model() is det
    assert det.limit_side_len == 736


def test_a_sharpened_copy_reads_what_the_blur_hid(runtime: local.OcrRuntime) -> None:
    # GIVEN a blurred card whose first reading (detector at the image's own size) reads
    # one field of six, and no wide read or crop to fall back on
    image, expected = _blurred(42, "front", 5)
    local.READ_DET_SIDE = None
    local.WIDE_READ = local.SECOND_READ = False
    engine = local.LocalEngine()
    local.SHARP_READ = False
    without = engine.recognize(image, "cn_id_card")
    # WHEN the incomplete reading is read again from a sharpened copy
    local.SHARP_READ = True
    sharp = engine.recognize(image, "cn_id_card")
    # THEN that reading is kept: more of the card's fields are read exactly
    assert "sharp_read" in sharp.timings
    assert _right(without.fields, expected) <= 1
    assert _right(sharp.fields, expected) >= 4


def test_the_sharpened_copy_keeps_the_image_and_steepens_its_edges() -> None:
    # GIVEN a soft edge (a grey ramp) on a 1280 px wide image
    ramp = np.clip(np.arange(1280, dtype=np.float64) - 600, 0, 80) * 2 + 40
    bgr = np.repeat(np.repeat(ramp.astype(np.uint8)[None, :, None], 40, axis=0), 3, axis=2)
    sharp = local._sharpen(bgr)
    # THEN the size and the flat parts stay, and the edge's ends overshoot (steeper)
    assert sharp.shape == bgr.shape and sharp.dtype == np.uint8
    assert sharp[20, 100, 0] == bgr[20, 100, 0] and sharp[20, 1200, 0] == bgr[20, 1200, 0]
    assert sharp[20, 602, 0] < bgr[20, 602, 0] and sharp[20, 678, 0] > bgr[20, 678, 0]
