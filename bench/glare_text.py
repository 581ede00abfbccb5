"""Glare over text: the distribution of `cards.quality`'s glare_text measure, and what it
costs the on-device reading.

    python bench/glare_text.py [--count 24] [--seed 7] [--size 1600x1200] [--ocr]

For every distortion of bench/cards.py (`count` photos each), the share of the card's
text area (a Chinese ID front's field layout, else told by strokes) under glare (p10 /
median / p90 / max, and how many cards warn) next to the older measure, the share of
the card burnt out.  With --ocr, every glare photo's card is also straightened, turned
upright and read on-device, and the rows sorted by glare_text show where fields start to
be lost.  The thresholds sit between the two (README Thresholds).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cards import EXTRA_DISTORTIONS, PHOTO_DISTORTIONS, make_photo
from bench.detect import _prepared, _score_fields, match, pct
from pictotext_desktop.cards import find_cards
from pictotext_desktop.cards.quality import (
    GLARE_FIELDS_MAX_SHARE,
    GLARE_MAX_SHARE,
    GLARE_TEXT_MAX_SHARE,
    glare_text_limit,
    measure,
)
from pictotext_desktop.cards.straighten import straighten
from pictotext_desktop.cards.upright import decide_turn


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=24)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--size", default="1600x1200")
    ap.add_argument("--ocr", action="store_true", help="read the glare photos on-device")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    engine = runtime = None
    if args.ocr:
        from pictotext_desktop.engines.local import LocalEngine, get_runtime

        runtime, engine = get_runtime(), LocalEngine()
    by: dict[str, list[tuple[float, float, bool]]] = defaultdict(list)
    rows: list[tuple[float, float, int, int, str]] = []
    fronts = cards = 0
    for distortion in PHOTO_DISTORTIONS + EXTRA_DISTORTIONS:
        for i in range(args.count):
            photo = make_photo(args.seed * 1000 + i, distortion, (w, h))
            img = photo.image()
            for card, quad, iou in match(photo, find_cards(img)):
                if quad is None or iou < 0.5:
                    continue
                m = measure(img, quad)
                by[distortion].append((m.glare_text, m.glare,
                                       m.glare_text > glare_text_limit(m)))
                fronts += m.front_layout
                cards += 1
                if engine is not None and distortion == "glare":
                    flat = straighten(img, quad)
                    turn = decide_turn(flat, runtime).turn  # type: ignore[arg-type]
                    flat = flat.rotate(-turn, expand=True) if turn else flat
                    got = engine.recognize(_prepared(flat, photo.filename),  # type: ignore[arg-type]
                                           "cn_id_card")
                    right, n = _score_fields(got.fields, card.expected)
                    rows.append((m.glare_text, m.glare, right, n,
                                 "layout" if m.front_layout else "strokes"))
    print(f"{args.count} photos per distortion, {w}x{h}, seed {args.seed}")
    print("                 glare over text (share of the text area)   | burnt out (share of card)")
    print(f"  (warns above {GLARE_FIELDS_MAX_SHARE:.2f} of a front's field area, "
          f"{GLARE_TEXT_MAX_SHARE:.2f} of a text area told by strokes)")
    print(f"  distortion     n    p10    p50    p90    max   warns   |"
          f"   p90    max   > {GLARE_MAX_SHARE:.2f}")
    for distortion, values in by.items():
        text = [v for v, _, _ in values]
        burnt = [v for _, v, _ in values]
        over = sum(warns for _, _, warns in values)
        print(f"  {distortion:12s} {len(values):3d}  {pct(text, 10):.3f}  {pct(text, 50):.3f}  "
              f"{pct(text, 90):.3f}  {max(text):.3f}  {over:3d}"
              f"      |  {pct(burnt, 90):.3f}  {max(burnt):.3f}  "
              f"{sum(v > GLARE_MAX_SHARE for v in burnt):3d}")
    print(f"text area from the front's field layout on {fronts} of {cards} cards, "
          "from strokes on the others")
    if rows:
        print("glare photos read on-device, by glare over text:")
        print("  glare_text  burnt   fields exact  text area by")
        for text_share, burnt_share, right, n, how in sorted(rows):
            print(f"  {text_share:9.3f}  {burnt_share:6.3f}   {right}/{n}          {how}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
