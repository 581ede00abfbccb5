"""Benchmark of imaging.prepare against naive Pillow and the JPEG-draft limit (issue #3).

Run from the repository root:  python bench/prepare.py [--runs 7] [--fixtures DIR]

Prints medians (ms) of --runs runs in this one process, ratios against references measured
in the same run, peak RSS of a whole subprocess for the 48 MP JPEG, and PASS/FAIL per
target.  Fixtures are photo-like (gradients, texture, grain, shapes, text) so JPEG sizes
are realistic; the 12 MP HEIC takes ~10 s to encode, so --fixtures DIR keeps them.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageOps  # noqa: E402

from pictotext_desktop.imaging import PrepareOptions, Source, prepare  # noqa: E402
from tests.image_corpus import heic_bytes, jpeg_bytes, photo_like, png_bytes  # noqa: E402

TARGETS = {
    "jpeg12_vs_draft": 1.3,
    "heic12_vs_bare_decode": 1.5,
    "jpeg48_peak_rss_mb": 200.0,
    "output12_max_mb": 1.5,
}


def fixtures(folder: Path) -> dict[str, Path]:
    """12 MP JPEG q92, 12 MP HEIC, 48 MP JPEG q92, 12 MP PNG; reused when already there."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted: dict[str, Callable[[], bytes]] = {
        "photo12.jpg": lambda: jpeg_bytes(photo_like(4032, 3024), quality=92),
        "photo12.heic": lambda: heic_bytes(photo_like(4032, 3024), quality=60),
        "photo48.jpg": lambda: jpeg_bytes(photo_like(8000, 6000), quality=92),
        "photo12.png": lambda: png_bytes(photo_like(4032, 3024)),
    }
    paths = {}
    for name, make in wanted.items():
        path = folder / name
        if not path.exists():
            started = time.perf_counter()
            path.write_bytes(make())
            print(
                f"  generated {name}: {path.stat().st_size / 1e6:.1f} MB "
                f"in {time.perf_counter() - started:.1f} s"
            )
        paths[name] = path
    return paths


def median_ms(func: Callable[[], object], runs: int) -> float:
    func()  # warm-up: imports, plugin registration, lcms profiles
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def naive(path: Path) -> bytes:
    """What a first script does: full decode, exif_transpose, LANCZOS to 2048, JPEG q85."""
    with Image.open(path) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    image.thumbnail((2048, 2048), Image.Resampling.LANCZOS, reducing_gap=None)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def draft_reference(path: Path) -> bytes:
    """The practical limit for a JPEG: DCT-scaled decode at 1/2, then encode."""
    with Image.open(path) as image:
        image.draft("RGB", (image.width // 2, image.height // 2))
        image.load()
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def bare_heif_decode(path: Path) -> int:
    import pi_heif  # the decoder the app uses

    heif = pi_heif.open_heif(path, convert_hdr_to_8bit=True)
    return len(heif[heif.primary_index].data)


# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the (big) forking parent.
_RSS_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
{body}
status = open("/proc/self/status").read()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
"""


def peak_rss_mb(body: str) -> float:
    """Peak RSS (MB) of a fresh Python process running `body`: the whole process counts."""
    script = _RSS_SCRIPT.format(root=str(ROOT), body=body)
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    return int(out.strip().splitlines()[-1]) / 1024  # VmHWM is in kB


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--fixtures", type=Path, default=None)
    args = parser.parse_args()
    runs = max(5, args.runs)
    folder = args.fixtures or Path(tempfile.mkdtemp(prefix="pictotext-bench-"))
    print(f"fixtures in {folder}")
    paths = fixtures(folder)
    import pi_heif

    pi_heif.register_heif_opener()  # only for the naive reference (Image.open)

    results: list[tuple[str, bool]] = []
    print(f"\nmedians of {runs} runs, ms (prepare = default options: JPEG q90, 2048 px)")
    print(
        f"{'fixture':<14}{'prepare':>9}{'naive':>9}{'draft ref':>11}{'heif dec':>10}"
        f"{'vs naive':>10}  output"
    )
    figures: dict[str, float] = {}
    for name in ("photo12.jpg", "photo12.heic", "photo48.jpg", "photo12.png"):
        path = paths[name]
        ours = median_ms(partial(prepare, Source(path=path)), runs)
        naive_ms = median_ms(partial(naive, path), runs)
        is_jpeg, is_heic = name.endswith(".jpg"), name.endswith(".heic")
        draft_ms = median_ms(partial(draft_reference, path), runs) if is_jpeg else 0.0
        heif_ms = median_ms(partial(bare_heif_decode, path), runs) if is_heic else 0.0
        result = prepare(Source(path=path), PrepareOptions())
        figures[f"{name}:ours"] = ours
        figures[f"{name}:draft"] = draft_ms
        figures[f"{name}:heif"] = heif_ms
        print(
            f"{name:<14}{ours:>9.1f}{naive_ms:>9.1f}{draft_ms or float('nan'):>11.1f}"
            f"{heif_ms or float('nan'):>10.1f}{naive_ms / ours:>9.1f}x  "
            f"{result.size[0]}x{result.size[1]} {len(result.data) / 1e6:.2f} MB "
            f"(source {path.stat().st_size / 1e6:.1f} MB)"
        )
        stages = ", ".join(f"{k} {v * 1000:.1f}" for k, v in result.timings.items())
        print(f"{'':<14}stages: {stages}")
        if name in ("photo12.jpg", "photo12.heic"):
            long_side = max(result.size)
            size_mb = len(result.data) / 1e6
            ok = size_mb <= TARGETS["output12_max_mb"] and 1800 <= long_side <= 2048
            results.append(
                (
                    f"{name} output {size_mb:.2f} MB <= 1.5 MB, long side {long_side} in 1800-2048",
                    ok,
                )
            )

    ratio = figures["photo12.jpg:ours"] / figures["photo12.jpg:draft"]
    results.append(
        (
            f"12 MP JPEG: prepare / draft reference = {ratio:.2f} "
            f"(<= {TARGETS['jpeg12_vs_draft']})",
            ratio <= TARGETS["jpeg12_vs_draft"],
        )
    )
    ratio = figures["photo12.heic:ours"] / figures["photo12.heic:heif"]
    results.append(
        (
            f"12 MP HEIC: prepare / bare pi-heif decode = {ratio:.2f} "
            f"(<= {TARGETS['heic12_vs_bare_decode']})",
            ratio <= TARGETS["heic12_vs_bare_decode"],
        )
    )

    big = paths["photo48.jpg"]
    ours_rss = peak_rss_mb(
        "from pictotext_desktop.imaging import prepare, Source\n"
        f"prepare(Source(path=Path({str(big)!r})))"
    )
    naive_rss = peak_rss_mb(f"from bench.prepare import naive\nnaive(Path({str(big)!r}))")
    baseline_rss = peak_rss_mb("import pictotext_desktop.imaging, PIL.Image")
    print(
        f"\n48 MP JPEG peak RSS of the whole process: prepare {ours_rss:.0f} MB, "
        f"naive {naive_rss:.0f} MB, interpreter + imports alone {baseline_rss:.0f} MB"
    )
    results.append(
        (
            f"48 MP JPEG peak RSS {ours_rss:.0f} MB (<= 200 MB)",
            ours_rss <= TARGETS["jpeg48_peak_rss_mb"],
        )
    )

    print()
    for text, ok in results:
        print(f"{verdict(ok)}  {text}")
    return 0 if all(ok for _, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
