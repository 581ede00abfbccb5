"""Generated image fixtures: every awkward thing a person may drag in, written into a folder.

Used by tests/test_imaging.py (small files), bench/prepare.py (photo-like 12/48 MP) and,
for `card_image`, the test fixtures, bench/gui.py and tools/screenshots.py.
Nothing is stored in the repository; everything is drawn with Pillow in a few seconds.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

MARKER = (255, 0, 0)  # red square drawn in the top-left corner of the upright picture
GPS_LATITUDE = (48, 51, 24)  # a location that must never reach the upload

# The Transpose that turns an upright picture into what a camera stores for each EXIF
# orientation (the inverse of what a viewer applies).
_STORE_AS = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def photo_like(
    width: int, height: int, seed_text: str = "PICTOTEXT 110101199003077777"
) -> Image.Image:
    """An RGB picture that compresses like a photo: gradients, grain, texture, shapes, text."""
    red = Image.linear_gradient("L").resize((width, height))
    green = Image.radial_gradient("L").resize((width, height))
    blue = Image.linear_gradient("L").rotate(90).resize((width, height))
    base = Image.merge("RGB", (red, green, blue))
    # Blotchy mid-frequency texture plus fine grain, as in a phone photo of a card on a desk.
    texture = Image.effect_noise((max(1, width // 16), max(1, height // 16)), 60).resize(
        (width, height), Image.Resampling.BICUBIC
    )
    grain = Image.effect_noise((width, height), 14)
    noise = ImageChops.add(texture, grain, scale=1.0, offset=-128)
    base = ImageChops.add(base, Image.merge("RGB", (noise, noise, noise)), offset=-128)
    draw = ImageDraw.Draw(base)
    unit = max(4, min(width, height) // 12)
    draw.rounded_rectangle(
        (unit, unit, width - unit, height - unit), radius=unit // 2, outline=(20, 20, 30), width=3
    )
    draw.ellipse((2 * unit, 2 * unit, 5 * unit, 6 * unit), fill=(200, 170, 150))
    font = ImageFont.load_default(size=max(10, unit // 2))
    for row in range(6):
        y = 2 * unit + row * unit
        draw.text((6 * unit, y), f"{seed_text} {row}", fill=(10, 10, 10), font=font)
    return base


def card_image(size: tuple[int, int] = (856, 540), tint: int = 0,
               label: str = "") -> Image.Image:
    """An ID-card-like picture (border, photo, text lines); `tint` darkens the paper."""
    width, height = size
    scale = width / 856  # drawn for 856 px wide

    def box(*xy: float) -> list[int]:
        return [round(v * scale) for v in xy]

    image = Image.new("RGB", size, (236, 232 - tint, 220 - tint))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(box(8, 8, 848, height / scale - 8), radius=round(28 * scale),
                           outline=(170, 160, 150), width=max(1, round(4 * scale)))
    draw.rectangle(box(560, 90, 800, 380), fill=(205, 195, 185))
    draw.ellipse(box(620, 130, 740, 260), fill=(170, 150, 140))
    font = ImageFont.load_default(size=max(8, round(30 * scale)))
    for i, text in enumerate(("Name", "Sex   Nationality", "Born", "Address", "", label)):
        draw.text((60 * scale, (80 + i * 60) * scale), text, fill=(60, 60, 70), font=font)
    return image


def upright_with_marker(width: int = 120, height: int = 80) -> Image.Image:
    """A plain upright picture whose only red is a square in the top-left corner."""
    image = Image.new("RGB", (width, height), (235, 235, 235))
    side = min(width, height) // 4
    ImageDraw.Draw(image).rectangle((0, 0, side - 1, side - 1), fill=MARKER)
    return image


def stored_for_orientation(upright: Image.Image, orientation: int) -> Image.Image:
    """The pixels a camera would store so that EXIF `orientation` displays `upright`."""
    op = _STORE_AS[orientation]
    return upright.copy() if op is None else upright.transpose(op)


def exif_bytes(orientation: int = 1, gps: bool = False) -> bytes:
    """EXIF with an Orientation tag, optionally GPS, camera make and a comment."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x010E] = "secret description"
    if gps:
        exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (2, 17, 40)}
    return exif.tobytes()


XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b"<rdf:RDF><rdf:Description>SECRET-XMP</rdf:Description></rdf:RDF></x:xmpmeta>"
    b'<?xpacket end="w"?>'
)


def jpeg_bytes(image: Image.Image, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **params)
    return buffer.getvalue()


def png_bytes(image: Image.Image, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **params)
    return buffer.getvalue()


def heic_bytes(image: Image.Image, quality: int = 60, **params: object) -> bytes:
    """HEIC via pillow-heif (x265): keep images small in tests, the encoder is slow."""
    import pillow_heif

    buffer = io.BytesIO()
    pillow_heif.from_pillow(image).save(buffer, quality=quality, **params)
    return buffer.getvalue()


def png_header_bomb(width: int = 20_000, height: int = 10_000) -> bytes:
    """A valid-looking PNG header claiming width×height, with only a token of pixel data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def png_with_bad_crc() -> bytes:
    """A small PNG whose IHDR checksum is wrong."""
    data = bytearray(png_bytes(upright_with_marker(40, 30)))
    data[29] ^= 0xFF  # the last byte of the IHDR CRC (8 signature + 4 + 4 + 13 + 4)
    return bytes(data)


def animated_gif() -> bytes:
    """Three frames: red (first), green, blue."""
    frames = [
        Image.new("RGB", (64, 48), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))
    ]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def minimal_pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def write_corpus(folder: Path) -> dict[str, Path]:
    """Write the small fixtures (no HEIC: see `write_heic_corpus`) and return them by key."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    marker = upright_with_marker(800, 600)

    files["empty.jpg"] = b""
    files["notes.jpg"] = "Just some notes, not a photo.\nSecond line: ünïcödé\n".encode()
    files["scan.jpg"] = minimal_pdf()
    files["page.png"] = b"<!DOCTYPE html><html><body>Login</body></html>"
    files["archive.jpg"] = b"PK\x03\x04" + b"\x00" * 60
    photo = jpeg_bytes(photo_like(640, 480), quality=90)
    files["truncated.jpg"] = photo[: len(photo) // 2]
    files["bad_crc.png"] = png_with_bad_crc()
    files["bomb.png"] = png_header_bomb()
    files["animated.gif"] = animated_gif()
    files["cmyk.jpg"] = jpeg_bytes(Image.new("CMYK", (700, 500), (0, 255, 255, 0)), quality=95)

    # Mid grey (32768), with a white (65535) square: clipping would turn it all white.
    rows = [[65535 if x < 100 and y < 100 else 32768 for x in range(640)] for y in range(480)]
    flat = [value for row in rows for value in row]
    grey16 = Image.frombytes("I;16", (640, 480), struct.pack(f"<{len(flat)}H", *flat))
    files["grey16.png"] = png_bytes(grey16)

    rgba = Image.new("RGBA", (640, 480), (0, 0, 0, 0))  # fully transparent black
    ImageDraw.Draw(rgba).rectangle((0, 0, 99, 99), fill=(0, 0, 255, 255))
    files["transparent.png"] = png_bytes(rgba)

    palette = Image.new("P", (640, 480), 0)
    palette.putpalette([0, 0, 0, 0, 128, 0] + [0] * 762)
    ImageDraw.Draw(palette).rectangle((0, 0, 99, 99), fill=1)
    files["palette.png"] = png_bytes(palette, transparency=0)

    for orientation in range(1, 9):
        stored = stored_for_orientation(marker, orientation)
        files[f"orientation_{orientation}.jpg"] = jpeg_bytes(
            stored, quality=95, exif=exif_bytes(orientation)
        )
    files["gps.jpg"] = jpeg_bytes(
        photo_like(800, 600),
        quality=90,
        exif=exif_bytes(1, gps=True),
        xmp=XMP,
        comment=b"SECRET-COMMENT",
        icc_profile=_srgb_icc(),
    )
    files["身份证 正面.jpg"] = jpeg_bytes(photo_like(1000, 700), quality=90)
    files["small.png"] = png_bytes(photo_like(300, 200))
    files["panorama.jpg"] = jpeg_bytes(photo_like(20_000, 1000), quality=85)
    files["big.jpg"] = jpeg_bytes(photo_like(4032, 3024), quality=92)

    return _write_all(folder, files)


def write_heic_corpus(folder: Path) -> dict[str, Path]:
    """Small HEIC fixtures: one stored sideways with irot, one carrying GPS, one named .webp."""
    folder.mkdir(parents=True, exist_ok=True)
    upright = upright_with_marker(128, 96)
    sideways = stored_for_orientation(upright, 6)
    files = {
        # pillow-heif writes the EXIF orientation as an irot box (displayed upright: 128x96)
        "irot.heic": heic_bytes(sideways, exif=exif_bytes(6)),
        "gps.heic": heic_bytes(photo_like(160, 120), exif=exif_bytes(1, gps=True), xmp=XMP),
        "really_heic.webp": heic_bytes(upright),
    }
    return _write_all(folder, files)


def _write_all(folder: Path, files: dict[str, bytes]) -> dict[str, Path]:
    paths = {name: folder / name for name in files}
    for name, data in files.items():
        paths[name].write_bytes(data)
    return paths


def _srgb_icc() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
