"""Source -> PreparedImage: any photo in, a small, upright, metadata-free upload out.

INTERFACE CONTRACT (implementation in progress by the image-pipeline work, issue #3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MAX_UPLOAD_BYTES = 10_000_000  # the docs' "10 MB": the smaller reading, to be safe
ALLOWED_UPLOAD_MIME = ("image/jpeg", "image/png", "image/webp", "image/heic", "image/heif")


@dataclass(frozen=True)
class Source:
    """Where an image comes from: a path, or bytes (pasted data, stdin) with a display name."""

    path: Path | None = None
    data: bytes | None = None
    name: str = ""

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


@dataclass(frozen=True)
class PreparedImage:
    data: bytes
    mime_type: str
    filename: str
    size: tuple[int, int]
    source_size: tuple[int, int]
    source_format: str
    timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return (
            f"PreparedImage({self.filename!r}, {self.mime_type}, {len(self.data)} bytes, "
            f"{self.size[0]}x{self.size[1]})"
        )


def prepare(source: Source, options: PrepareOptions | None = None) -> PreparedImage:
    raise NotImplementedError
