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

from pictotext_desktop.cards.shape import ID1, CardQuad
from pictotext_desktop.cards.straighten import straighten
from pictotext_desktop.checks import photo

JUDGE_WIDTH = 640  # px: the card is judged at this width
# Thresholds, measured (bench/detect.py --quality): see README.
BLUR_MIN_SHARPNESS = 200.0  # variance of the Laplacian on the 640 px card
GLARE_MAX_SHARE = 0.15  # share of the card burnt out white (glare, or too much light)
TEXT_MIN_PX = 10.0  # estimated field text height in the photo, px (bench/card_small.py)
TEXT_SHARE = 3.1 / 85.6  # field text height / card width on an ID-1 card
# Glare over text (bench/glare_text.py, README Thresholds): the share of the text area
# under glare, told by strokes; on a Chinese ID front, the share of its field area (which
# has blank parts too, so the same glare measures less: one photo 0.102 by strokes, 0.067
# by the field area, and it lost a field).
GLARE_TEXT_MAX_SHARE = 0.10
GLARE_FIELDS_MAX_SHARE = 0.06
CELL = 16  # px squares on the 640 px card (2.1 mm: about two thirds of a field's text)
INK_EDGE = 30.0  # |Laplacian| of a stroke's edge
INK_DENSITY = 0.18  # share of a square's pixels on stroke edges for it to be ink
TEXT_REACH = 3  # squares (6.4 mm): ink this close beside a glare run puts it over text
# A Chinese resident ID card's front, in mm from its top left corner laid wide and upright
# (bench/cards.py draws it so): the field area (name to birth date, the address, the ID
# number's row) and the portrait.  Judged by ink on the 640 px card: a front (fields
# inked, portrait not, and the other turn not alike) has its field area as its text.
FRONT_FIELDS_MM = ((5.0, 6.0, 46.0, 24.0), (5.0, 25.5, 53.0, 41.0), (5.0, 44.0, 82.0, 49.5))
FRONT_PORTRAIT_MM = (57.0, 7.0, 79.0, 37.0)
# Measured on 36 generated photos (seeds 0-5: plain, tilt, orient, two, glare, blur): most
# fronts 0.27-0.46 of the field area inked at their turn, 0.07-0.15 at the other (two
# 0.12 in both: they fall to the strokes); backs at most 0.25 in either; the portrait at
# most 0.03 at a front's turn, 0.22 or more at the other.  Blurred cards show no ink at
# 640 px (they fall to the strokes, which find none either).
FRONT_FIELDS_INK = 0.27
FRONT_PORTRAIT_INK = 0.05


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
    front_layout: bool = False  # that text area was a Chinese ID front's field area


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
    layout = None
    if (quad.shape.width_mm, quad.shape.height_mm) == (ID1.width_mm, ID1.height_mm):
        layout = (h // 12 + 1, w // 20 + 1, h / ID1.height_mm, w / ID1.width_mm)
    glare_text, front = _glare_over_text(np.abs(lap) > INK_EDGE, burnt[1:-1, 1:-1], layout)
    return Measures(sharpness, glare, text_px, quad.cut_off, glare_text, front)


def _cells(mask: np.ndarray) -> np.ndarray:
    """The share of each CELL x CELL square that `mask` covers."""
    rows, cols = mask.shape[0] // CELL, mask.shape[1] // CELL
    block = mask[: rows * CELL, : cols * CELL].reshape(rows, CELL, cols, CELL)
    share: np.ndarray = block.mean(axis=(1, 3))
    return share


def _front_fields(ink: np.ndarray, glare: np.ndarray,
                  layout: tuple[int, int, float, float]) -> np.ndarray | None:
    """The squares of a Chinese ID front's field area, or None when the card does not
    look like one in either turn (0/180 is not known when quality is judged)."""
    top, left, py, px = layout
    rows, cols = ink.shape
    ys = (top + np.arange(rows) * CELL + CELL / 2) / py
    xs = (left + np.arange(cols) * CELL + CELL / 2) / px
    seen = ~glare
    scores = []
    for turn in (0, 180):
        x, y = np.meshgrid(xs if turn == 0 else ID1.width_mm - xs,
                           ys if turn == 0 else ID1.height_mm - ys)

        def inside(box: tuple[float, float, float, float], x: np.ndarray = x,
                   y: np.ndarray = y) -> np.ndarray:
            inside_box: np.ndarray = (x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])
            return inside_box

        fields = np.zeros_like(ink)
        for box in FRONT_FIELDS_MM:
            fields |= inside(box)
        portrait = inside(FRONT_PORTRAIT_MM)

        def share(area: np.ndarray) -> float:
            area = area & seen
            return float(ink[area].mean()) if area.any() else 0.0

        scores.append((share(fields), share(portrait), fields))
    (f0, p0, m0), (f1, p1, m1) = scores
    for fields_ink, portrait_ink, other_ink, mask in ((f0, p0, f1, m0), (f1, p1, f0, m1)):
        if (fields_ink >= FRONT_FIELDS_INK and portrait_ink <= FRONT_PORTRAIT_INK
                and fields_ink >= 2 * other_ink):
            return mask
    return None


def _glare_over_text(edges: np.ndarray, burnt: np.ndarray,
                     layout: tuple[int, int, float, float] | None = None
                     ) -> tuple[float, bool]:
    """The share of the card's text area that glare hides, and whether that area was a
    Chinese ID front's known field area.

    On a Chinese ID front (`layout`: an ID-1 card's offset and px per mm, and the ink
    says it is a front) the text area is the field area's known layout.  Otherwise text
    is told by its strokes (other cards, the back, other layouts): squares dense in
    sharp edges are ink.  Glare erases the text under it, so a burnt-out run counts as
    over text when ink goes on beside it on the same line (within TEXT_REACH squares): a
    reflection across an address or the ID number, not one on the photo box or a blank
    margin.  The text area is then the ink squares plus the glare squares over text.
    """
    ink_share, glare_share = _cells(edges), _cells(burnt)
    glare = glare_share >= 0.5
    ink = (ink_share >= INK_DENSITY) & ~glare
    fields = _front_fields(ink, glare, layout) if layout is not None else None
    if fields is not None:
        return float((glare & fields).sum()) / max(1, int(fields.sum())), True
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
    return (float(over.sum()) / area if area else 0.0), False


def glare_text_limit(m: Measures) -> float:
    """The glare-over-text threshold for how the text area was found."""
    return GLARE_FIELDS_MAX_SHARE if m.front_layout else GLARE_TEXT_MAX_SHARE


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
    if m.glare_text > glare_text_limit(m):
        out.append(QualityWarning(
            "GLARE_TEXT", photo.GLARE_TEXT,
            m.glare_text, glare_text_limit(m)))
    if m.text_px < TEXT_MIN_PX:
        out.append(QualityWarning(
            "TOO_SMALL", photo.TOO_SMALL,
            m.text_px, TEXT_MIN_PX))
    if m.cut_off:
        out.append(QualityWarning(
            "CUT_OFF", photo.CUT_OFF, 1.0, 0.0))
    return out
