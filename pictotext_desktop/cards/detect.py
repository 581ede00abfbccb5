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
surface looks for a second card the same way; there a card completed from three sides
(`complete.py`) also replaces a quad that was only part of it, or it and the paper out
to the frame.  Each side is then refined
on a ~1600 px copy (`refine.py`): edge points found along the side's normal, a line
fitted robustly (a thumb or glare over part of a side only removes points), corners
from the lines' intersections (so rounded corners do not matter).  A side may be the
frame's own border: then the card runs out of the frame and the quad says `cut_off`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter

from pictotext_desktop.cards.complete import completed_quads
from pictotext_desktop.cards.edges import (
    RefineCopy,
    _edge_threshold,
    _sobel,
    _steps,
    _thin,
    _work_copy,
)
from pictotext_desktop.cards.lines import _border_lines, _hough_lines
from pictotext_desktop.cards.quads import (
    FRAME_CLOSED,
    Candidate,
    _area,
    _candidates,
    _prefilter,
    _score,
    _side_lengths,
    true_aspect,
)
from pictotext_desktop.cards.refine import _bilinear, _refine
from pictotext_desktop.cards.shape import (
    ID1,
    ID3,
    SHAPES,
    CardQuad,
    CardShape,
    Point,
    shapes_for,
)
from pictotext_desktop.cards.tint import light_neutral, tint_copy
from pictotext_desktop.cards.verify import (
    beside_clean,
    shared_sides,
    sides_running,
    touching,
)

Array = NDArray[Any]
__all__ = [
    "ID1", "ID3", "SHAPES", "Candidate", "CardQuad", "CardShape", "Point", "find_cards",
    "shapes_for", "true_aspect",
]

FAINT_THRESHOLD = 16.0  # Sobel magnitude: the second look when nothing clear was found
TINT_MIN_SCORE = 0.8  # the last look, by hue: a wood grain's false quads score 0.73
PICTURE_SHARE = 0.3  # of a quad's inside far darker than its light parts: a photograph
PICTURE_SURROUND = 40.0  # grey levels: a picture's surround is about as light as its light parts
COMPLETE_MIN_SCORE = 0.72  # a card completed from three sides (its fourth counts half)
CROSSED_SCORE = 0.95  # a card around a quad cut by a line through the photo: about as good
# a card by hue around (or beside, out to the frame) a grey quad: this much clearer
HUE_MARGIN = 0.1
ALIKE_AREA = 1.5  # a second card by hue: at most this much larger or smaller than the first
# a second card from three sides: its width within 1.5x of the first card's (two cards held
# at different distances, or in perspective); the completion's own tests carry the rest
ALIKE_COMPLETE = 2.25
# a quad cut by such a line is inside the card: smaller by a strip, not the same quad in
# another shape's fit (an ID-1 card's quad, fitted as ID-3 too, is no card around it)
INSIDE_AREA = 0.97
# one look at the photo: the array, its gradients and threshold, its lines, the grey copy
Look = tuple[Array, Array, Array, Array, float, Array, Array]


def find_cards(
    image: Image.Image | Array,
    shapes: tuple[CardShape, ...] = SHAPES,
    max_cards: int = 2,
) -> list[CardQuad]:
    """The cards in `image` (PIL image or H x W [x C] array), best first; [] if none."""
    gray, work, work_scale = _work_copy(image)
    full_w, full_h = gray.size
    arr = np.asarray(work.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.float32)
    gx, gy = _sobel(arr)
    mag = np.hypot(gx, gy)
    edges = _thin(mag, gx, gy)
    thr = _edge_threshold(mag)
    looks: list[Look] = []
    picked = _search(arr, gx, gy, mag, edges, thr, shapes, max_cards, seen=looks)
    if not picked and thr > FAINT_THRESHOLD:
        # Nothing clear: a card as light as the paper under it shows only faint sides,
        # drowned by the print's many strong edges.  Look again at every faint step.
        picked = _search(arr, gx, gy, mag, edges, FAINT_THRESHOLD, shapes, max_cards,
                         seen=looks)
    # A card found only weakly (a surface's lines scoring about as well as a card's):
    # a clear quad by hue over the same place is the better outline of it.
    # A card running out of the frame scores less (x 0.85, frame-closed): not weak.
    weak = bool(picked) and picked[0][1] < TINT_MIN_SCORE and not picked[0][3]
    another = bool(picked) and len(picked) < max_cards and light_neutral(image)
    if not picked or weak or another:
        # A card as light as the paper is seldom of the paper's hue: look by hue when
        # nothing was found, or for another card on a light grey surface (one of two
        # cards on a letter can show its shadow, the other not).
        tint = tint_copy(image, work.size)
        if tint is not None:
            tgx, tgy = _sobel(tint)
            tmag = np.hypot(tgx, tgy)
            found = _search(tint, tgx, tgy, tmag, _thin(tmag, tgx, tgy),
                            _edge_threshold(tmag), shapes, max_cards, arr, looks)
            # A coloured surface (wood) has hue edges of its own: only clear quads count
            # (a quad closed by the frame scores x FRAME_CLOSED, and so does the bar).
            more = [m for m in found
                    if m[1] >= TINT_MIN_SCORE * (FRAME_CLOSED if m[3] else 1.0)]
            if weak:
                picked = _clearer(picked, more, work.size)
            else:
                picked = _whole_by_hue(picked, more, work.size)
            if not picked or another:
                picked = _add(picked, more, max_cards, work.size)
            if len(picked) == 1 < max_cards and (another or light_neutral(image)):
                # On a letter a second card's side can run along a printed line (its
                # hue step broken): by hue, a clean quad of the first card's shape and
                # about its size is the other card (two cards photographed together).
                alike = [m for m in found if m[4] and not m[3] and _alike(m, picked[0])]
                picked = _add(picked, alike, max_cards, work.size)
    if len(picked) == 1 < max_cards and light_neutral(image):
        # A second card on a letter one of whose sides gives no line in any look (a
        # printed line along it, glare): from its other three, of the first card's shape
        # and about its size.
        wholes: list[Candidate] = []
        more = _complete(looks[::-1], shapes, max_cards, like=picked[0], size=work.size,
                         wholes=wholes)
        # The same completions may show the first card whole where it was taken as a
        # quad of its photo box or text (a side lost along a printed line) or with the
        # strip of paper out to the frame: the clearer outline replaces it.
        picked = _whole_completed(picked, wholes, work.size)
        picked = _add(picked, more, max_cards, work.size)
    if not picked:
        # Still nothing: a card one of whose sides gives no line, from its other three
        # (the hue look's lines first: on a letter they hold the card's sides).
        picked = _complete(looks[::-1], shapes, max_cards)
    if not picked:
        return []
    refine = RefineCopy(gray)
    out = []
    factor = refine.scale / work_scale
    reach = max(2.5, 2.0 * factor)
    # _refine looks within `reach` (and a row along) of each side
    refine_arr = refine.around([item[0] * factor for item in picked], reach + 3.0)
    for corners, score, shape, cut, _clean in picked:
        fine = _refine(refine_arr, corners * factor, reach)
        full = fine / refine.scale
        cut = cut or _outside(full, full_w, full_h)
        out.append(CardQuad(_order(full), round(float(score), 3), shape, cut))
    return out


def _search(
    arr: Array, gx: Array, gy: Array, mag: Array, edges: Array, thr: float,
    shapes: tuple[CardShape, ...], max_cards: int, grey: Array | None = None,
    seen: list[Look] | None = None,
) -> list[Candidate]:
    """Lines from the edges above `thr`, quads from the lines, the best non-overlapping ones.

    `grey`: the photo's grey copy when `arr` is another channel (the framed-picture test
    looks at light and dark).  `seen`: each look's lines are added to it (for
    `_complete`)."""
    candidates = edges & (mag > thr)
    steps = _steps(candidates, arr, gx, gy, mag)
    lines = _hough_lines(steps, mag, gx, gy, candidates)
    grey = arr if grey is None else grey
    if seen is not None:
        seen.append((arr, gx, gy, mag, thr, lines, grey))
    h, w = arr.shape
    lines = np.concatenate([lines, _border_lines(w, h)])
    quads = _candidates(lines, w, h, shapes)
    if len(quads) == 0:
        return []
    quads = _prefilter(quads, gx, gy, mag, thr, w, h)
    scored = _score(quads, gx, gy, mag, thr, w, h, shapes)
    return _checked(scored, grey, gx, gy, mag, thr, w, h, max_cards)


def _checked(
    scored: list[Candidate], grey: Array, gx: Array, gy: Array, mag: Array, thr: float,
    w: int, h: int, max_cards: int,
) -> list[Candidate]:
    """The scored quads that are no rectangle of the surface and no framed picture, picked."""
    crossed: list[bool] = []
    if scored:
        surface, line = sides_running(np.stack([item[0] for item in scored]), gx, gy, mag, thr)
        keep = [k for k, run in enumerate(surface) if not run]
        scored = [scored[k] for k in keep]
        crossed = [bool(line[k]) for k in keep]
    picture = [_picture_inside(grey, item[0]) for item in scored]
    scored = [item for item, pic in zip(scored, picture, strict=True) if not pic]
    crossed = [c for c, pic in zip(crossed, picture, strict=True) if not pic]
    return _pick(scored, w, h, max_cards, crossed)


def _complete(
    looks: list[Look], shapes: tuple[CardShape, ...], max_cards: int,
    like: Candidate | None = None, size: tuple[int, int] = (0, 0),
    wholes: list[Candidate] | None = None,
) -> list[Candidate]:
    """Cards with one side not seen as a line (a printed line along it, glare, a thumb):
    from three sides and the shape (`complete.py`), scored like the others, only the
    clear ones (a surface's lines close three sides of many rectangles).  `like`: a card
    already found; only quads of its shape and about its size, clear of it (on the work
    copy of `size`), count.  `wholes`: each look's best clean, whole quad that passes the
    checks is added to it (see `_whole_completed`)."""
    like_mask = None if like is None else _mask(like[0], *size)
    for arr, gx, gy, mag, thr, lines, grey in looks:
        quads, seen = completed_quads(lines, gx, gy, mag, thr, shapes)
        if len(quads) == 0:
            continue
        h, w = arr.shape
        inferred = np.zeros((len(quads), 4), dtype=bool)
        inferred[:, 2] = ~seen
        scored = _score(quads, gx, gy, mag, thr, w, h, shapes, inferred)
        scored = [item for item in scored if item[1] >= COMPLETE_MIN_SCORE]
        if wholes is not None:
            wholes.extend(_checked([item for item in scored if item[4] and not item[3]],
                                   grey, gx, gy, mag, thr, w, h, 1))
        if like is not None and like_mask is not None:
            scored = [item for item in scored if _alike(item, like, ALIKE_COMPLETE) and not (
                _mask(item[0], *size) & like_mask).any() and not touching(item[0], like[0])]
        picked = _checked(scored, grey, gx, gy, mag, thr, w, h, max_cards)
        if picked:
            return picked
    return []


def _pick(
    scored: list[Candidate], w: int, h: int, max_cards: int,
    crossed: list[bool] | None = None,
) -> list[Candidate]:
    """The best quad, then the next best ones that overlap no quad already taken.

    `crossed`: per quad, whether one of its sides runs on past both its corners (a line
    through the photo, `verify.sides_running`)."""
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
    # A shadow's edge across a card (uneven light) closes a quad inside it with one side
    # running on through the surface past both corners: part of the card around it, when
    # that card's sides stop at its corners and it scores about as well.
    if crossed is not None:
        lo = [item[0].min(axis=0) for item in top]
        hi = [item[0].max(axis=0) for item in top]
        inner |= {
            i for i in range(len(top)) if crossed[i] for j in range(len(top))
            if not crossed[j] and not top[j][3]
            and top[j][1] >= CROSSED_SCORE * top[i][1] and areas[i] < INSIDE_AREA * areas[j]
            and bool((lo[i] >= lo[j] - 4).all() and (hi[i] <= hi[j] + 4).all())
            and (top_masks[i] & top_masks[j]).sum() > 0.9 * areas[i]
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


def _clearer(
    picked: list[Candidate], more: list[Candidate], size: tuple[int, int]
) -> list[Candidate]:
    """`picked`, each weak one (below TINT_MIN_SCORE, not cut off) replaced by the quad of `more`
    scoring higher that covers most of it or most of which it covers; or, when its
    contrast flips from side to side, that shares a side with it (the table beside a
    card: see `verify.beside_clean`)."""

    def clearer(item: Candidate, other: Candidate, common: int, area: int,
                other_area: int) -> bool:
        return (item[1] < TINT_MIN_SCORE and not item[3] and other[1] > item[1]
                and (common > 0.5 * min(area, other_area) or (not item[4] and (
                    touching(item[0], other[0]) or touching(other[0], item[0])))))

    return _replaced(picked, more, size, clearer)


def _whole_by_hue(
    picked: list[Candidate], more: list[Candidate], size: tuple[int, int]
) -> list[Candidate]:
    """`picked`, each one that is only part of a card seen whole by hue replaced by it.

    On a letter a light card's sides can give no line in grey: grey then closes a quad
    of the card's other lines (a box of text up to a shadow's edge across the card), or
    of the card and the strip of paper out to the frame.  By hue the card is a clean
    quad scoring clearly higher: one covering most of the grey quad, or, for a quad
    closed by the frame, one inside it sharing at least two of its sides (`_pick`'s rule
    for a card beside a strip of table)."""

    def whole(item: Candidate, other: Candidate, common: int, area: int,
              other_area: int) -> bool:
        if other[3] or not other[4] or other[1] < item[1] + HUE_MARGIN:
            return False
        if item[3]:
            return common > 0.9 * other_area and shared_sides(other[0], item[0]) >= 2
        return common > 0.9 * area and other_area > area

    return _replaced(picked, more, size, whole)


def _whole_completed(
    picked: list[Candidate], wholes: list[Candidate], size: tuple[int, int]
) -> list[Candidate]:
    """`picked`, each one a quad completed from three sides shows better replaced by it.

    On a letter a card's side along a printed line can give no line in any look: the
    quad taken then is the card's photo box or a box of its text closed by a printed
    line (in another shape's fit), or, closed by the frame, the card with the strip of
    paper out to the frame.  The completed card (its three seen sides ending at its
    corners, `complete.py`) is clean and whole: it replaces a quad covering about the
    same place when it scores at least HUE_MARGIN higher, or a quad closed by the frame
    that holds it and shares two of its sides when it scores about as well (both count
    their unseen side alike, and a card running out of the frame gives no completion:
    its sides run on past the fourth side's corners)."""

    def whole(item: Candidate, other: Candidate, common: int, area: int,
              other_area: int) -> bool:
        if item[3]:
            return (other[1] >= CROSSED_SCORE * item[1] and common > 0.9 * other_area
                    and shared_sides(other[0], item[0]) >= 2)
        return other[1] >= item[1] + HUE_MARGIN and common > 0.9 * min(area, other_area)

    return _replaced(picked, wholes, size, whole)


def _replaced(
    picked: list[Candidate], more: list[Candidate], size: tuple[int, int],
    better: Callable[[Candidate, Candidate, int, int, int], bool],
) -> list[Candidate]:
    """`picked`, each replaced by the first quad of `more` not taken already that
    `better(item, other, common, area, other_area)` prefers (the areas and their overlap
    in pixels of the work copy of `size`)."""
    out: list[Candidate] = []
    for item in picked:
        mask = _mask(item[0], *size)
        area = max(int(mask.sum()), 1)
        for other in more:
            if any(other is o for o in out):
                continue
            m = _mask(other[0], *size)
            if better(item, other, int((mask & m).sum()), area, int(m.sum())):
                item = other
                break
        out.append(item)
    return out


def _alike(item: Candidate, card: Candidate, limit: float = ALIKE_AREA) -> bool:
    """Whether `item` is of `card`'s shape and about its size (area within `limit` x)."""
    ratio = float(_area(item[0][None])[0] / max(float(_area(card[0][None])[0]), 1e-6))
    return item[2] == card[2] and 1 / limit <= ratio <= limit


def _picture_inside(arr: Array, quad: Array) -> bool:
    """A photograph's frame rather than a card: a third or more of the inside is far darker
    than its light parts (a card's own photo box: head and shoulders on a light ground),
    where a card holds lines of text, *and* what lies around it is as light as those
    parts (the card or the letter the picture is printed on).  A card on a dark ground
    (a keyboard) can be that dark inside too (its photo and a dark table at its margin:
    up to 0.33), so a dark surround keeps it a card.  The surround is taken near each
    part of the inside (a shadow's edge across a card on a letter darkens the part of
    the card beyond it and the paper beside that part alike: that part is no picture)."""
    u = np.linspace(0.08, 0.92, 24)
    v = np.linspace(0.08, 0.92, 16)
    uu, vv = np.meshgrid(u, v)
    a, b, c, d = quad
    top = a[None, None, :] + (b - a)[None, None, :] * uu[..., None]
    bottom = d[None, None, :] + (c - d)[None, None, :] * uu[..., None]
    pts = top + (bottom - top) * vv[..., None]
    vals = _bilinear(arr, pts[..., 0], pts[..., 1])
    light = float(np.percentile(vals, 90))
    dark = vals < light - 80
    if dark.mean() <= PICTURE_SHARE:
        return False
    # A ring just outside the quad: its corners pushed 12 % further from the centre, each
    # side sampled at the inside's columns (rows), a print line's dark crossing smoothed
    # out by a running median; the surround at each inside point is blended from the
    # four sides' samples nearest it.
    centre = quad.mean(axis=0)
    ring = centre + (quad - centre) * 1.12
    ra, rb, rc, rd = ring
    su, sv = (u - 0.5) / 1.12 + 0.5, (v - 0.5) / 1.12 + 0.5

    def side(p: Array, q: Array, at: Array) -> Array:
        on = p + (q - p) * at[:, None]
        return _running_median(_bilinear(arr, on[:, 0], on[:, 1]))

    upper, lower = side(ra, rb, su), side(rd, rc, su)
    left, right = side(ra, rd, sv), side(rb, rc, sv)
    near = (upper[None, :] * (1 - vv) + lower[None, :] * vv
            + left[:, None] * (1 - uu) + right[:, None] * uu) / 2
    return float((dark & (near >= light - PICTURE_SURROUND)).mean()) > PICTURE_SHARE


def _running_median(values: Array, width: int = 5) -> Array:
    padded = np.pad(values, width // 2, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, width)
    result: Array = np.median(windows, axis=1)
    return result


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
