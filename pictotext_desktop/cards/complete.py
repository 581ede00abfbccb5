"""A card's fourth side from its other three and its shape (detect.py uses it).

A card lying on a printed letter can have one side that gives no line: a printed line of
the letter runs along it (card, shadow and print merge into one dark band, a ridge rather
than a step), or glare washes it out, or a thumb covers it.  Its other three sides are
clean steps: two near-parallel ones and one across them, ending at the two corners they
share.  The card's known aspect then says how far the two parallel sides run: the fourth
side is put there, moved to where the edge along it is strongest within a few per cent
(perspective makes the plain ratio a little off), and the quad is scored like the others
with that side counted as half seen when it shows no edge.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from pictotext_desktop.cards.lines import _angle_diff, _intersect, _is_border
from pictotext_desktop.cards.quads import MIN_AREA, _area, _convex, true_aspect
from pictotext_desktop.cards.shape import CardShape

Array = NDArray[Any]
SIDE_SUPPORT = 0.75  # share of a seen side's quick samples on its edge: a clean side
ACROSS_SUPPORT = 0.5  # the same for the side across the two parallel ones
KEEP = 40  # three-sided candidates, best first, whose fourth side is looked for
ASPECT_WEIGHT = 3.0  # support given up per unit of log aspect error, placing the fourth side
STRETCH = np.linspace(0.9, 1.1, 21)  # the fourth side's distance: the shape's, +- 10 %


def _side_values(start: Array, end: Array, t: Array, gx: Array, gy: Array,
                 mag: Array, inward: Array) -> Array:
    """The gradient along the inward normal at points t along each side (its best of three
    offsets), 0 where the gradient does not point across the side."""
    h, w = gx.shape
    pts = start[..., None, :] + (end - start)[..., None, :] * t[:, None]
    best = np.zeros(pts.shape[:-1])
    for off in (-1.0, 0.0, 1.0):
        p = pts + inward[..., None, :] * off
        xi = np.clip(np.round(p[..., 0]).astype(np.intp), 0, w - 1)
        yi = np.clip(np.round(p[..., 1]).astype(np.intp), 0, h - 1)
        proj = gx[yi, xi] * inward[..., None, 0] + gy[yi, xi] * inward[..., None, 1]
        val = np.where(np.abs(proj) > 0.9 * mag[yi, xi], proj, 0.0)
        best = np.where(np.abs(val) > np.abs(best), val, best)
    inside = (pts[..., 0] >= 0) & (pts[..., 0] < w) & (pts[..., 1] >= 0) & (pts[..., 1] < h)
    result: Array = np.where(inside, best, 0.0)
    return result


def _runs_past(
    a: Array, b: Array, inward: Array, polarity: Array, gx: Array, gy: Array, mag: Array,
    thr: float,
) -> tuple[Array, Array]:
    """For sides a -> b: how many of six points past b (6-20 % of the side's length
    further) lie inside the frame, and at how many of them the side's edge (its polarity)
    runs on."""
    h, w = gx.shape
    t = np.linspace(1.06, 1.2, 6)
    vals = _side_values(a, b, t, gx, gy, mag, inward) * polarity[:, None]
    pts = a[:, None, :] + (b - a)[:, None, :] * t[:, None]
    inside = ((pts >= 0) & (pts <= [w - 1, h - 1])).all(-1)
    return inside.sum(-1), ((vals > 0.6 * thr) & inside).sum(-1)


def completed_quads(
    lines: Array, gx: Array, gy: Array, mag: Array, thr: float,
    shapes: tuple[CardShape, ...],
) -> tuple[Array, Array]:
    """Quads (N, 4, 2) whose sides 0, 1 and 3 are three of `lines` (two near-parallel and
    one across them) and whose side 2 is placed by the first shape's aspect; and per quad
    whether side 2 shows an edge of the others' polarity (False: it is only inferred)."""
    h, w = gx.shape
    empty = (np.zeros((0, 4, 2)), np.zeros(0, dtype=bool))
    lines = lines[~_is_border(lines, w, h)]
    n = len(lines)
    if n < 3:
        return empty
    i, j = np.triu_indices(n, 1)
    par = _angle_diff(lines[i, 0], lines[j, 0]) < math.radians(20)
    a_idx, b_idx = i[par], j[par]
    if len(a_idx) == 0:
        return empty
    # every pair of near-parallel lines with every line across both
    a_idx = np.repeat(a_idx, n)
    b_idx = np.repeat(b_idx, n)
    c_idx = np.tile(np.arange(n), len(par.nonzero()[0]))
    across = (_angle_diff(lines[a_idx, 0], lines[c_idx, 0]) > math.radians(50)) & (
        _angle_diff(lines[b_idx, 0], lines[c_idx, 0]) > math.radians(50))
    a_idx, b_idx, c_idx = a_idx[across], b_idx[across], c_idx[across]
    p0, ok0 = _intersect(lines[a_idx], lines[c_idx])
    p1, ok1 = _intersect(lines[b_idx], lines[c_idx])
    base = np.linalg.norm(p1 - p0, axis=-1)
    inside = ((p0 >= 0) & (p0 <= [w - 1, h - 1])).all(-1) & (
        (p1 >= 0) & (p1 <= [w - 1, h - 1])).all(-1)
    keep = ok0 & ok1 & inside & (base > math.sqrt(MIN_AREA * w * h) / 2)
    a_idx, b_idx, c_idx = a_idx[keep], b_idx[keep], c_idx[keep]
    p0, p1, base = p0[keep], p1[keep], base[keep]
    if len(p0) == 0:
        return empty
    # Along each parallel line, away from the line across, on one side of it or the other.
    tc = lines[c_idx, 0]
    nc = np.stack([np.cos(tc), np.sin(tc)], -1)
    along = []
    for idx in (a_idx, b_idx):
        d = np.stack([-np.sin(lines[idx, 0]), np.cos(lines[idx, 0])], -1)
        d *= np.sign((d * nc).sum(-1, keepdims=True) + 1e-12)
        along.append(d)
    # Only the document's own shape (the first): with two shapes as near as ID-1 and ID-3
    # (1.59 and 1.42) a printed line of the letter below the card makes an ID-3 just as
    # well.
    ratios = (shapes[0].aspect, 1 / shapes[0].aspect)
    quads = []
    targets = []
    for side in (1.0, -1.0):
        for r in ratios:
            length = (base * r)[:, None]
            p3 = p0 + along[0] * side * length
            p2 = p1 + along[1] * side * length
            quads.append(np.stack([p0, p1, p2, p3], axis=1))
            targets.append(np.full(len(p0), max(r, 1 / r)))
    q = np.concatenate(quads)
    target = np.concatenate(targets)
    xs, ys = q[..., 0], q[..., 1]
    ok = (xs >= 0).all(1) & (xs <= w - 1).all(1) & (ys >= 0).all(1) & (ys <= h - 1).all(1)
    ok &= _convex(q) & (_area(q) > MIN_AREA * w * h)
    q, target = q[ok], target[ok]
    if len(q) == 0:
        return empty
    centre = q.mean(axis=1, keepdims=True)
    # The three seen sides (0: across, 1 and 3: the parallel ones), quick look, one polarity.
    start = q[:, [0, 1, 3]]
    end = q[:, [1, 2, 0]]
    d = end - start
    normal = np.stack([-d[..., 1], d[..., 0]], -1) / np.maximum(
        np.linalg.norm(d, axis=-1, keepdims=True), 1e-6)
    mid = (start + end) / 2
    normal *= np.sign(((centre - mid) * normal).sum(-1, keepdims=True) + 1e-12)
    vals = _side_values(start, end, np.linspace(0.1, 0.9, 10), gx, gy, mag, normal)
    pos = (vals > 0.6 * thr).mean(-1)
    neg = (vals < -0.6 * thr).mean(-1)
    # The side across may be half under glare or a thumb: the two parallel ones carry it.
    need = np.array([ACROSS_SUPPORT, SIDE_SUPPORT, SIDE_SUPPORT])
    clean = (pos >= need).all(1) | (neg >= need).all(1)
    keep = np.nonzero(clean)[0]
    q, target, pos, neg, normal = q[keep], target[keep], pos[keep], neg[keep], normal[keep]
    polarity = np.where((pos >= need).all(1), 1.0, -1.0)
    # A card's sides end at its corners: the two parallel ones are seen to end at the
    # fourth side's corners (inside the frame: a side running out of it may run on), and
    # do not run on past the side across either (a surface's lines do).  The side across
    # may be carried on by a printed line of the letter under the card.
    p0, p1, p2, p3 = q[:, 0], q[:, 1], q[:, 2], q[:, 3]
    stop = np.ones(len(q), dtype=bool)
    for a, b, k, must_see in (
        (p0, p3, 2, True), (p1, p2, 1, True),  # the parallel sides, at the fourth's corners
        (p3, p0, 2, False), (p2, p1, 1, False),  # the same, at the corners across
    ):
        seen_past, runs = _runs_past(a, b, normal[:, k], polarity, gx, gy, mag, thr)
        stop &= runs < 0.5 * np.maximum(seen_past, 1)
        if must_see:
            stop &= seen_past >= 2
    if not stop.any():
        return empty
    score = np.maximum(pos, neg).sum(1)
    order = np.nonzero(stop)[0][np.argsort(-score[stop])][:KEEP]
    q, target, polarity = q[order], target[order], polarity[order]
    # The fourth side moved to where its edge (of the other sides' polarity) is strongest.
    p0, p1, p2, p3 = q[:, 0], q[:, 1], q[:, 2], q[:, 3]
    cand = []
    for k in STRETCH:
        c2 = p1 + (p2 - p1) * k
        c3 = p0 + (p3 - p0) * k
        cand.append(np.stack([p0, p1, c2, c3], axis=1))
    grid = np.stack(cand, axis=1)  # (M, S, 4, 2)
    start, end = grid[:, :, 2], grid[:, :, 3]
    d = end - start
    normal = np.stack([-d[..., 1], d[..., 0]], -1) / np.maximum(
        np.linalg.norm(d, axis=-1, keepdims=True), 1e-6)
    centre = grid.mean(axis=2)
    normal *= np.sign(((centre - (start + end) / 2) * normal).sum(-1, keepdims=True) + 1e-12)
    vals = _side_values(start, end, np.linspace(0.1, 0.9, 20), gx, gy, mag, normal)
    support = (vals * polarity[:, None, None] > 0.6 * thr).mean(-1)  # (M, S)
    # The best support, less how far the quad's true aspect (perspective undone) is from
    # the shape's: the letter's printed lines give edges of the same polarity nearby.
    off = np.array([[abs(math.log(true_aspect(g, (w, h)) / t)) for g in row]
                    for row, t in zip(grid, target, strict=True)])
    prefer = support - ASPECT_WEIGHT * off
    best = prefer.argmax(1)
    seen = support[np.arange(len(q)), best] >= 0.5
    out: Array = grid[np.arange(len(q)), np.where(seen, best, len(STRETCH) // 2)]
    return out, seen
