"""What a queue row's thumbnail shows, as a small PNG: Qt-free, so a card worker process
(card_worker.py) makes it and the window's GIL stays free for its GUI thread.

A photo's row shows the photo, upright (`imaging.make_thumbnail`: draft/reduce, EXIF
orientation, HEIC).  A row that is one card of a photo (`photo.jpg #2`, a `CardSource`)
shows that card: cut by its corners from the small copy the card step looks at
(`card_prepare.look`, CARD_LOOK_SIDE px, the corners kept from the count), straightened at
the thumbnail's size.
"""

from __future__ import annotations

import io

from pictotext_desktop.card_prepare import CardSource
from pictotext_desktop.imaging import Source, make_thumbnail

# px: the photo is decoded about this large to cut a card row's thumbnail out of it (a card
# a third of the photo's width is still ~170 px there, over the 96 px thumbnail).
CARD_LOOK_SIDE = 512


def render(source: Source, size: int) -> bytes:
    """An upright PNG whose long side is at most `size`; empty when it cannot be made (an
    unreadable image shows its error on the row, not here)."""
    try:
        if isinstance(source, CardSource):
            return card_thumbnail(source, size)
        return make_thumbnail(source, size)
    except Exception:
        return b""


def card_thumbnail(source: CardSource, size: int) -> bytes:
    """Card `source.index` of its photo, straightened, `size` px wide, as a PNG; the whole
    photo's thumbnail should the card step no longer find that card."""
    from pictotext_desktop import card_prepare
    from pictotext_desktop.cards.straighten import straighten

    image, found = card_prepare.look(source, 0, CARD_LOOK_SIDE)
    if source.index >= len(found.quads):
        return make_thumbnail(source.photo, size)
    card = straighten(image, found.quads[source.index], size)
    buffer = io.BytesIO()
    card.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()
