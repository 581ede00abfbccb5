"""ID copies, measured from the PDF file: page size, the cards' size on paper, the watermark
in the pixels and no text objects; and the `copy` command's messages and exit codes."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from pictotext_desktop import idcopy

RunCli = Any
A4_PT = (595.28, 841.89)
MM_PER_PT = 25.4 / 72


def _card(colour: tuple[int, int, int], size: tuple[int, int] = (1712, 1080)) -> Image.Image:
    """A card-shaped picture: a colour field with darker bands like printed lines."""
    image = Image.new("RGB", size, colour)
    dark = tuple(c // 2 for c in colour)
    for y in range(size[1] // 6, size[1], size[1] // 6):
        image.paste(dark, (size[0] // 10, y, size[0] * 6 // 10, y + size[1] // 40))
    return image


def _strip_streams(pdf: bytes) -> bytes:
    return re.sub(rb"stream\r?\n.*?endstream", b"stream endstream", pdf, flags=re.S)


class ParsedPdf:
    """What a PDF viewer would use: page box, the content stream, the one page image."""

    def __init__(self, pdf: bytes) -> None:
        assert pdf.startswith(b"%PDF-")
        skeleton = _strip_streams(pdf)
        boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", skeleton)
        assert len(boxes) == 1, "one page"
        x0, y0, x1, y1 = (float(v) for v in boxes[0].split())
        self.page_pt = (x1 - x0, y1 - y0)
        self.skeleton = skeleton
        streams = re.findall(rb"stream\r?\n(.*?)endstream", pdf, flags=re.S)
        self.contents = [s for s in streams if not s.startswith(b"\xff\xd8")]
        jpegs = [s for s in streams if s.startswith(b"\xff\xd8")]
        assert len(jpegs) == 1, "the page is one image"
        self.image = Image.open(io.BytesIO(jpegs[0].rstrip(b"\r\n")))
        self.image.load()
        # The content stream draws the image over the whole page: "q W 0 0 H 0 0 cm".
        match = re.search(rb"q\s+([\d.]+)\s+0\s+0\s+([\d.]+)\s+0\s+0\s+cm\s+/\w+\s+Do\s+Q",
                          b"".join(self.contents))
        assert match, self.contents
        self.drawn_pt = (float(match.group(1)), float(match.group(2)))

    def mm(self, px_w: int, px_h: int) -> tuple[float, float]:
        """Pixels of the page image as millimetres on paper."""
        return (px_w * self.drawn_pt[0] / self.image.width * MM_PER_PT,
                px_h * self.drawn_pt[1] / self.image.height * MM_PER_PT)  # fmt: skip


def _ink_boxes(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """Bounding boxes of the non-white areas in the top and the bottom half."""
    grey = image.convert("L").point(lambda v: 255 if v < 235 else 0)
    half = image.height // 2
    out = []
    for top in (0, half):
        box = grey.crop((0, top, image.width, top + half)).getbbox()
        assert box is not None
        out.append((box[0], box[1] + top, box[2], box[3] + top))
    return out


@pytest.fixture(scope="module")
def plain() -> ParsedPdf:
    return ParsedPdf(idcopy.make_id_copy(_card((90, 140, 200)), _card((200, 120, 80))))


@pytest.fixture(scope="module")
def marked() -> ParsedPdf:
    pdf = idcopy.make_id_copy(_card((90, 140, 200)), _card((200, 120, 80)),
                              watermark="仅供入职使用", date=date(2026, 12, 2))  # fmt: skip
    return ParsedPdf(pdf)


def test_page_is_a4(plain: ParsedPdf) -> None:
    assert plain.page_pt == pytest.approx(A4_PT, abs=0.01)
    assert plain.drawn_pt == pytest.approx(A4_PT, abs=0.01)
    assert b"/Count 1" in plain.skeleton


def test_cards_are_true_size_front_above_back_centred(plain: ParsedPdf) -> None:
    front, back = _ink_boxes(plain.image)
    for box in (front, back):
        width, height = plain.mm(box[2] - box[0], box[3] - box[1])
        assert width == pytest.approx(85.6, abs=0.2)
        assert height == pytest.approx(54.0, abs=0.2)
        left_mm, _ = plain.mm(box[0], 0)
        assert left_mm == pytest.approx((210 - 85.6) / 2, abs=0.3)  # centred across
    # front (blue) above back (orange)
    assert front[3] < back[1]
    pixel = plain.image.getpixel(((front[0] + front[2]) // 2, front[1] + 5))
    assert isinstance(pixel, tuple) and pixel[2] > pixel[0]
    gap_mm = plain.mm(0, back[1] - front[3])[1]
    assert gap_mm == pytest.approx(idcopy.GAP_MM, abs=0.3)


def test_watermark_is_in_the_pixels_of_both_cards_only(
    plain: ParsedPdf, marked: ParsedPdf
) -> None:
    from PIL import ImageChops

    diff = ImageChops.difference(plain.image.convert("L"), marked.image.convert("L"))
    diff = diff.point(lambda v: 255 if v > 15 else 0)
    front, back = _ink_boxes(plain.image)
    for box in (front, back):
        changed = sum(diff.crop(box).histogram()[255:])
        area = (box[2] - box[0]) * (box[3] - box[1])
        assert 0.02 < changed / area < 0.5  # visible, yet the card shows through
    gap = (front[0], front[3] + 20, front[2], back[1] - 20)
    assert diff.crop(gap).getbbox() is None  # nothing on the paper between the cards
    assert diff.crop((0, 0, marked.image.width, front[1] - 20)).getbbox() is None


def test_no_text_objects_to_select_or_remove(marked: ParsedPdf) -> None:
    for stream in marked.contents:
        assert not re.search(rb"\b(BT|ET|Tj|TJ|Tf)\b", stream)
    assert b"/Font" not in marked.skeleton and b"/Annots" not in marked.skeleton
    assert "仅供".encode("utf-16-be") not in marked.skeleton
    assert "仅供".encode() not in marked.skeleton


def test_image_not_shaped_like_a_card_is_fitted_with_a_warning() -> None:
    page = idcopy.compose(_card((90, 140, 200)), _card((200, 120, 80), (1080, 1712)))
    assert page.warnings and "taller than it is wide" in page.warnings[0]
    assert "back" in page.warnings[0]
    for box in page.boxes:
        assert (box[2] - box[0], box[3] - box[1]) == idcopy.CARD_PX
    assert idcopy.card_size_mm(page.boxes[0]) == pytest.approx((85.6, 54.0), abs=0.05)


def test_find_card_hook_is_used() -> None:
    seen: list[tuple[int, int]] = []

    def find(image: Image.Image) -> Image.Image | None:
        seen.append(image.size)
        return image.crop((100, 100, 100 + 856, 100 + 540))

    page = idcopy.compose(_card((90, 140, 200), (2000, 2000)), _card((200, 120, 80)),
                          find_card=find)  # fmt: skip
    assert seen == [(2000, 2000), (1712, 1080)] and page.warnings == []


def _exif_rotated_card(path: Path) -> None:
    """A landscape card stored portrait, with EXIF Orientation 6 (turn 90° clockwise)."""
    stored = _card((90, 140, 200)).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(path, "JPEG", exif=exif.tobytes(), quality=90)


def test_copy_command_writes_the_pdf(run_cli: RunCli, tmp_path: Path) -> None:
    front, back = tmp_path / "正面.jpg", tmp_path / "back.png"
    _exif_rotated_card(front)
    _card((200, 120, 80)).save(back)
    target = tmp_path / "copy.pdf"
    code, _out, err = run_cli("copy", str(front), str(back), "-o", str(target),
                             "--watermark", "仅供入职使用", "--date", "2026-12-02")  # fmt: skip
    assert code == 0, err
    assert "warning" not in err  # the EXIF turn was applied: the front lies landscape
    assert "仅供入职使用 2026-12-02" in err and str(target) in err
    parsed = ParsedPdf(target.read_bytes())
    assert parsed.page_pt == pytest.approx(A4_PT, abs=0.01)
    assert not list(tmp_path.glob(".copy.pdf.*"))  # no temporary file left


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["-o", "{tmp}/c.png"], 2, "the copy is a PDF"),
        (["-o", "{tmp}/c.pdf", "--date", "2026-13-01"], 2, "is not a date written YYYY-MM-DD"),
        (["-o", "{tmp}/no/such/c.pdf"], 2, "does not exist"),
        (["-o", "{tmp}/c.pdf", "--watermark", " "], 2, "give the text"),
    ],
)
def test_copy_command_usage_errors(
    run_cli: RunCli, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    front = tmp_path / "f.jpg"
    _card((90, 140, 200)).save(front)
    got, _out, err = run_cli("copy", str(front), str(front),
                            *[a.format(tmp=tmp_path) for a in args])  # fmt: skip
    assert got == code and message in err and "Traceback" not in err
    assert not (tmp_path / "c.pdf").exists()


def test_copy_command_missing_image_and_missing_font(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    front = tmp_path / "f.jpg"
    _card((90, 140, 200)).save(front)
    code, _, err = run_cli("copy", str(front), str(tmp_path / "gone.jpg"),
                           "-o", str(tmp_path / "c.pdf"))  # fmt: skip
    assert code == 5 and "gone.jpg" in err and "Traceback" not in err
    monkeypatch.setenv(idcopy.FONT_ENV, str(tmp_path / "no-font.ttc"))
    code, _, err = run_cli("copy", str(front), str(front), "-o", str(tmp_path / "c.pdf"),
                           "--watermark", "仅供入职使用")  # fmt: skip
    assert code == 5 and "No Chinese font" in err and "no-font.ttc" in err
    assert not (tmp_path / "c.pdf").exists()
    # Without a watermark no font is needed.
    code, _, err = run_cli("copy", str(front), str(front), "-o", str(tmp_path / "c.pdf"))
    assert code == 0, err


def test_copy_from_photos_of_cards_on_a_table(run_cli: RunCli, tmp_path: Path) -> None:
    # GIVEN two phone photos (4:3) of a card lying on a table, one tilted
    from bench.cards import make_photo

    front, back = tmp_path / "front.jpg", tmp_path / "back.jpg"
    front.write_bytes(make_photo(2, "plain", (2400, 1800), "wood").data)
    back.write_bytes(make_photo(2, "tilt", (2400, 1800), "keyboard").data)
    target = tmp_path / "copy.pdf"
    # WHEN the copy is made
    code, _out, err = run_cli("copy", str(front), str(back), "-o", str(target))
    # THEN the cards were found (no warning) and each is 85.6 × 54 mm on the paper, read
    # from the PDF's own page image, with white paper (not the table) around it
    assert code == 0, err
    assert "warning" not in err
    parsed = ParsedPdf(target.read_bytes())
    for box in _ink_boxes(parsed.image):
        width_mm, height_mm = parsed.mm(box[2] - box[0], box[3] - box[1])
        assert width_mm == pytest.approx(85.6, abs=0.5)
        assert height_mm == pytest.approx(54.0, abs=0.5)


def test_copy_from_a_photo_without_a_card_keeps_the_warning(run_cli: RunCli,
                                                            tmp_path: Path) -> None:
    from bench.cards import make_photo

    desk = tmp_path / "desk.jpg"
    desk.write_bytes(make_photo(3, "none", (1600, 1200), "wood").data)
    card = tmp_path / "card.png"
    _card((200, 120, 80)).save(card)
    code, _out, err = run_cli("copy", str(desk), str(card), "-o", str(tmp_path / "c.pdf"))
    assert code == 0, err
    assert "warning: No card was found in the front; the image was used as is." in err
    assert "not the shape of a card" in err
