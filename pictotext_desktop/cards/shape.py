"""Card shapes (ISO/IEC 7810 sizes) and the quad a found card is given as."""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]



@dataclass(frozen=True)
class CardShape:
    """A card format by its printed size (ISO/IEC 7810)."""

    name: str
    width_mm: float
    height_mm: float

    @property
    def aspect(self) -> float:
        return self.width_mm / self.height_mm


ID1 = CardShape("ID-1", 85.6, 54.0)  # identity cards, bank cards, driving licences
ID3 = CardShape("ID-3", 125.0, 88.0)  # passport data page
SHAPES: tuple[CardShape, ...] = (ID1, ID3)


def shapes_for(document_type: str) -> tuple[CardShape, ...]:
    """The shapes a document type comes in: passports are ID-3, the rest ID-1 first."""
    if "passport" in document_type:
        return (ID3, ID1)
    return SHAPES


@dataclass(frozen=True)
class CardQuad:
    """One card found in a photo.

    `corners` are in the photo's pixel coordinates (as shown, after EXIF), clockwise,
    starting at the card's top-left as it lies: corner 0 -> 1 is a long side, the upper
    one (or the left one when the card stands on its short side).  Whether the card is
    also upside down is decided from its text (`upright`).
    """

    corners: tuple[Point, Point, Point, Point]
    score: float
    shape: CardShape
    cut_off: bool = False

    @property
    def long_side(self) -> float:
        """Mean length of the two long sides, in photo pixels."""
        c = self.corners
        return (_dist(c[0], c[1]) + _dist(c[2], c[3])) / 2

    @property
    def short_side(self) -> float:
        c = self.corners
        return (_dist(c[1], c[2]) + _dist(c[3], c[0])) / 2

    def scaled(self, factor: float) -> CardQuad:
        corners = tuple((x * factor, y * factor) for x, y in self.corners)
        return CardQuad(corners, self.score, self.shape, self.cut_off)  # type: ignore[arg-type]


def _dist(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])
