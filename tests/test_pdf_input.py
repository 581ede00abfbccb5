"""PDF input: each page one result named `file.pdf p.N`, unusable PDFs a clear error in
their place, and every guarantee of the image pipeline kept for rendered pages."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from pictotext_desktop import errors, pdf_input
from pictotext_desktop.imaging import MAX_UPLOAD_BYTES, PrepareOptions, prepare
from tests.image_corpus import card_image
from tests.pdf_samples import blank_page_pdf, encrypted_pdf, no_pages_pdf, pages_pdf
from tests.stand_in_server import StandInServer

RunCli = Any
A4_PT = (595.28, 841.89)
ID1_PT = (85.6 / 25.4 * 72, 53.98 / 25.4 * 72)
CARD_ASPECT = (1.55, 1.62)  # ID-1 laid wide is 85.6 / 54 = 1.585


def ten_cards(path: Path) -> Path:
    """A scanner's PDF of ten cards: each page an A4 scan at 300 dpi with one card on it.

    Each card a little darker than the white page (a card as white as the page is the
    detector's known weak case, README "Cards in photos": that page would go whole)."""
    pages = []
    for i in range(10):
        page = Image.new("RGB", (2480, 3508), "white")
        page.paste(card_image((1011, 638), tint=(i + 1) * 8, label=f"card {i + 1}"),
                   (240, 240))
        pages.append(page)
    path.write_bytes(pages_pdf(pages, author="Secret Person", title="Staff cards"))
    return path


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_a_ten_card_pdf_gives_ten_records_in_page_order(run_cli: RunCli, keyed: StandInServer,
                                                        tmp_path: Path) -> None:
    pdf = ten_cards(tmp_path / "scan.pdf")
    code, out, err = run_cli("scan", "--rate-limit", "100", "-f", "jsonl", str(pdf))
    assert code == 0, err
    records = jsonl(out)
    assert [r["source"] for r in records] == [f"{pdf} p.{n}" for n in range(1, 11)]
    assert all(r["error"] is None and r["fields"]["name"] for r in records)
    uploads = [r.parts["image"] for r in keyed.ocr_requests()]
    assert len(uploads) == 10
    for upload in uploads:
        assert upload.content_type == "image/jpeg"
        assert len(upload.data) <= MAX_UPLOAD_BYTES
        image = Image.open(io.BytesIO(upload.data))
        # The card cut out of the A4 page (ADR 0013), not the page.
        assert CARD_ASPECT[0] <= image.width / image.height <= CARD_ASPECT[1]
        # Nothing of the PDF's metadata or any EXIF reaches the upload.
        assert not image.info.get("exif") and "icc_profile" not in image.info
        for secret in ("Secret Person", "Staff cards"):
            assert secret.encode() not in upload.data
            assert secret.encode("utf-16-be") not in upload.data


def test_unusable_pdfs_are_clear_errors_in_their_place(run_cli: RunCli, keyed: StandInServer,
                                                       tmp_path: Path, card_jpeg: Path) -> None:
    encrypted = tmp_path / "locked.pdf"
    encrypted.write_bytes(encrypted_pdf(b"secret"))
    good = pages_pdf([card_image()])
    damaged = tmp_path / "cut.pdf"
    damaged.write_bytes(good[: len(good) // 2])
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(no_pages_pdf())
    zero = tmp_path / "zero.pdf"
    zero.write_bytes(b"")
    args = [str(card_jpeg), str(encrypted), str(damaged), str(empty), str(zero), str(card_jpeg)]
    code, out, err = run_cli("scan", "--rate-limit", "100", "-f", "json", "--no-merge",
                             str(card_jpeg), str(encrypted), str(damaged), str(empty),
                             str(zero), str(tmp_path / "missing.pdf"))
    assert code == errors.EXIT_INPUT
    assert "Traceback" not in out + err
    records = json.loads(out)
    assert [r["source"] for r in records] == [*args[:5], str(tmp_path / "missing.pdf")]
    assert records[0]["error"] is None
    reasons = [(r["error"]["reason"], r["error"]["message"]) for r in records[1:]]
    assert reasons[0] == ("PDF_PASSWORD_PROTECTED", f"{encrypted} is password-protected: open "
                          "it, save or print a copy without a password, and add that copy")
    assert reasons[1][0] == "PDF_DAMAGED"
    assert reasons[1][1].startswith(f"{damaged} is not a readable PDF")
    assert reasons[2] == ("PDF_NO_PAGES", f"{empty} has no pages")
    assert reasons[3] == ("EMPTY_FILE", f"{zero} is empty (0 bytes)")
    assert reasons[4][0] == "FILE_NOT_FOUND"
    # One line per failure on stderr, as for images.
    assert f"{encrypted}: PDF_PASSWORD_PROTECTED: " in err
    assert len(list(keyed.ocr_requests())) == 1


def test_the_encrypted_sample_is_really_encrypted() -> None:
    """The hand-made sample opens with its password: the error above is not a parse error."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(encrypted_pdf(b"secret"), password="secret")
    try:
        assert len(document) == 1
        assert "Hello" in document[0].get_textpage().get_text_range()
    finally:
        document.close()


def test_pdf_found_by_content_and_in_folders(run_cli: RunCli, keyed: StandInServer,
                                            tmp_path: Path, card_jpeg: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.pdf").write_bytes(pages_pdf([card_image(), card_image(tint=9)]))
    (folder / "sub" / "b.JPG").write_bytes(card_jpeg.read_bytes())
    (folder / "notes.txt").write_text("not an input")
    disguised = tmp_path / "scan0001.jpg"  # a scanner that names its PDFs .jpg
    disguised.write_bytes(pages_pdf([card_image()]))
    code, out, err = run_cli("scan", "--rate-limit", "100", "-f", "jsonl", "--no-merge",
                             str(folder), str(disguised))
    assert code == 0, err
    assert [r["source"] for r in jsonl(out)] == [
        f"{folder / 'a.pdf'} p.1", f"{folder / 'a.pdf'} p.2", str(folder / "sub" / "b.JPG"),
        f"{disguised} p.1"]


@pytest.mark.parametrize(("size", "dpi", "pixels"), [
    (A4_PT, 300.0, (2480, 3508)),       # a full-page scan: the scanner's usual resolution
    (ID1_PT, 600.0, (2022, 1275)),      # a card scanned on its own: up to 600 dpi
    ((72 * 6, 72 * 4), 2048 / 6, (2048, 1365)),  # a 6×4 in photo page: long side 2048
])
def test_render_resolution(size: tuple[float, float], dpi: float,
                           pixels: tuple[int, int]) -> None:
    assert pdf_input.render_dpi(*size) == pytest.approx(dpi, rel=1e-3)
    width, height = (round(s / 72 * dpi) for s in size)
    assert (width, height) == pytest.approx(pixels, abs=1)


def test_a_poster_page_is_rendered_within_the_pixel_cap(tmp_path: Path) -> None:
    poster = tmp_path / "poster.pdf"
    poster.write_bytes(blank_page_pdf(72 * 40, 72 * 60))  # 40×60 in: 216 MP at 300 dpi
    (page,) = pdf_input.pages(poster)
    image = Image.open(io.BytesIO(page.data))
    assert image.width * image.height <= pdf_input.MAX_RENDER_PIXELS
    assert image.width * image.height > 0.95 * pdf_input.MAX_RENDER_PIXELS
    prepared = prepare(page, PrepareOptions())  # within the pipeline's limits: it is read
    assert max(prepared.size) == 2048


def test_rendered_page_has_no_metadata(tmp_path: Path) -> None:
    photo = card_image()
    exif = Image.Exif()
    exif[0x013B] = "Secret Person"  # Artist
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", exif=exif)
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(pages_pdf([Image.open(buffer)], author="Secret Person"))
    (page,) = pdf_input.pages(pdf)
    data = page.data
    assert data[:2] == b"\xff\xd8"
    assert b"Exif" not in data and b"Secret" not in data and b"http://ns.adobe" not in data


def test_pages_render_safely_from_many_threads(tmp_path: Path) -> None:
    """PDFium is not thread-safe: the job threads render pages of one PDF at once."""
    pdf = tmp_path / "many.pdf"
    pdf.write_bytes(pages_pdf([card_image(tint=i) for i in range(8)]))
    pages = pdf_input.pages(pdf)
    results: dict[int, tuple[int, int]] = {}
    problems: list[BaseException] = []

    def render(i: int) -> None:
        try:
            results[i] = prepare(pages[i], PrepareOptions()).size
        except BaseException as exc:  # pragma: no cover - reported below
            problems.append(exc)

    threads = [threading.Thread(target=render, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert problems == [] and len(results) == 8


def test_a_page_is_named_after_its_file_and_number(tmp_path: Path) -> None:
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(pages_pdf([card_image(), card_image(tint=5)]))
    first, second = pdf_input.pages(pdf, "cards.pdf")
    assert (first.display_name, second.display_name) == ("cards.pdf p.1", "cards.pdf p.2")
    assert first != second and len({first, second, pdf_input.pages(pdf, "x")[0]}) == 2
    pdf.unlink()
    with pytest.raises(errors.FileGoneError, match="no longer exists"):
        prepare(first, PrepareOptions())


# -- the card step on PDF pages (ADR 0013) ---------------------------------------------------
def test_a_scanned_page_is_cut_to_each_card_and_a_text_page_goes_whole(tmp_path: Path) -> None:
    from pictotext_desktop import card_prepare
    from tests.pdf_cards import card_scan_pdf

    # GIVEN a scanner's PDF: one card on A4, two cards on A4, a plain text page
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(card_scan_pdf())
    options = PrepareOptions(send="card")
    # WHEN the scan splits its pages as it splits photos
    sources = card_prepare.split(pdf_input.pages(pdf, "scan.pdf"), options)
    # THEN the page of two cards is two items, the others keep their names
    assert [s.display_name for s in sources] == [
        "scan.pdf p.1", "scan.pdf p.2 #1", "scan.pdf p.2 #2", "scan.pdf p.3"]
    pdf_input._cache.clear()  # a long PDF: its first pages are rendered again for their jobs
    prepared = [card_prepare.prepare(s, options) for s in sources]
    # AND each card is sent on its own, card-shaped and at least 1280 px wide
    for card in prepared[:3]:
        width, height = card.size
        assert CARD_ASPECT[0] <= width / height <= CARD_ASPECT[1] and width >= 1280
        assert card.warnings == ()
    # AND the text page goes whole, as before, with no "no card" note
    whole = prepare(sources[3], PrepareOptions())
    assert prepared[3].size == whole.size == (1448, 2048)
    assert prepared[3].warnings == ()
    # AND `send = whole` leaves every page whole
    assert card_prepare.split(pdf_input.pages(pdf), PrepareOptions()) == pdf_input.pages(pdf)


def test_a_card_shaped_page_is_sent_as_before(tmp_path: Path) -> None:
    from pictotext_desktop import card_prepare

    # A card scanner's PDF: the page is the card (600 dpi), nothing to cut out of it.
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(pages_pdf([card_image((2022, 1275))], dpi=600))
    options = PrepareOptions(send="card")
    (page,) = card_prepare.split(pdf_input.pages(pdf), options)
    sent = card_prepare.prepare(page, options)
    assert sent.data == prepare(page, PrepareOptions()).data and sent.warnings == ()


def test_scan_of_a_card_pdf_uploads_each_card(run_cli: RunCli, keyed: StandInServer,
                                              tmp_path: Path) -> None:
    from tests.pdf_cards import cards_page, text_page

    # GIVEN a PDF of a one-card page and a two-card page; the stand-in takes only cards
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(pages_pdf([cards_page(1), cards_page(2, seed=11)]))
    keyed.expect_aspect(*CARD_ASPECT)
    # WHEN it is scanned whole, the stand-in refuses the pages: the check bites
    code, _out, err = run_cli("scan", "--rate-limit", "100", "-f", "jsonl", "--no-merge",
                              "--send", "whole", str(pdf))
    assert code != 0 and "IMAGE_NOT_CARD_SHAPED" in err
    # AND by default each card is a record of its own, its upload card-shaped
    keyed.reset()
    keyed.expect_aspect(*CARD_ASPECT)
    code, out, err = run_cli("scan", "--rate-limit", "100", "-f", "jsonl", "--no-merge",
                             str(pdf))
    assert code == 0, err
    records = jsonl(out)
    assert [r["source"] for r in records] == [f"{pdf} p.1", f"{pdf} p.2 #1", f"{pdf} p.2 #2"]
    assert all(r["error"] is None and r["fields"]["name"] for r in records)
    assert not [c for r in records for c in r["checks"] if c["field"] == "photo"]
    sizes = [r.image_size or (0, 0) for r in keyed.ocr_requests()]
    assert len(sizes) == 3 and all(w >= 1280 for w, _h in sizes)
    # AND a plain text page in the same scan goes whole, without a "no card" check
    keyed.reset()
    pdf.write_bytes(pages_pdf([cards_page(1), text_page()]))
    code, out, err = run_cli("scan", "--rate-limit", "100", "-f", "jsonl", str(pdf))
    assert code == 0, err
    _card, page = jsonl(out)
    assert page["source"] == f"{pdf} p.2"
    assert not [c for c in page["checks"] if c["field"] == "photo"]
    sent = sorted(Image.open(io.BytesIO(r.parts["image"].data)).size
                  for r in keyed.ocr_requests())
    assert sent == [(1280, 807), (1448, 2048)]  # the card cut out; the page whole
