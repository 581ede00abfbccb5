"""Source -> PreparedImage: any photo in, a small, upright, metadata-free upload out.

The one module that decodes images (docs/adr/0002-image-pipeline.md).  Stages:

read      bytes from a path (never by extension: the first bytes are sniffed) or pasted data;
          never more than MAX_INPUT_BYTES (the size is checked before reading)
open      the Pillow plugin picked from the content, header only; the pixel limit, the
          decoded-bytes budget and a JPEG's scan count are checked here, before decoding
decode    JPEG decodes at 1/2, 1/4 or 1/8 through DCT scaling when that still meets the target
normalise palette, 1-bit, 16-bit, alpha (onto white) -> RGB / L / CMYK
resize    reduce() by an integer factor, then LANCZOS for the rest; never upscale
colour    embedded ICC profile -> sRGB, CMYK -> RGB
orient    EXIF orientation (not for HEIF: libheif already applied irot/imir), then the
          person's extra rotation
encode    JPEG / PNG / WebP with no metadata at all; stepped down until under the upload limit

Every bad input ends as an `ImageInputError` subclass (or `UsageError` for impossible
options) with a message naming the file; Pillow's exceptions never escape.  The app's own
limits are the only ones that decide: Pillow's global MAX_IMAGE_PIXELS check stands aside
inside this module's calls (and only there).  Thread-safe: the only shared state is a
lock-guarded pi-heif import, ICC transform cache and that one-time Pillow hook.
Heavy modules (pi_heif, ImageCms) are imported on first use.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import struct
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pictotext_desktop import notes
from pictotext_desktop.errors import (
    CorruptImageError,
    EmptyFileError,
    FileGoneError,
    FileTooLargeError,
    FileUnreadableError,
    HeicSupportMissingError,
    ImageTooLargeError,
    NoSuchFileError,
    NotAnImageError,
    TooManyPixelsError,
    UnsupportedFormatError,
    UsageError,
)
from pictotext_desktop.image_limits import (
    _check_decoded_bytes,
    _check_jpeg_scans,
    _check_pixels,
    _megabytes,
    own_limits,
)
from pictotext_desktop.sniffing import (
    _HEAD_BYTES,
    _IMAGE_FORMATS,
    _NOT_IMAGES,
    _UNSUPPORTED_IMAGES,
    sniff_kind,
)

if TYPE_CHECKING:
    from PIL import Image, ImageFile

MAX_UPLOAD_BYTES = 10_000_000  # the docs' "10 MB": the smaller reading, to be safe
# No input is read past this: a 100 MP JPEG at top quality is ~60 MB, an uncompressed 16-bit
# A4 scan at 600 dpi ~210 MB.  Anything larger is refused from its size alone.
MAX_INPUT_BYTES = 250_000_000
ALLOWED_UPLOAD_MIME = ("image/jpeg", "image/png", "image/webp", "image/heic", "image/heif")
# Which files a folder contributes (an explicitly named file is opened by content anyway).
IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".heic", ".heif", ".hif", ".avif",
     ".bmp", ".dib", ".tif", ".tiff", ".gif"}
)


def images_in_folder(folder: Path) -> list[Path]:
    """The image files below `folder`, recursively, in a stable case-insensitive order."""
    return sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES),
        key=lambda p: str(p).lower(),
    )

# Below this long side OCR results get noticeably worse: the person is warned, not refused.
SMALL_IMAGE_PX = 600
# A DCT-scaled or reduce()d size within 5 % under the target is kept as it is: it saves a
# full-size decode or a resample (12 MP: 4032 -> 2016 px instead of 2048 px, 40 ms saved).
TARGET_SLACK = 0.95

_OUTPUT = {
    "jpeg": ("JPEG", "image/jpeg", ".jpg"),
    "png": ("PNG", "image/png", ".png"),
    "webp": ("WEBP", "image/webp", ".webp"),
}


@dataclass(frozen=True)
class Source:
    """Where an image comes from: a path, or bytes (pasted data, stdin) with a display name.

    `existed` records whether the path was there when the source was made (queued), so a
    file that is missing later can be told apart from one that never existed.
    """

    path: Path | None = None
    data: bytes | None = None
    name: str = ""
    existed: bool = field(default=False, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.path is not None:
            object.__setattr__(self, "existed", os.path.lexists(self.path))

    @property
    def display_name(self) -> str:
        return self.name or (self.path.name if self.path else "pasted image")


@dataclass(frozen=True)
class PrepareOptions:
    long_side: int = 2048  # 0 = keep original size
    format: str = "jpeg"  # jpeg | png | webp
    quality: int = 90
    max_pixels: int = 100_000_000
    rotate: int = 0  # extra clockwise rotation asked for by the person (0/90/180/270)
    max_bytes: int = MAX_UPLOAD_BYTES  # the upload limit the encoder steps down to
    # Keep the upright pixels next to the upload (PreparedImage.pixels): the on-device
    # engine reads them instead of decoding the lossy upload JPEG again.
    keep_pixels: bool = False
    send: str = "whole"  # card: cut each detected card out first (card_prepare.prepare)
    strict: bool = False  # card_prepare: a quality warning fails the file instead


@dataclass(frozen=True)
class PreparedImage:
    """The upload: `timings` are seconds per stage (read, open, decode, ..., total)."""

    data: bytes
    mime_type: str
    filename: str
    size: tuple[int, int]
    source_size: tuple[int, int]  # pixel size as stored in the file (before orientation)
    source_format: str  # Pillow's name: JPEG, PNG, HEIF, WEBP, GIF, BMP, TIFF, AVIF
    timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    source_bytes: int = 0
    # The upright RGB image the upload was encoded from, when PrepareOptions.keep_pixels
    # asked for it (the on-device engine); the runner drops it once the engine has read it.
    pixels: Image.Image | None = field(default=None, compare=False)

    def __repr__(self) -> str:
        return (
            f"PreparedImage({self.filename!r}, {self.mime_type}, {len(self.data)} bytes, "
            f"{self.size[0]}x{self.size[1]})"
        )


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------
def _too_large(name: str, size: int | None) -> FileTooLargeError:
    """`size` is None when the real size is not known (a capped read of stdin)."""
    limit = f"the {_megabytes(MAX_INPUT_BYTES)} limit for an image file"
    return FileTooLargeError(
        message=f"{name} is {_megabytes(size)}, larger than {limit}"
        if size is not None
        else f"{name} is larger than {limit}",
        metadata={"size": size, "limit": MAX_INPUT_BYTES},
    )


def _read(source: Source) -> tuple[bytes, str | None]:
    """All bytes of the source and their kind; a non-image is refused after its first 4 KiB.

    Never more than MAX_INPUT_BYTES + 1 bytes are read: a file's size is checked first (a
    sparse 4 GB file costs nothing to make and 8 GB to hold), and data that arrived with
    more (stdin reads cap + 1 bytes) is refused.
    """
    name = source.display_name
    if source.data is not None:
        if not source.data:
            raise EmptyFileError(message=f"{name} is empty (0 bytes)")
        kind = sniff_kind(source.data)
        if len(source.data) > MAX_INPUT_BYTES and kind in _IMAGE_FORMATS:
            size = len(source.data)  # exactly cap + 1: all a capped read of stdin got
            raise _too_large(name, None if size == MAX_INPUT_BYTES + 1 else size)
        return source.data, kind
    if source.path is None:
        raise UsageError(message="No file or image data was given.")
    path = source.path
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)  # non-blocking: a FIFO must not hang the worker
    except (FileNotFoundError, NotADirectoryError):
        if source.existed:  # it was there when it was queued
            raise FileGoneError(
                message=f"{name} no longer exists: it was moved, renamed or deleted"
            ) from None
        raise NoSuchFileError(message=f"{name} does not exist") from None
    except IsADirectoryError:
        raise FileUnreadableError(message=f"{name} is a folder, not an image file") from None
    except PermissionError:
        raise FileUnreadableError(message=f"No permission to read {name}") from None
    except OSError as exc:
        raise FileUnreadableError(
            message=f"{name} could not be read ({exc.strerror or 'input/output error'})"
        ) from None
    try:
        status = os.fstat(fd)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise FileUnreadableError(message=f"{name} is a folder, not an image file")
        if not stat.S_ISREG(mode):
            raise FileUnreadableError(
                message=f"{name} is not a regular file (a pipe, socket or device)"
            )
        with open(fd, "rb", closefd=False) as handle:
            head = handle.read(_HEAD_BYTES)
            if not head:
                raise EmptyFileError(message=f"{name} is empty (0 bytes)")
            kind = sniff_kind(head)
            if kind not in _IMAGE_FORMATS:
                return head, kind  # refused by the caller; no need to read a 4 GB video
            if status.st_size > MAX_INPUT_BYTES:
                raise _too_large(name, status.st_size)
            # As many bytes as the size says, plus one to notice a file still growing.
            data = head + handle.read(max(0, status.st_size + 1 - len(head)))
            if len(data) > status.st_size:
                data += handle.read(max(0, MAX_INPUT_BYTES + 1 - len(data)))
            if len(data) > MAX_INPUT_BYTES:
                raise _too_large(name, None)
            return data, kind
    except OSError as exc:
        raise FileUnreadableError(
            message=f"{name} could not be read ({exc.strerror or 'input/output error'})"
        ) from None
    finally:
        os.close(fd)


def _refuse_unless_image(kind: str | None, name: str) -> str:
    """The Pillow format name for `kind`, or the error saying what the content is instead."""
    if kind in _IMAGE_FORMATS:
        return _IMAGE_FORMATS[kind]
    if kind in _UNSUPPORTED_IMAGES:
        raise UnsupportedFormatError(
            message=f"{name} is {_UNSUPPORTED_IMAGES[kind]}, which the app cannot read"
        )
    if kind in _NOT_IMAGES:
        raise NotAnImageError(message=f"{name} is {_NOT_IMAGES[kind]}, not an image")
    raise NotAnImageError(message=f"{name} is not an image: its content is no known picture format")


# ---------------------------------------------------------------------------------------
# Opening (header only) and decoding
# ---------------------------------------------------------------------------------------
_heif_lock = threading.Lock()
_heif_class: type[Any] | None = None


def _heif_image_class(name: str) -> type[Any]:
    """pi-heif's Pillow plugin class, imported once; its security limits stay on.

    pi-heif is pillow-heif without the HEVC encoder: the app reads HEIC, never writes it.
    """
    global _heif_class
    with _heif_lock:
        if _heif_class is None:
            try:
                from pi_heif.as_plugin import HeifImageFile
            except Exception as exc:  # ImportError, or a broken native library (OSError)
                raise HeicSupportMissingError(
                    message=f"{name} is a HEIC/HEIF photo, but the HEIC decoder could not be "
                    "loaded",
                    detail=f"{type(exc).__name__}: {exc}",
                ) from None
            _heif_class = HeifImageFile
        return _heif_class


def _plugin_class(fmt: str, name: str) -> Callable[[io.BytesIO], ImageFile.ImageFile]:
    """The Pillow plugin for `fmt`: opening through it skips Image.open's guessing and its
    global MAX_IMAGE_PIXELS check, so our own per-call limit is the one that applies."""
    from PIL import features

    if fmt == "JPEG":
        from PIL import JpegImagePlugin

        return JpegImagePlugin.JpegImageFile
    if fmt == "PNG":
        from PIL import PngImagePlugin

        return PngImagePlugin.PngImageFile
    if fmt == "GIF":
        from PIL import GifImagePlugin

        return GifImagePlugin.GifImageFile
    if fmt == "BMP":
        from PIL import BmpImagePlugin

        return BmpImagePlugin.BmpImageFile
    if fmt == "TIFF":
        from PIL import TiffImagePlugin

        return TiffImagePlugin.TiffImageFile
    if fmt == "WEBP" and features.check("webp"):
        from PIL import WebPImagePlugin

        return WebPImagePlugin.WebPImageFile
    if fmt == "AVIF" and features.check("avif"):
        from PIL import AvifImagePlugin

        return AvifImagePlugin.AvifImageFile
    if fmt == "HEIF":
        return _heif_image_class(name)
    raise UnsupportedFormatError(
        message=f"{name} is a {fmt} image, and this installation cannot decode {fmt}"
    )


# Everything Pillow and libheif raise for bad data (Pillow turns parser slips into SyntaxError).
_DECODE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    IndexError,
    KeyError,
    TypeError,
    ZeroDivisionError,
    OverflowError,
    RuntimeError,
)


def _corrupt(name: str, fmt: str, exc: BaseException) -> CorruptImageError:
    text = str(exc)
    if "truncated" in text or isinstance(exc, EOFError):
        message = f"{name} is cut off: the {fmt} data ends too early (an incomplete copy?)"
    else:
        message = f"{name} is a damaged {fmt} image and cannot be decoded"
    return CorruptImageError(message=message, detail=f"{type(exc).__name__}: {text[:200]}")


@contextmanager
def file_errors(name: str, fmt: str) -> Iterator[None]:
    """Running out of memory, or a lazily decoded image failing, as the file's error."""
    try:
        yield
    except MemoryError:
        raise TooManyPixelsError(
            message=f"{name} is too large to process in the memory available") from None
    except _DECODE_ERRORS as exc:
        raise _corrupt(name, fmt, exc) from None


@dataclass
class _Decoded:
    image: Image.Image
    fmt: str
    source_size: tuple[int, int]
    orientation: int
    icc: bytes | None


# Blocks this large or more are mapped for themselves and given back when freed (glibc).
BIG_BLOCK = 4 * 1024 * 1024
_allocator_tuned = False


def give_back_big_blocks() -> None:
    """Have the C allocator hand a decoded photo's memory back to the system when it is
    freed (glibc; elsewhere nothing to do).  By default glibc raises its mmap threshold
    to the size of the first big block freed (up to 32 MB), and from then on a photo's
    16 MB pixel blocks come from per-thread heaps that keep them: decodes in several
    threads left the window hundreds of MB above what it held (issue #16).  Once per
    process, on the first decode."""
    global _allocator_tuned
    if _allocator_tuned:
        return
    _allocator_tuned = True
    import ctypes
    import platform

    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, BIG_BLOCK)  # M_MMAP_THRESHOLD (fixed: no more raising it)
    except (OSError, AttributeError):
        return


def _decode(
    data: bytes, kind: str | None, name: str, target: int, slack: float, max_pixels: int
) -> tuple[_Decoded, dict[str, float]]:
    """Open by content, check the pixel count from the header, then decode no more than needed."""
    from PIL import Image

    give_back_big_blocks()

    fmt = _refuse_unless_image(kind, name)
    plugin = _plugin_class(fmt, name)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        im = plugin(io.BytesIO(data))  # header only
        timings["open"] = time.perf_counter() - started
        _check_pixels(im.size, max_pixels, name)
        if fmt == "JPEG" and im.info.get("progression"):
            _check_jpeg_scans(data, name)
        source_size = im.size
        started = time.perf_counter()
        long_side = max(im.size)
        if target and fmt == "JPEG":
            for scale in (8, 4, 2):
                if (long_side + scale - 1) // scale >= slack * target:
                    im.draft(im.mode, (im.size[0] // scale, im.size[1] // scale))
                    break
        elif target and fmt == "HEIF":
            im.draft(None, (target, target))  # an embedded thumbnail, when one is large enough
        _check_decoded_bytes(im, max_pixels, name)
        im.load()  # GIF, TIFF, WebP, HEIF: the first frame / page / primary image
        orientation = 1
        if fmt != "HEIF":  # libheif already applied irot/imir; never rotate twice
            orientation = _exif_orientation(im)
        icc = im.info.get("icc_profile") or None
        timings["decode"] = time.perf_counter() - started
    except Image.DecompressionBombError:  # Pillow's own check, should a plugin call it anew
        raise TooManyPixelsError(
            message=f"{name} has more pixels than the safety limit allows"
        ) from None
    except MemoryError:
        raise TooManyPixelsError(
            message=f"{name} is too large to decode in the memory available"
        ) from None
    except _DECODE_ERRORS as exc:
        raise _corrupt(name, fmt, exc) from None
    return _Decoded(im, fmt, source_size, orientation, icc), timings


def _exif_orientation(im: Image.Image) -> int:
    """EXIF Orientation 1-8; anything unreadable or out of range counts as upright."""
    try:
        value = im.getexif().get(0x0112, 1)
    except Exception:  # a damaged EXIF block must not cost the picture
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


# ---------------------------------------------------------------------------------------
# Pixels: normalise, resize, colour, orient
# ---------------------------------------------------------------------------------------
def _normalise(im: Image.Image) -> Image.Image:
    """Any mode -> RGB, L or CMYK; alpha composited onto white, 16-bit scaled, not clipped."""
    from PIL import Image

    mode = im.mode
    if mode in ("RGB", "L", "CMYK"):
        return im
    if mode.startswith("I;16"):
        return im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if mode in ("I", "F"):
        extrema = im.getextrema()
        low, high = float(extrema[0]), float(extrema[1])  # type: ignore[arg-type]
        span = high - low or 1.0
        scaled = im.convert("F").point(lambda v: (v - low) * (255.0 / span))
        return scaled.convert("L")
    if mode == "1":
        return im.convert("L")
    if mode == "P":
        palette_mode = im.palette.mode if im.palette is not None else ""
        has_alpha = "transparency" in im.info or palette_mode == "RGBA"
        im = im.convert("RGBA" if has_alpha else "RGB")
        mode = im.mode
    if mode == "PA":
        im, mode = im.convert("RGBA"), "RGBA"
    if mode in ("LA", "La"):
        im, mode = im.convert("LA"), "LA"
        background = Image.new("L", im.size, 255)
        background.paste(im.getchannel("L"), mask=im.getchannel("A"))
        return background
    if mode in ("RGBA", "RGBa"):
        if mode == "RGBa":
            im = im.convert("RGBA")
        background = Image.new("RGB", im.size, (255, 255, 255))
        # RGBA pastes onto RGB through its own alpha: no RGB copy, no alpha copy (a 75 MP
        # image would otherwise hold four full-size images at once).
        background.paste(im, mask=im)
        return background
    return im.convert("RGB")  # RGB, YCbCr, LAB, HSV, RGBX, ...


def _resize(im: Image.Image, target: int, slack: float) -> Image.Image:
    """reduce() by the largest integer step that stays near the target, LANCZOS the rest."""
    from PIL import Image

    long_side = max(im.size)
    if not target or long_side <= target:
        return im  # never upscale
    step = int(long_side // (slack * target))
    if step >= 2:
        im = im.reduce(step)
        long_side = max(im.size)
    if long_side > target:
        factor = target / long_side
        size = (max(1, round(im.size[0] * factor)), max(1, round(im.size[1] * factor)))
        im = im.resize(size, Image.Resampling.LANCZOS)
    return im


_icc_lock = threading.Lock()
_icc_transforms: dict[tuple[bytes, str], Any] = {}


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """Embedded profile -> sRGB (cached transforms); CMYK without a usable profile via convert."""
    if icc and im.mode in ("RGB", "CMYK"):
        transform = _icc_transform(icc, im.mode)
        if transform is not None:
            from PIL import ImageCms

            try:
                return ImageCms.applyTransform(im, transform) or im
            except (ImageCms.PyCMSError, OSError, ValueError):
                pass
    return im if im.mode in ("RGB", "L") else im.convert("RGB")


def _icc_transform(icc: bytes, mode: str) -> Any:
    """A transform from `icc` to sRGB, None when the profile is sRGB already or unusable."""
    key = (hashlib.sha1(icc).digest(), mode)
    with _icc_lock:
        if key in _icc_transforms:
            return _icc_transforms[key]
    from PIL import ImageCms

    transform: Any = None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        description = ImageCms.getProfileDescription(profile) or ""
        colour_space = profile.profile.xcolor_space.strip()
        wanted_space = "RGB" if mode == "RGB" else "CMYK"
        if "srgb" not in description.lower() and colour_space == wanted_space:
            transform = ImageCms.buildTransform(
                profile,
                ImageCms.createProfile("sRGB"),
                mode,
                "RGB",
                flags=ImageCms.Flags.NOCACHE,  # lcms's 1-pixel cache is not thread-safe
            )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError, AttributeError):
        transform = None
    with _icc_lock:
        _icc_transforms[key] = transform
    return transform


def _orient(im: Image.Image, orientation: int, rotate: int) -> Image.Image:
    """EXIF orientation, then the person's clockwise rotation."""
    for op in orient_ops(orientation, rotate):
        im = im.transpose(op)
    return im


def orient_ops(orientation: int, rotate: int) -> list[Image.Transpose]:
    """The transposes `_orient` applies, in order: EXIF orientation, then the person's
    clockwise rotation."""
    from PIL import Image

    T = Image.Transpose
    by_orientation = {
        2: T.FLIP_LEFT_RIGHT,
        3: T.ROTATE_180,
        4: T.FLIP_TOP_BOTTOM,
        5: T.TRANSPOSE,
        6: T.ROTATE_270,
        7: T.TRANSVERSE,
        8: T.ROTATE_90,
    }
    clockwise = {90: T.ROTATE_270, 180: T.ROTATE_180, 270: T.ROTATE_90}
    ops: list[Image.Transpose] = []
    if orientation in by_orientation:
        ops.append(by_orientation[orientation])
    if rotate % 360 in clockwise:
        ops.append(clockwise[rotate % 360])
    return ops


Box = tuple[int, int, int, int]


def box_before(box: Box, size: tuple[int, int], ops: Sequence[Image.Transpose]) -> Box:
    """The box (left, top, right, bottom) of an image of `size` that `ops` turn into `box`
    of the result: cropping it first and turning the crop gives the same pixels as turning
    the whole image and cropping `box` (card_prepare turns the card's region only)."""
    from PIL import Image

    T = Image.Transpose
    swaps = (T.ROTATE_90, T.ROTATE_270, T.TRANSPOSE, T.TRANSVERSE)
    inverse = {T.ROTATE_90: T.ROTATE_270, T.ROTATE_270: T.ROTATE_90}
    sizes = [size]
    for op in ops:
        w, h = sizes[-1]
        sizes.append((h, w) if op in swaps else (w, h))
    for op, after in zip(reversed(ops), reversed(sizes[1:]), strict=True):
        box = _box_through(inverse.get(op, op), box, after)
    return box


def _box_through(op: Image.Transpose, box: Box, size: tuple[int, int]) -> Box:
    """Where `box` of an image of `size` lands once the image is turned by `op`."""
    from PIL import Image

    T = Image.Transpose
    x0, y0, x1, y1 = box
    w, h = size
    return {
        T.FLIP_LEFT_RIGHT: (w - x1, y0, w - x0, y1),
        T.FLIP_TOP_BOTTOM: (x0, h - y1, x1, h - y0),
        T.ROTATE_180: (w - x1, h - y1, w - x0, h - y0),
        T.ROTATE_90: (y0, w - x1, y1, w - x0),
        T.ROTATE_270: (h - y1, x0, h - y0, x1),
        T.TRANSPOSE: (y0, x0, y1, x1),
        T.TRANSVERSE: (h - y1, w - x1, h - y0, w - x0),
    }[op]


# ---------------------------------------------------------------------------------------
# Encoding
# ---------------------------------------------------------------------------------------
def _encode(im: Image.Image, fmt: str, quality: int) -> bytes:
    """Bytes with no metadata: `info` is emptied so nothing (EXIF, ICC, XMP, text) is carried."""
    im.info = {}
    buffer = io.BytesIO()
    if fmt == "JPEG":
        im.save(buffer, "JPEG", quality=quality)  # optimize=True: -3 % size, +20 ms
    elif fmt == "PNG":
        im.save(buffer, "PNG", compress_level=6)
    else:
        im.save(buffer, "WEBP", quality=quality, method=4)
    return buffer.getvalue()


def _encode_within(
    im: Image.Image, fmt: str, quality: int, limit: int, name: str
) -> tuple[Image.Image, bytes, bool]:
    """Encode; while over `limit`, lower the quality to 60, then shrink by 3/4 per step."""
    from PIL import Image

    shrunk = False
    for _attempt in range(24):
        data = _encode(im, fmt, quality)
        if len(data) <= limit:
            return im, data, shrunk
        shrunk = True
        if fmt != "PNG" and quality > 60:
            quality = max(60, quality - 10)
        elif max(im.size) > 64:
            size = (max(1, im.size[0] * 3 // 4), max(1, im.size[1] * 3 // 4))
            im = im.resize(size, Image.Resampling.LANCZOS)
        else:
            break
    raise ImageTooLargeError(message=f"{name} cannot be made smaller than the upload limit")


def upload_filename(display_name: str, extension: str) -> str:
    """The source's stem with `extension`, ASCII-only and safe inside a multipart header."""
    stem = display_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." in stem.strip(".") and not stem.startswith("."):
        stem = stem.rsplit(".", 1)[0]
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_stem).strip("._-")[:100].rstrip("._-")
    return f"{safe or 'image'}{extension}"


# ---------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------
def _check_options(options: PrepareOptions) -> None:
    if options.format not in _OUTPUT:
        raise UsageError(message=f"Unknown output format {options.format!r}: use jpeg, png or webp")
    if not 1 <= options.quality <= 100:
        raise UsageError(message=f"Quality must be between 1 and 100, not {options.quality}")
    if options.long_side < 0:
        raise UsageError(message=f"The long side must be 0 (keep) or more, not {options.long_side}")
    if options.rotate % 90:
        raise UsageError(message=f"Rotation must be a multiple of 90°, not {options.rotate}°")


def prepare(source: Source, options: PrepareOptions | None = None) -> PreparedImage:
    """Turn one dropped, pasted or named image into the upload; raises only PicToTextErrors."""
    with own_limits():
        return _prepare(source, options)


def _prepare(source: Source, options: PrepareOptions | None) -> PreparedImage:
    options = options or PrepareOptions()
    _check_options(options)
    name = source.display_name
    pil_format, mime, extension = _OUTPUT[options.format]
    started = time.perf_counter()
    data, kind = _read(source)
    timings = {"read": time.perf_counter() - started}

    decoded, decode_timings = _decode(
        data, kind, name, options.long_side, TARGET_SLACK, options.max_pixels
    )
    timings.update(decode_timings)
    fmt = decoded.fmt
    warnings: list[str] = []
    with file_errors(name, fmt):  # lazily decoded formats can still fail here
        t0 = time.perf_counter()
        im = _normalise(decoded.image)
        t1 = time.perf_counter()
        im = _resize(im, options.long_side, TARGET_SLACK)
        t2 = time.perf_counter()
        im = _to_srgb(im, decoded.icc)
        t3 = time.perf_counter()
        im = _orient(im, decoded.orientation, options.rotate)
        t4 = time.perf_counter()
        im, encoded, shrunk = _encode_within(
            im, pil_format, options.quality, options.max_bytes, name
        )
        t5 = time.perf_counter()
        timings.update(normalise=t1 - t0, resize=t2 - t1, colour=t3 - t2, orient=t4 - t3)
        timings["encode"] = t5 - t4
    if max(decoded.source_size) < SMALL_IMAGE_PX:
        width, height = decoded.source_size
        warnings.append(notes.note(notes.SMALL_IMAGE, name=name, width=width,
                                   height=height))
    if shrunk:
        warnings.append(notes.note(notes.REDUCED, name=name, width=im.size[0],
                                   height=im.size[1], mb=f"{options.max_bytes / 1e6:g}"))
    timings["total"] = time.perf_counter() - started
    return PreparedImage(
        data=encoded,
        mime_type=mime,
        filename=upload_filename(name, extension),
        size=im.size,
        source_size=decoded.source_size,
        source_format=fmt,
        timings=timings,
        warnings=tuple(warnings),
        source_bytes=len(data),
        pixels=im.convert("RGB") if options.keep_pixels else None,
    )


def make_thumbnail(source: Source, size: int = 128) -> bytes:
    """An upright PNG whose long side is at most `size`, for the queue; fast via draft/reduce."""
    with own_limits():
        return _make_thumbnail(source, size)


def _make_thumbnail(source: Source, size: int) -> bytes:
    if size <= 0:
        raise UsageError(message=f"A thumbnail needs a positive size, not {size}")
    name = source.display_name
    data, kind = _read(source)
    # For thumbnails a reduce() step may leave up to 2x the size: LANCZOS smooths the rest.
    decoded, _ = _decode(data, kind, name, size, 1.0, PrepareOptions().max_pixels)
    try:
        im = _normalise(decoded.image)
        im = _resize(im, size, 2.0)
        im = _orient(_to_srgb(im, decoded.icc), decoded.orientation, 0)
        im.info = {}
        buffer = io.BytesIO()
        im.save(buffer, "PNG", compress_level=1)
    except _DECODE_ERRORS as exc:
        raise _corrupt(name, decoded.fmt, exc) from None
    return buffer.getvalue()


__all__ = [
    "ALLOWED_UPLOAD_MIME",
    "MAX_INPUT_BYTES",
    "MAX_UPLOAD_BYTES",
    "PrepareOptions",
    "PreparedImage",
    "Source",
    "make_thumbnail",
    "prepare",
    "sniff_kind",
    "upload_filename",
]
