"""Hostile and impossible inputs: each is refused with its own message, cheaply, alone.

Every fixture is made here, on the fly: a sparse 4 GB file (free on disk), a JPEG with
1,000 redundant scans, a 38-byte WebP and a tiny PNG declaring 100 MP of RGBA, TIFFs
around Pillow's own pixel limit, a missing file.  Memory is measured in a subprocess
whose address space is capped, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image

from pictotext_desktop import errors
from pictotext_desktop.cli import expand_paths
from pictotext_desktop.imaging import MAX_INPUT_BYTES, PrepareOptions, Source, prepare
from tests.conftest import TEST_KEY
from tests.stand_in_server import StandInServer

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


# -- fixtures made on the fly ---------------------------------------------------------------
def small_jpeg(progressive: bool = False) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 64).convert("RGB").save(
        buffer, "JPEG", quality=90, progressive=progressive
    )
    return buffer.getvalue()


def sparse_jpeg(path: Path, size: int) -> Path:
    """A file that starts like a JPEG and is `size` bytes long, without using the disk."""
    path.write_bytes(small_jpeg())
    os.truncate(path, size)
    return path


def scan_bomb(scans: int = 1000) -> bytes:
    """A valid progressive JPEG whose last scan is repeated until it has `scans` scans."""
    data = small_jpeg(progressive=True)
    assert data.endswith(b"\xff\xd9")
    last_scan = data[data.rindex(b"\xff\xda") : -2]  # the final scan runs up to EOI
    bomb = data[:-2] + last_scan * (scans - data.count(b"\xff\xda")) + b"\xff\xd9"
    assert bomb.count(b"\xff\xda") == scans
    return bomb


def webp_bomb(width: int = 10000, height: int = 10000) -> bytes:
    """38 bytes of lossless WebP that decode to width × height RGBA pixels of one colour.

    A 1-pixel image of one colour needs no bits per pixel, so only its size is patched."""
    buffer = io.BytesIO()
    Image.new("RGBA", (1, 1), (10, 20, 30, 128)).save(buffer, "WEBP", lossless=True)
    data = bytearray(buffer.getvalue())
    assert data[12:16] == b"VP8L"
    (bits,) = struct.unpack("<I", data[21:25])
    bits = (bits & ~((1 << 28) - 1)) | (width - 1) | ((height - 1) << 14)
    data[21:25] = struct.pack("<I", bits)
    return bytes(data)


def png_header(width: int, height: int, colour_type: int = 6) -> bytes:
    """A PNG whose IHDR declares the size (colour type 6: RGBA) with one short IDAT."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))


def tiff_header(width: int, height: int) -> bytes:
    """An uncompressed 8-bit greyscale TIFF declaring width × height with no pixel data."""
    tags = [  # (tag, type SHORT=3 / LONG=4, value)
        (256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
        (273, 4, 8 + 2 + 12 * 10 + 4), (277, 3, 1), (278, 4, height),
        (279, 4, width * height), (284, 3, 1),
    ]
    entries = b"".join(
        struct.pack("<HHI", tag, kind, 1)
        + (struct.pack("<I", value) if kind == 4 else struct.pack("<HH", value, 0))
        for tag, kind, value in tags
    )
    ifd = struct.pack("<H", len(tags)) + entries + struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\x00" * 64


def tiff_image(size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize(size).save(buffer, "TIFF")
    return buffer.getvalue()


def measured(
    path: Path, max_megapixels: int = 100, address_space_mb: int = 1500
) -> dict[str, object]:
    """prepare(path) in a fresh interpreter limited to `address_space_mb` of address space:
    the outcome, its peak RSS and everything it wrote on stderr."""
    script = f"""
import json, resource, sys, time
limit = {address_space_mb} * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from pathlib import Path
from pictotext_desktop.imaging import PrepareOptions, Source, prepare
started = time.perf_counter()
try:
    prepare(Source(path=Path({str(path)!r})), PrepareOptions(max_pixels={max_megapixels} * 10**6))
    outcome = {{"error": None, "message": ""}}
except BaseException as exc:
    outcome = {{"error": type(exc).__name__, "message": str(exc)}}
outcome["seconds"] = time.perf_counter() - started
try:  # this process's own peak: ru_maxrss also keeps the forking parent's from before exec
    with open("/proc/self/status") as status:
        hwm = next(line for line in status if line.startswith("VmHWM:"))
    outcome["peak_mb"] = int(hwm.split()[1]) / 1024
except OSError:
    outcome["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(outcome))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
        env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    outcome: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    outcome["stderr"] = result.stderr
    return outcome


# -- 1. size: never read past the cap -----------------------------------------------------
def test_a_sparse_4_gb_jpeg_is_refused_from_its_size_without_reading_it(tmp_path: Path) -> None:
    path = sparse_jpeg(tmp_path / "holiday.jpg", 4 * 1024**3)
    outcome = measured(path)
    assert outcome["error"] == "FileTooLargeError", outcome
    assert outcome["message"] == "holiday.jpg is 4.3 GB, larger than the 250 MB limit for an " \
                                 "image file"
    assert float(outcome["peak_mb"]) < 300  # type: ignore[arg-type]


def test_the_cap_is_exact(tmp_path: Path) -> None:
    at_cap = sparse_jpeg(tmp_path / "at.jpg", MAX_INPUT_BYTES)
    over = sparse_jpeg(tmp_path / "over.jpg", MAX_INPUT_BYTES + 1)
    with pytest.raises(errors.FileTooLargeError, match=r"over\.jpg is 250 MB, larger than"):
        prepare(Source(path=over))
    assert prepare(Source(path=at_cap)).source_size == (64, 64)  # all 250 MB read


def test_pasted_bytes_over_the_cap_are_refused() -> None:
    data = small_jpeg() + bytes(MAX_INPUT_BYTES)
    with pytest.raises(errors.FileTooLargeError,
                       match=r"^Pasted image 1 is 250 MB, larger than the 250 MB limit"):
        prepare(Source(data=data, name="Pasted image 1"))


class EndlessJpeg(io.RawIOBase):
    """stdin that never ends (a JPEG header, then zeros), recording what was asked of it."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.asked.append(size)
        if size is None or size < 0:
            raise MemoryError("read everything of an endless stream")
        return (b"\xff\xd8\xff\xe0" + bytes(size))[:size]


def test_stdin_is_read_up_to_the_cap_plus_one_byte() -> None:
    stdin = EndlessJpeg()
    sources, _ = expand_paths(["-"], stdin=stdin)  # type: ignore[arg-type]
    assert stdin.asked == [MAX_INPUT_BYTES + 1]
    with pytest.raises(errors.FileTooLargeError,
                       match=r"^stdin is larger than the 250 MB limit for an image file$"):
        prepare(sources[0])


# -- 2. work: a JPEG's scans are counted before it is decoded ----------------------------
def test_a_jpeg_with_1000_scans_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "scans.jpg"
    path.write_bytes(scan_bomb(1000))
    with pytest.raises(errors.CorruptImageError,
                       match=r"^scans\.jpg is a JPEG made of 1000 scans, more than the 100 "):
        prepare(Source(path=path))


def test_ordinary_progressive_jpegs_still_decode() -> None:
    ordinary = small_jpeg(progressive=True)
    assert 5 <= ordinary.count(b"\xff\xda") <= 20
    assert prepare(Source(data=ordinary, name="p.jpg")).source_size == (64, 64)
    assert prepare(Source(data=scan_bomb(100), name="hundred.jpg")).source_size == (64, 64)


# -- 3. decoded bytes, and one rule for every format ----------------------------------------
def test_a_38_byte_webp_of_100_mp_rgba_is_refused_from_its_header(tmp_path: Path) -> None:
    path = tmp_path / "tiny.webp"
    path.write_bytes(webp_bomb())
    assert len(path.read_bytes()) < 64
    outcome = measured(path)
    assert outcome["error"] == "TooManyPixelsError", outcome
    assert outcome["message"] == (
        "tiny.webp is 10000×10000 pixels in RGBA mode: decoding it takes 400 MB, more than "
        "the 300 MB the 100 MP safety limit allows")
    assert float(outcome["peak_mb"]) < 300  # type: ignore[arg-type]


def test_a_small_png_declaring_100_mp_rgba_is_refused_from_its_header() -> None:
    with pytest.raises(errors.TooManyPixelsError,
                       match=r"^rgba\.png is 10000×10000 pixels in RGBA mode: decoding it "
                             r"takes 400 MB, more than the 300 MB"):
        prepare(Source(data=png_header(10000, 10000), name="rgba.png"))
    with pytest.raises(errors.TooManyPixelsError, match=r"20000×20000 pixels \(400 MP\)"):
        prepare(Source(data=png_header(20000, 20000), name="huge.png"))


def test_the_byte_budget_follows_the_pixel_limit() -> None:
    # 10000×10000 greyscale is 100 MB decoded: under the 300 MB budget, so it is decoded
    # (and found cut off); raising the limit lets the RGBA one through to the same point.
    with pytest.raises(errors.CorruptImageError, match="cut off"):
        prepare(Source(data=png_header(10000, 10000, colour_type=0), name="grey.png"))
    with pytest.raises(errors.CorruptImageError, match="cut off"):
        prepare(Source(data=png_header(10000, 10000), name="rgba.png"),
                PrepareOptions(max_pixels=150_000_000))


def test_transparency_is_still_blended_onto_white_without_copies() -> None:
    # The largest RGBA the budget admits (75 MP) peaked at 1.2 GB through four full-size
    # copies; now 0.65 GB (bench/hostile_files.py).  The blend itself must not change.
    rgba = Image.new("RGBA", (700, 500), (0, 0, 0, 0))
    rgba.paste((0, 0, 0, 128), (0, 0, 350, 500))
    rgba.paste((255, 0, 0, 255), (350, 0, 700, 250))
    buffer = io.BytesIO()
    rgba.save(buffer, "PNG")
    done = prepare(Source(data=buffer.getvalue(), name="a.png"), PrepareOptions(format="png"))
    image = Image.open(io.BytesIO(done.data))
    assert image.mode == "RGB"
    assert image.getpixel((100, 100)) == (127, 127, 127)
    assert image.getpixel((600, 100)) == (255, 0, 0)
    assert image.getpixel((600, 400)) == (255, 255, 255)


def test_pillow_global_pixel_limit_never_decides_or_warns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # Pillow's own limit, made tiny
    tiff = tiff_image((100, 100))
    buffer = io.BytesIO()
    Image.new("P", (100, 100)).save(buffer, "GIF")
    gif = buffer.getvalue()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a DecompressionBombWarning would fail the test
        assert prepare(Source(data=tiff, name="a.tif")).source_size == (100, 100)
        assert prepare(Source(data=gif, name="a.gif")).source_size == (100, 100)
        with pytest.raises(errors.TooManyPixelsError, match=r"a\.tif is 100×100 pixels"):
            prepare(Source(data=tiff, name="a.tif"), PrepareOptions(max_pixels=5000))
    # Other code in the process still gets Pillow's own check.
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(tiff)).load()


def test_a_tiff_between_pillows_limit_and_ours_prints_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    path.write_bytes(tiff_header(9800, 9800))  # 96 MP: over Pillow's 89 MP, under our 100
    outcome = measured(path)
    assert outcome["error"] == "CorruptImageError", outcome  # decoded: no pixel data in it
    assert "scan.tif is cut off" in str(outcome["message"])
    assert "DecompressionBomb" not in str(outcome["stderr"])


def test_a_tiff_over_the_limit_is_refused_by_the_apps_rule(tmp_path: Path) -> None:
    path = tmp_path / "big.tif"
    path.write_bytes(tiff_header(12000, 12000))
    with pytest.raises(errors.TooManyPixelsError,
                       match=r"^big\.tif is 12000×12000 pixels \(144 MP\), more than the "
                             r"100 MP safety limit$"):
        prepare(Source(path=path))
    # A person who raised the limit to 300 MP gets it decoded, not Pillow's 179 MP refusal.
    outcome = measured(path, max_megapixels=300)
    assert outcome["error"] == "CorruptImageError", outcome
    assert "DecompressionBomb" not in str(outcome["stderr"])


# -- 4. a missing file ------------------------------------------------------------------
def test_a_file_that_never_existed_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(errors.NoSuchFileError, match=r"^missing\.jpg does not exist$") as info:
        prepare(Source(path=tmp_path / "missing.jpg"))
    assert "moved" not in str(info.value) and info.value.reason_code == "FILE_NOT_FOUND"
    queued = tmp_path / "queued.jpg"
    queued.write_bytes(small_jpeg())
    source = Source(path=queued)
    queued.unlink()
    with pytest.raises(errors.FileGoneError, match=r"^queued\.jpg no longer exists: it was moved"):
        prepare(source)


# -- through the CLI: each bad file is one line, the good ones are still read ---------------
def test_one_scan_with_every_hostile_file_among_good_ones(
    run_cli: object, server: StandInServer, card_jpeg: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    monkeypatch.setenv("PICTOTEXT_API_URL", server.url)
    good2 = tmp_path / "good2.jpg"
    good2.write_bytes(card_jpeg.read_bytes())
    bad = {
        "sparse.jpg": "sparse.jpg is 300 MB, larger than the 250 MB limit for an image file",
        "scans.jpg": "scans.jpg is a JPEG made of 1000 scans",
        "tiny.webp": "tiny.webp is 10000×10000 pixels in RGBA mode",
        "missing.jpg": "missing.jpg does not exist",
    }
    sparse_jpeg(tmp_path / "sparse.jpg", 300 * MB)
    (tmp_path / "scans.jpg").write_bytes(scan_bomb(1000))
    (tmp_path / "tiny.webp").write_bytes(webp_bomb())
    paths = [card_jpeg, tmp_path / "sparse.jpg", tmp_path / "scans.jpg",
             tmp_path / "tiny.webp", tmp_path / "missing.jpg", good2]
    code, out, err = run_cli(  # type: ignore[operator]
        "scan", "--rate-limit", "100", "-f", "json", *map(str, paths))
    assert code == errors.EXIT_INPUT
    assert "Traceback" not in out + err
    records = {Path(r["source"]).name: r for r in json.loads(out)}
    assert records["card.jpg"]["error"] is None and records["good2.jpg"]["error"] is None
    assert len(server.requests) == 2
    lines = err.strip().splitlines()
    assert len(lines) == len(bad)
    for name, message in bad.items():
        assert message in records[name]["error"]["message"]
        assert any(message in line for line in lines), (name, lines)
    assert "moved" not in err
