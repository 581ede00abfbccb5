"""What a hand and a lamp leave on a generated card photo (bench/cards.py make_photo).

`thumb` (recipe 1, every set made before 2026-12-03's sixth round) is a finger pointing
at a side: 70 % of the time at the middle half of a long side, its tip 1.9 radii over the
card (11-16 mm of a 54 mm high card), 12-17 mm wide (on a short side 7-10 mm over it,
8-11 mm wide).  On the bottom side it lands on the ID number nearly every time, on the
top on the name.  A card held for a photo is gripped at its edge, mostly at a short side
or near a corner, the tip 6-14 mm over it, and an adult thumb is 16-22 mm wide:
`held_thumb` (recipe 2) draws that.  Recipe 1 stays, so the sets made with it keep
their bytes.
"""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFilter

Corners = tuple[tuple[float, float], ...]
CARD_MM = (85.6, 54.0)
THUMB_RECIPES = (1, 2)


def _skin(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randrange(190, 230), rng.randrange(140, 175), rng.randrange(115, 150))


def _capsule(img: Image.Image, start: tuple[float, float], normal: tuple[float, float],
             r: float, depths: list[float], skin: tuple[int, int, int]) -> Image.Image:
    """Discs of radius `r` along `normal` (inward) from `start`, at `depths`, in skin."""
    (px, py), (nx, ny) = start, normal
    layer = Image.new("L", img.size, 0)
    draw = ImageDraw.Draw(layer)
    for d in depths:
        draw.ellipse((px + nx * d - r, py + ny * d - r, px + nx * d + r, py + ny * d + r),
                     fill=255)
    layer = layer.filter(ImageFilter.GaussianBlur(r * 0.1))
    return Image.composite(Image.new("RGB", img.size, skin), img, layer)


def _edge(corners: Corners, k: int, t: float
          ) -> tuple[tuple[float, float], tuple[float, float], float]:
    """The point `t` along side `k` (TL-TR, TR-BR, BR-BL, BL-TL), the inward normal
    there, and the side's length."""
    (x0, y0), (x1, y1) = corners[k], corners[(k + 1) % 4]
    px, py = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
    cx, cy = (sum(x for x, _ in corners) / 4, sum(y for _, y in corners) / 4)
    nx, ny = px - cx, py - cy
    norm = math.hypot(nx, ny) or 1
    return (px, py), (-nx / norm, -ny / norm), math.hypot(x1 - x0, y1 - y0)


def thumb(img: Image.Image, corners: Corners, rng: random.Random) -> Image.Image:
    """Recipe 1: a skin-coloured rounded blob reaching over one side of the card."""
    k = rng.choice((0, 2)) if rng.random() < 0.7 else rng.choice((1, 3))
    t = rng.uniform(0.25, 0.75)
    start, (nx, ny), length = _edge(corners, k, t)
    r = length * rng.uniform(0.07, 0.1)
    # From outside the card to just over its edge (the normal points outward here).
    depths = [-r * 0.9 + s * r * 0.3 for s in range(12)]
    return _capsule(img, start, (-nx, -ny), r, depths, _skin(rng))


def held_thumb(img: Image.Image, corners: Corners, rng: random.Random,
               own: random.Random) -> Image.Image:
    """Recipe 2: a thumb gripping the card at its edge.  Half the time at a short side
    (anywhere along its middle 60 %), half at a long side near a corner (its outer 6-25 %
    either end); 16-22 mm wide; its tip 6-14 mm over the card.  Its own draws come from
    `own`; `rng` is advanced as recipe 1 advances it, so the rest of the photo is the
    same as under recipe 1."""
    rng.random(), rng.choice((0, 1)), rng.uniform(0.25, 0.75), rng.uniform(0.07, 0.1)
    skin = _skin(rng)
    if own.random() < 0.5:
        k, t = own.choice((1, 3)), own.uniform(0.2, 0.8)
    else:
        k, t = own.choice((0, 2)), own.uniform(0.06, 0.25)
        t = t if own.random() < 0.5 else 1 - t
    start, normal, length = _edge(corners, k, t)
    per_mm = length / (CARD_MM[0] if k % 2 == 0 else CARD_MM[1])
    r = per_mm * own.uniform(8.0, 11.0)
    reach = per_mm * own.uniform(6.0, 14.0)  # the tip's distance inside the edge
    depths = [reach - r - s * r * 0.3 for s in range(16)]  # back out past the edge
    return _capsule(img, start, normal, r, depths, skin)


def glare(img: Image.Image, corners: Corners, rng: random.Random) -> Image.Image:
    """A lamp's reflection: a bright blob, saturated in its middle, over part of the card."""
    import numpy as np

    xs = [x for x, _ in corners]
    ys = [y for _, y in corners]
    cx = rng.uniform(min(xs) + 0.2 * (max(xs) - min(xs)), max(xs) - 0.2 * (max(xs) - min(xs)))
    cy = rng.uniform(min(ys) + 0.2 * (max(ys) - min(ys)), max(ys) - 0.2 * (max(ys) - min(ys)))
    r = (max(xs) - min(xs)) * rng.uniform(0.08, 0.18)
    w, h = img.size
    x0, x1 = max(0, int(cx - 3 * r)), min(w, int(cx + 3 * r))
    y0, y1 = max(0, int(cy - 3 * r)), min(h, int(cy + 3 * r))
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    blob = np.exp(-(((xx - cx) / (1.6 * r)) ** 2 + ((yy - cy) / r) ** 2))
    arr = np.asarray(img).astype(np.float32).copy()
    arr[y0:y1, x0:x1] += 320 * blob[..., None]
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))
