"""How small may a card be in the photo?  The TOO_SMALL threshold, measured.

    python bench/card_small.py [--count 8] [--seed 31]

Each generated photo of one card on a table (bench/cards.py make_photo "plain", 1600 ×
1200) is shrunk whole so the card's long side in the photo takes each width in WIDTHS,
then goes through the scan's card step (card_prepare: found, straightened, upright) and
the on-device reader.  Printed per width: the field text's height in the photo as
cards/quality.py estimates it (3.1 / 85.6 of the card's width), cards found, fields read
exactly.  The quality check warns below the text height where reading starts to fail.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cards import make_photo
from pictotext_desktop import card_prepare
from pictotext_desktop.cards.quality import TEXT_SHARE
from pictotext_desktop.engines.local import LocalEngine
from pictotext_desktop.imaging import PrepareOptions, Source

WIDTHS = (220, 260, 300, 330, 360, 420, 500)  # card long side in the photo, px


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=8)
    ap.add_argument("--seed", type=int, default=31)
    args = ap.parse_args()
    engine = LocalEngine()
    options = PrepareOptions(send="card", keep_pixels=True)
    photos = [make_photo(args.seed + i, "plain", (1600, 1200), "wood") for i in range(args.count)]
    print(f"{'card px':>8} {'text px':>8} {'found':>6} {'fields exact':>13}")
    for width in WIDTHS:
        found = exact = total = 0
        for photo in photos:
            card = photo.cards[0]
            xs = [x for x, _ in card.corners]
            ys = [y for _, y in card.corners]
            long_side = max(max(xs) - min(xs), max(ys) - min(ys))
            factor = width / long_side
            image = photo.image()
            small = image.resize((round(image.width * factor), round(image.height * factor)),
                                 Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            small.save(buffer, "JPEG", quality=90)
            prepared = card_prepare.prepare(Source(data=buffer.getvalue(), name="p.jpg"),
                                            options)
            expected = {k: v for k, v in card.expected.items() if v is not None}
            total += len(expected)
            if "No card found; sent the whole photo." in prepared.warnings:
                continue
            found += 1
            fields = engine.recognize(prepared, "cn_id_card").fields
            exact += sum(fields.get(k) == v for k, v in expected.items())
        print(f"{width:>8} {width * TEXT_SHARE:>8.1f} {found:>3}/{len(photos):<2} "
              f"{exact:>5}/{total:<4} {100 * exact / total:5.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
