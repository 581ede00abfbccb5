"""Scanner PDFs of cards for the tests, made here (nothing stored): an A4 page scanned at
300 dpi holding one or two generated card fronts on white, and a plain text page."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageFont

from bench.cards import random_identity, render_card
from tests.pdf_samples import pages_pdf

A4_MM = (210.0, 297.0)


def _page(dpi: float = 300.0) -> tuple[Image.Image, float]:
    ppm = dpi / 25.4
    return Image.new("RGB", (round(A4_MM[0] * ppm), round(A4_MM[1] * ppm)), "white"), ppm


def cards_page(count: int, seed: int = 3, dpi: float = 300.0) -> Image.Image:
    """An A4 page with `count` (1 or 2) card fronts, one under the other, 20 mm in."""
    page, ppm = _page(dpi)
    for i in range(count):
        card = render_card(random_identity(random.Random(seed + i)), "front",
                           random.Random(seed + i), ppm=ppm)
        page.paste(card, (round(20 * ppm), round((20 + i * 80) * ppm)), card)
    return page


def text_page(dpi: float = 300.0) -> Image.Image:
    """A plain document page: lines of text, no card."""
    page, ppm = _page(dpi)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=round(4 * ppm))
    for i in range(30):
        draw.text((round(20 * ppm), round((25 + i * 8) * ppm)),
                  f"Line {i + 1}: the terms of employment, as agreed.", fill=(30, 30, 30),
                  font=font)
    return page


def card_scan_pdf() -> bytes:
    """Three pages: one card, two cards, a plain text page."""
    return pages_pdf([cards_page(1), cards_page(2, seed=11), text_page()])
