"""Refine a found card's sides on a larger copy: each side moved onto the strongest step
edge near it by a robust line fit, corners from the sides' crossings (detect.py uses it).

A thumb or glare over part of a side only removes points from the fit, and corners come
from intersecting lines, so rounded corners do not matter.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[Any]


def _refine(arr: Array, quad: Array, reach: float) -> Array:
    """Move each side onto the strongest step edge near it; corners from intersections."""
    h, w = arr.shape
    lines = []
    for k in range(4):
        p0, p1 = quad[k], quad[(k + 1) % 4]
        fitted = _fit_side(arr, p0, p1, reach)
        lines.append(fitted)
    out = quad.copy()
    for k in range(4):
        la, lb = lines[(k - 1) % 4], lines[k]
        if la is None or lb is None:
            continue
        pt = _cross_lines(la, lb)
        if pt is not None and np.hypot(*(pt - quad[k])) < 6 * reach + 0.05 * max(w, h):
            out[k] = pt
    return out


def _fit_side(
    arr: Array, p0: Array, p1: Array, reach: float
) -> tuple[Array, Array] | None:
    """(point, unit direction) of the side's edge, or None when it cannot be seen."""
    h, w = arr.shape
    d = p1 - p0
    length = float(np.hypot(*d))
    if length < 8:
        return None
    u = d / length
    n = np.array([-u[1], u[0]])
    m = int(min(80, max(16, length // 6)))
    t = np.linspace(0.1, 0.9, m)
    base = p0[None, :] + d[None, :] * t[:, None]
    offs = np.arange(-reach, reach + 0.01, 0.5)
    # Profiles across the side, averaged over three neighbouring rows along it.
    prof = np.zeros((m, len(offs)))
    for along in (-1.0, 0.0, 1.0):
        pts = base[:, None, :] + n[None, None, :] * offs[None, :, None] + u * along
        prof += _bilinear(arr, pts[..., 0], pts[..., 1])
    valid = (
        (base[:, 0] - reach > 0) & (base[:, 0] + reach < w - 1)
        & (base[:, 1] - reach > 0) & (base[:, 1] + reach < h - 1)
    )
    deriv: Array = np.asarray(np.gradient(prof, axis=1))
    sign = float(np.sign(np.median(deriv[valid].sum(1)))) if valid.any() else 1.0
    if sign == 0.0:
        sign = 1.0
    sd = deriv * sign
    idx = sd.argmax(axis=1)
    peak = sd[np.arange(m), idx]
    good = valid & (peak > 2.0) & (idx > 0) & (idx < len(offs) - 1)
    if good.sum() < max(5, m // 4):
        return None
    # Sub-pixel peak by a parabola through the three samples around it.
    ii = idx[good]
    y0 = sd[good, ii - 1]
    y1 = sd[good, ii]
    y2 = sd[good, ii + 1]
    den = y0 - 2 * y1 + y2
    frac = np.where(np.abs(den) > 1e-9, 0.5 * (y0 - y2) / np.where(den == 0, 1, den), 0.0)
    off = offs[ii] + np.clip(frac, -1, 1) * 0.5
    pts = base[good] + n[None, :] * off[:, None]
    weights = peak[good]
    return _robust_line(pts, weights)


def _robust_line(pts: Array, weights: Array) -> tuple[Array, Array] | None:
    keep = np.ones(len(pts), dtype=bool)
    centre = pts.mean(0)
    direction = np.array([1.0, 0.0])
    for _ in range(4):
        if keep.sum() < 4:
            return None
        p, wts = pts[keep], weights[keep]
        centre = (p * wts[:, None]).sum(0) / wts.sum()
        cov = ((p - centre) * wts[:, None]).T @ (p - centre)
        vecs = np.linalg.eigh(cov)[1]
        direction = vecs[:, 1]
        normal = vecs[:, 0]
        resid = np.abs((pts - centre) @ normal)
        cut = max(0.8, 2.5 * float(np.median(resid[keep])))
        keep = resid < cut
    return centre, direction


def _cross_lines(la: tuple[Array, Array], lb: tuple[Array, Array]) -> Array | None:
    (pa, da), (pb, db) = la, lb
    mat = np.array([[da[0], -db[0]], [da[1], -db[1]]])
    if abs(np.linalg.det(mat)) < 1e-6:
        return None
    s = np.linalg.solve(mat, pb - pa)
    result: Array = pa + da * s[0]
    return result


def _bilinear(arr: Array, x: Array, y: Array) -> Array:
    h, w = arr.shape
    x = np.clip(x, 0, w - 1.001)
    y = np.clip(y, 0, h - 1.001)
    x0 = np.floor(x).astype(np.intp)
    y0 = np.floor(y).astype(np.intp)
    fx, fy = x - x0, y - y0
    top = arr[y0, x0] * (1 - fx) + arr[y0, x0 + 1] * fx
    bot = arr[y0 + 1, x0] * (1 - fx) + arr[y0 + 1, x0 + 1] * fx
    result: Array = top * (1 - fy) + bot * fy
    return result
