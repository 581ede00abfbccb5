"""Which file a queue row reads, and how a row restored from the result store finds it.

A row's source is a file (`Source(path=...)`), a card of a photo (`CardSource`, shown and
stored as `<path> #<n>`) or bytes with a name (a pasted picture).  The queue uses these to
know two rows are the same file, whether a row can be read again, and to give a restored
row its file back when it is still there.  Qt-free.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from pictotext_desktop.card_prepare import CardSource
from pictotext_desktop.imaging import Source

if TYPE_CHECKING:
    from pictotext_desktop.jobs import Job

_CARD_LABEL = re.compile(r"^(?P<photo>.+) #(?P<n>[1-9]\d*)$", re.DOTALL)


def photo_path(source: Source) -> Path | None:
    """The file a row reads: a card's photo for a card of a split photo."""
    return source.photo.path if isinstance(source, CardSource) else source.path


def restored_card(label: str) -> Source | None:
    """A restored record's source `<path> #<n>` as that card of its photo, when the photo
    is still there (so Rotate, Read again and the outline work); else None."""
    match = _CARD_LABEL.match(label)
    if match is None:
        return None
    path = Path(match["photo"])
    if not (path.is_absolute() and path.is_file()):
        return None
    index = int(match["n"]) - 1
    return CardSource(Source(path=path), index, index + 1)


def has_image(job: Job) -> bool:
    """Whether the row can be read again (a restored row's file may be gone)."""
    return photo_path(job.source) is not None or bool(job.source.data)


def restored_source(label: str, seen: set[Path]) -> Source:
    """A restored row's source: its file when that is still there (thumbnail, Rotate and
    Read again work), else its name alone."""
    card = restored_card(label)  # `<path> #<n>`: a card of a photo
    if card is not None:
        seen.add(path_key(photo_path(card) or Path(label)))
        return card
    path = Path(label)
    if path.is_absolute() and path.is_file():
        seen.add(path_key(path))
        return Source(path=path)
    return Source(name=path.name or label, data=b"")


def path_key(path: Path) -> Path:
    """What makes two paths the same file for the queue (absolute if it cannot resolve)."""
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
