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


def ten_cards(path: Path) -> Path:
    """A scanner's PDF of ten cards: each page an A4 scan at 300 dpi with one card on it."""
    pages = []
    for i in range(10):
        page = Image.new("RGB", (2480, 3508), "white")
        page.paste(card_image((1011, 638), tint=i * 8, label=f"card {i + 1}"), (240, 240))
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
        assert max(image.size) == 2048  # the A4 page at 300 dpi, reduced to the upload size
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
