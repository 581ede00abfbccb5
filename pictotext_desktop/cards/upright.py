"""Turn a straightened card upright: 0 or 180 degrees, decided from its text.

The quad's corner order already lays the card wide (long side horizontal), so only
"upside down or not" remains.  The OCR runtime's angle classifier judges each text line
0 or 180; lines vote by width times confidence (a short lone character counts little,
the ID number or an address line a lot).  Without the on-device reader (a cloud-only
install) nothing can read the text: the card stays as it lay in the photo (turn 0) and
the decision says so; the cloud reader copes with an upside-down card, only the
preview shows it turned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from PIL import Image

# px: the long side the vote is taken at.  A card's smallest text is still ~30 px high at
# 1024 px wide; detection on a 2,500 px card (an ID copy from a 12 MP photo) cost ~0.8 s
# and decided no differently.
VOTE_SIDE = 1024


class LineClassifier(Protocol):
    """What `decide_turn` needs from the OCR runtime (engines.local.OcrRuntime)."""

    def line_angles(self, bgr: Any) -> list[tuple[str, float, float]]:
        """Per text line: (label "0" or "180", confidence, line width in px)."""


@dataclass(frozen=True)
class TurnDecision:
    turn: int  # 0 or 180: clockwise degrees that make the card upright
    up: float  # summed votes for "as it is"
    down: float  # summed votes for "upside down"
    lines: int
    source: str  # "text" (voted) or "none" (no reader, or no text found)


def decide_turn(card: Image.Image, classifier: LineClassifier | None) -> TurnDecision:
    """0 or 180 for a straightened card, by the text lines' vote."""
    if classifier is None:
        return TurnDecision(0, 0.0, 0.0, 0, "none")
    if max(card.size) > VOTE_SIDE:
        scale = VOTE_SIDE / max(card.size)
        card = card.resize((max(1, round(card.width * scale)), max(1, round(card.height * scale))),
                           Image.Resampling.BILINEAR)
    bgr = np.asarray(card.convert("RGB"))[:, :, ::-1].copy()
    votes = classifier.line_angles(bgr)
    up = sum(score * width for label, score, width in votes if label == "0")
    down = sum(score * width for label, score, width in votes if label == "180")
    if not votes or up == down:
        return TurnDecision(0, up, down, len(votes), "none")
    return TurnDecision(180 if down > up else 0, up, down, len(votes), "text")
