"""Straighten a found card: a perspective warp to its true aspect, long side horizontal.

The output width is chosen for reading: at 1000 px an ID-1 card's 3.1 mm field text is
about 36 px tall; bench/detect.py --widths read 640, 800, 1000, 1200 and 1400 px equally
well (24/24 fields), and 1000 px warps in two thirds of 1200's time while leaving room
for smaller print than the ID card's.  Large cards are first
reduced by an integer factor (box filter) so the bilinear warp does not alias.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from pictotext_desktop.cards.shape import CardQuad

READ_WIDTH = 1000  # px, long side of the straightened card


def size_for(quad: CardQuad, width: int = READ_WIDTH) -> tuple[int, int]:
    """(width, height) of the straightened card at the shape's true aspect."""
    return width, max(1, round(width / quad.shape.aspect))


def homography(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> np.ndarray:
    """The 3 x 3 matrix taking the four `src` points to the four `dst` points."""
    a = np.zeros((8, 8))
    b = np.zeros(8)
    for i, ((x, y), (u, v)) in enumerate(zip(src, dst, strict=True)):
        a[i] = (x, y, 1, 0, 0, 0, -x * u, -y * u)
        a[i + 4] = (0, 0, 0, x, y, 1, -x * v, -y * v)
        b[i], b[i + 4] = u, v
    return np.append(np.linalg.solve(a, b), 1.0).reshape(3, 3)


def straighten(
    image: Image.Image, quad: CardQuad, width: int = READ_WIDTH, turn: int = 0
) -> Image.Image:
    """The card alone, flat, `width` px wide, then turned clockwise by `turn` degrees.

    `turn` is 0 or 180 in practice (the quad's corner order already lays the card wide);
    `upright.decide_turn` says which.
    """
    out_w, out_h = size_for(quad, width)
    corners = [(float(x), float(y)) for x, y in quad.corners]
    xs = [c[0] for c in corners]
    ys = [c[1] for c in corners]
    # Work on the card's bounding box only, reduced when it is far larger than the output.
    left = max(0, int(min(xs)) - 2)
    top = max(0, int(min(ys)) - 2)
    right = min(image.width, int(max(xs)) + 3)
    bottom = min(image.height, int(max(ys)) + 3)
    src = image.convert("RGB") if image.mode not in ("RGB", "L") else image
    if right - left < 2 or bottom - top < 2:
        return Image.new(src.mode, (out_w, out_h), "white")
    crop = src.crop((left, top, right, bottom))
    factor = int(quad.long_side / (out_w * 1.5))
    if factor >= 2:
        crop = crop.reduce(factor)
    else:
        factor = 1
    local = [((x - left) / factor, (y - top) / factor) for x, y in corners]
    target = [(0.0, 0.0), (float(out_w), 0.0), (float(out_w), float(out_h)), (0.0, float(out_h))]
    # Pillow's PERSPECTIVE data maps output pixels to input pixels.
    m = homography(target, local)
    coeffs = tuple(float(v) for v in (m / m[2, 2]).ravel()[:8])
    flat = crop.transform(
        (out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR,
        fillcolor="white",
    )
    if turn % 360:
        flat = flat.rotate(-turn, expand=True)
    return flat
