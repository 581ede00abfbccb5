"""The edge map card detection works on: a grey copy at a chosen size, Sobel gradients,
thinned to one-pixel ridges, and the pixels that are true steps between two flat areas
(a card's edge) rather than thin printed lines or text strokes (detect.py uses it).
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image

Array = NDArray[Any]
WORK_SIDE = 640  # px, long side of the copy lines are searched on
REFINE_SIDE = 1600  # px, long side of the copy the sides are refined on
FAINT_RIDGE = 18.0  # grey levels: a thin dark line fainter than this may be a card's shadow

def _gray(image: Image.Image | Array) -> Image.Image:
    if isinstance(image, Image.Image):
        return image if image.mode == "L" else image.convert("L")
    arr = np.asarray(image)
    if arr.ndim == 3:
        arr = arr[:, :, :3].astype(np.float32).mean(axis=2)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8), "L")


def _downscale(gray: Image.Image, side: int) -> tuple[Image.Image, float]:
    """A copy with long side at most `side` px (box filter, integer factor), and its scale."""
    factor = _reduction(gray.size, side)
    if factor == 1:
        return gray, 1.0
    small = gray.reduce(factor)
    return small, small.size[0] / gray.size[0]


def _reduction(size: tuple[int, int], side: int) -> int:
    """The integer factor that brings the long side of `size` to at most `side` px."""
    return max(1, -(-max(size) // side))  # ceil


def _work_copy(image: Image.Image | Array) -> tuple[Image.Image, Image.Image, float]:
    """The photo in grey, and the copy lines are found on (long side <= WORK_SIDE) with its
    scale.  The copy sides are refined on is made later, only around them (`RefineCopy`)."""
    gray = _gray(image)
    work, work_scale = _downscale(gray, WORK_SIDE)
    return gray, work, work_scale


REFINE_PIECE = 64  # px at the refine copy's scale: a side's stretch reduced at once


class RefineCopy:
    """The grey copy sides are refined on (long side <= REFINE_SIDE, box filter), made only
    along the sides asked for: the same pixels there as reducing the whole photo (each
    piece is cut on the reduction's own block grid), at a fraction of the cost."""

    def __init__(self, gray: Image.Image) -> None:
        self.gray = gray
        self.factor = _reduction(gray.size, REFINE_SIDE)
        w, h = gray.size
        self.size = (-(-w // self.factor), -(-h // self.factor))
        self.scale = self.size[0] / w if self.factor > 1 else 1.0

    def around(self, quads: list[Array], margin: float) -> Array:
        """The copy as an array (refine scale) holding the photo within `margin` px of each
        side of `quads` (corners at the refine scale); 0 elsewhere."""
        if self.factor == 1:
            return np.asarray(self.gray, dtype=np.float32)
        w, h = self.size
        f = self.factor
        out = np.zeros((h, w), dtype=np.float32)
        gw, gh = self.gray.size
        for quad in quads:
            for k in range(4):
                p0, p1 = quad[k], quad[(k + 1) % 4]
                pieces = max(1, int(np.ceil(float(np.hypot(*(p1 - p0))) / REFINE_PIECE)))
                ends = p0 + (p1 - p0) * np.linspace(0.0, 1.0, pieces + 1)[:, None]
                for a, b in itertools.pairwise(ends):
                    x0 = int(np.clip(np.floor(min(a[0], b[0]) - margin), 0, w))
                    y0 = int(np.clip(np.floor(min(a[1], b[1]) - margin), 0, h))
                    x1 = int(np.clip(np.ceil(max(a[0], b[0]) + margin) + 1, 0, w))
                    y1 = int(np.clip(np.ceil(max(a[1], b[1]) + margin) + 1, 0, h))
                    if x1 <= x0 or y1 <= y0:
                        continue
                    piece = self.gray.crop((x0 * f, y0 * f, min(x1 * f, gw), min(y1 * f, gh)))
                    out[y0:y1, x0:x1] = np.asarray(piece.reduce(f), dtype=np.float32)
        return out


def _sobel(arr: Array) -> tuple[Array, Array]:
    p = np.pad(arr, 1, mode="edge")
    gx = (p[:-2, 2:] + 2 * p[1:-1, 2:] + p[2:, 2:]) - (p[:-2, :-2] + 2 * p[1:-1, :-2] + p[2:, :-2])
    gy = (p[2:, :-2] + 2 * p[2:, 1:-1] + p[2:, 2:]) - (p[:-2, :-2] + 2 * p[:-2, 1:-1] + p[:-2, 2:])
    return gx, gy


def _thin(mag: Array, gx: Array, gy: Array) -> Array:
    """Non-maximum suppression across the edge (4 directions)."""
    p = np.pad(mag, 1)
    ax, ay = np.abs(gx), np.abs(gy)
    tan22 = 0.4142
    horiz = ay <= tan22 * ax
    vert = ax <= tan22 * ay
    diag = ~(horiz | vert)
    same = (gx * gy) > 0  # gradient towards lower-right (y grows downwards) or upper-left
    diag1 = diag & same
    diag2 = diag & ~same
    c = p[1:-1, 1:-1]
    keep = np.zeros(mag.shape, dtype=bool)
    keep |= horiz & (c >= p[1:-1, :-2]) & (c >= p[1:-1, 2:])
    keep |= vert & (c >= p[:-2, 1:-1]) & (c >= p[2:, 1:-1])
    keep |= diag1 & (c >= p[:-2, :-2]) & (c >= p[2:, 2:])
    keep |= diag2 & (c >= p[:-2, 2:]) & (c >= p[2:, :-2])
    return keep


def _edge_threshold(mag: Array) -> float:
    """Edges worth voting: the strongest quarter, but a faint step always counts."""
    sample = mag[::2, ::2].ravel()
    q = float(np.partition(sample, int(0.75 * (len(sample) - 1)))[int(0.75 * (len(sample) - 1))])
    return min(60.0, max(16.0, q))


def _steps(candidates: Array, arr: Array, gx: Array, gy: Array, mag: Array) -> Array:
    """Keep step edges (one side darker than the other), drop thin lines (print, seams).

    A card's border is a step: 3 px either side of it the levels differ by about the
    whole step.  A printed rule or a text stroke is a ridge: both sides are alike.
    """
    at = np.flatnonzero(candidates)
    h, w = arr.shape
    ys, xs = np.divmod(at, w)
    flat = arr.ravel()
    m = np.maximum(mag.ravel().take(at), 1e-6)
    nx, ny = gx.ravel().take(at) / m, gy.ravel().take(at) / m
    here = flat.take(at)
    step = np.ones(len(xs), dtype=bool)
    faint = np.ones(len(xs), dtype=bool)
    for reach in (3.0, 5.0):
        ahead = flat.take(_nearest(xs + nx * reach, ys + ny * reach, w, h))
        behind = flat.take(_nearest(xs - nx * reach, ys - ny * reach, w, h))
        across = ahead - behind  # positive for a step along the gradient
        half = np.maximum(np.abs(ahead - here), np.abs(here - behind))
        step &= (across > 8.0) & (across > 0.8 * half)
        # A faint thin line with the same level either side: the shadow along a card
        # as light as the table under it.  Print, text strokes and seams are darker.
        dip = (ahead + behind) / 2 - here
        faint &= (np.abs(across) < 10.0) & (dip > 2.0) & (dip < FAINT_RIDGE)
    step |= faint
    out = np.zeros_like(candidates)
    out.ravel()[at[step]] = True
    return out


def _nearest(x: Array, y: Array, w: int, h: int) -> Array:
    """Index into a raveled h x w array of the pixel nearest each (x, y), clipped to it."""
    x = np.clip(np.rint(x), 0, w - 1)
    y = np.clip(np.rint(y), 0, h - 1)
    y *= w
    y += x
    return y.astype(np.intp)
