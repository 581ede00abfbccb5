"""Second opinions on candidate quads before they become cards (detect.py uses them).

- `runs_on`: a card's side ends at its corners; the edges of a checked cloth run on
  well past them.  A quad whose sides run on in both directions is a rectangle of the
  surface, not a card.
- `touching`: a quad that shares a whole side with a card already taken is that card's
  neighbour on the table (a strip between the card and the frame, or between the card
  and a seam), not a second card: two real cards do not share an edge.
- `beside_clean`: of two quads sharing a side, the one whose contrast with its
  surroundings flips from side to side (the table beside a card, bounded by the card's
  edge on one side and the table's own lines on the others) is not the card when the
  other, lighter or darker than its surroundings all round, scores about as well.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from pictotext_desktop.cards.quads import _side_on_border

Array = NDArray[Any]
BESIDE_SCORE = 0.8  # the clean quad's score as a share of the mixed one's: about as good
RUN_ON = 0.5  # share of a side's continuation with the side's own edge: it runs on
RUN_REACH = 0.25  # of a side's length: how far past its corners a side is followed
RUN_MIN_PX = 6.0  # at the work copy's scale: a shorter continuation inside the frame tells nothing
SHARED_SIDE_PX = 3.0  # at the work copy's scale: two sides this close are one edge


def _side_values(
    pts: Array, normal: Array, gx: Array, gy: Array, mag: Array
) -> Array:
    """The gradient across the side at each point (its best of three offsets), 0 where the
    gradient does not point across it."""
    h, w = gx.shape
    best = np.zeros(pts.shape[:-1])
    for off in (-1.0, 0.0, 1.0):
        p = pts + normal * off
        xi = np.clip(np.round(p[..., 0]).astype(np.intp), 0, w - 1)
        yi = np.clip(np.round(p[..., 1]).astype(np.intp), 0, h - 1)
        proj = gx[yi, xi] * normal[..., 0] + gy[yi, xi] * normal[..., 1]
        val = np.where(np.abs(proj) > 0.9 * mag[yi, xi], proj, 0.0)
        best = np.where(np.abs(val) > np.abs(best), val, best)
    return best


def runs_on(quads: Array, gx: Array, gy: Array, mag: Array, thr: float) -> Array:
    """`sides_running`'s first answer alone."""
    return sides_running(quads, gx, gy, mag, thr)[0]


def sides_running(
    quads: Array, gx: Array, gy: Array, mag: Array, thr: float
) -> tuple[Array, Array]:
    """Per quad (N x 4 x 2), whether a side of each pair of opposite sides carries its own
    edge, of the same polarity, on past both corners (up to a quarter of the side's length
    beyond each, or to the frame's edge; an end at the frame's edge tells nothing).  Wood
    grain can run on along one pair of a card's sides; the checks of a cloth run on in
    both directions.  A quad closed by the frame also counts when its side across from
    the frame runs on.  Second answer: per quad, whether any side runs on past both its
    corners (N)."""
    h, w = gx.shape
    if len(quads) == 0:
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    a = quads[:, :, None, :]
    d = (np.roll(quads, -1, axis=1) - quads)[:, :, None, :]
    length = np.maximum(np.hypot(d[..., 0], d[..., 1]), 1e-6)[..., None]
    normal = np.concatenate([-d[..., 1:2], d[..., 0:1]], axis=-1) / length
    side = _side_values(a + d * np.linspace(0.1, 0.9, 24)[:, None], normal, gx, gy, mag)
    sign = np.where((side > 0.6 * thr).sum(-1) >= (side < -0.6 * thr).sum(-1), 1.0, -1.0)
    running = length[..., 0, 0] >= 8
    seen = np.zeros(running.shape, dtype=bool)
    # Each end's continuation: up to a quarter of the side's length beyond it, or up to
    # the frame's edge when that is nearer (a large quad's sides run out of the frame
    # soon; what lies inside still tells), from a fifth of that on.
    steps = np.linspace(0.2, 1.0, 10)
    start, along = a[..., 0, :], d[..., 0, :]
    for origin, away in ((start, -along), (start + along, along)):
        reach = np.minimum(RUN_REACH, _room(origin, away, w, h))
        t_out = reach[..., None] * steps  # (N, 4, 10) in side lengths
        pts = origin[:, :, None, :] + away[:, :, None, :] * t_out[..., None]
        vals = _side_values(pts, normal, gx, gy, mag) * sign[..., None]
        share = (vals > 0.6 * thr).mean(-1)
        # Too little of it inside the frame tells nothing.
        told = (reach >= 0.05) & (reach * length[..., 0, 0] >= RUN_MIN_PX)
        running &= ~told | (share >= RUN_ON)
        seen |= told
    running &= seen
    result: Array = (running[:, 0] | running[:, 2]) & (running[:, 1] | running[:, 3])
    # A quad closed by the frame whose side across from the frame's border runs on past
    # both its corners is a strip of the surface (a shadow's or a seam's line through the
    # whole photo), not a card running out of the frame: a card's side ends at its corners.
    on_border = _side_on_border(quads, w, h)
    across = np.roll(running, 2, axis=1)  # the side opposite each side
    result |= (on_border & across).any(1)
    return result, running.any(1)


def _room(origin: Array, away: Array, w: int, h: int) -> Array:
    """How far from `origin` along `away` (in units of its length) stays inside the frame
    (1 <= x < w - 1, 1 <= y < h - 1)."""
    room = np.full(origin.shape[:-1], np.inf)
    for k, size in ((0, w), (1, h)):
        step = away[..., k]
        with np.errstate(divide="ignore", invalid="ignore"):
            ahead = np.where(step > 1e-9, (size - 1.001 - origin[..., k]) / step, np.inf)
            behind = np.where(step < -1e-9, (origin[..., k] - 1) / -step, np.inf)
        room = np.minimum(room, np.minimum(ahead, behind))
    result: Array = np.clip(room, 0.0, None)
    return result


def touching(quad: Array, other: Array) -> bool:
    """Whether `quad` has a side lying on one of `other`'s sides along most of its length."""
    return shared_sides(quad, other) > 0


def shared_sides(quad: Array, other: Array) -> int:
    """How many of `quad`'s sides lie on one of `other`'s sides along most of their length."""
    count = 0
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        for j in range(4):
            c, d = other[j], other[(j + 1) % 4]
            e = d - c
            length = float(np.hypot(*e))
            if length < 1e-6:
                continue
            n = np.array([-e[1], e[0]]) / length
            if max(abs(float((a - c) @ n)), abs(float((b - c) @ n))) > SHARED_SIDE_PX:
                continue
            # Overlap of the two sides along their common direction.
            u = e / length
            s0, s1 = sorted((float((a - c) @ u), float((b - c) @ u)))
            shared = min(s1, length) - max(s0, 0.0)
            if shared > 0.6 * min(length, s1 - s0):
                count += 1
                break
    return count


def beside_clean(quads: list[Array], scores: list[float], clean: list[bool]) -> set[int]:
    """The indices of the quads not `clean` (their contrast flips from side to side) that
    share a side with a clean one scoring at least BESIDE_SCORE of theirs: the table
    beside a card.  Only quads within BESIDE_SCORE of the best are looked at (the pick
    stops below that)."""
    if not scores:
        return set()
    floor = BESIDE_SCORE * max(scores)
    near = [i for i, s in enumerate(scores) if s >= floor]
    return {
        j for j in near if not clean[j]
        and any(clean[i] and scores[i] >= BESIDE_SCORE * scores[j]
                and (touching(quads[j], quads[i]) or touching(quads[i], quads[j]))
                for i in near)
    }
