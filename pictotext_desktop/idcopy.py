"""ID copies (身份证复印件): both sides of a card on one A4 page, at true size, as a PDF.

The page is one raster image at 300 dpi: the cards (85.6 × 54 mm each, front above back,
centred) and the watermark ("仅供入职使用 2026-12-02", diagonal, repeated, semi-transparent)
are burned into the same pixels, so the watermark cannot be selected, copied or deleted
as text or as a separate object.  Pillow writes the PDF; nothing else is needed except a
font with Chinese characters for the watermark (`find_cjk_font`).

Each side may be a photo of the card on a table: `card_in_photo` (the `find_card` the
`copy` command passes) finds the card, straightens it and turns it upright, so the copy
shows the card at true size and not the table.  An image that already has a card's shape
is used as it is; when no card is found, the whole image is used and a warning says so
(and another when its shape is far from a card's, since it is never stretched).
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pictotext_desktop.errors import Category, PicToTextError

if TYPE_CHECKING:
    from PIL import Image, ImageFont

    from pictotext_desktop.imaging import Source

DPI = 300
MM_PER_INCH = 25.4
A4_MM = (210.0, 297.0)
A4_PT = (595.2756, 841.8898)  # 210 × 297 mm in PostScript points
CARD_MM = (85.6, 54.0)  # ISO/IEC 7810 ID-1
GAP_MM = 20.0  # between front and back, as copy shops and "ID copy" modes leave
ASPECT_TOLERANCE = 0.08  # a shape this far from 85.6:54 is not a straightened card
FONT_ENV = "PICTOTEXT_CJK_FONT"

CardFinder = Callable[["Image.Image"], "Image.Image | None"]


def px(mm: float) -> int:
    return round(mm / MM_PER_INCH * DPI)


PAGE_PX = (px(A4_MM[0]), px(A4_MM[1]))  # 2480 × 3508
CARD_PX = (px(CARD_MM[0]), px(CARD_MM[1]))  # 1011 × 638


class FontMissingError(PicToTextError):
    reason = "NO_CJK_FONT"
    category = Category.LOCAL
    title = "No Chinese font for the watermark"
    explanation = "No font with Chinese characters was found on this computer."
    action = (f"Install one (Debian/Ubuntu: sudo apt install fonts-noto-cjk) or set "
              f"{FONT_ENV} to a .ttf, .ttc or .otf file.")  # fmt: skip


@dataclass
class CopyPage:
    """The composed page before it becomes a PDF (tests measure it; the PDF is one image)."""

    image: Image.Image
    boxes: tuple[tuple[int, int, int, int], tuple[int, int, int, int]]  # front, back (px)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------------------
_KNOWN_FONTS: tuple[tuple[str, int], ...] = (
    # Linux (fonts-noto-cjk: index 2 of the collection is Simplified Chinese), then others
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    # Windows
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    # macOS
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ("/System/Library/Fonts/Hiragino Sans GB.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)


def find_cjk_font() -> tuple[str, int]:
    """(file, index in a collection) of a font with Chinese characters; FontMissingError.

    Order: PICTOTEXT_CJK_FONT, fontconfig's answer for Chinese (Noto Sans CJK SC first),
    then the usual files of Linux, Windows and macOS.
    """
    override = os.environ.get(FONT_ENV, "").strip()
    if override:
        if Path(override).is_file():
            return override, 0
        raise FontMissingError(f"{FONT_ENV} names {override}, which is not a font file.")
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(
                ["fc-list", "-f", "%{file}|%{index}|%{family[0]}\n", ":lang=zh"],
                capture_output=True, text=True, check=False, timeout=10,
            ).stdout  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            out = ""
        rows = [line.split("|") for line in out.splitlines() if line.count("|") == 2]
        for want in ("Noto Sans CJK SC", "Source Han Sans SC", "CJK SC", "Noto Sans CJK", ""):
            for file, index, family in rows:
                if want in family and file.lower().endswith((".ttf", ".ttc", ".otf")):
                    return file, int(index or 0)
    for known, number in _KNOWN_FONTS:
        if Path(known).is_file():
            return known, number
    raise FontMissingError(f"{FontMissingError.explanation} {FontMissingError.action}")


def _font(size_px: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    file, index = find_cjk_font()
    try:
        return ImageFont.truetype(file, size_px, index=index)
    except OSError:
        raise FontMissingError(f"The font {file} could not be opened.") from None


# ---------------------------------------------------------------------------------------
# Opening the two sides
# ---------------------------------------------------------------------------------------
def open_card_image(source: Source) -> Image.Image:
    """An image file decoded by the app's own rules (content sniffing, pixel limit, EXIF
    orientation, sRGB), upright, at full size up to about 4096 px (a card a quarter of
    a phone photo's width still has its 1011 px for 300 dpi); PicToTextErrors only."""
    from pictotext_desktop.card_prepare import open_upright

    return open_upright(source)


def card_in_photo(image: Image.Image) -> Image.Image | None:
    """The `find_card` of a photo: its first card, straightened to 85.6:54 at 300 dpi or
    more and turned upright (by its text, when the on-device reader is installed); the
    image itself when it already has a card's shape; None when no card is found."""
    from pictotext_desktop import card_prepare

    found = card_prepare.find(image)
    if found.frame_is_card:
        return image
    if not found.quads:
        return None
    quad = found.quads[0]
    width = max(CARD_PX[0], round(quad.long_side))
    return card_prepare.straighten_card(image, quad, width, card_prepare.classifier(load=True))


def shape_warning(image: Image.Image, side: str) -> str | None:
    """A sentence when `image` does not have a card's shape (85.6:54), else None."""
    width, height = image.size
    want = CARD_MM[0] / CARD_MM[1]
    got = width / height if height else 0.0
    if height > width:
        return (f"The {side} is taller than it is wide: turn it so the card lies landscape; "
                "it was placed as it is, not stretched.")  # fmt: skip
    if abs(got - want) / want > ASPECT_TOLERANCE:
        return (f"The {side} is {width}×{height} pixels, not the shape of a card "
                f"({want:.3f}:1): crop it to the card; it was placed as it is, not stretched.")
    return None


def _fit(image: Image.Image, side: str, warnings: list[str]) -> Image.Image:
    """Exactly CARD_PX: resized when it has a card's shape, else fitted inside on white."""
    from PIL import Image

    warning = shape_warning(image, side)
    if warning is None:
        return image.resize(CARD_PX, Image.Resampling.LANCZOS)
    warnings.append(warning)
    scale = min(CARD_PX[0] / image.width, CARD_PX[1] / image.height)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    canvas = Image.new("RGB", CARD_PX, (255, 255, 255))
    canvas.paste(image.resize(size, Image.Resampling.LANCZOS),
                 ((CARD_PX[0] - size[0]) // 2, (CARD_PX[1] - size[1]) // 2))  # fmt: skip
    return canvas


# ---------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------
def watermark_text(text: str, day: _dt.date | None) -> str:
    return f"{text.strip()} {day.isoformat()}" if day else text.strip()


WATERMARK_INK = (70, 70, 70)
WATERMARK_OPACITY = 110  # of 255: the card stays readable through it


def _watermark_mask(text: str, size: tuple[int, int]) -> Image.Image:
    """`text` in rows, turned 30° and repeated: an opacity mask ("L") of `size`.

    The rows are drawn level on a square larger than the area's diagonal, then the square is
    turned and its centre cut out, so the pattern has no gaps at the edges.
    """
    from PIL import Image, ImageDraw

    font = _font(px(4.5))
    side = math.ceil(math.hypot(*size)) + px(20)
    level = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(level)
    step_x = int(draw.textlength(text, font=font)) + px(12)
    step_y = px(22)
    for row, y in enumerate(range(0, side, step_y)):
        for x in range(-(row % 2) * step_x // 2, side, step_x):
            draw.text((x, y), text, font=font, fill=WATERMARK_OPACITY)
    turned = level.rotate(30, resample=Image.Resampling.BILINEAR)
    left, top = (side - size[0]) // 2, (side - size[1]) // 2
    return turned.crop((left, top, left + size[0], top + size[1]))


def compose(
    front: Image.Image,
    back: Image.Image,
    *,
    watermark: str | None = None,
    day: _dt.date | None = None,
    find_card: CardFinder | None = None,
) -> CopyPage:
    """The A4 page at 300 dpi: front above back, centred, each exactly 85.6 × 54 mm."""
    from PIL import Image

    warnings: list[str] = []
    sides = []
    for image, side in ((front, "front"), (back, "back")):
        image = image.convert("RGB")
        if find_card is not None:
            found = find_card(image)
            if found is None:
                warnings.append(f"No card was found in the {side}; the image was used as is.")
            else:
                image = found
        sides.append(_fit(image, side, warnings))

    page = Image.new("RGB", PAGE_PX, (255, 255, 255))
    x = (PAGE_PX[0] - CARD_PX[0]) // 2
    top = (PAGE_PX[1] - (2 * CARD_PX[1] + px(GAP_MM))) // 2
    boxes = []
    for i, card in enumerate(sides):
        y = top + i * (CARD_PX[1] + px(GAP_MM))
        page.paste(card, (x, y))
        boxes.append((x, y, x + CARD_PX[0], y + CARD_PX[1]))
    if watermark and watermark.strip():
        area = (boxes[0][0], boxes[0][1], boxes[1][2], boxes[1][3])  # both cards and the gap
        mask = _watermark_mask(watermark_text(watermark, day),
                               (area[2] - area[0], area[3] - area[1]))  # fmt: skip
        ink = Image.new("RGB", CARD_PX, WATERMARK_INK)
        for box in boxes:  # over both cards, not the empty paper
            offset = (box[0] - area[0], box[1] - area[1])
            page.paste(ink, box[:2], mask.crop((*offset, offset[0] + CARD_PX[0],
                                                offset[1] + CARD_PX[1])))  # fmt: skip
    return CopyPage(page, (boxes[0], boxes[1]), warnings)


def to_pdf(page: CopyPage) -> bytes:
    """One A4 page (595.28 × 841.89 pt) holding the page image; no text objects at all."""
    buffer = io.BytesIO()
    dpi = (PAGE_PX[0] * 72 / A4_PT[0], PAGE_PX[1] * 72 / A4_PT[1])  # ≈ 300 dpi, exact A4
    page.image.save(buffer, "PDF", dpi=dpi, quality=92, title="ID card copy",
                    creator="PicToText Desktop")  # fmt: skip
    return buffer.getvalue()


def make_id_copy(
    front: Image.Image,
    back: Image.Image,
    *,
    watermark: str | None = None,
    date: _dt.date | None = None,
    find_card: CardFinder | None = None,
) -> bytes:
    """The PDF of the copy (see `compose` for the page, `to_pdf` for the file)."""
    return to_pdf(compose(front, back, watermark=watermark, day=date, find_card=find_card))


def card_size_mm(box: tuple[int, int, int, int]) -> tuple[float, float]:
    """A box in page pixels as millimetres on paper (for tests and the window's preview)."""
    width_pt = (box[2] - box[0]) * A4_PT[0] / PAGE_PX[0]
    height_pt = (box[3] - box[1]) * A4_PT[1] / PAGE_PX[1]
    return width_pt / 72 * MM_PER_INCH, height_pt / 72 * MM_PER_INCH


__all__ = ["CopyPage", "FontMissingError", "card_in_photo", "compose", "find_cjk_font",
           "make_id_copy", "open_card_image", "to_pdf"]  # fmt: skip
