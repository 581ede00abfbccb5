"""PDFs for the tests, made here: multi-page scans with Pillow, and by hand the kinds Pillow
cannot write (no pages, encrypted with a password).  Nothing is stored in the repository."""

from __future__ import annotations

import hashlib
import io
import struct

from PIL import Image

# The padding string of the PDF standard security handler (ISO 32000-1, 7.6.3.3).
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def pages_pdf(images: list[Image.Image], dpi: float = 300.0, **info: str) -> bytes:
    """A multi-page PDF, one picture per page at `dpi`, as a scanner's PDF is."""
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=images[1:],
                   **info)
    return buffer.getvalue()


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _build(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF with a correct cross-reference table around `objects` (1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def no_pages_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    return _build([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"])


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    """A one-page PDF encrypted with the standard handler (RC4 40-bit, revision 2) that
    opens only with `user_password`, as a PDF protected by an office scanner would."""
    file_id = hashlib.md5(b"pictotext test").digest()
    permissions = -44
    owner = _rc4(hashlib.md5((owner_password + _PAD)[:32]).digest()[:5],
                 (user_password + _PAD)[:32])
    key = hashlib.md5((user_password + _PAD)[:32] + owner + struct.pack("<i", permissions)
                      + file_id).digest()[:5]
    user = _rc4(key, _PAD)
    stream = _rc4(hashlib.md5(key + struct.pack("<I", 4)[:3] + b"\0\0").digest()[:10],
                  b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
        b"<</Length %d>>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<</Filter/Standard/V 1/R 2/O<" + owner.hex().encode() + b">/U<"
        + user.hex().encode() + b">/P %d>>" % permissions,
    ]
    ident = file_id.hex().encode()
    return _build(objects, b"/Encrypt 5 0 R /ID[<%s><%s>]" % (ident, ident))


def blank_page_pdf(width_pt: float, height_pt: float) -> bytes:
    """One empty page of the given size (points): for render-size tests."""
    return _build([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
                   b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 %.2f %.2f]>>" % (width_pt,
                                                                              height_pt)])
