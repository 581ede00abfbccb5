"""What the card step costs before an upload, and what it saves: 12 MP generated photos.

    python bench/card_step.py [--seed 100]

For six photos (plain, tilt, perspective, small, two cards, glare): `imaging.prepare` of
the whole photo versus `card_prepare.split` (decode at ~2000 px, count the cards) plus
`card_prepare.prepare` per card (full-size decode, straighten, quality, encode); medians
of time and upload size (after one warm-up photo).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cards import make_photo
from pictotext_desktop import card_prepare, imaging
from pictotext_desktop.imaging import PrepareOptions, Source

KINDS = (("plain", "wood"), ("tilt", "fabric"), ("perspective", "keyboard"), ("small", "wood"),
         ("two", "fabric"), ("glare", "keyboard"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=100)
    args = ap.parse_args()
    whole_s: list[float] = []
    split_s: list[float] = []
    card_s: list[float] = []
    whole_kb: list[float] = []
    card_kb: list[float] = []
    straighten_s: list[float] = []
    find_s: list[float] = []
    card = PrepareOptions(send="card")
    photos = [make_photo(args.seed + i, d, (4000, 3000), t) for i, (d, t) in enumerate(KINDS)]
    # A warm-up photo first (imports, first numpy calls); then each photo, not yet seen.
    card_prepare.prepare(Source(data=photos[0].data, name="warm.jpg"), card)
    card_prepare._found.clear()
    for photo in photos:
        source = Source(data=photo.data, name="photo.jpg")
        started = time.perf_counter()
        whole = imaging.prepare(source, PrepareOptions())
        whole_s.append(time.perf_counter() - started)
        whole_kb.append(len(whole.data) / 1000)
        started = time.perf_counter()
        items = card_prepare.split([source], card)
        split_s.append(time.perf_counter() - started)
        for item in items:
            started = time.perf_counter()
            prepared = card_prepare.prepare(item, card)
            card_s.append(time.perf_counter() - started)
            card_kb.append(len(prepared.data) / 1000)
            straighten_s.append(prepared.timings["straighten"])
        # The detector alone, on the copy the split decodes (~2000 px, DCT-scaled).
        small, _data, _decoded, _t = card_prepare._upright(source, card, card_prepare.SPLIT_SIDE)
        started = time.perf_counter()
        card_prepare.find(small)
        find_s.append(time.perf_counter() - started)

    def ms(values: list[float]) -> str:
        return f"{1000 * statistics.median(values):.0f} ms"

    print(f"whole photo: prepare {ms(whole_s)}, upload {statistics.median(whole_kb):.0f} kB")
    print(f"card step:   count {ms(split_s)} per photo, prepare {ms(card_s)} per card, "
          f"upload {statistics.median(card_kb):.0f} kB per card")
    print(f"of which: detection on the ~2000 px copy {ms(find_s)} per photo, straightening "
          f"from the full-size photo {ms(straighten_s)} per card")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
