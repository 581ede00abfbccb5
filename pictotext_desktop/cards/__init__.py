"""Cards in photos: find each card's four corners, straighten it, turn it upright, judge it.

Qt-free and OpenCV-free (numpy and Pillow only), so the CLI, the window and both engines
can share it and the frozen bundle needs nothing more.  One job per module:

- `detect`: `find_cards(image) -> list[CardQuad]` (corners, score, shape, cut off or not);
  `shape` (card sizes, `CardQuad`), `edges`, `lines`, `quads`, `refine`, `verify` and
  `tint` are its parts
- `straighten`: `straighten(image, quad) -> Image` at the card's true aspect
- `upright`: 0/180 from the text (the OCR runtime's angle classifier, voted over lines)
- `quality`: blur, glare, too small, cut off, as typed warnings in plain words
"""

from pictotext_desktop.cards.detect import find_cards
from pictotext_desktop.cards.shape import ID1, ID3, SHAPES, CardQuad, CardShape
from pictotext_desktop.cards.straighten import straighten

__all__ = ["ID1", "ID3", "SHAPES", "CardQuad", "CardShape", "find_cards", "straighten"]
