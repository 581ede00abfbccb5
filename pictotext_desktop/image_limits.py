"""The limits that stop a hostile image before it costs memory or minutes (ADR 0002).

Checked from the header, before decoding: the pixel count, the decoded bytes for the mode
the decoder will produce, and a progressive JPEG's scan count.  Pillow's own global bomb
check stands aside inside `own_limits()` (this thread only), so one rule decides for every
format; other code in the process keeps Pillow's behaviour.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from pictotext_desktop.errors import CorruptImageError, TooManyPixelsError

if TYPE_CHECKING:
    from PIL import Image

# The pixel limit counts 8-bit colour pixels: 100 MP allows 300 MB of decoded pixel data,
# so transparency, CMYK, 16 or 32 bits per sample get proportionally fewer pixels.
DECODED_BYTES_PER_PIXEL = 3
# Progressive JPEGs from cameras and editors have about 10 scans (mozjpeg up to ~20); every
# scan can cost a pass over the whole image, so 1,000 redundant ones take a minute to decode.
MAX_JPEG_SCANS = 100


def _megabytes(size: int) -> str:
    return f"{size / 1e9:.1f} GB" if size >= 1e9 else f"{size / 1e6:.0f} MB"


def _check_pixels(size: tuple[int, int], limit: int, name: str) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise CorruptImageError(message=f"{name} claims a size of {width}×{height} pixels")
    if limit > 0 and width * height > limit:
        raise TooManyPixelsError(
            message=f"{name} is {width}×{height} pixels ({width * height / 1e6:.0f} MP), more "
            f"than the {limit / 1e6:g} MP safety limit",
            metadata={"width": width, "height": height, "limit": limit},
        )


def _bytes_per_pixel(mode: str) -> int:
    """Bytes a pixel of `mode` holds (RGB 3, RGBA 4, I;16 2, F 4); 8 for a mode Pillow
    does not describe, to err on the safe side."""
    from PIL import ImageMode

    try:
        descriptor = ImageMode.getmode(mode)
    except KeyError:
        return 8
    return len(descriptor.bands) * int(descriptor.typestr[-1])


def _check_decoded_bytes(im: Image.Image, max_pixels: int, name: str) -> None:
    """Refuse, from the header, a decode bigger than the pixel limit's byte budget.

    The pixel count alone lets a 40-byte WebP or a small RGBA PNG of 100 MP take 400 MB
    decoded (and more than a gigabyte on the way to RGB); the budget is counted for the
    size and mode the decoder will really produce (after a JPEG's DCT scaling).
    """
    if max_pixels <= 0:
        return
    width, height = im.size
    needed = width * height * _bytes_per_pixel(im.mode)
    budget = max_pixels * DECODED_BYTES_PER_PIXEL
    if needed > budget:
        raise TooManyPixelsError(
            message=f"{name} is {width}×{height} pixels in {im.mode} mode: decoding it takes "
            f"{_megabytes(needed)}, more than the {_megabytes(budget)} the "
            f"{max_pixels / 1e6:g} MP safety limit allows",
            metadata={"width": width, "height": height, "mode": im.mode,
                      "bytes": needed, "limit": budget},
        )


def _check_jpeg_scans(data: bytes, name: str) -> None:
    """Refuse a progressive JPEG with more scans than any real encoder writes, before
    decoding it.

    Only progressive ones: their refinement scans can cost a pass over every coefficient for
    a few bytes each, while a sequential scan's work grows with its bytes (bounded by the
    file size).  Counting FF DA is an upper bound of the scans: entropy-coded data never
    holds it (an FF there is followed by 00 or a marker), only chance bytes in metadata
    could add to it.  It costs ~3 ms per MB, hence not for every JPEG.
    """
    scans = data.count(b"\xff\xda")
    if scans > MAX_JPEG_SCANS:
        raise CorruptImageError(
            message=f"{name} is a JPEG made of {scans} scans, more than the {MAX_JPEG_SCANS} "
            "any camera or editor writes; decoding it could take minutes",
            metadata={"scans": scans, "limit": MAX_JPEG_SCANS},
        )


# Pillow checks its own global MAX_IMAGE_PIXELS inside some plugins (a GIF frame while
# opening, a TIFF while loading): a warning on stderr above 89 MP, a refusal above 179 MP,
# whatever the person's own limit says.  Inside this module's calls that check stands aside,
# since ours ran from the header first; other code in the process keeps Pillow's behaviour.
_own_limits_decide: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "pictotext_own_image_limits", default=False
)
_pillow_hook_lock = threading.Lock()
_pillow_hook_installed = False


def _install_pillow_hook() -> None:
    global _pillow_hook_installed
    from PIL import Image

    with _pillow_hook_lock:
        if _pillow_hook_installed:
            return
        pillow_check = Image._decompression_bomb_check

        def bomb_check(*args: Any, **kwargs: Any) -> None:
            if not _own_limits_decide.get():
                pillow_check(*args, **kwargs)

        Image._decompression_bomb_check = bomb_check
        _pillow_hook_installed = True


@contextmanager
def own_limits() -> Iterator[None]:
    """Within this block (this thread only) the app's limits are the only ones checked."""
    _install_pillow_hook()
    token = _own_limits_decide.set(True)
    try:
        yield
    finally:
        _own_limits_decide.reset(token)
