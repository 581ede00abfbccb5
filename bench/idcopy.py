"""Timing and size of ID copies (idcopy.py) from synthetic straightened cards.

Run from the repository root:  python bench/idcopy.py [--runs 5]

Prints medians (ms) of opening both sides through imaging's rules, composing the A4 page
with and without a watermark, and writing the PDF, plus the PDF's size.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cards import random_identity, render_card  # noqa: E402
from pictotext_desktop import idcopy  # noqa: E402
from pictotext_desktop.imaging import Source  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    identity = random_identity(random.Random(2026))
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for side in ("front", "back"):
            path = Path(folder) / f"{side}.jpg"
            buffer = io.BytesIO()
            render_card(identity, side, random.Random(side)).convert("RGB").save(
                buffer, "JPEG", quality=90)
            path.write_bytes(buffer.getvalue())
            paths.append(path)
        timings: dict[str, list[float]] = {"open": [], "compose": [], "compose+watermark": [],
                                           "pdf": []}
        size = 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            front, back = (idcopy.open_card_image(Source(path=p)) for p in paths)
            t1 = time.perf_counter()
            idcopy.compose(front, back)
            t2 = time.perf_counter()
            page = idcopy.compose(front, back, watermark="仅供入职使用", day=date(2026, 12, 2))
            t3 = time.perf_counter()
            size = len(idcopy.to_pdf(page))
            t4 = time.perf_counter()
            for key, value in zip(timings, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                value_ms = value * 1000
                timings[key].append(value_ms)
        print(f"card images {front.size[0]}x{front.size[1]}, {args.runs} runs (median ms)")
        for key, values in timings.items():
            print(f"  {key:<18} {statistics.median(values):8.0f}")
        print(f"  PDF size           {size / 1e3:8.0f} kB, page warnings: {page.warnings}")


if __name__ == "__main__":
    main()
