"""Peak memory and time of imaging.prepare on hostile files (the hardening issue's cases).

Run from the repository root:  python bench/hostile_files.py [--root CHECKOUT] [--cap-mb 3000]

Each case runs in a fresh interpreter whose address space is capped (--cap-mb), so code
that would read a sparse 4 GB file whole fails with MemoryError instead of taking the
machine's memory; --root runs another checkout's package (e.g. the previous commit) on
the same fixtures.  Prints, per case: outcome (error class and message), peak RSS of that
process (VmHWM) and seconds.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


def _jpeg(size: int, progressive: bool) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((size, size), 64).convert("RGB").save(
        buffer, "JPEG", quality=90, progressive=progressive
    )
    return buffer.getvalue()


def _scans(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each SOS segment with its entropy-coded data."""
    found = []
    i = 2
    while i < len(data) and data[i + 1] != 0xD9:
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        end = i + 2 + length
        if data[i + 1] == 0xDA:
            while True:
                end = data.index(b"\xff", end)
                if data[end + 1] == 0 or 0xD0 <= data[end + 1] <= 0xD7:
                    end += 2
                    continue
                break
            found.append((i, end))
        i = end
    return found


def scan_bomb(size: int = 4096, scans: int = 1000) -> bytes:
    """A progressive JPEG whose small next-to-last scan is repeated to `scans` scans."""
    data = _jpeg(size, progressive=True)
    found = _scans(data)
    start, end = found[-2]
    return data[:end] + data[start:end] * (scans - len(found)) + data[end:]


def webp_bomb(width: int = 10000, height: int = 10000) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (1, 1), (10, 20, 30, 128)).save(buffer, "WEBP", lossless=True)
    data = bytearray(buffer.getvalue())
    (bits,) = struct.unpack("<I", data[21:25])
    data[21:25] = struct.pack("<I", (bits & ~((1 << 28) - 1)) | (width - 1) | ((height - 1) << 14))
    return bytes(data)


def png_bomb(width: int = 10000, height: int = 10000) -> bytes:
    """A complete, valid RGBA PNG of transparent black: ~390 KB for 100 MP."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    compressor = zlib.compressobj(9)
    row = bytes(1 + width * 4)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


def grey_tiff(width: int, height: int) -> bytes:
    """A complete deflate-compressed 8-bit TIFF (about 0.1 % of its pixel bytes)."""
    buffer = io.BytesIO()
    Image.new("L", (width, height), 200).save(buffer, "TIFF", compression="tiff_adobe_deflate")
    return buffer.getvalue()


def fixtures(folder: Path) -> list[tuple[str, Path, int]]:
    """(label, path, max megapixels) for every case."""
    cases: list[tuple[str, Path, int]] = []

    def add(label: str, name: str, data: bytes, megapixels: int = 100) -> Path:
        path = folder / name
        path.write_bytes(data)
        cases.append((label, path, megapixels))
        return path

    sparse = add("sparse 4 GB file starting like a JPEG", "sparse.jpg", _jpeg(64, False))
    os.truncate(sparse, 4 * 1024**3)
    add("progressive JPEG, 4096 px, 1000 scans", "scans.jpg", scan_bomb())
    add("38-byte lossless WebP, 10000x10000 RGBA", "tiny.webp", webp_bomb())
    add("valid PNG, 10000x10000 RGBA", "rgba.png", png_bomb())
    add("valid PNG, 8660x8660 RGBA (75 MP: the most RGBA the budget lets in)", "rgba75.png",
        png_bomb(8660, 8660))
    add("valid TIFF, 9800x9800 grey (96 MP)", "grey96.tif", grey_tiff(9800, 9800))
    add("valid TIFF, 14200x14200 grey (202 MP), limit 300 MP", "grey202.tif",
        grey_tiff(14200, 14200), megapixels=300)
    return cases


_CHILD = """
import json, resource, sys, time
cap = int(sys.argv[3]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from pathlib import Path
from pictotext_desktop.imaging import PrepareOptions, Source, prepare
started = time.perf_counter()
try:
    done = prepare(Source(path=Path(sys.argv[1])),
                   PrepareOptions(max_pixels=int(sys.argv[2]) * 10**6))
    outcome = "prepared " + repr(done)
except BaseException as exc:
    outcome = f"{type(exc).__name__}: {exc}"
seconds = time.perf_counter() - started
with open("/proc/self/status") as status:  # ru_maxrss would include the parent's
    peak = int(next(line for line in status if line.startswith("VmHWM:")).split()[1]) / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mb": peak}))
"""


def run_case(root: Path, path: Path, megapixels: int, cap_mb: int) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(megapixels), str(cap_mb)],
        capture_output=True, text=True, timeout=600, cwd=root,
        env=dict(os.environ, PYTHONPATH=str(root)),
    )
    if result.returncode != 0 or not result.stdout.strip():
        return {"outcome": f"crashed (exit {result.returncode}): {result.stderr[-300:]}",
                "seconds": float("nan"), "peak_mb": float("nan"), "stderr": ""}
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    report["stderr"] = result.stderr.strip()
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose package runs")
    parser.add_argument("--cap-mb", type=int, default=3000, help="address-space cap per case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        cases = fixtures(Path(folder))
        print(f"fixtures made in {time.perf_counter() - started:.1f} s; package from "
              f"{args.root}; address space capped at {args.cap_mb} MB\n")
        for label, path, megapixels in cases:
            report = run_case(args.root, path, megapixels, args.cap_mb)
            size = path.stat().st_size
            print(f"{label}  ({size:,} bytes on disk)")
            print(f"    peak RSS {report['peak_mb']:.0f} MB, {report['seconds']:.2f} s")
            print(f"    {str(report['outcome'])[:160]}")
            if "DecompressionBomb" in str(report["stderr"]):
                print("    stderr: Pillow's DecompressionBombWarning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
