"""The on-device engine: reads Chinese ID cards without a key and without the network.

The OCR runtime (rapidocr on onnxruntime, with the PP-OCR models that ship inside its
wheel; see docs/adr/0003) is heavy to import and load, so nothing here touches it at
import time.  `get_runtime()` loads it once per process, under a lock, on first use;
the GUI calls `preload(progress)` from a worker thread to show "Preparing the on-device
reader…" instead of freezing on the first card.

Reading one image: decode, shrink to a 1280 px long side (no loss of accuracy, half the
time), OCR, decide from the layout (and, when it cannot tell, the angle classifier's
verdicts on the card's lines) whether the card lies turned by 90/180/270 degrees and if
so read the upright image again, then `cn_id_extract.extract` maps text to fields.  The
first reading's text detector sees a 480 px high copy; the lines are cut for recognition
from the 1280 px image.  A reading that misses a field or disagrees with its ID number is
read again: the whole card with the detector on a larger copy, then a sharpened copy (an
out-of-focus card), then an upscaled crop of the card's text region; the most consistent
reading is kept.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pictotext_desktop import errors, notes
from pictotext_desktop.engines import cn_id_checks, cn_id_extract
from pictotext_desktop.engines.local_detect import (
    Box,
    GivenBoxes,
    SmallDetector,
    detect_scored,
    detect_small,
)
from pictotext_desktop.engines.local_sessions import made_spinning, set_sessions
from pictotext_desktop.engines.router import LOCAL_TYPES, not_read_locally
from pictotext_desktop.records import Result

if TYPE_CHECKING:
    from pictotext_desktop.imaging import PreparedImage

LONG_SIDE = 1280  # px; 1280-1600 reads as well as full size, 960 starts losing fields
# The text detector's box threshold.  At rapidocr's 0.5 lone characters (男/女, 汉) fall
# below it and are dropped; 0.3 keeps them (bench/hard_set.py).  rapidocr keeps the last
# value passed, so every call passes it.
BOX_THRESH = 0.3
# px: the short side the first reading's text detector sees; the lines are still cut for
# recognition from the 1280 px image.  None: the image's own (807 px for a card at 1280
# wide), or rapidocr's 736 if smaller.  At 480 the detector costs about a third of that
# and the same fields are read (bench/hard_set.py); a reading this leaves incomplete is
# read again wider (WIDE_READ).
READ_DET_SIDE: int | None = 480
VOTE_BOX_THRESH = 0.5  # the angle vote (line_angles) skips lone characters anyway
# px: the short side the angle vote's text detection runs at (the lines are still cut for
# the classifier from the image given).  rapidocr scales any image up to a 736 px short
# side, so a 1024 px card cost a 1167 x 736 detection, most of the card step's time; at
# 480 the card's field text is still about 25 px high (bench/hard_set.py; at 400 the
# tuning set read the same fields, but two blurred cards of unseen4 lost a field each).
# None: 736.
VOTE_DET_SIDE: int | None = 480
# When the layout cannot tell a card from the card turned by 180 degrees (0-1 labels
# read), the angle classifier's per-line verdicts on the card's own lines decide.
CLS_VOTE = True
# A reading that is incomplete or disagrees with its ID number is read again from an
# upscaled crop of the card's text region; the reading more consistent with the number
# is kept (bench/hard_set.py).
SECOND_READ = True
SECOND_SIDE = 1600  # px: the long side of that crop
# Before that crop, the gated reading reads the whole card again with the text detector
# on a larger copy (short side WIDE_DET_SIDE instead of rapidocr's 736) at a lower
# threshold: on a blurred card the detector at 736 found no box on faint lines (a back's
# authority and validity, a whole front) that it finds there (bench/hard_set.py).
WIDE_READ = True
WIDE_DET_SIDE = 960
WIDE_THRESH = 0.1  # the detector's pixel and box thresholds for that reading
# A reading still incomplete after that is read once more from a sharpened copy (unsharp
# mask, SHARP_RADIUS px per 1280 px of card width, SHARP_PERCENT): on an out-of-focus card
# the detector finds no box on the field lines that it finds once their edges are steep
# again (bench/hard_set.py, blur).
SHARP_READ = True
SHARP_RADIUS = 8.0
SHARP_PERCENT = 250
# The card step's angle vote detects the card's text about as small as the first reading
# would (VOTE_DET_SIDE, READ_DET_SIDE): its lines (card_prepare.CardImage.text_boxes) are
# read without a second detection (bench/hard_set.py, "cardboxes").
CARD_BOXES = True
# That first reading of the card step's lines runs no angle classifier: the card step's
# vote classified those very lines and turned the card by them; without it no field of
# the hard photos changed (bench/hard_set.py, "nocls").  A card the vote left turned
# still reads as no card text, and `_rotation` turns it and reads it again (classified).
GIVEN_CLS = False
# onnxruntime's worker threads spin while waiting for work (its default): on two cores
# that spinning takes CPU from the other photo's card step and from the rest of the
# machine.  False: they sleep (bench/hard_set.py, "nospin").
ORT_SPIN = False
# A folder of compact models with its models.json (packaging/compact_models.py).  None:
# the frozen bundle's resources/models if present, else rapidocr's own model files.
MODELS_DIR: Path | None = None
MODEL_ROLES = ("Det", "Cls", "Rec")  # rapidocr's three models, as named in models.json
Progress = Callable[[str], None]


def _(text: str) -> str:
    """Mark a progress message for translation (the GUI translates it)."""
    return text


MSG_PREPARING = _("Preparing the on-device reader…")
MSG_READY = _("The on-device reader is ready.")


class OcrRuntime:
    """The loaded OCR models.  One per process; calls are serialised by a lock.

    onnxruntime already spreads one inference over all cores, so running two cards at
    once would only make both slower and double the memory.
    """

    def __init__(self, ocr: Any) -> None:
        self._ocr = ocr
        self._lock = threading.Lock()
        self._spin: bool | None = None  # the sessions' spinning, once they are known
        self._sessions: dict[bool, list[Any]] = {}
        with self._held():  # the sessions as ORT_SPIN says from the start
            pass

    @contextmanager
    def _held(self) -> Iterator[None]:
        """The runtime's lock, with the models' sessions spinning as ORT_SPIN says (the
        switch is looked at on each call: bench/hard_set.py compares both in one run)."""
        with self._lock:
            if self._spin is not ORT_SPIN:
                self._spin = ORT_SPIN
                set_sessions(self._ocr, ORT_SPIN, self._sessions)
            yield

    def read(self, bgr: Any, det_side: int | None = None,
             thresh: float | None = None, boxes: list[Box] | None = None,
             cls: bool = True) -> list[cn_id_extract.OcrLine]:
        """OCR one BGR image (numpy array) into text lines with their boxes.

        `det_side`: the short side the text detector scales the image to (rapidocr's
        736 when None); `thresh`: its pixel and box thresholds (0.3 and BOX_THRESH);
        `boxes`: the lines found already (fractions of the image; `vote_lines`), read
        without detecting again; `cls`: each line through the angle classifier first
        (turned when it says upside down)."""
        with self._held():
            det = self._ocr._load_det_model() if det_side or thresh or boxes else None
            post = getattr(det, "postprocess_op", None)
            saved = (getattr(det, "limit_side_len", None), getattr(post, "thresh", None))
            # Smaller than the image: detected on a shrunken copy, the lines still cut
            # for recognition from `bgr` itself.  Larger than rapidocr's own: on a copy
            # scaled up to it.  (A small image is still scaled up to rapidocr's 736.)
            own = getattr(self._ocr, "text_det", None) is det
            small = det_side is not None and det_side < min(bgr.shape[:2]) and own
            given = bool(boxes) and own
            if given and boxes:
                self._ocr.text_det = GivenBoxes(det, boxes)
            elif small and det_side is not None:
                self._ocr.text_det = SmallDetector(det, det_side)
            elif det is not None and det_side and isinstance(saved[0], int) and (
                    det_side > saved[0]):
                det.limit_side_len = det_side
            if post is not None and thresh is not None and saved[1] is not None:
                post.thresh = thresh
            try:
                # Flags are passed every time: rapidocr keeps the last call's flags.
                out = self._ocr(bgr, use_det=True, use_cls=cls, use_rec=True,
                                box_thresh=BOX_THRESH if thresh is None else thresh)
            finally:
                if small or given:
                    self._ocr.text_det = det
                if det is not None and isinstance(saved[0], int):
                    det.limit_side_len = saved[0]
                if post is not None and saved[1] is not None:
                    post.thresh = saved[1]
        boxes = getattr(out, "boxes", None)
        txts = getattr(out, "txts", None)
        scores = getattr(out, "scores", None)
        if boxes is None or txts is None or len(txts) == 0:
            return []
        scores = scores if scores is not None else [1.0] * len(txts)
        return [
            cn_id_extract.OcrLine(
                text=str(text),
                box=tuple((float(x), float(y)) for x, y in box),
                score=float(score),
            )
            for box, text, score in zip(boxes, txts, scores, strict=False)
        ]

    def line_angles(self, bgr: Any) -> list[tuple[str, float, float]]:
        """Per detected text line: the angle classifier's ("0" | "180", score, width px).

        For a card already laid wide (cards.upright): text detection, then the classifier
        on each line's box; no recognition, so it costs about a third of a read.
        """
        return [(label, score, width) for label, score, width, _ in self.line_verdicts(bgr)]

    def line_verdicts(self, bgr: Any) -> list[tuple[str, float, float, tuple[float, float]]]:
        """`line_angles` with each line's centre (x, y) in `bgr`.  Detected on a copy
        VOTE_DET_SIDE px high; when that leaves no line to vote (a blurred card), as
        rapidocr detects."""
        verdicts = self._verdicts(bgr, VOTE_DET_SIDE)
        if not verdicts and VOTE_DET_SIDE is not None:
            verdicts = self._verdicts(bgr, None)
        return verdicts

    def vote_lines(self, bgr: Any
                   ) -> tuple[list[tuple[str, float, float]], list[Box] | None]:
        """`line_angles`, and every line the detection found down to BOX_THRESH (lone
        characters too) as fractions of `bgr`'s width and height: one detection for the
        card step's turn and the reader's first reading (`read(boxes=...)`).  The boxes
        are None when this rapidocr cannot give each box's score."""
        found = None
        for side in (VOTE_DET_SIDE, None) if VOTE_DET_SIDE is not None else (None,):
            with self._held():
                det = self._ocr._load_det_model()
                post = getattr(det, "postprocess_op", None)
                if post is None or not hasattr(post, "box_thresh"):
                    break
                post.box_thresh = min(BOX_THRESH, VOTE_BOX_THRESH)
                try:
                    found = detect_scored(det, bgr, side)
                finally:
                    post.box_thresh = VOTE_BOX_THRESH
            if found is None:
                break
            voting = [box for box, score in found if score >= VOTE_BOX_THRESH]
            verdicts = self._classify(bgr, voting)
            if verdicts:
                break
        if found is None:
            return self.line_angles(bgr), None
        h, w = bgr.shape[:2]
        boxes = [tuple((x / w, y / h) for x, y in box) for box, score in found
                 if score >= BOX_THRESH]
        return [(label, score, width) for label, score, width, _ in verdicts], boxes

    def _classify(self, bgr: Any, boxes: Any
                  ) -> list[tuple[str, float, float, tuple[float, float]]]:
        """The angle classifier's verdict on each box wide enough to be a line."""
        crops, kept = [], []
        for box in boxes:
            xs, ys = [int(p[0]) for p in box], [int(p[1]) for p in box]
            x0, x1 = max(0, min(xs)), min(bgr.shape[1], max(xs))
            y0, y1 = max(0, min(ys)), min(bgr.shape[0], max(ys))
            if x1 - x0 < 2 * (y1 - y0) or y1 - y0 < 4:  # lone characters: no vote
                continue
            crops.append(bgr[y0:y1, x0:x1].copy())
            kept.append((float(x1 - x0), ((x0 + x1) / 2, (y0 + y1) / 2)))
        if not crops:
            return []
        with self._held():
            out = self._ocr._load_cls_model()(crops)
        labels = getattr(out, "cls_res", None) or []
        return [
            (str(label), float(score), width, centre)
            for (label, score), (width, centre) in zip(labels, kept, strict=False)
        ]

    def _verdicts(self, bgr: Any, side: int | None
                  ) -> list[tuple[str, float, float, tuple[float, float]]]:
        with self._held():
            det = self._ocr._load_det_model()
            post = getattr(det, "postprocess_op", None)
            if post is not None and hasattr(post, "box_thresh"):
                post.box_thresh = VOTE_BOX_THRESH  # not whatever the last read left
            boxes = detect_small(det, bgr, side)
        if boxes is None or len(boxes) == 0:
            return []
        return self._classify(bgr, boxes)

    def read_line(self, bgr: Any) -> tuple[str, float]:
        """Recognition only, on an image that holds one line of text (no detection)."""
        with self._held():
            out = self._ocr(bgr, use_det=False, use_cls=False, use_rec=True)
        txts = getattr(out, "txts", None)
        scores = getattr(out, "scores", None)
        if not txts or not scores:
            return "", 0.0
        return str(txts[0]), float(scores[0])


_runtime: OcrRuntime | None = None
_runtime_lock = threading.Lock()


def is_loaded() -> bool:
    """True once the models are in memory (the GUI skips the progress message then)."""
    return _runtime is not None


def get_runtime(progress: Progress | None = None) -> OcrRuntime:
    """The process's OCR runtime, loaded on first call (thread-safe, exactly once).

    Raises `EngineUnavailableError` when the runtime is not installed or its models
    cannot be loaded.  Nothing is downloaded: only the models inside the wheel are used.
    """
    global _runtime
    if _runtime is not None:
        return _runtime
    with _runtime_lock:
        if _runtime is not None:
            return _runtime
        if progress is not None:
            progress(MSG_PREPARING)
        _runtime = _load()
        if progress is not None:
            progress(MSG_READY)
        return _runtime


def preload(progress: Progress | None = None) -> None:
    """Load the runtime now (call from a background thread) so the first card is fast."""
    get_runtime(progress)


def model_params() -> dict[str, str]:
    """rapidocr `<role>.model_path` params for compact models, or {} for its own files.

    The frozen bundle ships float16-weight copies of rapidocr's models (16 MB instead of
    31, the same readings; docs/adr/0008) in resources/models with a models.json naming
    the file for each role.  A source or pip install has no such folder.
    """
    if MODELS_DIR is not None:
        manifest = MODELS_DIR / "models.json"
    else:
        from pictotext_desktop.paths import resource

        manifest = Path(str(resource("models/models.json")))
    if not manifest.is_file():
        return {}
    files: dict[str, str] = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    return {f"{role}.model_path": str(manifest.parent / name) for role, name in files.items()}


def _cv() -> Any:
    """OpenCV where it is installed, otherwise the numpy/Pillow stand-in (`cv2_compat`)."""
    from pictotext_desktop.engines import cv2_compat

    cv2_compat.install()
    import cv2

    return cv2


def quiet_runtime() -> None:
    """Import onnxruntime with its telemetry off, and stop rapidocr from ever downloading.

    onnxruntime's wheels send usage events to Microsoft and keep a device id in
    ~/.cache/Microsoft unless ORT_DISABLE_TELEMETRY=1 is in the environment when it
    initialises (the package __init__ sets it first thing; repeated here for anyone who
    imports this module some other way).  `disable_telemetry_events()` also stops the
    events an older or differently built runtime would still queue.

    rapidocr downloads a model whenever its file is missing or fails its checksum; the
    on-device reader promises no network, so its one downloader is made to refuse.
    """
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime

    disable = getattr(onnxruntime, "disable_telemetry_events", None)
    if callable(disable):
        disable()
    try:
        from rapidocr.utils.download_file import DownloadFile
    except ImportError:  # another rapidocr layout: nothing to refuse here
        return

    def refuse(cls: type, url: str, logger: object) -> None:
        raise FileNotFoundError(
            f"an on-device model file is missing; it is never downloaded ({url})")

    # setattr: the attribute is typed as a method, and replacing it is the point.
    setattr(DownloadFile, "_make_http_request", classmethod(refuse))  # noqa: B010


def _load() -> OcrRuntime:
    try:
        import numpy as np

        _cv()  # before rapidocr, which imports cv2 at import time
        quiet_runtime()  # before RapidOCR starts onnxruntime
        from rapidocr import RapidOCR
    except Exception as exc:  # ImportError, or a broken native library
        raise errors.EngineUnavailableError(
            "The on-device reader is not installed (the rapidocr and onnxruntime packages "
            "could not be imported).",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc
    try:
        # The default configuration uses the models shipped inside the wheel (or their
        # compact copies, given by path); asking rapidocr for any other model by name makes
        # it download that model, which must never happen.
        models = model_params()
        if getattr(sys, "frozen", False) and set(models) != {
                f"{role}.model_path" for role in MODEL_ROLES}:
            # The bundle leaves rapidocr's own files out; without its compact copies
            # rapidocr would try to download models, which must never happen.
            raise FileNotFoundError("the bundle's models/models.json is missing or incomplete")
        ocr = RapidOCR(params={"Global.log_level": "error", **models})
        # rapidocr loads each model on first use; load all three now, not on the first
        # card.  (A warm-up inference would cost about 1 s more: the detector scales any
        # image up to a 736 px short side.)
        names = ("_load_det_model", "_load_cls_model", "_load_rec_model")
        loaders: list[Callable[[], object]] = [
            fn for fn in (getattr(ocr, n, None) for n in names) if callable(fn)
        ]
        with made_spinning(ORT_SPIN):
            if len(loaders) == len(names):
                for load in loaders:
                    load()
            else:  # another rapidocr 3.x: an inference on a small image loads them all
                warm = np.full((96, 96, 3), 255, dtype=np.uint8)
                warm[40:56, 8:88] = 0
                ocr(warm)
    except Exception as exc:
        raise errors.EngineUnavailableError(
            "The on-device reader's models could not be loaded.",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc
    return OcrRuntime(ocr)


def _decode(data: bytes) -> Any:
    """PreparedImage bytes (JPEG/PNG/WebP, already upright by EXIF) -> BGR numpy array."""
    import numpy as np

    cv2 = _cv()

    arr = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if arr is None:
        raise errors.CorruptImageError(detail="the prepared image could not be decoded")
    return arr


def decode_for_ocr(image: PreparedImage) -> Any:
    """The BGR array the OCR runtime reads, long side at most LONG_SIDE: the pixels the
    pipeline kept (decoded once, never through the lossy upload JPEG), else the upload."""
    return _shrink(_full(image))


def _full(image: PreparedImage) -> Any:
    """The prepared image as BGR at its own size (the second read crops from it)."""
    if image.pixels is not None:
        import numpy as np

        rgb = np.asarray(image.pixels.convert("RGB"))
        return np.ascontiguousarray(rgb[:, :, ::-1])
    return _decode(image.data)


def _shrink(bgr: Any) -> Any:
    cv2 = _cv()

    h, w = bgr.shape[:2]
    scale = LONG_SIDE / max(h, w)
    if scale >= 1.0:
        return bgr
    return cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)


def _sharpen(bgr: Any) -> Any:
    """`bgr` through an unsharp mask scaled to its width (SHARP_RADIUS per 1280 px)."""
    import numpy as np
    from PIL import Image, ImageFilter

    radius = SHARP_RADIUS * bgr.shape[1] / 1280
    im = Image.fromarray(np.ascontiguousarray(bgr[:, :, ::-1]))
    im = im.filter(ImageFilter.UnsharpMask(radius=radius, percent=SHARP_PERCENT, threshold=0))
    return np.ascontiguousarray(np.asarray(im)[:, :, ::-1])


def _turn(bgr: Any, rotation: int) -> Any:
    cv2 = _cv()

    codes = {
        90: cv2.ROTATE_90_CLOCKWISE,
        180: cv2.ROTATE_180,
        270: cv2.ROTATE_90_COUNTERCLOCKWISE,
    }
    return cv2.rotate(bgr, codes[rotation]) if rotation in codes else bgr


def _address_tail(runtime: OcrRuntime, bgr: Any, quad: cn_id_extract.Quad) -> str | None:
    """Read the slot below the last address line, where a lone 号 or 室 may hide."""
    import numpy as np

    cv2 = _cv()

    h_img, w_img = bgr.shape[:2]
    if not all(0 <= x < w_img and 0 <= y < h_img for x, y in quad):
        return None
    (x0, y0), (x1, y1), _, (x3, y3) = quad
    width = max(8, round(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5))
    height = max(8, round(((x3 - x0) ** 2 + (y3 - y0) ** 2) ** 0.5))
    src = np.array(quad, dtype=np.float32)
    dst = np.array([(0, 0), (width, 0), (width, height), (0, height)], dtype=np.float32)
    crop = cv2.warpPerspective(bgr, cv2.getPerspectiveTransform(src, dst), (width, height))
    text, score = runtime.read_line(crop)
    return cn_id_extract.accept_address_tail(text, score)


def _rotation(runtime: OcrRuntime, bgr: Any, lines: list[cn_id_extract.OcrLine]) -> int:
    """The clockwise turn that makes the card upright: by the layout, and when it cannot
    tell a turn from that turn plus 180 degrees, by the angle classifier's verdicts on
    the card's own lines (width times confidence; a note beside the card does not vote)."""
    h, w = bgr.shape[:2]
    scores = cn_id_extract.rotation_scores(lines, (w, h))
    rotation = cn_id_extract.detect_rotation(lines, (w, h))
    if not CLS_VOTE or abs(scores[rotation] - scores[(rotation + 180) % 360]) > 1e-9:
        return rotation
    turned = _turn(bgr, rotation)
    moved = [cn_id_extract.OcrLine(line.text, tuple(
        cn_id_extract._rotate_point(x, y, rotation, w, h) for x, y in line.box), line.score)
        for line in lines]
    bounds = cn_id_checks.region_bounds(moved)
    up = down = 0.0
    for label, score, width, (cx, cy) in runtime.line_verdicts(turned):
        if bounds is not None and not (bounds[0] <= cx <= bounds[2]
                                       and bounds[1] <= cy <= bounds[3]):
            continue
        if label == "0":
            up += score * width
        elif label == "180":
            down += score * width
    return (rotation + 180) % 360 if down > up else rotation


def _surety(lines: list[cn_id_extract.OcrLine]) -> float:
    """The recogniser's confidence in the card's lines, weighted by their length: of two
    readings the checks cannot tell apart, the one it is surer of is kept (a blurred
    card's 东吴 where the crop read 东风, both well-formed)."""
    picked = [lines[i] for i in cn_id_checks.text_region(lines)]
    chars = sum(len(line.text) for line in picked)
    return sum(line.score * len(line.text) for line in picked) / chars if chars else 0.0


def _second_read(runtime: OcrRuntime, full: Any, bgr: Any,
                 lines: list[cn_id_extract.OcrLine]
                 ) -> tuple[cn_id_extract.Extraction, float] | None:
    """Read the card's text region again, cut from the full-size image (`full`, upright
    like `bgr`, whose `lines` locate it), aligned to the text and SECOND_SIDE px long;
    the reading with its `_surety`."""
    import math

    import numpy as np

    cv2 = _cv()

    picked = [lines[i] for i in cn_id_checks.text_region(lines)]
    if not picked:
        return None
    angle = cn_id_extract.text_angle(picked)
    if abs(angle) > 25:
        angle = 0.0
    a = math.radians(-angle)
    cos, sin = math.cos(a), math.sin(a)
    pts = [(x * cos - y * sin, x * sin + y * cos) for line in picked for x, y in line.box]
    heights = sorted(max(y for _, y in line.box) - min(y for _, y in line.box)
                     for line in picked)
    pad = heights[len(heights) // 2]
    x0, x1 = min(p[0] for p in pts) - pad, max(p[0] for p in pts) + pad
    y0, y1 = min(p[1] for p in pts) - pad, max(p[1] for p in pts) + pad
    factor = full.shape[1] / bgr.shape[1]
    b = math.radians(angle)
    cb, sb = math.cos(b), math.sin(b)
    quad = [((x * cb - y * sb) * factor, (x * sb + y * cb) * factor)
            for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
    width, height = (x1 - x0) * factor, (y1 - y0) * factor
    scale = SECOND_SIDE / max(width, height, 1.0)
    size = (max(8, round(width * scale)), max(8, round(height * scale)))
    dst = np.array([(0, 0), (size[0], 0), size, (0, size[1])], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(np.array(quad, dtype=np.float32), dst)
    crop = cv2.warpPerspective(full, matrix, size, flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)
    second = runtime.read(crop)
    return _with_tail(runtime, crop, cn_id_extract.extract(second)), _surety(second)


def _read_again(runtime: OcrRuntime, read: Callable[[Any], list[cn_id_extract.OcrLine]],
                extraction: cn_id_extract.Extraction, lines: list[cn_id_extract.OcrLine],
                upright: Any, rotation: int,
                ) -> tuple[cn_id_extract.Extraction, list[cn_id_extract.OcrLine], Any, int]:
    """The card read once more by `read` (both turns when the reading could not tell its
    side); the more consistent reading is kept, with its lines (they locate the text region
    for the crop of the second read), its image and its turn."""
    turns = (0, 180) if extraction.side == "unknown" else (0,)
    for extra in turns:
        image = _turn(upright, extra)
        new_lines = read(image)
        new = _with_tail(runtime, image, cn_id_extract.extract(new_lines))
        if cn_id_checks.consistency(new) > cn_id_checks.consistency(extraction):
            extraction, lines = new, new_lines
            upright, rotation = image, (rotation + extra) % 360
    return extraction, lines, upright, rotation


def _with_tail(runtime: OcrRuntime, bgr: Any,
               extraction: cn_id_extract.Extraction) -> cn_id_extract.Extraction:
    """`extraction` with a lone last address character read from its probe, if any."""
    probe = extraction.address_probe
    if probe is not None and extraction.fields.get("address"):
        tail = _address_tail(runtime, bgr, probe)
        if tail:
            extraction.fields["address"] = f"{extraction.fields['address']}{tail}"
    return extraction


# A card cut that reads (almost) no card text was cut from a wrong quad (the card's own
# portrait): the whole photo the card step hands on (card_prepare.CardImage) is read too,
# and the more consistent reading kept.
WHOLE_PHOTO_READ = True
WHOLE_PHOTO_SIDE = 4096  # px: the photo's long side for that reading (its crops)


def _reads_little(extraction: cn_id_extract.Extraction) -> bool:
    """No card text at all, or a front with at most one of its fields."""
    read = sum(v is not None for v in extraction.fields.values())
    return extraction.side == "unknown" or (extraction.side == "front" and read <= 1)


def _whole_photo(image: PreparedImage) -> PreparedImage | None:
    """The photo a card was cut from, prepared whole (None: not a cut card)."""
    from dataclasses import replace

    from pictotext_desktop import imaging

    photo = getattr(image, "photo", None)
    options = getattr(image, "photo_options", None)
    if photo is None or options is None:
        return None
    return imaging.prepare(photo, replace(options, send="whole", keep_pixels=True,
                                          long_side=WHOLE_PHOTO_SIDE))


def _read_card(runtime: OcrRuntime, full: Any, stop_if_cancelled: Callable[[], None],
               timings: dict[str, float], boxes: list[Box] | None = None
               ) -> tuple[cn_id_extract.Extraction, int]:
    """Read one upright image (`full`, at its own size): the first reading, the turn, and
    the gated reads again; the most consistent reading and its clockwise turn.  `boxes`:
    the lines the card step found on it (fractions of its size), read without detecting
    again on the first reading."""
    t = time.perf_counter()
    bgr = _shrink(full)
    timings["decode"] = timings.get("decode", 0.0) + time.perf_counter() - t

    stop_if_cancelled()
    t = time.perf_counter()
    lines = runtime.read(bgr, READ_DET_SIDE, boxes=boxes or None,
                         cls=GIVEN_CLS or not boxes)
    rotation = _rotation(runtime, bgr, lines)
    upright = bgr
    if rotation:
        stop_if_cancelled()
        upright = _turn(bgr, rotation)
        lines = runtime.read(upright, READ_DET_SIDE)
    timings["ocr"] = time.perf_counter() - t

    stop_if_cancelled()
    extraction = _with_tail(runtime, upright, cn_id_extract.extract(lines))
    if WIDE_READ and cn_id_checks.incomplete(extraction):
        stop_if_cancelled()
        t = time.perf_counter()
        extraction, lines, upright, rotation = _read_again(
            runtime, lambda image: runtime.read(image, WIDE_DET_SIDE, WIDE_THRESH),
            extraction, lines, upright, rotation)
        timings["wide_read"] = time.perf_counter() - t
    if SHARP_READ and cn_id_checks.incomplete(extraction):
        stop_if_cancelled()
        t = time.perf_counter()
        extraction, lines, upright, rotation = _read_again(
            runtime, lambda image: runtime.read(_sharpen(image)),
            extraction, lines, upright, rotation)
        timings["sharp_read"] = time.perf_counter() - t
    if SECOND_READ and lines and cn_id_checks.incomplete(extraction):
        stop_if_cancelled()
        t = time.perf_counter()
        second = _second_read(runtime, _turn(full, rotation), upright, lines)
        # Equal by the checks: the reading the recogniser is surer of.
        if second is not None and (
                (cn_id_checks.consistency(second[0]), second[1])
                > (cn_id_checks.consistency(extraction), _surety(lines))):
            extraction = second[0]
        timings["second_read"] = time.perf_counter() - t
    return extraction, rotation


class LocalEngine:
    """Reads `cn_id_card` on this computer; same Result shape as the cloud engine."""

    name = "local"
    reads_pixels = True  # PreparedImage.pixels: the image is decoded once (jobs.py)

    def supports(self, document_type: str) -> bool:
        return document_type in LOCAL_TYPES

    @property
    def loaded(self) -> bool:
        return is_loaded()

    def preload(self, progress: Progress | None = None) -> None:
        preload(progress)

    def recognize(
        self,
        image: PreparedImage,
        document_type: str,
        *,
        cancel: threading.Event | None = None,
    ) -> Result:
        """Read one image; `cancel` is looked at between the steps (a step is not cut)."""
        if not self.supports(document_type):
            raise not_read_locally(document_type)

        def stop_if_cancelled() -> None:
            if cancel is not None and cancel.is_set():
                raise errors.CancelledError()

        stop_if_cancelled()
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        runtime = get_runtime()
        timings["load"] = time.perf_counter() - t0

        stop_if_cancelled()
        t = time.perf_counter()
        full = _full(image)
        timings["decode"] = time.perf_counter() - t
        boxes = getattr(image, "text_boxes", None) if CARD_BOXES else None
        extraction, rotation = _read_card(runtime, full, stop_if_cancelled, timings,
                                          list(boxes) if boxes else None)
        del full
        whole = _whole_photo(image) if WHOLE_PHOTO_READ and _reads_little(extraction) else None
        if whole is not None:
            stop_if_cancelled()
            t = time.perf_counter()
            other, turned = _read_card(runtime, _full(whole), stop_if_cancelled, {})
            if cn_id_checks.consistency(other) > cn_id_checks.consistency(extraction):
                extraction, rotation = other, turned
            timings["whole_photo"] = time.perf_counter() - t
        fields = extraction.fields  # in the catalog's order already
        warnings: list[str] = []
        if extraction.side == "unknown":
            warnings.append(notes.NO_ID_TEXT)
        elif rotation:
            warnings.append(notes.note(notes.TURNED, degrees=rotation))
        timings["total"] = time.perf_counter() - t0
        return Result(
            document_type=document_type,
            engine=self.name,
            fields=fields,
            notes=dict(extraction.notes),
            warnings=warnings,
            timings=timings,
        )
