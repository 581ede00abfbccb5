"""Candidate quadrilaterals from pairs of near-parallel lines, and their scores by edge
support along every side and by how close their true aspect is to a card's (detect.py
uses them).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from pictotext_desktop.cards.edges import _nearest
from pictotext_desktop.cards.lines import _angle_diff, _intersect, _is_border
from pictotext_desktop.cards.shape import CardShape

Array = NDArray[Any]
# corners (4 x 2), score, shape, cut off, one polarity on every visible side
Candidate = tuple[Array, float, CardShape, bool, bool]

MIN_SCORE = 0.72  # below: not a card (measured: README "Cards in photos")
MIN_AREA = 0.02  # of the frame: smaller quads are not considered
RESCUE = 60  # quads kept besides the prefilter's best, whose sides do not run on (cloth)
FRAME_CLOSED = 0.85  # a quad closed by the frame's border ranks this much below a whole one


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
    # every two lines' crossing once (n x n), then looked up for each quad's corners
    cross_at, cross_ok = _intersect(lines[:, None, :], lines[None, :, :])
    quads = np.stack([cross_at[a, c], cross_at[c, b], cross_at[b, d], cross_at[d, a]], axis=1)
    ok = cross_ok[a, c] & cross_ok[c, b] & cross_ok[b, d] & cross_ok[d, a]
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
    the apparent ratio when the quad is too close to a parallelogram to tell.  Plain
    float arithmetic: it runs once per scored quad, where numpy's per-call cost on
    3-vectors outweighed the work.
    """
    (x1, y1), (x2, y2), (x4, y4), (x3, y3) = (
        (float(x), float(y)) for x, y in np.asarray(corners, dtype=np.float64).tolist())
    s0 = math.hypot(x2 - x1, y2 - y1)
    s1 = math.hypot(x4 - x2, y4 - y2)
    s2 = math.hypot(x3 - x4, y3 - y4)
    s3 = math.hypot(x1 - x3, y1 - y3)
    a, b = (s0 + s2) / 2, (s1 + s3) / 2
    apparent = max(a, b) / max(min(a, b), 1e-6)
    # m1..m4 in the paper's order: (0,0), (w,0), (0,h), (w,h); each (x, y, 1)
    m1, m2, m3, m4 = (x1, y1, 1.0), (x2, y2, 1.0), (x3, y3, 1.0), (x4, y4, 1.0)
    c14, c24, c34 = _cross3(m1, m4), _cross3(m2, m4), _cross3(m3, m4)
    den2, den3 = _dot3(c24, m3), _dot3(c34, m2)
    if abs(den2) < 1e-9 or abs(den3) < 1e-9:
        return apparent
    k2 = _dot3(c14, m3) / den2
    k3 = _dot3(c14, m2) / den3
    n2 = (k2 * m2[0] - m1[0], k2 * m2[1] - m1[1], k2 * m2[2] - m1[2])
    n3 = (k3 * m3[0] - m1[0], k3 * m3[1] - m1[1], k3 * m3[2] - m1[2])
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
    # n' B n with B = A^-T A^-1, A^-1 = [[1/f, 0, -u0/f], [0, 1/f, -v0/f], [0, 0, 1]]:
    # the squared length of A^-1 n.
    ratio2 = _calibrated2(n2, f, u0, v0) / _calibrated2(n3, f, u0, v0)
    if ratio2 <= 0:
        return apparent
    r = math.sqrt(ratio2)
    return max(r, 1 / r)


Vec3 = tuple[float, float, float]


def _cross3(a: Vec3, b: Vec3) -> Vec3:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _dot3(a: Vec3, b: Vec3) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _calibrated2(n: Vec3, f: float, u0: float, v0: float) -> float:
    x = n[0] / f - u0 / f * n[2]
    y = n[1] / f - v0 / f * n[2]
    return x * x + y * y + n[2] * n[2]


def _score(
    quads: Array, gx: Array, gy: Array, mag: Array, thr: float, w: int, h: int,
    shapes: tuple[CardShape, ...], inferred: Array | None = None,
) -> list[Candidate]:
    """Score every quad by edge support along its sides; keep those above MIN_SCORE.

    `inferred` (N x 4): sides placed from the others and the card's shape, not seen as an
    edge (`complete.py`): counted like a side on the frame's border, but not cut off."""
    n_s = 28
    t = np.linspace(0.1, 0.9, n_s)
    start = quads
    end = np.roll(quads, -1, axis=1)
    pts = start[:, :, None, :] + (end - start)[:, :, None, :] * t[None, None, :, None]
    d = end - start
    length = np.maximum(np.linalg.norm(d, axis=-1), 1e-6)
    normal = np.stack([-d[..., 1], d[..., 0]], axis=-1) / length[..., None]
    best = np.zeros(pts.shape[:3])
    flat_gx, flat_gy, flat_mag = gx.ravel(), gy.ravel(), mag.ravel()
    for off in (-1.0, 0.0, 1.0):
        p = pts + normal[:, :, None, :] * off
        at = _flat_index(p, w, h)
        proj = (flat_gx.take(at) * normal[:, :, None, 0]
                + flat_gy.take(at) * normal[:, :, None, 1])
        aligned = np.abs(proj) > 0.9 * flat_mag.take(at)
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
    frame = _side_on_border(quads, w, h) | (inside.sum(-1) < n_s * 0.5)
    on_border = frame if inferred is None else frame | inferred
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
    quality = np.where(any_border, FRAME_CLOSED * quality, quality)
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
        cut = bool(frame[k].any())
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
    """The `keep` quads with the most edge along their sides, by a quick look (8 points).

    A checked cloth makes thousands of quads with edge all along every side: those whose
    sides also run on past their corners in both directions (the checks; `verify.runs_on`
    drops them later) can fill all `keep` places: the best RESCUE of the others that
    the frame does not close are kept too, so a card among them is not crowded out."""
    if len(quads) <= keep:
        return quads
    t = np.linspace(0.15, 0.85, 8)
    end = np.roll(quads, -1, axis=1)
    d = (end - quads)[:, :, None, :]
    pts = quads[:, :, None, :] + d * t[None, None, :, None]
    flat_mag = mag.ravel()
    hit = (flat_mag.take(_flat_index(pts, w, h)) > 0.6 * thr).mean(-1)
    border = _side_on_border(quads, w, h)
    hit = np.where(border, 0.5, hit)
    rough = np.sort(hit, axis=1)[:, :2].sum(1) + hit.mean(1)
    running = np.ones(quads.shape[:2], dtype=bool)
    seen = np.zeros(quads.shape[:2], dtype=bool)
    for t_out in ((-0.2, -0.13, -0.06), (1.06, 1.13, 1.2)):
        out = quads[:, :, None, :] + d * np.array(t_out)[None, None, :, None]
        inside = (out[..., 0] >= 0) & (out[..., 0] <= w - 1) & (out[..., 1] >= 0) & (
            out[..., 1] <= h - 1)
        on = ((flat_mag.take(_flat_index(out, w, h)) > 0.6 * thr) & inside).sum(-1)
        told = inside.sum(-1) >= 2
        running &= ~told | (on >= 2)
        seen |= told
    running &= seen & ~border
    runs_on = (running[:, 0] | running[:, 2]) & (running[:, 1] | running[:, 3])
    order = np.argsort(-rough)
    first = order[:keep]
    rest = order[keep:]
    more = rest[~runs_on[rest] & ~border[rest].any(1)][:RESCUE]
    result: Array = quads[np.concatenate([first, more])]
    return result


def _flat_index(pts: Array, w: int, h: int) -> Array:
    """Index into a raveled h x w array of the pixel nearest each point (..., 2), clipped
    to the frame: what `arr[yi, xi]` with rounded, clipped xi and yi reads, by one `take`."""
    return _nearest(pts[..., 0], pts[..., 1], w, h)


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
