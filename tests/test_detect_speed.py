"""The faster routines of card detection against straightforward references: the refine
copy made only along the sides, the longest runs sampled only inside the frame, the flat
reads along the sides, and the crossing table the candidate quads are looked up in."""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pictotext_desktop.cards.edges import REFINE_SIDE, RefineCopy, _nearest
from pictotext_desktop.cards.lines import MAX_GAP, _intersect, _longest_runs
from pictotext_desktop.cards.quads import _flat_index


def _grey_photo(w: int, h: int, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray((rng.random((h, w)) * 255).astype(np.uint8), "L")


def test_refine_copy_along_the_sides_is_the_whole_reduction_there() -> None:
    gray = _grey_photo(4000, 3000, 1)
    copy = RefineCopy(gray)
    factor = -(-4000 // REFINE_SIDE)
    whole = np.asarray(gray.reduce(factor), dtype=np.float32)
    assert copy.factor == factor and copy.size == (whole.shape[1], whole.shape[0])
    assert copy.scale == whole.shape[1] / 4000
    # a tilted card, and one running out of the frame at the bottom right
    quads = [np.array([[200.0, 150.0], [900.0, 260.0], [820.0, 700.0], [130.0, 590.0]]),
             np.array([[1000.0, 600.0], [1340.0, 620.0], [1350.0, 1010.0], [990.0, 990.0]])]
    margin = 7.5
    got = copy.around(quads, margin)
    assert got.shape == whole.shape
    # every pixel within `margin` of a side holds the whole reduction's value
    ys, xs = np.mgrid[0 : whole.shape[0], 0 : whole.shape[1]]
    near = np.zeros(whole.shape, dtype=bool)
    for quad in quads:
        for k in range(4):
            p0, p1 = quad[k], quad[(k + 1) % 4]
            d = p1 - p0
            t = np.clip(((xs - p0[0]) * d[0] + (ys - p0[1]) * d[1]) / (d @ d), 0, 1)
            dist = np.hypot(xs - (p0[0] + t * d[0]), ys - (p0[1] + t * d[1]))
            near |= dist <= margin
    assert near.sum() > 10_000
    assert np.array_equal(got[near], whole[near])
    # and far less than the whole photo was reduced
    assert (got != 0).mean() < 0.25


def test_a_small_photo_is_refined_on_itself() -> None:
    gray = _grey_photo(1200, 900, 2)
    got = RefineCopy(gray).around([], 5.0)
    assert np.array_equal(got, np.asarray(gray, dtype=np.float32))


def _runs_over_the_diagonal(lines: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The longest runs sampled over the whole diagonal (how they were measured before)."""
    h, w = mask.shape
    p = np.pad(mask, 1)
    dil = np.zeros_like(mask)
    for dy in range(3):
        for dx in range(3):
            dil |= p[dy : dy + h, dx : dx + w]
    t = np.arange(-math.hypot(w, h), math.hypot(w, h), 1.0)
    out = []
    for theta, rho in lines:
        x = math.cos(theta) * rho - math.sin(theta) * t
        y = math.sin(theta) * rho + math.cos(theta) * t
        inside = (x >= 0) & (x <= w - 1) & (y >= 0) & (y <= h - 1)
        on = dil[np.clip(np.round(y).astype(int), 0, h - 1),
                 np.clip(np.round(x).astype(int), 0, w - 1)] & inside
        idx = np.flatnonzero(on)
        best = run = 0
        for a, b in itertools.pairwise(idx):
            run = run + (b - a) if b - a <= MAX_GAP + 1 else 0
            best = max(best, run)
        out.append(best + 1 if len(idx) else 0)
    return np.array(out, dtype=np.float64)


def test_longest_runs_match_sampling_the_whole_diagonal() -> None:
    rng = np.random.default_rng(3)
    h, w = 428, 571
    mask = rng.random((h, w)) < 0.01
    # a card's sides, one with small gaps, one running out of the frame
    mask[100, 80:400] = True
    mask[100, 200:203] = False
    mask[100:300, 80] = True
    img = Image.new("1", (w, h))
    ImageDraw.Draw(img).line([(300, 420), (570, 200)], fill=1)
    mask |= np.asarray(img, dtype=bool)
    lines = np.stack([rng.random(60) * math.pi, rng.uniform(-300, 700, 60)], axis=1)
    lines = np.concatenate([lines, [[math.pi / 2, 100.0], [0.0, 80.0], [0.0, 0.0],
                                    [math.pi / 2, h - 1.0], [math.atan2(270, 220), 0.0]]])
    lines[-1, 1] = 300 * math.cos(lines[-1, 0]) + 420 * math.sin(lines[-1, 0])
    got = _longest_runs(lines, mask)
    want = _runs_over_the_diagonal(lines, mask)
    assert np.array_equal(got, want)
    assert got[-5] >= 320 and got[-4] >= 200 and got[-1] > 300


def test_flat_reads_are_the_rounded_clipped_pixels() -> None:
    rng = np.random.default_rng(4)
    h, w = 50, 70
    arr = rng.random((h, w))
    pts = rng.uniform(-10, 80, (6, 4, 9, 2))
    xi = np.clip(np.round(pts[..., 0]).astype(np.intp), 0, w - 1)
    yi = np.clip(np.round(pts[..., 1]).astype(np.intp), 0, h - 1)
    assert np.array_equal(arr.ravel().take(_flat_index(pts, w, h)), arr[yi, xi])
    assert np.array_equal(arr.ravel().take(_nearest(pts[..., 0], pts[..., 1], w, h)),
                          arr[yi, xi])


def test_crossing_table_is_each_pair_crossed() -> None:
    rng = np.random.default_rng(5)
    lines = np.stack([rng.random(12) * math.pi, rng.uniform(0, 500, 12)], axis=1)
    table, ok = _intersect(lines[:, None, :], lines[None, :, :])
    for i in range(12):
        for j in range(12):
            at, fine = _intersect(lines[i], lines[j])
            assert bool(fine) == bool(ok[i, j])
            assert np.array_equal(at, table[i, j])
