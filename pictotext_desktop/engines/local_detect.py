"""Text detection for the on-device reader (engines/local.py), three ways round rapidocr's.

- `SmallDetector` / `detect_small`: detection on a copy scaled to a short side smaller
  than rapidocr's 736, the boxes given back in the pixels of the image itself (the lines
  are still cut for recognition from it).
- `detect_scored`: the same with each box's score, so one detection serves two uses at
  two thresholds: the card step's angle vote (lines at VOTE_BOX_THRESH) and the reader's
  first reading (lines down to BOX_THRESH, lone characters included).
- `GivenBoxes`: no detection at all; the boxes the card step's vote found already, as
  fractions of the card, in the pixels of the image read.  The card step detects text on
  the straightened card to turn it upright and the reader's first reading detected the
  same card again at the same size (480 px high): a second detection that found the same
  lines (bench/hard_set.py, "cardboxes").
"""

from __future__ import annotations

from typing import Any

Box = tuple[tuple[float, float], ...]  # four corners: top-left, top-right, bottom-right, ...


def _cv() -> Any:
    from pictotext_desktop.engines import cv2_compat

    cv2_compat.install()
    import cv2

    return cv2


def _shrunk(bgr: Any, side: int) -> Any:
    cv2 = _cv()
    h, w = bgr.shape[:2]
    factor = side / min(h, w)
    return cv2.resize(bgr, (max(1, round(w * factor)), max(1, round(h * factor))),
                      interpolation=cv2.INTER_AREA)


class SmallDetector:
    """rapidocr's text detector seen through a copy `side` px high: boxes in the pixels
    of the image given (everything else is the detector's own)."""

    def __init__(self, det: Any, side: int) -> None:
        self._det, self._side = det, side

    def __getattr__(self, name: str) -> Any:
        return getattr(self._det, name)

    def __call__(self, bgr: Any) -> Any:
        h, w = bgr.shape[:2]
        small = _shrunk(bgr, self._side)
        limit = self._det.limit_side_len
        self._det.limit_side_len = self._side
        try:
            out = self._det(small)
        finally:
            self._det.limit_side_len = limit
        boxes = getattr(out, "boxes", None)
        if boxes is not None and len(boxes):
            out.boxes = (boxes * [w / small.shape[1], h / small.shape[0]]).astype("float32")
            out.img = bgr
        return out


def detect_small(det: Any, bgr: Any, side: int | None) -> Any:
    """The text detector's boxes for `bgr` (in its pixels), detected on a copy whose
    short side is `side` (None, or an image already that small: as rapidocr does)."""
    h, w = bgr.shape[:2]
    limit = getattr(det, "limit_side_len", None)
    if side is None or not isinstance(limit, int) or min(h, w) <= side:
        return getattr(det(bgr), "boxes", None)
    small = _shrunk(bgr, side)
    det.limit_side_len = side
    try:
        boxes = getattr(det(small), "boxes", None)
    finally:
        det.limit_side_len = limit
    if boxes is None or len(boxes) == 0:
        return boxes
    return [[(x * w / small.shape[1], y * h / small.shape[0]) for x, y in box]
            for box in boxes]


def detect_scored(det: Any, bgr: Any, side: int | None) -> list[tuple[Box, float]] | None:
    """`detect_small` with each box's score (the detector's own order).  None when this
    rapidocr's detector does not show its steps (preprocess, session, postprocess): its
    own call sorts the boxes but not their scores."""
    prepare = getattr(det, "get_preprocess", None)
    session = getattr(det, "session", None)
    post = getattr(det, "postprocess_op", None)
    limit = getattr(det, "limit_side_len", None)
    if not (callable(prepare) and callable(session) and callable(post)
            and isinstance(limit, int)):
        return None
    h, w = bgr.shape[:2]
    small = bgr
    if side is not None and min(h, w) > side:
        small = _shrunk(bgr, side)
        det.limit_side_len = side
    try:
        pre = prepare()(small)
        if pre is None:
            return []
        boxes, scores = post(session(pre), small.shape[:2])
    finally:
        det.limit_side_len = limit
    fx, fy = w / small.shape[1], h / small.shape[0]
    return [(tuple((float(x) * fx, float(y) * fy) for x, y in box), float(score))
            for box, score in zip(boxes, scores, strict=False)]


class GivenBoxes:
    """Stands in for rapidocr's text detector: finds `boxes` (fractions of the image's
    width and height) in the image it is handed, in that image's pixels."""

    def __init__(self, det: Any, boxes: list[Box]) -> None:
        self._det, self._boxes = det, boxes

    def __getattr__(self, name: str) -> Any:
        return getattr(self._det, name)

    def __call__(self, bgr: Any) -> Any:
        import numpy as np
        from rapidocr.ch_ppocr_det.utils import TextDetOutput

        h, w = bgr.shape[:2]
        boxes = np.array([[(x * w, y * h) for x, y in box] for box in self._boxes],
                         dtype=np.float32).reshape(-1, 4, 2)
        if not len(boxes):
            return TextDetOutput()
        order = getattr(self._det, "sorted_boxes", None)
        if callable(order):
            boxes = order(boxes)
        return TextDetOutput(bgr, boxes, [1.0] * len(boxes), elapse=0.0)
