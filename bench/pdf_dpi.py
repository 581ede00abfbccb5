"""Which resolution to render PDF pages at: on-device OCR accuracy of scanned ID cards.

    python bench/pdf_dpi.py [--count 8] [--seed 7]

Two kinds of scanner PDF, built from bench/cards.py's synthetic fronts (real sizes: field
text 3.1 mm, ID number 3.4 mm):
  a4    each card on an A4 page scanned at 300 dpi (the usual office setting)
  card  each card on a page of its own size, scanned at 600 dpi (a card scanner)
Each page is rendered at several resolutions (pdf_input, its small-page rule switched
off), prepared with the default settings (2048 px upload), and read by the on-device
engine.  Prints per resolution: rendered and uploaded size, the field text's height in
upload pixels, exact-field accuracy and the render time.  Results in docs/adr/0010.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from bench.cards import CARD_MM, FRONT_KEYS, random_identity, render_card
from pictotext_desktop import pdf_input
from pictotext_desktop.imaging import PrepareOptions, prepare

A4_MM = (210.0, 297.0)
TEXT_MM = 3.1


def flat(card: Image.Image) -> Image.Image:
    white = Image.new("RGB", card.size, "white")
    white.paste(card, mask=card.split()[3])
    return white


def build(kind: str, count: int, seed: int, folder: Path, scan_dpi: int | None = None,
          name: str | None = None) -> tuple[Path, list[dict[str, str | None]]]:
    """A scanner's PDF of `count` card fronts: on A4 pages (`kind` "a4", 300 dpi unless
    `scan_dpi`) or one cropped card per page ("card", 600 dpi); and what each says."""
    pages: list[Image.Image] = []
    truth: list[dict[str, str | None]] = []
    scan_dpi = scan_dpi or (300 if kind == "a4" else 600)
    ppm = scan_dpi / 25.4
    for i in range(count):
        rng = random.Random(seed * 1000 + i)
        identity = random_identity(rng)
        card = flat(render_card(identity, "front", rng, ppm=ppm))
        if kind == "a4":
            page = Image.new("RGB", (round(A4_MM[0] * ppm), round(A4_MM[1] * ppm)), "white")
            page.paste(card, (round(20 * ppm), round(20 * ppm)))
        else:
            page = card
        pages.append(page)
        truth.append({k: identity.fields("front")[k] for k in FRONT_KEYS})
    path = folder / (name or f"{kind}.pdf")
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", resolution=float(scan_dpi), save_all=True,
                  append_images=pages[1:])
    path.write_bytes(buffer.getvalue())
    return path, truth


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from pictotext_desktop.engines import local

    local.preload()
    engine = local.LocalEngine()
    pdf_input.MIN_LONG_SIDE_PX = 0  # measure each resolution as it is
    with tempfile.TemporaryDirectory() as tmp:
        for kind, dpis in (("a4", (100, 150, 200, 300)), ("card", (150, 300, 450, 600))):
            pdf, truth = build(kind, args.count, args.seed, Path(tmp))
            page_mm = A4_MM if kind == "a4" else CARD_MM
            print(f"\n{kind}: {args.count} pages of {page_mm[0]}×{page_mm[1]} mm")
            print("  dpi  rendered     upload      text px  fields right   render s/page")
            for dpi in dpis:
                pdf_input.BASE_DPI = pdf_input.MAX_DPI = float(dpi)
                pdf_input._cache.clear()
                right = total = 0
                render_s = 0.0
                for page, want in zip(pdf_input.pages(pdf), truth, strict=True):
                    started = time.perf_counter()
                    data = page.data
                    render_s += time.perf_counter() - started
                    rendered = Image.open(io.BytesIO(data)).size
                    image = prepare(page, PrepareOptions())
                    result = engine.recognize(image, "cn_id_card")
                    for key, value in want.items():
                        total += 1
                        right += result.fields.get(key) == value
                scale = max(image.size) / max(rendered)
                text_px = TEXT_MM / 25.4 * dpi * scale
                print(f"  {dpi:>3}  {rendered[0]:>4}×{rendered[1]:<5}  "
                      f"{image.size[0]:>4}×{image.size[1]:<5}  {text_px:6.1f}   "
                      f"{100 * right / total:5.1f}% ({right}/{total})  "
                      f"{render_s / args.count:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
