"""Straight lines in the edge map (detect.py uses them): a Hough accumulator where each
edge pixel votes only near its own gradient direction, peaks suppressed and fitted onto
their own pixels, and each line's longest unbroken run of edge.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[Any]
MAX_LINES = 48  # strongest Hough lines kept
MAX_GAP = 4  # px at WORK_SIDE bridged in a side (weak, dotted edges)
MIN_RUN = 24  # px at WORK_SIDE: shortest unbroken stretch of a side worth a line


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
    # cos and sin of every bin's angle, looked up rather than computed per pixel
    bins = np.radians(np.arange(-pad_bins - 2, 180 + pad_bins + 2))
    cos_of, sin_of = np.cos(bins), np.sin(bins)
    for dt in (-2, -1, 0, 1, 2):
        b = tb + dt
        inside = (b >= -pad_bins) & (b < 180 + pad_bins)
        bi = b[inside]
        k = bi + pad_bins + 2
        rho = px[inside] * cos_of[k] + py[inside] * sin_of[k]
        rbin = np.clip(np.round(rho + diag).astype(np.intp) + 1, 0, n_rho - 1)
        acc += np.bincount((bi + pad_bins) * n_rho + rbin, weights=wt[inside],
                           minlength=n_theta * n_rho)
    grid = acc.reshape(n_theta, n_rho)
    # Local maxima over a 5 x 5 neighbourhood (theta wraps around with rho mirrored;
    # lines that close to the wrap are few, the loss is tolerable).
    pad = np.pad(grid, 2, mode="constant")
    # the maximum over 5 neighbours along each axis: of 2, of 4 (two 2s), of 5 (4 and 1)
    two = np.maximum(pad[:, : n_rho + 3], pad[:, 1 : n_rho + 4])
    four = np.maximum(two[:, : n_rho + 1], two[:, 2 : n_rho + 3])
    rows = np.maximum(four[:, :n_rho], pad[:, 4 : n_rho + 4])
    two = np.maximum(rows[: n_theta + 3], rows[1 : n_theta + 4])
    four = np.maximum(two[: n_theta + 1], two[2 : n_theta + 3])
    around = np.maximum(four[:n_theta], rows[4 : n_theta + 4])
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
    max_turn = math.radians(4)
    out = lines.copy()
    # Each line's pixels: one span of the sorted angles, or two where it wraps at pi.
    ts = lines[:, 0]
    lo = np.where(ts - tol < 0, 0.0, ts - tol)
    hi = np.where(ts + tol > math.pi, math.pi, ts + tol)
    lo2 = np.where(ts - tol < 0, ts - tol + math.pi, 0.0)
    hi2 = np.where(ts - tol < 0, math.pi, np.where(ts + tol > math.pi, ts + tol - math.pi, 0.0))
    a1, b1 = np.searchsorted(ang, lo).tolist(), np.searchsorted(ang, hi).tolist()
    a2, b2 = np.searchsorted(ang, lo2).tolist(), np.searchsorted(ang, hi2).tolist()
    for k, (t, r) in enumerate(lines.tolist()):
        wrap = b2[k] > a2[k]
        if b1[k] - a1[k] + (b2[k] - a2[k] if wrap else 0) < 10:
            continue
        if wrap:
            sel = np.r_[a1[k]:b1[k], a2[k]:b2[k]]
            x, y, wts = px[sel], py[sel], m[sel]
        else:
            x, y, wts = px[a1[k]:b1[k]], py[a1[k]:b1[k]], m[a1[k]:b1[k]]
        near = np.abs(x * math.cos(t) + y * math.sin(t) - r) < 3.0
        if np.count_nonzero(near) < 10:
            continue
        x, y, wts = x[near], y[near], wts[near]
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
        turn = abs(theta - t) % math.pi  # _angle_diff on two floats
        if min(turn, math.pi - turn) < max_turn:
            out[k] = (theta, rho)
    return out


def _longest_runs(lines: Array, mask: Array) -> Array:
    """Per line, the longest stretch of edge along it (gaps of up to MAX_GAP px bridged).

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
    t_all = np.arange(-diag, diag, 1.0)
    c, s = np.cos(lines[:, 0]), np.sin(lines[:, 0])
    # Only the stretch of each line inside the frame is sampled (at the same steps along
    # it as over the whole diagonal): the samples outside carry no edge.
    start, count = _chord_samples(c, s, lines[:, 1], w, h, diag, len(t_all))
    k = start[:, None] + np.arange(max(1, int(count.max())))[None, :]
    valid = k < len(t_all)
    t = t_all[np.minimum(k, len(t_all) - 1)]
    x = c[:, None] * lines[:, 1:2] - s[:, None] * t
    y = s[:, None] * lines[:, 1:2] + c[:, None] * t
    inside = (x >= 0) & (x <= w - 1) & (y >= 0) & (y <= h - 1) & valid
    np.clip(np.rint(x, out=x), 0, w - 1, out=x)
    np.clip(np.rint(y, out=y), 0, h - 1, out=y)
    flat = y.astype(np.intp)
    flat *= w
    flat += x.astype(np.intp)
    on = dil.ravel().take(flat) & inside
    # Bridge gaps of up to MAX_GAP samples, then measure runs with a cumulative trick.
    bridged = on.copy()
    n = on.shape[1]
    for gap in range(1, MAX_GAP + 1):  # a hole of `gap` samples with edge on both sides
        for first in range(gap):
            bridged[:, first + 1 : n - gap + first] |= on[:, : n - gap - 1] & on[:, gap + 1 :]
    idx = np.arange(bridged.shape[1], dtype=np.int32)
    last_off = np.maximum.accumulate(np.where(bridged, np.int32(-1), idx), axis=1)
    run = np.where(bridged, idx - last_off, 0)
    result: Array = run.max(axis=1).astype(np.float64)
    return result


def _chord_samples(
    c: Array, s: Array, rho: Array, w: int, h: int, diag: float, n: int
) -> tuple[Array, Array]:
    """Per line (cos, sin, rho), the first sample index (of the steps `t = -diag + k`) a
    sample before the line enters the frame, and how many samples reach past where it
    leaves it; a line missing the frame gets a short stretch that stays outside it."""
    lo = np.full(len(rho), -diag)
    hi = np.full(len(rho), diag)
    # x = c*rho - s*t in [0, w - 1], y = s*rho + c*t in [0, h - 1]
    for start, slope, size in ((c * rho, -s, w), (s * rho, c, h)):
        with np.errstate(divide="ignore", invalid="ignore"):
            t0 = (0.0 - start) / slope
            t1 = (size - 1 - start) / slope
        flat = np.abs(slope) < 1e-12
        a = np.where(flat, -diag, np.minimum(t0, t1))
        b = np.where(flat, diag, np.maximum(t0, t1))
        lo = np.maximum(lo, a)
        hi = np.minimum(hi, b)
    hi = np.maximum(hi, lo)
    first = np.clip(np.floor(lo + diag).astype(np.intp) - 2, 0, n - 1)
    last = np.clip(np.ceil(hi + diag).astype(np.intp) + 2, 0, n - 1)
    return first, last - first + 1


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
