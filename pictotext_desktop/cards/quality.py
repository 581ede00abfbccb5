"""Is this card worth a credit?  Blur, glare, glare over text, too small, cut off: typed
warnings.

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
GLARE_TEXT_MAX_SHARE = 0.10  # share of the text area under glare (bench/glare_text.py)
CELL = 16  # px squares on the 640 px card (2.1 mm: about two thirds of a field's text)
INK_EDGE = 30.0  # |Laplacian| of a stroke's edge
INK_DENSITY = 0.18  # share of a square's pixels on stroke edges for it to be ink
TEXT_REACH = 3  # squares (6.4 mm): ink this close beside a glare run puts it over text


@dataclass(frozen=True)
class QualityWarning:
    """One reason the reading may be poor, in plain words (the code is for tests/notes)."""

    code: str  # BLUR | GLARE | GLARE_TEXT | TOO_SMALL | CUT_OFF
    message: str
    value: float
    threshold: float


@dataclass(frozen=True)
class Measures:
    sharpness: float
    glare: float
    text_px: float
    cut_off: bool
    glare_text: float = 0.0  # share of the card's text area under glare (`_glare_over_text`)


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
    burnt = (inner.min(axis=2) >= 250) & (gray >= min(level + 10, 254))
    glare = float(burnt.mean())
    text_px = quad.long_side * TEXT_SHARE
    glare_text = _glare_over_text(np.abs(lap) > INK_EDGE, burnt[1:-1, 1:-1])
    return Measures(sharpness, glare, text_px, quad.cut_off, glare_text)


def _cells(mask: np.ndarray) -> np.ndarray:
    """The share of each CELL x CELL square that `mask` covers."""
    rows, cols = mask.shape[0] // CELL, mask.shape[1] // CELL
    block = mask[: rows * CELL, : cols * CELL].reshape(rows, CELL, cols, CELL)
    share: np.ndarray = block.mean(axis=(1, 3))
    return share


def _glare_over_text(edges: np.ndarray, burnt: np.ndarray) -> float:
    """The share of the card's text area that glare hides.

    Text is told by its strokes, not by a layout (the side and the 0/180 turn are not
    known yet, and other cards have other layouts): squares dense in sharp edges are ink.
    Glare erases the text under it, so a burnt-out run counts as over text when ink goes
    on beside it on the same line (within TEXT_REACH squares): a reflection across an
    address or the ID number, not one on the photo box or a blank margin.  The text area
    is the ink squares plus the glare squares over text.
    """
    ink_share, glare_share = _cells(edges), _cells(burnt)
    glare = glare_share >= 0.5
    ink = (ink_share >= INK_DENSITY) & ~glare
    over = np.zeros_like(glare)
    for r in range(glare.shape[0]):
        row, cols = glare[r], glare.shape[1]
        c = 0
        while c < cols:
            if not row[c]:
                c += 1
                continue
            end = c
            while end + 1 < cols and row[end + 1]:
                end += 1
            if ink[r, max(0, c - TEXT_REACH):c].any() or ink[r, end + 1:end + 1 + TEXT_REACH].any():
                over[r, c:end + 1] = True
            c = end + 1
    area = int(ink.sum() + over.sum())
    return float(over.sum()) / area if area else 0.0


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
    if m.glare_text > GLARE_TEXT_MAX_SHARE:
        out.append(QualityWarning(
            "GLARE_TEXT", photo.GLARE_TEXT,
            m.glare_text, GLARE_TEXT_MAX_SHARE))
    if m.text_px < TEXT_MIN_PX:
        out.append(QualityWarning(
            "TOO_SMALL", photo.TOO_SMALL,
            m.text_px, TEXT_MIN_PX))
    if m.cut_off:
        out.append(QualityWarning(
            "CUT_OFF", photo.CUT_OFF, 1.0, 0.0))
    return out
