"""The file work of getting images in, done where it cannot stall the window (Qt-free).

A drop of a folder of 1,000 photos means listing it, sniffing files without a telling
suffix, resolving each path (is it queued already?) and reading each photo's first bytes
(is it shaped like a card already?).  On the GUI thread that cost the window 280 ms for 200
files; `scan` does it in the window's intake thread (ui/intake_runner.py) and hands the
results over in small `Part`s, in the order the paths were given, so rows appear as they
are ready.  Each input path ends as rows (`Part.items`) or named in a message
(`skipped`, `empty_folders`, `repeated`): nothing is lost silently.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pictotext_desktop import card_prepare
from pictotext_desktop.imaging import Source
from pictotext_desktop.row_sources import path_key, photo_path
from pictotext_desktop.session import iter_expand

CHUNK = 32  # rows per part: what the window adds in one event-loop turn at most
FIRST_ROWS_S = 0.05  # a part goes after this long even if not full (slow disks)
HEADER_BYTES = 64 * 1024  # enough for a JPEG's header with its EXIF


@dataclass
class Checked:
    """A source with what the queue asks about it, found off the GUI thread."""

    source: Source
    key: Path | None  # the file as the queue knows it (path_key), None for bytes/pages
    card_shaped: bool = False  # its first bytes say it is a card already


@dataclass
class Part:
    """Some rows of one drop and what of it was left out, in the order given."""

    items: list[Checked] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # names of files that are no image
    empty_folders: list[str] = field(default_factory=list)  # folder names
    repeated: list[Path] = field(default_factory=list)  # files given twice in this drop

    def __bool__(self) -> bool:
        return bool(self.items or self.skipped or self.empty_folders or self.repeated)


def card_by_header(source: Source) -> bool:
    """An image already shaped like a card, by its first bytes (no decoding, a file read
    without blocking: a FIFO is not waited on)."""
    if source.path is None:
        head = (source.data or b"")[:HEADER_BYTES]
    else:
        try:
            fd = os.open(source.path, os.O_RDONLY | getattr(os, "O_BINARY", 0)
                         | getattr(os, "O_NONBLOCK", 0))
            try:
                head = os.read(fd, HEADER_BYTES)
            finally:
                os.close(fd)
        except OSError:
            return False
    return card_prepare.card_by_header(head, source.display_name)


def check(source: Source, *, cards: bool) -> Checked:
    """What the queue needs to know of `source`: its key, and (with `cards`, the card
    step on) whether it is shaped like a card already."""
    path = photo_path(source)
    key = path_key(path) if path is not None else None
    shaped = (cards and type(source) is Source and bool(source.path or source.data)
              and card_by_header(source))
    return Checked(source, key, shaped)


def scan(paths: Sequence[Path], deliver: Callable[[Part], None], *, cards: bool,
         must_exist: bool = False, cancelled: Callable[[], bool] = lambda: False) -> None:
    """Expand `paths` as session.expand does for the window (only images; folders
    recursive and sorted) and `deliver` the result in parts of at most CHUNK rows.

    `must_exist`: a path that is not there is passed over without a word (pasted text
    that merely looks like a path).  Stops between files once `cancelled()`.
    """
    seen: set[Path] = set()
    part = Part()
    sent = time.monotonic()

    def send(force: bool) -> None:
        nonlocal part, sent
        if part and (force or len(part.items) >= CHUNK
                     or time.monotonic() - sent >= FIRST_ROWS_S):
            deliver(part)
            part, sent = Part(), time.monotonic()

    for raw in paths:
        if cancelled():
            return
        if must_exist and not (raw.is_absolute() and raw.exists()):
            continue
        for expansion in iter_expand([raw], only_images=True, seen=seen):
            part.skipped.extend(expansion.not_images)
            part.empty_folders.extend(Path(f).name or f for f in expansion.empty_folders)
            part.repeated.extend(expansion.repeated)
            for source in expansion.sources:
                if cancelled():
                    return
                part.items.append(check(source, cards=cards))
                send(force=False)
    send(force=True)
