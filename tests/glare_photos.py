"""A card front on a dark table with a lamp's reflection put where a test wants it (in mm
on the card: over the address, the ID number or the photo box), for the glare checks."""

from __future__ import annotations

import io
import random

import numpy as np
from PIL import Image

from bench.cards import random_identity, render_card

PPM = 12.0  # px per mm: the card is 1027 px wide in a 1600 x 1200 photo
ORIGIN = (280, 250)  # where the card's top left corner lies in the photo
OVER_PHOTO_BOX = (68.0, 20.0)  # the portrait, no text under it
OVER_ADDRESS = (30.0, 30.0)
OVER_ID_NUMBER = (45.0, 46.0)
BACK_OVER_AUTHORITY = (45.0, 43.0)  # a back: the issuing authority and validity lines
BACK_OVER_BLANK = (55.0, 31.0)  # a back: between the title and the authority, no text


def glare_photo(centre_mm: tuple[float, float] | None, radius_mm: float = 7.0,
                side: str = "front") -> Image.Image:
    """The photo, with a saturated reflection `radius_mm` high centred at `centre_mm`
    (as bench/cards.py draws glare), or none."""
    card = render_card(random_identity(random.Random(5)), side, random.Random(5), ppm=PPM)
    photo = Image.new("RGB", (1600, 1200), (96, 70, 50))
    photo.paste(card, ORIGIN, card)
    if centre_mm is None:
        return photo
    cx, cy = (o + c * PPM for o, c in zip(ORIGIN, centre_mm, strict=True))
    r = radius_mm * PPM
    yy, xx = np.mgrid[0:photo.height, 0:photo.width].astype(np.float32)
    blob = np.exp(-(((xx - cx) / (1.6 * r)) ** 2 + ((yy - cy) / r) ** 2))
    lit = np.asarray(photo).astype(np.float32) + 320 * blob[..., None]
    return Image.fromarray(lit.clip(0, 255).astype(np.uint8))


def glare_jpeg(centre_mm: tuple[float, float] | None) -> bytes:
    buffer = io.BytesIO()
    glare_photo(centre_mm).save(buffer, "JPEG", quality=92)
    return buffer.getvalue()
