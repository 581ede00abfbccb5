"""Render the app icon PNGs and the Windows .ico from the one SVG source.

The outputs are committed (nothing renders icons at build or run time); run this again
after editing resources/icons/hicolor/scalable/apps/io.pictotext.Desktop.svg:

    python packaging/render_icons.py        # needs rsvg-convert (Debian: librsvg2-bin)

The macOS .icns is made from these PNGs on macOS by packaging/macos/build_dmg.sh.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
APP_ID = "io.pictotext.Desktop"
SVG = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest size an .ico holds


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render() -> None:
    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        sys.exit("rsvg-convert not found: apt-get install librsvg2-bin")
    for size in SIZES:
        out = png_path(size)
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [rsvg, "--width", str(size), "--height", str(size), "--output", str(out), str(SVG)],
            check=True,
        )
    # Each .ico frame comes from its own rendering, not a downscale of the largest one.
    frames = [Image.open(png_path(s)).convert("RGBA") for s in ICO_SIZES]
    frames[-1].save(
        ICONS / f"{APP_ID}.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=frames[:-1],
    )


if __name__ == "__main__":
    render()
    print(f"rendered {len(SIZES)} PNGs and {APP_ID}.ico into {ICONS}")
