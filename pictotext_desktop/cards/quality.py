"""Is this card worth a credit?  Blur, glare, too small, cut off: typed warnings.

Each check measures the card itself (the straightened card at a fixed 640 px width, so
the numbers do not depend on the photo's resolution) and compares with a threshold
measured on generated photos (bench/detect.py prints the distributions per distortion;
README "Card detection" has the figures and why each threshold sits where it does).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from pictotext_desktop.cards.detect import CardQuad
from pictotext_desktop.cards.straighten import straighten
from pictotext_desktop.checks import photo

JUDGE_WIDTH = 640  # px: the card is judged at this width
# Thresholds, measured (bench/detect.py --quality): see README.
BLUR_MIN_SHARPNESS = 200.0  # variance of the Laplacian on the 640 px card
GLARE_MAX_SHARE = 0.15  # share of the card burnt out white (glare, or too much light)
TEXT_MIN_PX = 10.0  # estimated field text height in the photo, px (bench/card_small.py)
TEXT_SHARE = 3.1 / 85.6  # field text height / card width on an ID-1 card


@dataclass(frozen=True)
class QualityWarning:
    """One reason the reading may be poor, in plain words (the code is for tests/notes)."""

    code: str  # BLUR | GLARE | TOO_SMALL | CUT_OFF
    message: str
    value: float
    threshold: float


@dataclass(frozen=True)
class Measures:
    sharpness: float
    glare: float
    text_px: float
    cut_off: bool


def measure(image: Image.Image, quad: CardQuad) -> Measures:
    """The raw numbers behind the warnings (the bench prints their distributions)."""
    card = straighten(image, quad, JUDGE_WIDTH)
    rgb = np.asarray(card.convert("RGB"), dtype=np.float32)
    h, w = rgb.shape[:2]
    # Inset: the rounded corners and the border itself are not the card's content.
    inner = rgb[h // 12 : h - h // 12, w // 20 : w - w // 20]
    gray = inner.mean(axis=2)
    lap = (
        gray[1:-1, :-2] + gray[1:-1, 2:] + gray[:-2, 1:-1] + gray[2:, 1:-1] - 4 * gray[1:-1, 1:-1]
    )
    sharpness = float(lap.var())
    # Glare: burnt-out white clearly above the card's own level (a card lit brightly
    # all over is not glare, and its text still reads).
    level = float(np.percentile(gray, 25))  # the card's own ground, glare or not
    glare = float(((inner.min(axis=2) >= 250) & (gray >= min(level + 10, 254))).mean())
    text_px = quad.long_side * TEXT_SHARE
    return Measures(sharpness, glare, text_px, quad.cut_off)


def assess(image: Image.Image, quad: CardQuad) -> list[QualityWarning]:
    """Warnings for one detected card; [] when it looks fine to read."""
    m = measure(image, quad)
    out: list[QualityWarning] = []
    if m.sharpness < BLUR_MIN_SHARPNESS:
        out.append(QualityWarning(
            "BLUR", photo.BLUR,
            m.sharpness, BLUR_MIN_SHARPNESS))
    if m.glare > GLARE_MAX_SHARE:
        out.append(QualityWarning(
            "GLARE", photo.GLARE,
            m.glare, GLARE_MAX_SHARE))
    if m.text_px < TEXT_MIN_PX:
        out.append(QualityWarning(
            "TOO_SMALL", photo.TOO_SMALL,
            m.text_px, TEXT_MIN_PX))
    if m.cut_off:
        out.append(QualityWarning(
            "CUT_OFF", photo.CUT_OFF, 1.0, 0.0))
    return out
