"""PDF in: one Source per page, rendered for OCR, so a scanner's ten-card PDF is ten records.

A page becomes an image only when a job prepares it (`PdfPage.data`), so a 200-page PDF
does not sit in memory as 200 pictures; the rendered page is a metadata-free JPEG that
`imaging.prepare` then treats like any photo (pixel limit, resize, upload limit, no
metadata).  The render resolution (docs/adr/0010-watch-and-pdf.md):

- 300 dpi, the usual scanner setting: an A4 page is 2481×3508 px, more than the default
  2048 px upload, so the upload is as sharp as the settings allow;
- a small page (a card scanned on its own) gets more, up to 600 dpi, until its long side
  reaches 2048 px: an ID-1 card page (85.6 mm) renders at 600 dpi, 2022 px wide;
- never more than 25 MP (a poster-sized page is rendered at less), far below the 100 MP
  decode limit, so a rendered page cannot be the input that the limits refuse.

The card step (ADR 0013) cuts the cards out of a scanned page as out of a photo; it tells
a page it counted no card on (sent whole, as before) by the digest of the page as rendered
(`rendered_digest`), kept for more pages than the rendered pages themselves.

A file that is not a usable PDF is one source whose preparation fails with a message
naming it: password-protected, damaged, or without pages.  PDFium is not thread-safe,
so every call into it holds one lock.
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
from collections import OrderedDict
from pathlib import Path, PurePath
from typing import Any

from pictotext_desktop.errors import (
    CorruptImageError,
    EmptyFileError,
    FileGoneError,
    FileUnreadableError,
    ImageInputError,
    PicToTextError,
)
from pictotext_desktop.imaging import Source

PDF_SUFFIX = ".pdf"
BASE_DPI = 300.0
MAX_DPI = 600.0
MIN_LONG_SIDE_PX = 2048  # the default upload long side: small pages are rendered up to it
MAX_RENDER_PIXELS = 25_000_000
JPEG_QUALITY = 95  # the page is re-encoded once more by prepare(): keep this step near-lossless
_SNIFF_BYTES = 1024  # PDF readers accept the %PDF- header anywhere in the first 1 KiB
_TRAILER_SCAN = 1 << 20
_CACHE_PAGES = 8  # rendered pages kept: prepare() reads `data` a few times per attempt

_pdfium_lock = threading.RLock()
_cache_lock = threading.Lock()
_cache: OrderedDict[tuple[str, int, int, int], bytes] = OrderedDict()
# The blake2b digest (card_prepare's key) of each page rendered, kept longer than the page:
# it tells the card step which of its findings belong to a page (`rendered_digest`).
_DIGEST_PAGES = 4096
_digests: OrderedDict[tuple[str, int, int, int], bytes] = OrderedDict()


class PdfPasswordError(ImageInputError):
    """Opening needs a password the app does not have."""

    reason = "PDF_PASSWORD_PROTECTED"


class PdfDamagedError(CorruptImageError):
    reason = "PDF_DAMAGED"


class PdfNoPagesError(EmptyFileError):
    reason = "PDF_NO_PAGES"


def is_pdf(path: Path) -> bool:
    """A `.pdf` name, or content that starts like a PDF whatever the file is called."""
    if path.suffix.lower() == PDF_SUFFIX:
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return b"%PDF-" in head


def render_dpi(width_pt: float, height_pt: float, max_pixels: int = MAX_RENDER_PIXELS) -> float:
    """The resolution a page of this size (PDF points, 1/72 in) is rendered at."""
    long_in = max(width_pt, height_pt) / 72.0
    dpi = BASE_DPI
    if long_in > 0 and long_in * dpi < MIN_LONG_SIDE_PX:
        dpi = min(MAX_DPI, MIN_LONG_SIDE_PX / long_in)
    pixels = (width_pt / 72.0 * dpi) * (height_pt / 72.0 * dpi)
    if pixels > max_pixels:
        dpi *= math.sqrt(max_pixels / pixels)
        # PDFium rounds the bitmap size up: step down until the whole pixels fit too.
        while math.ceil(width_pt / 72.0 * dpi) * math.ceil(height_pt / 72.0 * dpi) > max_pixels:
            dpi *= 0.999
    return dpi


class PdfPage(Source):
    """Page `index` (0-based) of a PDF; `data` is the page rendered as a JPEG, on demand.

    Equal and hashed by file and page, never by rendering it.
    """

    pdf: Path
    index: int

    def __init__(self, pdf: Path, index: int, name: str) -> None:
        object.__setattr__(self, "path", None)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "pdf", pdf)
        object.__setattr__(self, "index", index)

    @property
    def data(self) -> bytes:
        return render_page(self.pdf, self.index, self.name)

    @property
    def display_name(self) -> str:
        """`scan.pdf p.2`, as a row shows it (as a photo's row shows its file's name);
        `name` (the record's source) keeps the path."""
        return PurePath(self.name.replace("\\", "/")).name or self.name

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, PdfPage) and (other.pdf, other.index) == (self.pdf, self.index))

    def __hash__(self) -> int:
        return hash((PdfPage, self.pdf, self.index))

    def __repr__(self) -> str:
        return f"PdfPage({str(self.pdf)!r}, {self.index})"


class PdfProblem(Source):
    """A PDF that yields no pages: preparing it raises the error that says why, so the
    problem is reported in the file's place like any unreadable image."""

    error: PicToTextError

    def __init__(self, pdf: Path, error: PicToTextError) -> None:
        object.__setattr__(self, "path", pdf)
        object.__setattr__(self, "name", "")
        object.__setattr__(self, "error", error)

    @property
    def data(self) -> bytes:
        raise self.error

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PdfProblem) and other.path == self.path

    def __hash__(self) -> int:
        return hash((PdfProblem, self.path))

    def __repr__(self) -> str:
        return f"PdfProblem({str(self.path)!r}, {self.error.reason_code})"


def pages(path: Path, shown: str | None = None) -> list[Source]:
    """One source per page of the PDF at `path`, named "<shown> p.<n>" (n from 1).

    `shown` is how the file is called in results (default: the path as given).  A file
    that is not a usable PDF gives one `PdfProblem` source instead.
    """
    shown = shown if shown is not None else str(path)
    try:
        count = page_count(path, shown)
    except PicToTextError as exc:
        return [PdfProblem(path, exc)]
    return [PdfPage(path, i, f"{shown} p.{i + 1}") for i in range(count)]


def page_count(path: Path, shown: str) -> int:
    """The number of pages; a clear ImageInputError when the file cannot give any."""
    with _pdfium_lock:
        document = _open(path, shown)
        try:
            count = len(document)
        finally:
            document.close()
    if count == 0:
        raise _no_pages(shown)
    return count


def render_page(path: Path, index: int, shown: str) -> bytes:
    """Page `index` as JPEG bytes with no metadata, rendered at `render_dpi`."""
    key = _cache_key(path, index, shown)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    data = _render(path, index, shown)
    digest = hashlib.blake2b(data, digest_size=16).digest()
    with _cache_lock:
        _cache[key] = data
        while len(_cache) > _CACHE_PAGES:
            _cache.popitem(last=False)
        _digests[key] = digest
        _digests.move_to_end(key)
        while len(_digests) > _DIGEST_PAGES:
            _digests.popitem(last=False)
    return data


def rendered_digest(page: PdfPage) -> bytes | None:
    """The digest of the page as last rendered (the key the card step keeps what it found
    in the page by), or None when it has not been rendered (so not looked at either).
    Costs a stat, never a render: `scan` asks it of every page before counting."""
    try:
        key = _cache_key(page.pdf, page.index, page.name)
    except PicToTextError:
        return None
    with _cache_lock:
        return _digests.get(key)


def _cache_key(path: Path, index: int, shown: str) -> tuple[str, int, int, int]:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileGoneError(
            message=f"{shown} no longer exists: it was moved, renamed or deleted") from None
    except OSError as exc:
        raise FileUnreadableError(
            message=f"{shown} could not be read ({exc.strerror or 'input/output error'})"
        ) from None
    return (str(path.resolve()), info.st_mtime_ns, info.st_size, index)


def _render(path: Path, index: int, shown: str) -> bytes:
    import pypdfium2 as pdfium

    with _pdfium_lock:
        document = _open(path, shown)
        try:
            if index >= len(document):
                raise PdfDamagedError(message=f"{shown} no longer has this page: the PDF "
                                              "was changed after it was added")
            try:
                page = document[index]
                try:
                    width, height = page.get_size()
                    if width <= 0 or height <= 0:
                        raise PdfDamagedError(message=f"{shown} has a page of no size")
                    scale = render_dpi(width, height) / 72.0
                    image = page.render(scale=scale).to_pil()
                finally:
                    page.close()
            except pdfium.PdfiumError as exc:
                raise PdfDamagedError(message=f"{shown} is a damaged PDF page and cannot be "
                                              "drawn", detail=str(exc)[:200]) from None
        finally:
            document.close()
    try:
        buffer = io.BytesIO()
        # A fresh image: no EXIF, ICC or text chunks reach the encoder.
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0)
    except MemoryError:
        raise PdfDamagedError(message=f"{shown} is too large to draw in the memory "
                                      "available") from None
    return buffer.getvalue()


def _open(path: Path, shown: str) -> Any:
    """A PdfDocument for `path` (caller holds the lock and closes it), or a clear error."""
    import pypdfium2 as pdfium

    try:
        if not path.is_file():
            if path.exists():
                raise FileUnreadableError(message=f"{shown} is not a regular file")
            raise FileGoneError(
                message=f"{shown} no longer exists: it was moved, renamed or deleted")
        if path.stat().st_size == 0:
            raise EmptyFileError(message=f"{shown} is empty (0 bytes)")
    except OSError as exc:
        raise FileUnreadableError(
            message=f"{shown} could not be read ({exc.strerror or 'input/output error'})"
        ) from None
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise _classify(path, shown, exc) from None
    except OSError as exc:
        raise FileUnreadableError(
            message=f"{shown} could not be read ({exc.strerror or 'input/output error'})"
        ) from None


def _classify(path: Path, shown: str, exc: Any) -> PicToTextError:
    """Why PDFium refused the file.  Its error code is not enough on its own: for a file
    with no pages it reports a stale code (even "incorrect password"), so the file's own
    trailer decides whether it is encrypted, and its page tree whether it is empty."""
    import pypdfium2.raw as raw

    head, tail = _ends(path)
    encrypted = b"/Encrypt" in head or b"/Encrypt" in tail
    if encrypted and exc.err_code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
        return PdfPasswordError(
            message=f"{shown} is password-protected: open it, save or print a copy without "
                    "a password, and add that copy",
            detail=str(exc)[:200])
    if not encrypted and b"%PDF-" in head[:_SNIFF_BYTES] and _says_no_pages(head + tail):
        return _no_pages(shown)
    return PdfDamagedError(
        message=f"{shown} is not a readable PDF: it is damaged or incomplete (an unfinished "
                "copy or download?)",
        detail=str(exc)[:200])


def _says_no_pages(data: bytes) -> bool:
    import re

    return bool(re.search(rb"/Count\s+0\b", data)) and not re.search(rb"/Type\s*/Page\b", data)


def _no_pages(shown: str) -> PdfNoPagesError:
    return PdfNoPagesError(message=f"{shown} has no pages")


def _ends(path: Path) -> tuple[bytes, bytes]:
    """The first and last MiB of the file: where header and trailers live."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_TRAILER_SCAN)
            size = handle.seek(0, io.SEEK_END)
            if size <= _TRAILER_SCAN:
                return head, b""
            handle.seek(max(_TRAILER_SCAN, size - _TRAILER_SCAN))
            return head, handle.read()
    except OSError:
        return b"", b""


def sources_for(path: Path) -> list[Source]:
    """What one input file contributes: its pages if it is a PDF, else itself."""
    return pages(path) if is_pdf(path) else [Source(path=path)]


def inputs_in_folder(folder: Path) -> list[Path]:
    """The images and PDFs below `folder`, recursively, in the order images are listed."""
    from pictotext_desktop.imaging import IMAGE_SUFFIXES

    return sorted(
        (p for p in folder.rglob("*")
         if p.is_file() and (p.suffix.lower() in IMAGE_SUFFIXES or p.suffix.lower() == PDF_SUFFIX)),
        key=lambda p: str(p).lower(),
    )
