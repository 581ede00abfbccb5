"""What a file's content is, whatever it is called: image formats by their signatures
(HEIF/AVIF by their ISO-BMFF brands), and the common things that are not pictures (PDF,
HTML, text), so a refusal can say what the file looks like.

Reads only the first bytes it is given; no Pillow, no decoding (imaging.py decodes).
"""

from __future__ import annotations

import struct

# How much of a file is looked at to tell what it is (and all that is read of a non-image).
_HEAD_BYTES = 4096

# kind -> Pillow format name, for the formats this pipeline decodes.
_IMAGE_FORMATS = {
    "jpeg": "JPEG",
    "png": "PNG",
    "gif": "GIF",
    "webp": "WEBP",
    "bmp": "BMP",
    "tiff": "TIFF",
    "heif": "HEIF",
    "avif": "AVIF",
}
# Images in formats the app does not read: UnsupportedFormatError.
_UNSUPPORTED_IMAGES = {
    "jp2": "a JPEG 2000 image",
    "jxl": "a JPEG XL image",
    "psd": "a Photoshop document",
    "ico": "an icon file",
    "svg": "an SVG drawing",
    "raw": "a camera RAW file",
}
# Not pictures at all: NotAnImageError, the message says what it looks like.
_NOT_IMAGES = {
    "pdf": "a PDF document",
    "zip": "a ZIP archive (or an Office document)",
    "ole": "an old-style Office document",
    "rtf": "an RTF document",
    "ps": "a PostScript file",
    "html": "an HTML web page",
    "xml": "an XML file",
    "text": "a text file",
    "gzip": "a gzip archive",
    "rar": "a RAR archive",
    "7z": "a 7-Zip archive",
    "exe": "a Windows program",
    "elf": "a program",
    "video": "a video",
    "audio": "an audio file",
    "sqlite": "an SQLite database",
}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"}
_HEIF_GENERIC = {b"mif1", b"msf1", b"mif2", b"miaf"}
_AVIF_BRANDS = {b"avif", b"avis"}
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),  # BigTIFF
    (b"MM\x00+", "tiff"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "jp2"),
    (b"\xff\x4f\xff\x51", "jp2"),
    (b"\xff\x0a", "jxl"),
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "jxl"),
    (b"8BPS", "psd"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "rtf"),
    (b"%!PS", "ps"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"MZ", "exe"),
    (b"\x7fELF", "elf"),
    (b"SQLite format 3\x00", "sqlite"),
    (b"ID3", "audio"),
    (b"OggS", "audio"),
    (b"fLaC", "audio"),
    (b"\x1a\x45\xdf\xa3", "video"),  # Matroska / WebM
)


def sniff_kind(data: bytes) -> str | None:
    """Name what the first bytes are ("jpeg", "heif", "pdf", "text", ...), or None if unknown.

    Image kinds are keys of the formats the pipeline decodes or knows it cannot; the rest
    exist so a refusal can say what the file looks like instead of "not an image".
    """
    head = data[:_HEAD_BYTES]
    if not head:
        return None
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] == b"RIFF" and head[8:12] in (b"AVI ", b"WAVE"):
        return "video" if head[8:12] == b"AVI " else "audio"
    if head[4:8] == b"ftyp":
        return _sniff_isobmff(head)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return _sniff_text(head)


def _sniff_isobmff(head: bytes) -> str:
    """HEIF/AVIF vs. video by the ftyp box brands (major brand first, then compatible ones)."""
    (box_size,) = struct.unpack(">I", head[:4])
    major = head[8:12]
    compatible = {head[i : i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)}
    if major in _HEIF_BRANDS:
        return "heif"
    if major in _AVIF_BRANDS:
        return "avif"
    if major == b"crx ":
        return "raw"
    if major in _HEIF_GENERIC:
        if compatible & _AVIF_BRANDS and not compatible & _HEIF_BRANDS:
            return "avif"
        return "heif"
    if compatible & _HEIF_BRANDS:
        return "heif"
    if compatible & _AVIF_BRANDS:
        return "avif"
    return "audio" if major.startswith(b"M4A") else "video"


def _sniff_text(head: bytes) -> str | None:
    """Text-like content: HTML, SVG, XML or plain text (UTF-8/16, no control characters)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = head[2 : len(head) & ~1].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be")
        except UnicodeDecodeError:
            return None
    else:
        text = ""
        for cut in range(4):  # the 4 KiB window may end inside a UTF-8 sequence
            try:
                text = head[: len(head) - cut].decode("utf-8-sig")
                break
            except UnicodeDecodeError:
                continue
        else:
            return None
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        return None
    lowered = text.lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<html" in lowered[:1024]:
        return "html"
    if lowered.startswith("<svg") or (lowered.startswith("<?xml") and "<svg" in lowered):
        return "svg"
    if lowered.startswith("<?xml"):
        return "xml"
    return "text"
