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


def tint_copy(image: Image.Image | Array, size: tuple[int, int]) -> Array | None:
    """How far each pixel's hue is from the photo's usual hue (x TINT_GAIN), at `size`
    (the grey work copy's); None for a grey photo."""
    if isinstance(image, Image.Image):
        if image.mode not in ("RGB", "RGBA"):
            return None
        rgb = image.convert("RGB") if image.mode == "RGBA" else image
    else:
        arr = np.asarray(image)
        if arr.ndim != 3 or arr.shape[2] < 3:
            return None
        rgb = Image.fromarray(arr[:, :, :3].clip(0, 255).astype(np.uint8), "RGB")
    factor = max(1, round(rgb.size[0] / size[0]))
    small = rgb.reduce(factor) if factor > 1 else rgb
    if small.size != size:
        small = small.resize(size, Image.Resampling.BILINEAR)
    a = np.asarray(small.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.float32)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    rg = r - g
    yb = (r + g) / 2 - b
    rg -= float(np.median(rg))
    yb -= float(np.median(yb))
    result: Array = (np.hypot(rg, yb) * TINT_GAIN).clip(0, 255)
    return result
