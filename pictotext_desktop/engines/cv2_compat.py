"""The OpenCV calls the on-device engine makes, done with numpy, Pillow and shapely.

rapidocr needs about twenty OpenCV functions (colour conversion, resizing, a perspective
crop, finding text blobs and their rotated boxes).  The OpenCV wheel that provides them
weighs 152 MiB with its FFmpeg and OpenBLAS libraries, a third of the frozen bundle, so
the bundle leaves it out and `install()` puts this module in its place as `cv2`
(docs/adr/0008).  Where OpenCV is installed (a pip or source install) it is used as is.

Every function keeps OpenCV's name, arguments, constant values and return types and is
compared with OpenCV's own output in tests/test_cv2_compat.py; `bench/local_engine.py
--cv2-compat` measures the engine's accuracy with it.  Known differences, all within the
tolerances measured there:

- `findContours` returns one contour per 8-connected blob: the convex hull of its outer
  pixels, without holes.  rapidocr only takes each contour's minimum-area rectangle,
  which the hull gives exactly.
- Interpolation is computed in floating point; OpenCV rounds coordinates to 1/32 px and
  weights to fixed point for 8-bit images, so pixels may differ by a few levels.

A function rapidocr does not call (drawing text, video, ...) raises AttributeError naming it.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

__version__ = "0.0.0+pictotext-compat"

# Constant values are OpenCV's own (rapidocr passes some as bare ints: rotate(img, 1)).
IMREAD_COLOR = 1
COLOR_BGRA2BGR = 1
COLOR_RGBA2BGR = 3
COLOR_BGR2RGB = 4
COLOR_RGB2BGR = 4
COLOR_GRAY2BGR = 8
INTER_NEAREST = 0
INTER_LINEAR = 1
INTER_CUBIC = 2
INTER_AREA = 3
BORDER_CONSTANT = 0
BORDER_REPLICATE = 1
RETR_EXTERNAL = 0
RETR_LIST = 1
CHAIN_APPROX_SIMPLE = 2
ROTATE_90_CLOCKWISE = 0
ROTATE_180 = 1
ROTATE_90_COUNTERCLOCKWISE = 2
WARP_INVERSE_MAP = 16

Image = NDArray[Any]


def install() -> bool:
    """Make `import cv2` work: the real OpenCV when it imports, this module otherwise.

    Returns True when this module was installed.  Call before importing rapidocr.
    """
    current = sys.modules.get("cv2")
    if current is not None:
        return current is sys.modules[__name__]
    try:
        import cv2  # noqa: F401
    except ImportError:
        sys.modules["cv2"] = sys.modules[__name__]
        return True
    return False


def __getattr__(name: str) -> Any:
    """Anything OpenCV has that rapidocr's reading path does not use."""
    raise AttributeError(
        f"cv2.{name} is not available: this build reads without OpenCV "
        "(install opencv-python-headless to use it)"
    )


# --- pixels ---------------------------------------------------------------------------


def cvtColor(img: Image, code: int) -> Image:
    if code == COLOR_GRAY2BGR:
        gray = img[:, :, 0] if img.ndim == 3 else img
        return np.ascontiguousarray(np.repeat(gray[:, :, None], 3, axis=2))
    if code == COLOR_RGB2BGR:
        return np.ascontiguousarray(img[:, :, 2::-1])
    if code == COLOR_RGBA2BGR:
        return np.ascontiguousarray(img[:, :, 2::-1])
    if code == COLOR_BGRA2BGR:
        return np.ascontiguousarray(img[:, :, :3])
    raise NotImplementedError(f"cvtColor code {code} is not available without OpenCV")


def bitwise_not(img: Image) -> Image:
    return np.bitwise_not(img)


def bitwise_and(a: Image, b: Image, mask: Image | None = None) -> Image:
    out = np.bitwise_and(a, b)
    if mask is not None:
        keep = mask != 0
        out[~keep] = 0
    return out


def add(a: Image, b: Image) -> Image:
    """Saturating add, as OpenCV does for 8-bit images."""
    if a.dtype == np.uint8 and b.dtype == np.uint8:
        total = a.astype(np.int16) + b.astype(np.int16)
        return np.clip(total, 0, 255).astype(np.uint8)
    return np.add(a, b)


def copyMakeBorder(
    img: Image, top: int, bottom: int, left: int, right: int, borderType: int,
    value: float | Sequence[float] = 0,
) -> Image:
    pad = [(top, bottom), (left, right)] + [(0, 0)] * (img.ndim - 2)
    if borderType == BORDER_REPLICATE:
        return np.pad(img, pad, mode="edge")
    if borderType != BORDER_CONSTANT:
        raise NotImplementedError(f"border type {borderType} is not available without OpenCV")
    out = np.empty((img.shape[0] + top + bottom, img.shape[1] + left + right,
                    *img.shape[2:]), dtype=img.dtype)
    fill = _to_dtype(_scalar(value, img), img.dtype)  # saturated, like OpenCV
    out[...] = fill if img.ndim == 3 else fill[0]
    out[top:top + img.shape[0], left:left + img.shape[1]] = img
    return out


def _scalar(value: float | Sequence[float], img: Image) -> Image:
    """A cv2.Scalar for `img`'s channels: a bare number fills the first, the rest are 0."""
    scalar = np.zeros(4)
    given = np.asarray(value, dtype=np.float64).ravel()[:4]
    scalar[:given.size] = given
    channels = img.shape[2] if img.ndim == 3 else 1
    return scalar[:channels] if channels <= 4 else np.resize(scalar, channels)


def rotate(img: Image, rotateCode: int) -> Image:
    if rotateCode == ROTATE_90_CLOCKWISE:
        return np.ascontiguousarray(np.rot90(img, -1))
    if rotateCode == ROTATE_180:
        return np.ascontiguousarray(img[::-1, ::-1])
    if rotateCode == ROTATE_90_COUNTERCLOCKWISE:
        return np.ascontiguousarray(np.rot90(img, 1))
    raise ValueError(f"unknown rotate code {rotateCode}")


def mean(src: Image, mask: Image | None = None) -> tuple[float, float, float, float]:
    """Per-channel mean where `mask` is non-zero, padded to four values like cv2.Scalar."""
    values = src if mask is None else src[mask != 0]
    if values.size == 0:
        return (0.0, 0.0, 0.0, 0.0)
    if src.ndim == 3:
        means = values.reshape(-1, src.shape[2]).mean(axis=0, dtype=np.float64)
    else:
        means = np.array([values.mean(dtype=np.float64)])
    padded = [float(m) for m in means[:4]] + [0.0] * (4 - min(4, len(means)))
    return (padded[0], padded[1], padded[2], padded[3])


def dilate(src: Image, kernel: Image) -> Image:
    """Grey-level dilation with OpenCV's default centred anchor; outside pixels ignored."""
    kh, kw = kernel.shape[:2]
    ay, ax = kh // 2, kw // 2
    h, w = src.shape[:2]
    if src.dtype == np.bool_:
        low: Any = False
    elif np.issubdtype(src.dtype, np.integer):
        low = np.iinfo(src.dtype).min
    else:
        low = -np.inf
    padded = np.full((h + kh - 1, w + kw - 1, *src.shape[2:]), low, dtype=src.dtype)
    padded[ay:ay + h, ax:ax + w] = src
    out: Image | None = None
    for i in range(kh):
        for j in range(kw):
            if kernel[i, j]:
                view = padded[i:i + h, j:j + w]
                out = view.copy() if out is None else np.maximum(out, view)
    return src.copy() if out is None else out


# --- resampling -----------------------------------------------------------------------


def _linear_taps(src_n: int, dst_n: int) -> tuple[Image, Image, Image]:
    """OpenCV's INTER_LINEAR sampling positions: pixel centres, clamped at the edges."""
    pos = (np.arange(dst_n, dtype=np.float64) + 0.5) * (src_n / dst_n) - 0.5
    lo = np.floor(pos).astype(np.intp)
    frac = pos - lo
    frac[lo < 0] = 0.0
    lo[lo < 0] = 0
    edge = lo >= src_n - 1
    frac[edge] = 0.0
    lo[edge] = src_n - 1
    hi = np.minimum(lo + 1, src_n - 1)
    return lo, hi, frac.astype(np.float32)


def _to_dtype(values: Image, dtype: np.dtype[Any]) -> Image:
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return np.clip(np.rint(values), info.min, info.max).astype(dtype)
    return values.astype(dtype)


def resize(img: Image, dsize: tuple[int, int] | None, dst: Image | None = None,
           fx: float = 0, fy: float = 0, interpolation: int = INTER_LINEAR) -> Image:
    """Bilinear (OpenCV's default) or area-averaging resize to `dsize` = (width, height),
    or by the factors `fx`, `fy` when `dsize` is None or (0, 0)."""
    if dsize is None or tuple(dsize) == (0, 0):
        w, h = round(img.shape[1] * fx), round(img.shape[0] * fy)
    else:
        w, h = int(dsize[0]), int(dsize[1])
    if w <= 0 or h <= 0:
        raise ValueError(f"resize to {w}x{h}: the size must be positive")
    if interpolation == INTER_AREA:
        return _resize_area(img, w, h)
    if interpolation != INTER_LINEAR:
        raise NotImplementedError(
            f"interpolation {interpolation} is not available without OpenCV")
    if w >= img.shape[1] and h >= img.shape[0] and _pillow_mode(img):
        # Enlarging (every text line is scaled up to the recogniser's 48 px): Pillow's
        # bilinear filter samples the same pixel centres, in C, several times faster.
        from PIL import Image as PILImage

        pil = PILImage.fromarray(img)
        return np.asarray(pil.resize((w, h), PILImage.Resampling.BILINEAR)).copy()
    src = img.astype(np.float32)
    x0, x1, fx_ = _linear_taps(img.shape[1], w)
    y0, y1, fy_ = _linear_taps(img.shape[0], h)
    wx = fx_.reshape((1, w) + (1,) * (img.ndim - 2))
    wy = fy_.reshape((h, 1) + (1,) * (img.ndim - 2))
    cols = src[:, x0] * (1.0 - wx) + src[:, x1] * wx
    out = cols[y0] * (1.0 - wy) + cols[y1] * wy
    return _to_dtype(out, img.dtype)


def _pillow_mode(img: Image) -> bool:
    """Whether Pillow resamples this array channel by channel: 8-bit grey or 3 channels.

    Not 4 channels: Pillow premultiplies RGBA by alpha while resampling.
    """
    return img.dtype == np.uint8 and (img.ndim == 2 or (img.ndim == 3 and img.shape[2] == 3))


def _area_taps(src_n: int, dst_n: int) -> list[tuple[Image, Image]]:
    """OpenCV's INTER_AREA weights: each output pixel averages the source span it covers.

    Returned as tap planes (source index, weight per output pixel), at most
    ceil(scale) + 1 of them, so that shrinking is a few vectorised multiply-adds.
    """
    scale = src_n / dst_n
    taps: list[list[tuple[int, float]]] = []
    for d in range(dst_n):
        lo, hi = d * scale, d * scale + scale
        first, last = int(np.ceil(lo)), int(np.floor(hi))
        cell = min(scale, src_n - lo)
        row: list[tuple[int, float]] = []
        if first - lo > 1e-3:
            row.append((first - 1, (first - lo) / cell))
        row.extend((s, 1.0 / cell) for s in range(first, min(last, src_n)))
        if hi - last > 1e-3 and last < src_n:
            row.append((last, min(hi - last, 1.0, cell) / cell))
        taps.append(row)
    width = max(len(row) for row in taps)
    planes = []
    for k in range(width):
        index = np.array([row[k][0] if k < len(row) else 0 for row in taps], dtype=np.intp)
        weight = np.array([row[k][1] if k < len(row) else 0.0 for row in taps],
                          dtype=np.float32)
        planes.append((index, weight))
    return planes


def _resize_area(img: Image, w: int, h: int) -> Image:
    """Area averaging when shrinking.  Enlarging falls back to bilinear, which is not what
    OpenCV does there; the app only ever shrinks with INTER_AREA."""
    if w > img.shape[1] or h > img.shape[0]:
        return resize(img, (w, h), interpolation=INTER_LINEAR)
    extra = (1,) * (img.ndim - 2)
    src = img.astype(np.float32)
    cols = np.zeros((img.shape[0], w, *img.shape[2:]), dtype=np.float32)
    for index, weight in _area_taps(img.shape[1], w):
        cols += src[:, index] * weight.reshape((1, w, *extra))
    out = np.zeros((h, w, *img.shape[2:]), dtype=np.float32)
    for index, weight in _area_taps(img.shape[0], h):
        out += cols[index] * weight.reshape((h, 1, *extra))
    return _to_dtype(out, img.dtype)


def getPerspectiveTransform(src: Image, dst: Image) -> Image:
    """The 3x3 homography taking the four `src` points to the four `dst` points."""
    s = np.asarray(src, dtype=np.float64).reshape(4, 2)
    d = np.asarray(dst, dtype=np.float64).reshape(4, 2)
    a = np.zeros((8, 8))
    b = np.zeros(8)
    for i in range(4):
        (x, y), (u, v) = s[i], d[i]
        a[i] = (x, y, 1, 0, 0, 0, -x * u, -y * u)
        a[i + 4] = (0, 0, 0, x, y, 1, -x * v, -y * v)
        b[i], b[i + 4] = u, v
    try:
        coeffs = np.linalg.solve(a, b)
    except np.linalg.LinAlgError:  # three corners on a line: OpenCV returns zeros too
        return np.zeros((3, 3))
    return np.append(coeffs, 1.0).reshape(3, 3)


def invert(src: Image) -> tuple[float, Image]:
    """(determinant, inverse); (0, zeros) for a singular matrix, as OpenCV does."""
    matrix = np.asarray(src, dtype=np.float64)
    try:
        return float(np.linalg.det(matrix)), np.linalg.inv(matrix)
    except np.linalg.LinAlgError:
        return 0.0, np.zeros_like(matrix)


def _cubic_weights(t: Image) -> Image:
    """OpenCV's bicubic kernel (A = -0.75) for the four taps around fractional offset t."""
    a = -0.75
    x = np.stack([1.0 + t, t, 1.0 - t, 2.0 - t], axis=-1)
    near = ((a + 2) * x - (a + 3)) * x * x + 1
    far = ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    weights: Image = np.where(x <= 1.0, near, far)
    return weights


def warpPerspective(
    img: Image, M: Image, dsize: tuple[int, int], dst: Image | None = None,
    flags: int = INTER_LINEAR, borderMode: int = BORDER_CONSTANT,
    borderValue: float | Sequence[float] = 0,
) -> Image:
    """Warp `img` by homography `M` into a `dsize` = (width, height) image."""
    w, h = int(dsize[0]), int(dsize[1])
    matrix = np.asarray(M, dtype=np.float64)
    try:
        inverse = matrix if flags & WARP_INVERSE_MAP else np.linalg.inv(matrix)
    except np.linalg.LinAlgError:  # a degenerate quad: OpenCV returns the border colour
        out = np.zeros((h, w, *img.shape[2:]), dtype=np.float64)
        if borderMode == BORDER_CONSTANT:
            fill = _scalar(borderValue, img)
            out[...] = fill if img.ndim == 3 else fill[0]
        return _to_dtype(out, img.dtype)
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float64), np.arange(h, dtype=np.float64))
    den = inverse[2, 0] * gx + inverse[2, 1] * gy + inverse[2, 2]
    den = np.where(np.abs(den) < 1e-12, 1e-12, den)
    sx = (inverse[0, 0] * gx + inverse[0, 1] * gy + inverse[0, 2]) / den
    sy = (inverse[1, 0] * gx + inverse[1, 1] * gy + inverse[1, 2]) / den
    src = img.astype(np.float32)
    src_h, src_w = img.shape[:2]
    x0 = np.floor(sx).astype(np.intp)
    y0 = np.floor(sy).astype(np.intp)
    if flags & 0xF == INTER_CUBIC:
        offsets = np.arange(-1, 3)
        wx = _cubic_weights(sx - x0)
        wy = _cubic_weights(sy - y0)
    elif flags & 0xF == INTER_LINEAR:
        offsets = np.arange(0, 2)
        tx = (sx - x0)[..., None]
        ty = (sy - y0)[..., None]
        wx = np.concatenate([1.0 - tx, tx], axis=-1)
        wy = np.concatenate([1.0 - ty, ty], axis=-1)
    else:
        raise NotImplementedError(f"warp flags {flags} are not available without OpenCV")
    out = np.zeros((h, w, *img.shape[2:]), dtype=np.float32)
    extra = (1,) * (img.ndim - 2)
    for i, oy in enumerate(offsets):
        yy = y0 + oy
        for j, ox in enumerate(offsets):
            xx = x0 + ox
            weight = (wy[..., i] * wx[..., j]).astype(np.float32).reshape((h, w, *extra))
            if borderMode == BORDER_REPLICATE:
                taps = src[np.clip(yy, 0, src_h - 1), np.clip(xx, 0, src_w - 1)]
            elif borderMode == BORDER_CONSTANT:
                inside = (yy >= 0) & (yy < src_h) & (xx >= 0) & (xx < src_w)
                taps = src[np.clip(yy, 0, src_h - 1), np.clip(xx, 0, src_w - 1)]
                fill = _scalar(borderValue, img)
                taps = np.where(inside.reshape((h, w, *extra)), taps,
                                fill if img.ndim == 3 else fill[0])
            else:
                raise NotImplementedError(
                    f"border mode {borderMode} is not available without OpenCV")
            out += weight * taps
    return _to_dtype(out, img.dtype)


# --- shapes ---------------------------------------------------------------------------


def _runs(binary: Image) -> tuple[Image, Image, Image]:
    """Horizontal runs of set pixels: (row, first column, column after the last)."""
    h, w = binary.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = binary != 0
    edges = np.diff(padded, axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    return rows, starts, ends


def _blobs(binary: Image) -> list[Image]:
    """For each 8-connected blob, the end pixels of its runs as (x, y) points."""
    rows, starts, ends = _runs(binary)
    n = len(rows)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    bounds = np.searchsorted(rows, np.arange(binary.shape[0] + 1)).tolist()
    s, e = starts.tolist(), ends.tolist()
    for r in range(binary.shape[0] - 1):
        i, i_end = bounds[r], bounds[r + 1]
        j, j_end = i_end, bounds[r + 2]
        while i < i_end and j < j_end:
            # 8-connected: runs on adjacent rows touch when they overlap or meet diagonally
            if s[j] <= e[i] and s[i] <= e[j]:
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            if e[i] < e[j]:
                i += 1
            else:
                j += 1
    labels = np.fromiter((find(i) for i in range(n)), dtype=np.intp, count=n)
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    blobs = []
    for group in np.split(order, cuts) if n else []:
        ys = rows[group]
        xs = np.concatenate([starts[group], ends[group] - 1])
        blobs.append(np.stack([xs, np.concatenate([ys, ys])], axis=1))
    return blobs


def _hull(points: Image) -> Image:
    """Convex hull (x, y) vertices, counter-clockwise; fewer points stay as they are."""
    from shapely import MultiPoint

    unique = np.unique(np.asarray(points, dtype=np.float64).reshape(-1, 2), axis=0)
    if len(unique) < 3:
        return unique
    hull = MultiPoint(unique).convex_hull
    coords = np.asarray(getattr(hull, "exterior", hull).coords, dtype=np.float64)
    if len(coords) > 1 and np.array_equal(coords[0], coords[-1]):
        coords = coords[:-1]
    return coords


def findContours(image: Image, mode: int, method: int) -> tuple[tuple[Image, ...], Image]:
    """One outer contour per 8-connected blob, as its convex hull (no holes; see above)."""
    contours = tuple(
        _hull(blob).round().astype(np.int32).reshape(-1, 1, 2) for blob in _blobs(image)
    )
    hierarchy = np.full((1, len(contours), 4), -1, dtype=np.int32)
    if contours:
        hierarchy[0, :-1, 0] = np.arange(1, len(contours))
        hierarchy[0, 1:, 1] = np.arange(len(contours) - 1)
    return contours, hierarchy


def minAreaRect(points: Image) -> tuple[tuple[float, float], tuple[float, float], float]:
    """The smallest rotated rectangle around `points`: ((cx, cy), (w, h), degrees)."""
    hull = _hull(points)
    if len(hull) == 0:
        return (0.0, 0.0), (0.0, 0.0), 0.0
    if len(hull) == 1:
        return (float(hull[0, 0]), float(hull[0, 1])), (0.0, 0.0), 0.0
    edges = np.roll(hull, -1, axis=0) - hull
    lengths = np.hypot(edges[:, 0], edges[:, 1])
    keep = lengths > 0
    units = edges[keep] / lengths[keep, None]
    normals = np.stack([-units[:, 1], units[:, 0]], axis=1)
    along = hull @ units.T  # (points, edges)
    across = hull @ normals.T
    widths = along.max(axis=0) - along.min(axis=0)
    heights = across.max(axis=0) - across.min(axis=0)
    best = int(np.argmin(widths * heights))
    u, v = units[best], normals[best]
    mid_u = (along[:, best].max() + along[:, best].min()) / 2
    mid_v = (across[:, best].max() + across[:, best].min()) / 2
    centre = u * mid_u + v * mid_v
    angle = float(np.degrees(np.arctan2(u[1], u[0])))
    return ((float(centre[0]), float(centre[1])),
            (float(widths[best]), float(heights[best])), angle)


def boxPoints(box: tuple[tuple[float, float], tuple[float, float], float]) -> Image:
    """The four corners of a rotated rectangle, in OpenCV's order."""
    (cx, cy), (w, h), angle = box
    rad = np.radians(angle)
    b, a = np.cos(rad) * 0.5, np.sin(rad) * 0.5
    p0 = (cx - a * h - b * w, cy + b * h - a * w)
    p1 = (cx + a * h - b * w, cy - b * h - a * w)
    p2 = (2 * cx - p0[0], 2 * cy - p0[1])
    p3 = (2 * cx - p1[0], 2 * cy - p1[1])
    return np.array([p0, p1, p2, p3], dtype=np.float32)


def fillPoly(img: Image, pts: Sequence[Image] | Image, color: float | Sequence[float],
             lineType: int = 8) -> Image:
    """Fill polygons (outline included) in place, rasterised by Pillow."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    if img.ndim != 2 or img.dtype != np.uint8:
        raise NotImplementedError("fillPoly without OpenCV draws on 8-bit single-channel masks")
    value = int(np.asarray(color).ravel()[0])
    canvas = PILImage.fromarray(img)
    draw = ImageDraw.Draw(canvas)
    for poly in pts:
        xy = [(int(x), int(y)) for x, y in np.asarray(poly).reshape(-1, 2)]
        if len(xy) >= 2:
            draw.polygon(xy, fill=value, outline=value)
        elif xy:
            draw.point(xy, fill=value)
    img[...] = np.asarray(canvas)
    return img


# --- files ----------------------------------------------------------------------------


def imdecode(buf: Image, flags: int) -> Image | None:
    """Decode an encoded image to BGR (EXIF orientation applied, like IMREAD_COLOR)."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    try:
        with PILImage.open(io.BytesIO(np.asarray(buf, dtype=np.uint8).tobytes())) as pil:
            upright = ImageOps.exif_transpose(pil)
            if upright.mode.startswith("I;16") or upright.mode == "I":
                # 16-bit grey: OpenCV keeps the high byte; Pillow's convert would clip
                grey = (np.asarray(upright).astype(np.uint32) >> 8).astype(np.uint8)
                rgb = np.repeat(grey[:, :, None], 3, axis=2)
            else:
                rgb = np.asarray(upright.convert("RGB"))
    except Exception:  # OpenCV returns None for anything it cannot decode
        return None
    return np.ascontiguousarray(rgb[:, :, ::-1])


def imencode(ext: str, img: Image) -> tuple[bool, Image]:
    from PIL import Image as PILImage

    fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP",
           ".bmp": "BMP"}.get(ext.lower())
    if fmt is None:
        raise NotImplementedError(f"encoding {ext} is not available without OpenCV")
    if img.ndim == 3:
        pixels = img[:, :, [2, 1, 0, 3]] if img.shape[2] == 4 else img[:, :, 2::-1]
    else:
        pixels = img
    out = io.BytesIO()
    PILImage.fromarray(np.ascontiguousarray(pixels)).save(out, format=fmt)
    return True, np.frombuffer(out.getvalue(), dtype=np.uint8)


def imwrite(filename: str, img: Image) -> bool:
    ok, data = imencode(Path(filename).suffix, img)
    Path(filename).write_bytes(data.tobytes())
    return ok
