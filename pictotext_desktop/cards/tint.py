"""A hue copy of the photo for the last look at it (detect.py uses it): a card as light as
the paper it lies on shows almost no step in grey, but it is seldom of the paper's hue (a
printed letter is neutral; an identity or bank card is tinted), and in a hue copy its sides
are clear steps.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter

Array = NDArray[Any]
TINT_GAIN = 4.0  # a card tinted 5-7 levels off the paper's hue: a 20-28 level step
NEUTRAL = 8.0  # grey levels: a surface whose usual hue is within this of grey is neutral
LIGHT = 150.0  # grey level: a surface at least this light (paper, not a keyboard)


def _rgb(image: Image.Image | Array) -> Image.Image | None:
    if isinstance(image, Image.Image):
        if image.mode not in ("RGB", "RGBA"):
            return None
        return image.convert("RGB") if image.mode == "RGBA" else image
    arr = np.asarray(image)
    if arr.ndim != 3 or arr.shape[2] < 3:
        return None
    return Image.fromarray(arr[:, :, :3].clip(0, 255).astype(np.uint8), "RGB")


def _hues(a: Array) -> tuple[Array, Array]:
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    return r - g, (r + g) / 2 - b


def light_neutral(image: Image.Image | Array) -> bool:
    """Whether the photo is mostly a light, grey surface (paper, a flatbed), by a quick
    look at a 64 x 48 sample: only there is a second look by hue worth its time once a
    card has been found (another card on a letter may show no shadow)."""
    rgb = _rgb(image)
    if rgb is None:
        return False
    a = np.asarray(rgb.resize((64, 48), Image.Resampling.NEAREST), dtype=np.float32)
    rg, yb = _hues(a)
    usual = max(abs(float(np.median(rg))), abs(float(np.median(yb))))
    return usual <= NEUTRAL and float(np.median(a.mean(axis=2))) >= LIGHT


def tint_copy(image: Image.Image | Array, size: tuple[int, int]) -> Array | None:
    """How far each pixel's hue is from the photo's usual hue (x TINT_GAIN), at `size`
    (the grey work copy's); None for a grey photo."""
    rgb = _rgb(image)
    if rgb is None:
        return None
    factor = max(1, round(rgb.size[0] / size[0]))
    small = rgb.reduce(factor) if factor > 1 else rgb
    if small.size != size:
        small = small.resize(size, Image.Resampling.BILINEAR)
    a = np.asarray(small.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.float32)
    rg, yb = _hues(a)
    rg -= float(np.median(rg))
    yb -= float(np.median(yb))
    result: Array = (np.hypot(rg, yb) * TINT_GAIN).clip(0, 255)
    return result
