"""Which resolution to render a PDF page holding a card at, now that the card is cut out.

    python bench/pdf_card_dpi.py [--count 6] [--seed 7] [--cost-only]

An A4 page with one synthetic card front (bench/cards.py, field text 3.1 mm) 20 mm from
its corner, scanned at 300 dpi (the usual office setting) and at 600 dpi; each page
rendered at several resolutions (pdf_input, its own rule switched off), put through the
card step (`card_prepare`: found, cut out, straightened to at least 1280 px) and read by
the on-device engine.  Prints per resolution: the card's width in the rendered page, the
field text's height there, exact fields, and render + card step time per page.
Then (and alone with --cost-only) what the card step costs a page at the default
resolution: render + `imaging.prepare` (`send = whole`) against render + split + prepare
(`send = card`), median of 3 alternating runs each.  Results in docs/adr/0013 (PDF pages).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from bench import pdf_dpi
from bench.cards import CARD_MM
from bench.pdf_dpi import TEXT_MM
from pictotext_desktop import card_prepare, pdf_input
from pictotext_desktop.imaging import PrepareOptions


def build(scan_dpi: int, count: int, seed: int,
          folder: Path) -> tuple[Path, list[dict[str, str | None]]]:
    """A4 pages scanned at `scan_dpi`, a card front on each (bench/pdf_dpi.py's PDF)."""
    return pdf_dpi.build("a4", count, seed, folder, scan_dpi=scan_dpi,
                         name=f"a4-{scan_dpi}.pdf")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cost-only", action="store_true")
    args = parser.parse_args()
    if not args.cost_only:
        accuracy(args)
    cost(args)
    return 0


def cost(args: argparse.Namespace) -> None:
    import statistics

    from pictotext_desktop.imaging import prepare

    pdf_input.BASE_DPI, pdf_input.MAX_DPI, pdf_input.MIN_LONG_SIDE_PX = 300.0, 600.0, 2048
    times: dict[str, list[float]] = {"whole": [], "card": []}
    with tempfile.TemporaryDirectory() as tmp:
        pdf, _truth = build(300, args.count, args.seed, Path(tmp))
        for _run in range(3):
            for send in ("whole", "card"):
                pdf_input._cache.clear()
                options = PrepareOptions(send=send)
                started = time.perf_counter()
                sources = card_prepare.split(pdf_input.pages(pdf), options)
                for source in sources:
                    (card_prepare.prepare if send == "card" else prepare)(source, options)
                times[send].append((time.perf_counter() - started) / args.count)
    whole, card = (statistics.median(times[k]) for k in ("whole", "card"))
    print(f"\nper A4 page at 300 dpi ({args.count} pages, median of 3): render + prepare "
          f"{whole:.2f} s whole, {card:.2f} s with the card step ({card / whole:.2f}x)")


def accuracy(args: argparse.Namespace) -> None:
    from pictotext_desktop.engines import local

    local.preload()
    engine = local.LocalEngine()
    pdf_input.MIN_LONG_SIDE_PX = 0  # measure each resolution as it is
    options = PrepareOptions(send=card_prepare.SEND_CARD, keep_pixels=True)
    with tempfile.TemporaryDirectory() as tmp:
        for scan_dpi in (300, 600):
            pdf, truth = build(scan_dpi, args.count, args.seed, Path(tmp))
            print(f"\nA4 scanned at {scan_dpi} dpi, {args.count} pages, one card each")
            print("  dpi  card px  text px  fields right    render + card step s/page")
            for dpi in (200, 300, 400):
                pdf_input.BASE_DPI = pdf_input.MAX_DPI = float(dpi)
                pdf_input._cache.clear()
                right = total = 0
                spent = 0.0
                for page, want in zip(pdf_input.pages(pdf), truth, strict=True):
                    started = time.perf_counter()
                    (source,) = card_prepare.split([page], options)
                    prepared = card_prepare.prepare(source, options)
                    spent += time.perf_counter() - started
                    result = engine.recognize(prepared, "cn_id_card")
                    for key, value in want.items():
                        total += 1
                        right += result.fields.get(key) == value
                card_px = CARD_MM[0] / 25.4 * dpi
                print(f"  {dpi:>3}  {card_px:7.0f}  {TEXT_MM / 25.4 * dpi:7.1f}  "
                      f"{100 * right / total:5.1f}% ({right}/{total})  "
                      f"{spent / args.count:.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
