"""Find cards in a photo: four corners each, from straight edges (numpy + Pillow only).

How: on a copy with a 640 px long side, an edge map (Sobel, thinned) votes for straight
lines in a Hough accumulator, each edge pixel only near its own gradient direction (so
wood grain or a keyboard's key rows cost little).  Pairs of near-parallel lines times
pairs of near-parallel lines give candidate quadrilaterals; a candidate is kept when its
aspect (corrected for perspective where the quad allows it) matches a card shape and an
edge of one polarity runs along most of every side.  The best candidates that do not
overlap are the cards; a quad whose inside is a third or more far darker than its light
parts is a framed picture (a card's own photo box), not a card; one whose sides run on
past its corners in both directions is a cloth's checks, and one sharing a side with a
card already taken is the table beside it (`verify.py`).  When nothing is found, a
second look votes with every faint step: on a printed letter the many strong lines
raise the edge threshold above a light card's faint sides; a last look by hue
(`tint.py`) finds a card as light as the paper but not of its hue, and on a light grey
surface looks for a second card the same way.  Each side is then refined
on a ~1600 px copy (`refine.py`): edge points found along the side's normal, a line
fitted robustly (a thumb or glare over part of a side only removes points), corners
from the lines' intersections (so rounded corners do not matter).  A side may be the
frame's own border: then the card runs out of the frame and the quad says `cut_off`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter

from pictotext_desktop.cards.edges import (
    _copies,
    _edge_threshold,
    _sobel,
    _steps,
    _thin,
)
from pictotext_desktop.cards.refine import _bilinear, _refine
from pictotext_desktop.cards.tint import light_neutral, tint_copy
from pictotext_desktop.cards.verify import beside_clean, runs_on, shared_sides, touching

Array = NDArray[Any]
Point = tuple[float, float]
# corners (4 x 2), score, shape, cut off, one polarity on every visible side
Candidate = tuple[Array, float, "CardShape", bool, bool]

MAX_LINES = 48  # strongest Hough lines kept
MIN_SCORE = 0.72  # below: not a card (measured: README "Cards in photos")
MAX_GAP = 4  # px at WORK_SIDE bridged in a side (weak, dotted edges)
MIN_RUN = 24  # px at WORK_SIDE: shortest unbroken stretch of a side worth a line
MIN_AREA = 0.02  # of the frame: smaller quads are not considered
FAINT_THRESHOLD = 16.0  # Sobel magnitude: the second look when nothing clear was found
TINT_MIN_SCORE = 0.8  # the last look, by hue: a wood grain's false quads score 0.73
PICTURE_SHARE = 0.3  # of a quad's inside far darker than its light parts: a photograph
PICTURE_SURROUND = 40.0  # grey levels: a picture's surround is about as light as its light parts


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


# --------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------
def find_cards(
    image: Image.Image | Array,
    shapes: tuple[CardShape, ...] = SHAPES,
    max_cards: int = 2,
) -> list[CardQuad]:
    """The cards in `image` (PIL image or H x W [x C] array), best first; [] if none."""
    refine_img, refine_scale, work, work_scale, (full_w, full_h) = _copies(image)
    arr = np.asarray(work.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.float32)
    gx, gy = _sobel(arr)
    mag = np.hypot(gx, gy)
    edges = _thin(mag, gx, gy)
    thr = _edge_threshold(mag)
    picked = _search(arr, gx, gy, mag, edges, thr, shapes, max_cards)
    if not picked and thr > FAINT_THRESHOLD:
        # Nothing clear: a card as light as the paper under it shows only faint sides,
        # drowned by the print's many strong edges.  Look again at every faint step.
        picked = _search(arr, gx, gy, mag, edges, FAINT_THRESHOLD, shapes, max_cards)
    if not picked or (len(picked) < max_cards and light_neutral(image)):
        # A card as light as the paper is seldom of the paper's hue: look by hue when
        # nothing was found, or for another card on a light grey surface (one of two
        # cards on a letter can show its shadow, the other not).
        tint = tint_copy(image, work.size)
        if tint is not None:
            tgx, tgy = _sobel(tint)
            tmag = np.hypot(tgx, tgy)
            more = _search(tint, tgx, tgy, tmag, _thin(tmag, tgx, tgy),
                           _edge_threshold(tmag), shapes, max_cards, arr)
            # A coloured surface (wood) has hue edges of its own: only clear quads count.
            picked = _add(picked, [m for m in more if m[1] >= TINT_MIN_SCORE], max_cards,
                          work.size)
    if not picked:
        return []
    refine_arr = np.asarray(refine_img, dtype=np.float32)
    out = []
    factor = refine_scale / work_scale
    for corners, score, shape, cut, _clean in picked:
        fine = _refine(refine_arr, corners * factor, max(2.5, 2.0 * factor))
        full = fine / refine_scale
        cut = cut or _outside(full, full_w, full_h)
        out.append(CardQuad(_order(full), round(float(score), 3), shape, cut))
    return out


def _search(
    arr: Array, gx: Array, gy: Array, mag: Array, edges: Array, thr: float,
    shapes: tuple[CardShape, ...], max_cards: int, grey: Array | None = None,
) -> list[Candidate]:
    """Lines from the edges above `thr`, quads from the lines, the best non-overlapping ones.

    `grey`: the photo's grey copy when `arr` is another channel (the framed-picture test
    looks at light and dark)."""
    candidates = edges & (mag > thr)
    steps = _steps(candidates, arr, gx, gy, mag)
    lines = _hough_lines(steps, mag, gx, gy, candidates)
    h, w = arr.shape
    lines = np.concatenate([lines, _border_lines(w, h)])
    quads = _candidates(lines, w, h, shapes)
    if len(quads) == 0:
        return []
    quads = _prefilter(quads, gx, gy, mag, thr, w, h)
    scored = _score(quads, gx, gy, mag, thr, w, h, shapes)
    if scored:
        surface = runs_on(np.stack([item[0] for item in scored]), gx, gy, mag, thr)
        scored = [item for item, run in zip(scored, surface, strict=True) if not run]
    grey = arr if grey is None else grey
    scored = [item for item in scored if not _picture_inside(grey, item[0])]
    return _pick(scored, w, h, max_cards)


# --------------------------------------------------------------------------------------
# Lines
# --------------------------------------------------------------------------------------
def _hough_lines(strong: Array, mag: Array, gx: Array, gy: Array, edges: Array) -> Array:
    """(theta, rho) rows of the strongest lines; theta is the normal's angle in [0, pi)."""
    ys, xs = np.nonzero(strong)
    if len(xs) == 0:
        return np.zeros((0, 2))
    h, w = strong.shape
    diag = math.hypot(w, h)
    n_rho = int(2 * diag) + 3
    # Theta bins run from -10 to 190 degrees: a near-vertical line's pixels point at
    # both ~0 and ~180 degrees, and each gathers all of its votes on both sides of the
    # wrap (the copies are merged when peaks are taken).
    pad_bins = 10
    n_theta = 180 + 2 * pad_bins
    theta = np.arctan2(gy[ys, xs], gx[ys, xs]) % np.pi
    weight = np.sqrt(mag[ys, xs])
    tbin = np.round(np.degrees(theta)).astype(np.intp)
    low, high = tbin < pad_bins + 2, tbin > 178 - pad_bins
    tb = np.concatenate([tbin, tbin[low] + 180, tbin[high] - 180])
    px = np.concatenate([xs, xs[low], xs[high]]).astype(np.float64)
    py = np.concatenate([ys, ys[low], ys[high]]).astype(np.float64)
    wt = np.concatenate([weight, weight[low], weight[high]])
    acc = np.zeros(n_theta * n_rho, dtype=np.float64)
    for dt in (-2, -1, 0, 1, 2):
        b = tb + dt
        inside = (b >= -pad_bins) & (b < 180 + pad_bins)
        t = np.radians(b[inside])
        rho = px[inside] * np.cos(t) + py[inside] * np.sin(t)
        rbin = np.clip(np.round(rho + diag).astype(np.intp) + 1, 0, n_rho - 1)
        acc += np.bincount((b[inside] + pad_bins) * n_rho + rbin, weights=wt[inside],
                           minlength=n_theta * n_rho)
    grid = acc.reshape(n_theta, n_rho)
    # Local maxima over a 5 x 5 neighbourhood (theta wraps around with rho mirrored;
    # lines that close to the wrap are few, the loss is tolerable).
    pad = np.pad(grid, 2, mode="constant")
    rows = pad[:, 0:n_rho].copy()
    for dx in range(1, 5):
        np.maximum(rows, pad[:, dx : dx + n_rho], out=rows)
    around = rows[0:n_theta].copy()
    for dy in range(1, 5):
        np.maximum(around, rows[dy : dy + n_theta], out=around)
    local = grid >= around
    floor = max(1.0, float(grid.max()) * 0.01)
    cand = np.nonzero(local & (grid > floor))
    values = grid[cand]
    order = np.argsort(-values)[: 40 * MAX_LINES]
    ts = np.radians(cand[0][order] - pad_bins)
    rs = cand[1][order] - 1 - diag
    wrapped = (ts < 0) | (ts >= np.pi)
    ts = np.where(wrapped, ts % np.pi, ts)
    rs = np.where(wrapped, -rs, rs)
    taken = _suppress(ts, rs)
    ts, rs = ts[taken], rs[taken]
    lines = np.stack([ts, rs], axis=1).reshape(-1, 2)
    found = _fit_lines(lines, strong, gx, gy, mag)
    runs = _longest_runs(found, strong)
    # The strongest lines by votes, and the longest unbroken ones (a faint card edge on
    # a busy surface gathers few votes but runs long).
    order = np.argsort(-runs)
    by_run = order[runs[order] >= MIN_RUN][: MAX_LINES // 2]
    by_votes = np.arange(len(found))[runs >= MIN_RUN / 2][: MAX_LINES // 2]
    keep = np.union1d(by_run, by_votes)
    # Fitting can bring two peaks onto the same edge: keep one of each.
    unique: list[int] = []
    close = math.radians(1.5)
    for k in keep[np.argsort(-runs[keep])].tolist():
        t, r = found[k]
        dup = False
        for j in unique:
            d = abs(t - found[j, 0]) % math.pi
            if min(d, math.pi - d) < close and abs(r - found[j, 1]) < 2.5:
                dup = True
                break
        if not dup:
            unique.append(k)
    result: Array = found[np.array(unique, dtype=np.intp)]
    return result


def _suppress(ts: Array, rs: Array) -> Array:
    """Indices of the peaks kept, strongest first: none within 3 degrees and 6 px of another.

    Lines are bucketed by whole degrees, so each peak is compared with the few taken ones
    nearby rather than with all of them (theta wraps at 180 degrees with rho mirrored).
    """
    buckets: list[list[tuple[float, float]]] = [[] for _ in range(180)]
    taken: list[int] = []
    limit = math.radians(3)
    half = math.pi / 2
    for k, (t, r) in enumerate(zip(ts.tolist(), rs.tolist(), strict=True)):
        b = int(math.degrees(t)) % 180
        near = False
        for nb in range(b - 4, b + 5):
            for tj, rj in buckets[nb % 180]:
                dt = abs(tj - t)
                wrap = dt > half
                if wrap:
                    dt = math.pi - dt
                if dt < limit and abs((-rj if wrap else rj) - r) < 6:
                    near = True
                    break
            if near:
                break
        if near:
            continue
        taken.append(k)
        buckets[b].append((t, r))
        if len(taken) >= 4 * MAX_LINES:
            break
    return np.array(taken, dtype=np.intp)


def _fit_lines(lines: Array, strong: Array, gx: Array, gy: Array, mag: Array) -> Array:
    """Each Hough line moved onto its own edge pixels (total least squares).

    The accumulator's 1 degree bins leave a side up to a few pixels off at its ends,
    enough to miss the edge when the side's support is measured.  Pixels are sorted by
    their gradient's angle once, so each line only looks at the pixels within 12 degrees.
    """
    ys, xs = np.nonzero(strong)
    if len(xs) == 0 or len(lines) == 0:
        return lines
    ang = np.arctan2(gy[ys, xs], gx[ys, xs]) % np.pi
    order = np.argsort(ang)
    ang = ang[order]
    px, py = xs[order].astype(np.float64), ys[order].astype(np.float64)
    m = np.maximum(mag[ys, xs], 1e-6)[order]
    tol = math.radians(12)
    out = lines.copy()
    for k, (t, r) in enumerate(lines):
        lo, hi = t - tol, t + tol
        spans = [(lo, hi)]
        if lo < 0:
            spans = [(0.0, hi), (lo + math.pi, math.pi)]
        elif hi > math.pi:
            spans = [(lo, math.pi), (0.0, hi - math.pi)]
        idx = np.concatenate([
            np.arange(*np.searchsorted(ang, span)) for span in spans
        ])
        if len(idx) < 10:
            continue
        c, s = math.cos(t), math.sin(t)
        idx = idx[np.abs(px[idx] * c + py[idx] * s - r) < 3.0]
        if len(idx) < 10:
            continue
        x, y, wts = px[idx], py[idx], m[idx]
        total = wts.sum()
        cx, cy = (x * wts).sum() / total, (y * wts).sum() / total
        dx, dy = x - cx, y - cy
        sxx, syy, sxy = (wts * dx * dx).sum(), (wts * dy * dy).sum(), (wts * dx * dy).sum()
        along = 0.5 * math.atan2(2 * sxy, sxx - syy)  # the points' main direction
        theta = along + math.pi / 2
        theta %= 2 * math.pi
        rho = math.cos(theta) * cx + math.sin(theta) * cy
        if theta >= math.pi:
            theta -= math.pi
            rho = -rho
        if _angle_diff(np.array(theta), np.array(t)) < math.radians(4):
            out[k] = (theta, rho)
    return out


def _longest_runs(lines: Array, mask: Array) -> Array:
    """Per line, the longest stretch of edge along it (gaps of up to 2 px bridged).

    A card's side is one long stretch; a row of text is many short ones, however many
    votes it gathers.
    """
    if len(lines) == 0:
        return np.zeros(0)
    h, w = mask.shape
    p = np.pad(mask, 1)
    dil = np.zeros_like(mask)
    for dy in range(3):
        for dx in range(3):
            dil |= p[dy : dy + h, dx : dx + w]
    diag = math.hypot(w, h)
    t = np.arange(-diag, diag, 1.0)
    c, s = np.cos(lines[:, 0]), np.sin(lines[:, 0])
    x = c[:, None] * lines[:, 1:2] - s[:, None] * t[None, :]
    y = s[:, None] * lines[:, 1:2] + c[:, None] * t[None, :]
    inside = (x >= 0) & (x <= w - 1) & (y >= 0) & (y <= h - 1)
    xi = np.clip(np.round(x).astype(np.intp), 0, w - 1)
    yi = np.clip(np.round(y).astype(np.intp), 0, h - 1)
    on = dil[yi, xi] & inside
    # Bridge gaps of up to 2 samples, then measure runs with a cumulative trick.
    bridged = on.copy()
    n = on.shape[1]
    for gap in range(1, MAX_GAP + 1):  # a hole of `gap` samples with edge on both sides
        for first in range(gap):
            bridged[:, first + 1 : n - gap + first] |= on[:, : n - gap - 1] & on[:, gap + 1 :]
    idx = np.arange(bridged.shape[1])
    last_off = np.maximum.accumulate(np.where(~bridged, idx, -1), axis=1)
    run = np.where(bridged, idx - last_off, 0)
    result: Array = run.max(axis=1).astype(np.float64)
    return result


def _border_lines(w: int, h: int) -> Array:
    """The frame's four borders as lines: a card running out of the frame ends there."""
    return np.array(
        [(0.0, 0.0), (np.pi / 2, 0.0), (0.0, float(w - 1)), (np.pi / 2, float(h - 1))]
    )


def _is_border(lines: Array, w: int, h: int) -> Array:
    t, r = lines[:, 0], lines[:, 1]
    vertical = np.abs(t) < 1e-9
    horizontal = np.abs(t - np.pi / 2) < 1e-9
    result: Array = (vertical & ((np.abs(r) < 1e-6) | (np.abs(r - (w - 1)) < 1e-6))) | (
        horizontal & ((np.abs(r) < 1e-6) | (np.abs(r - (h - 1)) < 1e-6))
    )
    return result


def _intersect(l1: Array, l2: Array) -> tuple[Array, Array]:
    """Intersection points of line arrays (theta, rho); (x, y) and a validity mask."""
    c1, s1 = np.cos(l1[..., 0]), np.sin(l1[..., 0])
    c2, s2 = np.cos(l2[..., 0]), np.sin(l2[..., 0])
    det = c1 * s2 - s1 * c2
    ok = np.abs(det) > 1e-3
    det = np.where(ok, det, 1.0)
    x = (l1[..., 1] * s2 - l2[..., 1] * s1) / det
    y = (c1 * l2[..., 1] - c2 * l1[..., 1]) / det
    return np.stack([x, y], axis=-1), ok


def _angle_diff(t1: Array, t2: Array) -> Array:
    d = np.abs(t1 - t2) % np.pi
    result: Array = np.minimum(d, np.pi - d)
    return result


# --------------------------------------------------------------------------------------
# Quadrilaterals
# --------------------------------------------------------------------------------------
def _candidates(lines: Array, w: int, h: int, shapes: tuple[CardShape, ...]) -> Array:
    """Corner arrays (N, 4, 2) of plausible quads from pairs of near-parallel lines."""
    n = len(lines)
    border = _is_border(lines, w, h)
    i, j = np.triu_indices(n, 1)
    par = _angle_diff(lines[i, 0], lines[j, 0]) < math.radians(32)
    par &= ~(border[i] & border[j])
    pi, pj = i[par], j[par]
    if len(pi) < 2:
        return np.zeros((0, 4, 2))
    p, q = np.triu_indices(len(pi), 1)
    a, b, c, d = pi[p], pj[p], pi[q], pj[q]
    distinct = (a != c) & (a != d) & (b != c) & (b != d)
    mean1 = lines[a, 0]
    mean2 = lines[c, 0]
    cross = _angle_diff(mean1, mean2) > math.radians(50)
    nb = border[a].astype(int) + border[b] + border[c] + border[d]
    keep = distinct & cross & (nb <= 1)
    a, b, c, d = a[keep], b[keep], c[keep], d[keep]
    if len(a) == 0:
        return np.zeros((0, 4, 2))
    p0, ok0 = _intersect(lines[a], lines[c])
    p1, ok1 = _intersect(lines[c], lines[b])
    p2, ok2 = _intersect(lines[b], lines[d])
    p3, ok3 = _intersect(lines[d], lines[a])
    quads = np.stack([p0, p1, p2, p3], axis=1)
    ok = ok0 & ok1 & ok2 & ok3
    # Corners may lie a little outside the frame (a card running out of it).
    mx, my = 0.25 * w, 0.25 * h
    xs, ys = quads[..., 0], quads[..., 1]
    ok &= (xs > -mx).all(1) & (xs < w + mx).all(1) & (ys > -my).all(1) & (ys < h + my).all(1)
    ok &= _convex(quads)
    area = _area(quads)
    ok &= area > MIN_AREA * w * h
    quads = quads[ok]
    aspect = _apparent_aspect(quads)
    lo = min(s.aspect for s in shapes) / 1.45
    hi = max(s.aspect for s in shapes) * 1.45
    cut = _side_on_border(quads, w, h).any(1)  # only part of the card is seen
    result: Array = quads[((aspect > lo) | cut) & (aspect < hi)]
    return result


def _convex(quads: Array) -> Array:
    v = np.roll(quads, -1, axis=1) - quads
    w = np.roll(v, -1, axis=1)
    cross = v[..., 0] * w[..., 1] - v[..., 1] * w[..., 0]
    result: Array = (cross > 0).all(1) | (cross < 0).all(1)
    return result


def _area(quads: Array) -> Array:
    x, y = quads[..., 0], quads[..., 1]
    result: Array = 0.5 * np.abs((x * np.roll(y, -1, 1) - np.roll(x, -1, 1) * y).sum(1))
    return result


def _side_lengths(quads: Array) -> Array:
    result: Array = np.linalg.norm(np.roll(quads, -1, axis=1) - quads, axis=-1)
    return result


def _apparent_aspect(quads: Array) -> Array:
    s = _side_lengths(quads)
    a = (s[:, 0] + s[:, 2]) / 2
    b = (s[:, 1] + s[:, 3]) / 2
    return np.maximum(a, b) / np.maximum(np.minimum(a, b), 1e-6)


def true_aspect(corners: Array, size: tuple[int, int]) -> float:
    """The rectangle's long/short ratio, undoing perspective (Zhang & He 2007).

    Assumes square pixels and the principal point at the frame's centre; falls back to
    the apparent ratio when the quad is too close to a parallelogram to tell.
    """
    q = np.asarray(corners, dtype=np.float64)
    apparent = float(_apparent_aspect(q[None])[0])
    # m1..m4 in the paper's order: (0,0), (w,0), (0,h), (w,h)
    m1, m2, m4, m3 = (np.array([x, y, 1.0]) for x, y in q)
    c14, c24, c34 = _cross3(m1, m4), _cross3(m2, m4), _cross3(m3, m4)
    den2, den3 = float(c24 @ m3), float(c34 @ m2)
    if abs(den2) < 1e-9 or abs(den3) < 1e-9:
        return apparent
    k2 = float(c14 @ m3) / den2
    k3 = float(c14 @ m2) / den3
    n2 = k2 * m2 - m1
    n3 = k3 * m3 - m1
    u0, v0 = size[0] / 2, size[1] / 2
    if abs(n2[2]) < 1e-3 or abs(n3[2]) < 1e-3:
        return apparent
    f2 = -(
        (n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n2[2] * n3[2] * u0 * u0)
        + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n2[2] * n3[2] * v0 * v0)
    ) / (n2[2] * n3[2])
    diag = math.hypot(*size)
    if not (0.3 * diag) ** 2 < f2 < (4 * diag) ** 2:  # implausible focal length
        return apparent
    f = math.sqrt(f2)
    a_inv = np.array([[1 / f, 0, -u0 / f], [0, 1 / f, -v0 / f], [0, 0, 1]])
    b = a_inv.T @ a_inv
    ratio2 = float(n2 @ b @ n2) / float(n3 @ b @ n3)
    if ratio2 <= 0:
        return apparent
    r = math.sqrt(ratio2)
    return max(r, 1 / r)


def _cross3(a: Array, b: Array) -> Array:
    return np.array(
        [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
    )


def _score(
    quads: Array, gx: Array, gy: Array, mag: Array, thr: float, w: int, h: int,
    shapes: tuple[CardShape, ...],
) -> list[Candidate]:
    """Score every quad by edge support along its sides; keep those above MIN_SCORE."""
    n_s = 28
    t = np.linspace(0.1, 0.9, n_s)
    start = quads
    end = np.roll(quads, -1, axis=1)
    pts = start[:, :, None, :] + (end - start)[:, :, None, :] * t[None, None, :, None]
    d = end - start
    length = np.maximum(np.linalg.norm(d, axis=-1), 1e-6)
    normal = np.stack([-d[..., 1], d[..., 0]], axis=-1) / length[..., None]
    best = np.zeros(pts.shape[:3])
    for off in (-1.0, 0.0, 1.0):
        p = pts + normal[:, :, None, :] * off
        xi = np.clip(np.round(p[..., 0]).astype(np.intp), 0, w - 1)
        yi = np.clip(np.round(p[..., 1]).astype(np.intp), 0, h - 1)
        proj = gx[yi, xi] * normal[:, :, None, 0] + gy[yi, xi] * normal[:, :, None, 1]
        aligned = np.abs(proj) > 0.9 * mag[yi, xi]
        val = np.where(aligned, proj, 0.0)
        best = np.where(np.abs(val) > np.abs(best), val, best)
    inside = (pts[..., 0] >= 0) & (pts[..., 0] < w) & (pts[..., 1] >= 0) & (pts[..., 1] < h)
    edge_thr = 0.6 * thr
    pos = ((best > edge_thr) & inside).sum(-1)
    neg = ((best < -edge_thr) & inside).sum(-1)
    n_in = np.maximum(inside.sum(-1), 1)
    # A side is one step (same polarity all along); a card as light as the table shows
    # only its shadow, a thin line whose polarity flips, which counts for half.
    support = (np.maximum(pos, neg) + 0.5 * np.minimum(pos, neg)) / n_in  # (N, 4)
    # A side on the frame's border, or mostly outside it, cannot be seen: it counts as
    # half supported and the quad is cut off.
    on_border = _side_on_border(quads, w, h) | (inside.sum(-1) < n_s * 0.5)
    support = np.where(on_border, 0.5, support)
    # One card: the inside/outside contrast has the same sign on all visible sides.
    polarity = np.sign(pos - neg)
    # For ranking, a border side counts as seen: the visible sides carry the decision.
    sides_sorted = np.sort(np.where(on_border, 1.0, support), axis=1)
    quality = 0.45 * sides_sorted[:, 0] + 0.2 * sides_sorted[:, 1] + 0.35 * support.mean(1)
    ok = (sides_sorted[:, 0] >= 0.3) & (sides_sorted[:, 1] >= 0.55)
    # A quad closed by the frame's border is easy to make from any three lines: its
    # visible sides must be clean edges, and it ranks below a whole card.
    any_border = on_border.any(1)
    visible_min = np.where(on_border, 1.0, support).min(1)
    ok &= ~any_border | (visible_min >= 0.8)
    quality = np.where(any_border, 0.85 * quality, quality)
    vis_pol = np.where(on_border, 0, polarity)
    mixed: Array = np.asarray((vis_pol > 0).any(1) & (vis_pol < 0).any(1))
    quality = np.where(mixed, quality * 0.85, quality)
    area_frac = _area(quads) / (w * h)
    rank = quality * (1 + 0.25 * np.sqrt(area_frac))
    out: list[Candidate] = []
    order = np.argsort(-rank)
    order = order[ok[order] & (quality[order] >= MIN_SCORE)]
    distinct = np.empty((200, 4, 2))
    n_distinct = 0
    for k in order[:200]:
        if len(out) >= 60:
            break
        # Near copies of a quad already taken (lines a pixel apart) add nothing.
        if n_distinct and (
            np.abs(distinct[:n_distinct] - quads[k]).max(axis=(1, 2)) < 4.0
        ).any():
            continue
        distinct[n_distinct] = quads[k]
        n_distinct += 1
        cut = bool(on_border[k].any())
        aspect = true_aspect(quads[k], (w, h))
        shape = min(shapes, key=lambda s: abs(math.log(aspect / s.aspect)))
        err = abs(math.log(aspect / shape.aspect))
        if err > math.log(1.3) and not cut:
            continue
        score = float(quality[k]) * math.exp(-err / 0.3 if not cut else 0.0)
        if score >= MIN_SCORE:
            out.append((quads[k], score, shape, cut, not bool(mixed[k])))
    out.sort(key=lambda item: -item[1] * (1 + 0.25 * math.sqrt(_area(item[0][None])[0] / (w * h))))
    return out


def _prefilter(
    quads: Array, gx: Array, gy: Array, mag: Array, thr: float, w: int, h: int, keep: int = 300
) -> Array:
    """The `keep` quads with the most edge along their sides, by a quick look (8 points)."""
    if len(quads) <= keep:
        return quads
    t = np.linspace(0.15, 0.85, 8)
    end = np.roll(quads, -1, axis=1)
    pts = quads[:, :, None, :] + (end - quads)[:, :, None, :] * t[None, None, :, None]
    xi = np.clip(np.round(pts[..., 0]).astype(np.intp), 0, w - 1)
    yi = np.clip(np.round(pts[..., 1]).astype(np.intp), 0, h - 1)
    hit = (mag[yi, xi] > 0.6 * thr).mean(-1)
    border = _side_on_border(quads, w, h)
    hit = np.where(border, 0.5, hit)
    rough = np.sort(hit, axis=1)[:, :2].sum(1) + hit.mean(1)
    result: Array = quads[np.argsort(-rough)[:keep]]
    return result


def _side_on_border(quads: Array, w: int, h: int) -> Array:
    end = np.roll(quads, -1, axis=1)
    tol = 2.0
    xs = np.stack([quads[..., 0], end[..., 0]], -1)
    ys = np.stack([quads[..., 1], end[..., 1]], -1)
    left = (xs <= tol).all(-1)
    right = (xs >= w - 1 - tol).all(-1)
    top = (ys <= tol).all(-1)
    bottom = (ys >= h - 1 - tol).all(-1)
    result: Array = np.asarray(left | right | top | bottom)
    return result


def _pick(
    scored: list[Candidate], w: int, h: int, max_cards: int
) -> list[Candidate]:
    """The best quad, then the next best ones that overlap no quad already taken."""
    picked: list[Candidate] = []
    masks: list[Array] = []
    top = scored[:60]
    top_masks = [_mask(item[0], w, h) for item in top]
    areas = [max(int(m.sum()), 1) for m in top_masks]
    # A card holds rectangles of its own (a photo, a chip, a box of text): a quad lying
    # inside a clearly larger one that is also card-like (whole, and lighter or darker
    # than its surroundings all round) is part of that card.
    inner = {
        i for i in range(len(top)) for j in range(len(top))
        if areas[j] > 2.5 * areas[i] and top[j][1] >= 0.7 * top[i][1]
        and top[j][4] and not top[j][3]
        and (top_masks[i] & top_masks[j]).sum() > 0.9 * areas[i]
        and not touching(top[i][0], top[j][0])
    }
    # A quad closed by the frame that holds a whole card along all of its seen sides is
    # that card and the strip of table out to the frame (its far side under glare).
    inner |= {
        j for j in range(len(top)) for i in range(len(top))
        if top[j][3] and not top[i][3] and top[i][1] >= 0.85 * top[j][1]
        and (top_masks[i] & top_masks[j]).sum() > 0.9 * areas[i]
        and shared_sides(top[i][0], top[j][0]) >= 2
    }
    # A quad whose contrast flips, sharing a side with a clean one: the table beside it.
    inner |= beside_clean([t[0] for t in top], [t[1] for t in top], [t[4] for t in top])
    scored = [item for i, item in enumerate(top) if i not in inner] + scored[60:]
    for item in scored:
        if len(picked) >= max_cards:
            break
        if picked and item[1] < 0.8 * picked[0][1]:
            break
        mask = _mask(item[0], w, h)
        area = max(int(mask.sum()), 1)
        if any((mask & m).sum() > 0.05 * min(area, int(m.sum())) for m in masks):
            continue
        if any(touching(item[0], other[0]) for other in picked):
            continue
        picked.append(item)
        masks.append(mask)
    return picked


def _add(
    picked: list[Candidate], more: list[Candidate], max_cards: int, size: tuple[int, int]
) -> list[Candidate]:
    """`picked` and then those of `more` that overlap or touch none of them (best first)."""
    out = list(picked)
    masks = [_mask(item[0], *size) for item in out]
    for item in more:
        if len(out) >= max_cards or (out and item[1] < 0.8 * out[0][1]):
            break
        mask = _mask(item[0], *size)
        area = max(int(mask.sum()), 1)
        if any((mask & m).sum() > 0.05 * min(area, int(m.sum())) for m in masks) or any(
                touching(item[0], other[0]) for other in out):
            continue
        out.append(item)
        masks.append(mask)
    return out


def _picture_inside(arr: Array, quad: Array) -> bool:
    """A photograph's frame rather than a card: a third or more of the inside is far darker
    than its light parts (a card's own photo box: head and shoulders on a light ground),
    where a card holds lines of text, *and* what lies around it is as light as those
    parts (the card or the letter the picture is printed on).  A card on a dark ground
    (a keyboard) can be that dark inside too (its photo and a dark table at its margin:
    up to 0.33), so a dark surround keeps it a card."""
    u = np.linspace(0.08, 0.92, 24)
    v = np.linspace(0.08, 0.92, 16)
    uu, vv = np.meshgrid(u, v)
    a, b, c, d = quad
    top = a[None, None, :] + (b - a)[None, None, :] * uu[..., None]
    bottom = d[None, None, :] + (c - d)[None, None, :] * uu[..., None]
    pts = top + (bottom - top) * vv[..., None]
    vals = _bilinear(arr, pts[..., 0], pts[..., 1])
    light = float(np.percentile(vals, 90))
    if (vals < light - 80).mean() <= PICTURE_SHARE:
        return False
    # A ring just outside the quad: its corners pushed 12 % further from the centre.
    centre = quad.mean(axis=0)
    ring = centre + (quad - centre) * 1.12
    t = np.linspace(0.0, 1.0, 24, endpoint=False)[:, None]
    edge = np.concatenate([ring[i] + (ring[(i + 1) % 4] - ring[i]) * t for i in range(4)])
    around = float(np.median(_bilinear(arr, edge[:, 0], edge[:, 1])))
    return around >= light - PICTURE_SURROUND


def _mask(quad: Array, w: int, h: int) -> Array:
    img = Image.new("1", (w // 2 + 1, h // 2 + 1), 0)
    ImageDraw.Draw(img).polygon([(float(x) / 2, float(y) / 2) for x, y in quad], fill=1)
    return np.asarray(img, dtype=bool)


def _outside(quad: Array, w: int, h: int) -> bool:
    """A corner beyond (or on) the frame's edge: part of the card is not in the photo."""
    margin = 0.002 * max(w, h)
    return bool(
        (quad[:, 0] < margin).any() or (quad[:, 0] > w - 1 - margin).any()
        or (quad[:, 1] < margin).any() or (quad[:, 1] > h - 1 - margin).any()
    )


def _order(quad: Array) -> tuple[Point, Point, Point, Point]:
    """Clockwise (y down), starting at the card's top-left as it lies (see CardQuad)."""
    centre = quad.mean(0)
    ang = np.arctan2(quad[:, 1] - centre[1], quad[:, 0] - centre[0])
    q = quad[np.argsort(ang)]  # clockwise on screen (y grows downwards)
    sides = _side_lengths(q[None])[0]
    start = 0 if sides[0] + sides[2] >= sides[1] + sides[3] else 1
    # Of the two long sides (start -> start+1 and start+2 -> start+3) take the upper one
    # when the card lies wide, the left one when it stands.
    a = q[[start, (start + 1) % 4]]
    b = q[[(start + 2) % 4, (start + 3) % 4]]
    direction = a[1] - a[0]
    if abs(direction[0]) >= abs(direction[1]):
        first = a if a[:, 1].mean() <= b[:, 1].mean() else b
    else:
        first = a if a[:, 0].mean() <= b[:, 0].mean() else b
    i0 = start if first is a else (start + 2) % 4
    ordered = [q[(i0 + k) % 4] for k in range(4)]
    return tuple((float(x), float(y)) for x, y in ordered)  # type: ignore[return-value]
