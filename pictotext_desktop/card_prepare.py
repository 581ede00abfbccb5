"""The card step of a scan: each card in a photo becomes its own straightened upload.

`Splitter` (`scan`, as the jobs are made; `split` for `watch`) turns a photo holding two
cards into two sources, `photo.jpg #1` and `photo.jpg #2`; a photo with one card keeps its
plain name.  `prepare` (the batch runner's, for every job) then cuts the card out of the photo,
straightens it to its true aspect, turns it upright when the on-device reader is at hand,
and encodes it as `imaging.prepare` does (no metadata, the size limits); the quality
checks (blur, glare, too small, cut off) become warnings, or with `strict` the file's
error, before a credit is spent.  No card found: the whole photo, with a note.  An image
that already has an ID-1 card's shape (a scan or photo cropped to the card) is sent as it
is, judged from its header, so results for such files do not change.  PDF pages are
split like photos; a page the count found no card on goes whole, with no note (ADR 0013,
7).  `scan` and `watch` split, and so does the window, off its GUI thread
(ui/card_split.py); a photo queued
without being split (`send` was "whole" then) reads its first card and says so.
docs/adr/0013-cards-in-the-scan.md.

Detection runs once per photo, on the photo decoded at SPLIT_SIDE: the corners found
while splitting are kept (by the photo's bytes) for the jobs that cut the cards out, which
decode the photo only as large as the card needs and keep only the card's region of it.
Counting and preparing take a slot of one bound on big decodes (`DECODES`), whoever runs
them: the window's card counting, `scan`'s and the batch runner's preparing (the window's
in card worker processes, card_worker.py: the caller holds the slot meanwhile).  A job may
carry the person's own word (`CardChoice`, the window): corners set by hand, or the whole
photo.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pictotext_desktop import imaging
from pictotext_desktop.errors import ImageInputError, PicToTextError, TooManyPixelsError
from pictotext_desktop.image_limits import own_limits
from pictotext_desktop.imaging import PreparedImage, PrepareOptions, Source
from pictotext_desktop.logs import format_exception_safely
from pictotext_desktop.notes import ONLY_FIRST_CARD, REDUCED, note

if TYPE_CHECKING:
    from PIL import Image

    from pictotext_desktop.cards.detect import CardQuad
    from pictotext_desktop.cards.quality import QualityWarning
    from pictotext_desktop.cards.upright import LineClassifier

log = logging.getLogger(__name__)
SEND_CARD, SEND_WHOLE = "card", "whole"
# An image whose own aspect is this close to a card's is taken to be the card already.
CARD_FRAME_TOLERANCE = 0.04
# px: the narrowest card sent.  The on-device reader reads at 1280 px (engines/local.py
# LONG_SIDE); on a straightened card it lost the name at 800 and 1000 px and read it at
# 1200 and 1400 (README "Cards in the scan").  Upscaling adds no detail, only reach.
CARD_MIN_WIDTH = 1280
SPLIT_SIDE = 2000  # px: photos are decoded at about this size to count their cards
_CACHE_PHOTOS = 256
# Big decodes (a photo at SPLIT_SIDE to count its cards, at full size to cut one out, or
# any upload prepared) at once in the whole process: a 12 MP photo holds ~36 MB decoded
# and its copies as much again, so this bounds memory (issue #16: <= 400 MB), not CPU.
# bench/scale.py, window, 200 photos: 2 slots 312 MB in 82 s, 3 slots 316 MB in 51 s (with
# 2, the window's held rows wait for counts queued behind preparing); 1,000: 423 / 428 MB.
DECODE_SLOTS = 3
CROP_MARGIN = 8  # px around the card's corners kept when the photo is cut to the card


class DecodeSlots:
    """At most `bound` big decodes at a time, whoever asks: the window's card counting
    (ui/card_split.py calls `count_cards`), `scan`'s counting ahead and the batch runner's
    preparing all take a slot, so their big images never pile up.  Re-entrant within a
    thread (a prepare that counts first holds one slot, not two)."""

    def __init__(self, bound: int) -> None:
        self.bound = max(1, bound)
        self._free = threading.Semaphore(self.bound)
        self._depth = threading.local()

    @contextmanager
    def hold(self) -> Iterator[None]:
        depth: int = getattr(self._depth, "n", 0)
        if depth == 0:
            self._free.acquire()
        self._depth.n = depth + 1
        try:
            yield
        finally:
            self._depth.n = depth
            if depth == 0:
                self._free.release()


DECODES = DecodeSlots(DECODE_SLOTS)


Point = tuple[float, float]


@dataclass(frozen=True)
class CardChoice:
    """The person's word on one job's card, over what detection found (the window).

    `whole`: send the whole photo.  `corners`: the card's corners set by hand, as
    fractions (0-1) of the photo as shown with `rotate` applied, in any order; ignored
    once the photo is turned otherwise.  They are used whatever the "send" setting says.
    """

    whole: bool = False
    corners: tuple[Point, Point, Point, Point] | None = None
    rotate: int = 0

    def corners_for(self, rotate: int) -> tuple[Point, Point, Point, Point] | None:
        return None if self.whole or self.rotate % 360 != rotate % 360 else self.corners


@dataclass(frozen=True, repr=False)
class CardImage(PreparedImage):
    """A card cut from a photo, with the photo (and the options it was shown with): when
    the cut shows no card text (a wrong quad: the card's own portrait), the on-device
    reader reads the whole photo instead (engines/local.py WHOLE_PHOTO_READ).  `photo` is
    None for corners set by hand and for a photo split into several cards."""

    photo: Source | None = field(default=None, compare=False)
    photo_options: PrepareOptions | None = field(default=None, compare=False)
    # The text lines the turn's vote found on the card as sent (fractions of its width
    # and height): the on-device reader's first reading does not detect them again.
    text_boxes: tuple[tuple[Point, ...], ...] | None = field(default=None, compare=False)


class PoorPhotoError(ImageInputError):
    """`--strict`: a card the quality checks warn about is not sent (no credit spent)."""

    reason = "POOR_PHOTO"


class CardSource(Source):
    """Card `index` (0-based) of a photo holding `count` cards, named "<photo> #<n>".

    Its bytes are the photo's: preparing it cuts the card out.  Equal by photo and card.
    A record's source is `name` (the photo's path as given, like any file's record).
    """

    photo: Source
    index: int
    count: int

    def __init__(self, photo: Source, index: int, count: int) -> None:
        label = str(photo.path) if photo.path is not None else (photo.name or photo.display_name)
        object.__setattr__(self, "path", None)
        object.__setattr__(self, "name", f"{label} #{index + 1}")
        object.__setattr__(self, "photo", photo)
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "count", count)

    @property
    def data(self) -> bytes:
        data, _kind = imaging._read(self.photo)
        return data

    @property
    def display_name(self) -> str:
        """`photo.jpg #2`, as a row shows it; `name` (the record's source) has the path."""
        return f"{self.photo.display_name} #{self.index + 1}"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, CardSource) and other.photo == self.photo
                and other.index == self.index)

    def __hash__(self) -> int:
        return hash((CardSource, self.photo, self.index))

    def __repr__(self) -> str:
        return f"CardSource({self.photo!r}, {self.index + 1} of {self.count})"


# -- what was found in a photo, kept by its bytes -----------------------------------------
@dataclass(frozen=True)
class Found:
    """The cards of one photo (as shown, after EXIF and the person's rotation), in reading
    order; `frame_is_card` when the image itself is the card (nothing to cut out)."""

    quads: tuple[CardQuad, ...]
    frame_is_card: bool
    size: tuple[int, int]


_found: OrderedDict[tuple[bytes, int], Found] = OrderedDict()
_found_lock = threading.Lock()


def _key(data: bytes, rotate: int) -> tuple[bytes, int]:
    return hashlib.blake2b(data, digest_size=16).digest(), rotate % 360


def _remember(key: tuple[bytes, int], found: Found) -> None:
    with _found_lock:
        _found[key] = found
        _found.move_to_end(key)
        while len(_found) > _CACHE_PHOTOS:
            _found.popitem(last=False)


def _recall(key: tuple[bytes, int], size: tuple[int, int]) -> Found | None:
    """What was found in the same bytes, scaled to `size` (the split decodes smaller)."""
    with _found_lock:
        found = _found.get(key)
    if found is None:
        return None
    if found.size == size:
        return found
    factor = size[0] / found.size[0]
    return Found(tuple(q.scaled(factor) for q in found.quads), found.frame_is_card, size)


def _shaped_like(size: tuple[int, int], aspect: float) -> bool:
    return abs(max(size) / max(1, min(size)) / aspect - 1) <= CARD_FRAME_TOLERANCE


def _card_shaped(size: tuple[int, int]) -> bool:
    """An ID-1 card's shape.  (ID-3's 1.42 is also A4's 1.414: a scanned page is no card.)"""
    from pictotext_desktop.cards import ID1

    return _shaped_like(size, ID1.aspect)


def find(image: Image.Image) -> Found:
    """The cards in `image`, left to right and top to bottom.

    An image with an ID-1 card's shape is the card (a scan or photo already cropped to
    it): nothing is looked for in it.  One with ID-3's shape (a passport page cropped,
    or an A4 scan) is the card unless a whole card is found inside it.  Should the
    detector fail on some image, nothing is found (logged): the photo goes whole.
    """
    from pictotext_desktop.cards import ID3, find_cards

    if _card_shaped(image.size):
        return Found((), True, image.size)
    try:
        quads = find_cards(image)
    except Exception as exc:  # a bug in detection must not cost the reading
        log.error("card detection failed on a %dx%d image:\n%s", image.width, image.height,
                  format_exception_safely(type(exc), exc, exc.__traceback__))
        quads = []
    if _shaped_like(image.size, ID3.aspect):
        quads = [q for q in quads if not q.cut_off]
        return Found(tuple(_reading_order(quads)), not quads, image.size)
    return Found(tuple(_reading_order(quads)), False, image.size)


def _header_card_shaped(data: bytes, kind: str | None, name: str) -> bool:
    """Has the image a card's shape, by its header alone (no decoding)?  False when the
    header cannot tell: the full path then reports whatever is wrong with the file."""
    try:
        fmt = imaging._refuse_unless_image(kind, name)
        with imaging._plugin_class(fmt, name)(io.BytesIO(data)) as im:
            return _card_shaped(im.size)
    except Exception:
        return False


def card_by_header(head: bytes, name: str) -> bool:
    """Whether an image's first bytes say it has a card's shape already (nothing to count
    or cut: sent as it is).  Cheap enough for a GUI thread; False when they cannot tell."""
    from pictotext_desktop.sniffing import sniff_kind

    return _header_card_shaped(head, sniff_kind(head), name)


def drawn_quad(corners: Sequence[Point], size: tuple[int, int]) -> CardQuad:
    """A card from corners set by hand (fractions of `size`): put in CardQuad's order, its
    shape the catalog's nearest when the corners' true aspect is within 8 % of it (a hand
    is not exact), otherwise the aspect they draw."""
    import numpy as np

    from pictotext_desktop.cards import SHAPES, CardQuad, CardShape
    from pictotext_desktop.cards.detect import _order, true_aspect

    w, h = size
    points = np.array([(min(max(x, 0.0), 1.0) * w, min(max(y, 0.0), 1.0) * h)
                       for x, y in corners], dtype=np.float64)
    ordered = _order(points)
    aspect = true_aspect(np.array(ordered), size)
    shape = min(SHAPES, key=lambda s: abs(aspect / s.aspect - 1))
    if abs(aspect / shape.aspect - 1) > 0.08:
        shape = CardShape("as drawn", 54.0 * aspect, 54.0)
    return CardQuad(ordered, 1.0, shape)


def _reading_order(quads: Sequence[CardQuad]) -> list[CardQuad]:
    """Top to bottom by rows about a card's height apart, left to right within a row."""
    if len(quads) < 2:
        return list(quads)
    row = min(q.short_side for q in quads) / 2 or 1.0

    def centre(q: CardQuad) -> tuple[float, float]:
        return (sum(x for x, _ in q.corners) / 4, sum(y for _, y in q.corners) / 4)

    return sorted(quads, key=lambda q: (round(centre(q)[1] / row), centre(q)[0]))


# -- decoding ------------------------------------------------------------------------------
def _upright(source: Source, options: PrepareOptions, target: int,
             read: tuple[bytes, str | None] | None = None,
             ) -> tuple[Image.Image, bytes, imaging._Decoded, dict[str, float]]:
    """The photo as shown (EXIF, colour, the person's rotation), at about `target` px
    (0: full size), with its bytes (`read`: already read); imaging's errors for anything
    unreadable."""
    name = source.display_name
    started = time.perf_counter()
    data, kind = read or imaging._read(source)
    timings = {"read": time.perf_counter() - started}
    decoded, decode_timings = imaging._decode(data, kind, name, target, imaging.TARGET_SLACK,
                                              options.max_pixels)
    timings.update(decode_timings)
    with imaging.file_errors(name, decoded.fmt):
        im = _as_shown(imaging._normalise(decoded.image), decoded.icc, decoded.orientation,
                       options.rotate)
    return im, data, decoded, timings


def _as_shown(im: Image.Image, icc: bytes | None, orientation: int,
              rotate: int) -> Image.Image:
    """A decoded (normalised) image in sRGB, turned as shown (EXIF, the person's
    rotation), in RGB."""
    im = imaging._orient(imaging._to_srgb(im, icc), orientation, rotate)
    return im if im.mode == "RGB" else im.convert("RGB")


def _splittable(source: Source) -> bool:
    """Photos, and PDF pages unless their count found no card on them (a plain document
    page is sent whole as before, with no "no card" note: ADR 0013).  A page not rendered
    yet has not been counted: it is looked at.  Problems and cards already split are left
    as they are."""
    if type(source) is Source:
        return True
    from pictotext_desktop.pdf_input import PdfPage, rendered_digest

    if not isinstance(source, PdfPage):
        return False
    digest = rendered_digest(source)
    if digest is None:
        return True
    with _found_lock:
        seen = [found for (key, _rotate), found in _found.items() if key == digest]
    return not seen or any(found.quads or found.frame_is_card for found in seen)


def count_cards(source: Source, options: PrepareOptions) -> int:
    """How many cards the photo holds (0 when none, or when it cannot be read: its error
    is reported when its job prepares it)."""
    try:
        with own_limits(), DECODES.hold():
            data, kind = imaging._read(source)
            if _header_card_shaped(data, kind, source.display_name):
                return 1
            found = _detect(source, options, data, kind)
    except PicToTextError:
        return 0
    return len(found.quads)


def _detect(photo: Source, options: PrepareOptions, data: bytes, kind: str | None) -> Found:
    """The cards of the photo decoded at SPLIT_SIDE (what the count found, when it has
    counted these bytes): kept for the jobs.  PicToTextErrors for an unreadable photo."""
    key = _key(data, options.rotate)
    with _found_lock:
        found = _found.get(key)
    if found is None:
        image, _data, _decoded, _timings = _upright(photo, options, SPLIT_SIDE, (data, kind))
        found = find(image)
        del image  # before the next big decode
        _remember(key, found)
    return found


def split(sources: Sequence[Source], options: PrepareOptions, workers: int = 2
          ) -> list[Source]:
    """`sources` with each photo holding several cards replaced by one source per card.

    Nothing changes unless `options.send` is "card".  Photos are looked at `workers` at
    a time; what was found is kept for `prepare`.
    """
    with Splitter(sources, options, workers) as splitter:
        return list(splitter)


class Splitter:
    """`split` as it goes: the sources in order, each photo's cards counted when its turn
    comes (`workers` photos counted at a time, at most `ahead` photos ahead of the one
    handed out), so a batch's first jobs start before the last photo is counted.

    Thread-safe; `rest()` ends it and gives what was not handed out (those not counted
    yet unsplit).  Counting takes a decode slot like any preparing (DECODES).
    """

    def __init__(self, sources: Sequence[Source], options: PrepareOptions, workers: int = 2,
                 ahead: int = 4) -> None:
        self._sources = list(sources)
        self._options = options
        self._ahead = max(1, ahead)
        self._next = 0  # index in _sources of the next source to hand out
        self._submitted = 0  # sources before this one are counting or need no count
        self._counts: dict[int, Future[int]] = {}
        self._cards: deque[Source] = deque()  # the other cards of the photo handed out
        self._lock = threading.Lock()
        counting = options.send == SEND_CARD and any(map(_splittable, self._sources))
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers),
                                        thread_name_prefix="pictotext-cards") \
            if counting else None

    def __enter__(self) -> Splitter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Source]:
        return self

    def __next__(self) -> Source:
        with self._lock:
            if self._cards:
                return self._cards.popleft()
            if self._next >= len(self._sources):
                self.close()
                raise StopIteration
            index = self._next
            self._next += 1
            self._submit(index + self._ahead)
            future = self._counts.pop(index, None)
            source = self._sources[index]
            if future is None:
                return source
            cards = _cards_of(source, future.result())
            self._cards.extend(cards[1:])
            return cards[0]

    def _submit(self, upto: int) -> None:
        pool = self._pool
        if pool is None:
            return
        while self._submitted < min(upto, len(self._sources)):
            i = self._submitted
            self._submitted += 1
            if _splittable(self._sources[i]):
                self._counts[i] = pool.submit(_count_safely, self._sources[i], self._options)

    def rest(self) -> list[Source]:
        """What was not handed out, in order, and no more counting: a photo counted
        already is split, one not counted yet stays whole (its count is not waited for)."""
        with self._lock:
            out = list(self._cards)
            self._cards.clear()
            for index in range(self._next, len(self._sources)):
                future = self._counts.pop(index, None)
                done = future is not None and future.done() and not future.cancelled()
                out.extend(_cards_of(self._sources[index], future.result())
                           if done and future is not None else [self._sources[index]])
            self._next = len(self._sources)
            self.close()
            return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _cards_of(photo: Source, count: int) -> list[Source]:
    return [CardSource(photo, i, count) for i in range(count)] if count >= 2 else [photo]


def _count_safely(source: Source, options: PrepareOptions) -> int:
    """`count_cards`, where a bug in detection costs the split, not the photo (it is then
    sent whole, its first card read)."""
    try:
        return count_cards(source, options)
    except Exception as exc:
        log.error("counting cards failed:\n%s",
                  format_exception_safely(type(exc), exc, exc.__traceback__))
        return 0


# -- preparing one item --------------------------------------------------------------------
def prepare(source: Source, options: PrepareOptions | None = None,
            choice: CardChoice | None = None) -> PreparedImage:
    """The upload for one job: the detected card (`options.send == "card"`) or the photo;
    `choice` (the person's) overrides both.

    Raises only PicToTextErrors, as `imaging.prepare` does.
    """
    options = options or PrepareOptions()
    drawn = choice.corners_for(options.rotate) if choice is not None else None
    if choice is not None and (choice.whole or drawn is not None):
        options = replace(options, send=SEND_WHOLE if choice.whole else SEND_CARD)
    with DECODES.hold():
        if options.send != SEND_CARD or not (_splittable(source)
                                             or isinstance(source, CardSource)):
            return imaging.prepare(source, options)
        with own_limits():
            return _prepare_card(source, options, drawn)


def _prepare_card(source: Source, options: PrepareOptions,
                  drawn: Sequence[Point] | None = None) -> PreparedImage:
    """Detection on the photo at SPLIT_SIDE (what the count found), then a decode of the
    photo only as large as the card's width needs, cut to the card's region before it is
    colour-corrected and turned: one full-size image at most, for a moment."""
    from pictotext_desktop.cards.quality import assess

    imaging._check_options(options)
    photo = source.photo if isinstance(source, CardSource) else source
    name = source.display_name
    started = time.perf_counter()
    data, kind = imaging._read(photo)
    if drawn is None and _header_card_shaped(data, kind, name):  # already the card
        return imaging.prepare(photo, replace(options, send=SEND_WHOLE))
    t0 = time.perf_counter()
    found = _detect(photo, options, data, kind) if drawn is None else None
    detect_s = time.perf_counter() - t0
    index = source.index if isinstance(source, CardSource) and drawn is None else 0
    if found is not None and (found.frame_is_card or index >= len(found.quads)):
        # Already a card (sent as before), or no card: the whole photo, as imaging sends it.
        whole = imaging.prepare(photo, replace(options, send=SEND_WHOLE))
        if found.frame_is_card:
            return whole
        from pictotext_desktop.checks.photo import NO_CARD

        return replace(whole, warnings=(*whole.warnings, NO_CARD))
    region = _card_region(photo, options, data, kind, found.quads[index] if found else None,
                          found.size if found else None, drawn)
    image, quad, width = region.image, region.quad, region.width
    source_size, source_format = region.source_size, region.fmt
    timings = {**region.timings, "detect": detect_s}
    notes: list[str] = []
    problems: list[QualityWarning] = assess(image, quad)
    if found is not None and len(found.quads) > 1 and not isinstance(source, CardSource):
        # Not split before it was queued (the window: `send` was "whole" when it was added).
        notes.append(note(ONLY_FIRST_CARD, count=len(found.quads)))
    if problems and options.strict:
        raise PoorPhotoError(message=f"{name}: {' '.join(w.message for w in problems)} "
                                     "Not sent (strict).")
    notes.extend(w.message for w in problems)
    t1 = time.perf_counter()
    card, boxes = _straighten_with_lines(image, quad, width, _classifier(options))
    del image, region  # the photo's region goes before the encoder's copies come
    timings["straighten"] = time.perf_counter() - t1
    pil_format, mime, extension = imaging._OUTPUT[options.format]
    t2 = time.perf_counter()
    try:
        card, encoded, shrunk = imaging._encode_within(
            card, pil_format, options.quality, options.max_bytes, name)
    except MemoryError:
        raise TooManyPixelsError(
            message=f"{name} is too large to process in the memory available") from None
    timings["encode"] = time.perf_counter() - t2
    if shrunk:
        notes.append(note(REDUCED, name=name, width=card.size[0], height=card.size[1],
                          mb=f"{options.max_bytes / 1e6:g}"))
    timings["total"] = time.perf_counter() - started
    return CardImage(
        data=encoded,
        mime_type=mime,
        filename=_upload_name(source, extension),
        size=card.size,
        source_size=source_size,
        source_format=source_format,
        timings=timings,
        warnings=tuple(notes),
        source_bytes=len(data),
        pixels=card.convert("RGB") if options.keep_pixels else None,
        # Not for corners set by hand (the person's word stands) nor for one of several
        # cards (the photo's reading could be another card's).
        photo=photo if drawn is None and not (isinstance(source, CardSource)
                                              and source.count > 1) else None,
        photo_options=options,
        text_boxes=boxes,
    )


@dataclass
class _Region:
    """The card's part of the photo, as shown, and the card in it."""

    image: Image.Image
    quad: CardQuad
    width: int  # px: the straightened card's width
    source_size: tuple[int, int]
    fmt: str
    timings: dict[str, float]


def _card_width(long_side: float, options: PrepareOptions) -> int:
    """The card as wide as the photo shows it (at least CARD_MIN_WIDTH, at most the
    upload's long side)."""
    width = max(CARD_MIN_WIDTH, round(long_side))
    return min(width, options.long_side) if options.long_side else width


def _card_region(photo: Source, options: PrepareOptions, data: bytes, kind: str | None,
                 quad: CardQuad | None, found_size: tuple[int, int] | None,
                 drawn: Sequence[Point] | None) -> _Region:
    """Decode the photo no larger than the card needs (JPEG DCT scaling when the card is
    at least twice the width sent), cut the card's region out of it (plus CROP_MARGIN)
    before colour and orientation touch it, and let the rest go.  `quad` is the card at
    `found_size` (the photo as shown at SPLIT_SIDE); `drawn`, corners set by hand."""
    name = photo.display_name
    target, width = 0, 0
    if quad is not None and found_size is not None:
        share = quad.long_side / max(found_size)  # the card's long side / the photo's
        full = _long_side_by_header(data, kind, name)
        if full and share > 0:
            width = _card_width(share * full, options)
            needed = math.ceil(width / share) + 1
            target = needed if needed < full else 0  # _decode picks a scale that fits
    t0 = time.perf_counter()
    decoded, timings = imaging._decode(data, kind, name, target, 1.0, options.max_pixels)
    raw, fmt, source_size = decoded.image, decoded.fmt, decoded.source_size
    orientation, icc = decoded.orientation, decoded.icc
    del decoded
    ops = imaging.orient_ops(orientation, options.rotate)
    shown = _shown_size(raw.size, ops)
    if drawn is not None:
        quad = drawn_quad(drawn, shown)
        width = _card_width(quad.long_side, options)
    elif quad is not None and found_size is not None:
        quad = quad.scaled(shown[0] / found_size[0])
        if max(raw.size) == max(source_size):  # full size: as wide as the card shows
            width = _card_width(quad.long_side, options)
    else:
        raise TypeError("a card's quad or corners are needed")
    xs = [x for x, _ in quad.corners]
    ys = [y for _, y in quad.corners]
    box = (max(0, math.floor(min(xs)) - CROP_MARGIN),
           max(0, math.floor(min(ys)) - CROP_MARGIN),
           min(shown[0], math.ceil(max(xs)) + CROP_MARGIN),
           min(shown[1], math.ceil(max(ys)) + CROP_MARGIN))
    if box[2] - box[0] < 2 or box[3] - box[1] < 2:
        box = (0, 0, *shown)
    with imaging.file_errors(name, fmt):
        raw = raw.crop(imaging.box_before(box, raw.size, ops))  # the full image goes here
        im = imaging._normalise(raw)
        del raw
        im = _as_shown(im, icc, orientation, options.rotate)
    left, top = box[0], box[1]
    moved = type(quad)(tuple((x - left, y - top) for x, y in quad.corners),  # type: ignore[arg-type]
                       quad.score, quad.shape, quad.cut_off)
    timings["region"] = time.perf_counter() - t0
    return _Region(im, moved, width, source_size, fmt, timings)


def _shown_size(size: tuple[int, int], ops: Sequence[object]) -> tuple[int, int]:
    """The size once `ops` (imaging.orient_ops) have turned the image."""
    from PIL import Image

    T = Image.Transpose
    turns = sum(op in (T.ROTATE_90, T.ROTATE_270, T.TRANSPOSE, T.TRANSVERSE) for op in ops)
    return (size[1], size[0]) if turns % 2 else size


def _long_side_by_header(data: bytes, kind: str | None, name: str) -> int:
    """The photo's long side from its header (0 when the header cannot tell)."""
    try:
        fmt = imaging._refuse_unless_image(kind, name)
        with imaging._plugin_class(fmt, name)(io.BytesIO(data)) as im:
            return max(im.size)
    except Exception:
        return 0


def straighten_card(image: Image.Image, quad: CardQuad, width: int,
                    classifier: LineClassifier | None) -> Image.Image:
    """The card flat at its true aspect, `width` px wide, laid wide, and turned upright
    when `classifier` (the on-device angle classifier) can tell from its text."""
    return _straighten_with_lines(image, quad, width, classifier)[0]


class _KeepLines:
    """The classifier as the turn's vote sees it, keeping the lines its detection found
    (the on-device runtime's `vote_lines`), as fractions of the card."""

    def __init__(self, runtime: object) -> None:
        self._runtime = runtime
        self.boxes: list[tuple[Point, ...]] | None = None

    def line_angles(self, bgr: object) -> list[tuple[str, float, float]]:
        votes: list[tuple[str, float, float]]
        votes, self.boxes = self._runtime.vote_lines(bgr)  # type: ignore[attr-defined]
        return votes


def _straighten_with_lines(image: Image.Image, quad: CardQuad, width: int,
                           classifier: LineClassifier | None
                           ) -> tuple[Image.Image, tuple[tuple[Point, ...], ...] | None]:
    """`straighten_card`, and the text lines its vote found on the card as turned."""
    from pictotext_desktop.cards.straighten import straighten
    from pictotext_desktop.cards.upright import decide_turn

    card = straighten(image, quad, width)
    keep = _KeepLines(classifier) if hasattr(classifier, "vote_lines") else None
    decision = decide_turn(card, keep or classifier)
    boxes = keep.boxes if keep is not None else None
    if decision.turn == 180:
        card = card.rotate(180)  # a box's corners stay clockwise from its top-left
        boxes = boxes and [(*((1 - x, 1 - y) for x, y in box[2:]),
                            *((1 - x, 1 - y) for x, y in box[:2])) for box in boxes]
    return card, tuple(boxes) if boxes else None


def open_upright(source: Source, side: int = 4096) -> Image.Image:
    """The photo as shown (EXIF, sRGB, RGB), decoded at about `side` px or more, by the
    app's own rules (content sniffing, pixel and size limits): PicToTextErrors only."""
    with own_limits():
        image, _data, _decoded, _timings = _upright(source, PrepareOptions(), side)
    return image


def look(source: Source, rotate: int = 0, side: int = 1024) -> tuple[Image.Image, Found]:
    """The photo as shown (with `rotate`) at about `side` px, and the cards in it at that
    size: what the card step found (kept by the photo's bytes), looked for again when
    forgotten.  For the window's outline; PicToTextErrors only."""
    photo = source.photo if isinstance(source, CardSource) else source
    options = PrepareOptions(rotate=rotate)
    with own_limits():
        image, data, _decoded, _timings = _upright(photo, options, side)
        found = _recall(_key(data, rotate), image.size)
        if found is None:
            count_cards(photo, options)  # decodes at SPLIT_SIDE and keeps what it found
            found = _recall(_key(data, rotate), image.size)
    return image, found or Found((), True, image.size)


def _classifier(options: PrepareOptions) -> LineClassifier | None:
    return classifier(load=options.keep_pixels)


def classifier(load: bool) -> LineClassifier | None:
    """The on-device angle classifier, when it is loaded already or `load` says to load it
    (the engine that will read the card is the on-device one and loads it anyway; the
    ID copy).  A cloud scan does not load it: the card goes as it lay, the cloud reads
    any turn.  None without the on-device reader."""
    try:
        from pictotext_desktop.engines import local
    except ImportError:
        return None
    try:
        if local.is_loaded() or load:
            return local.get_runtime()
    except Exception:  # a broken on-device install must not cost the cloud upload
        return None
    return None


def _upload_name(source: Source, extension: str) -> str:
    """`photo.jpg` for the only card, `photo-2.jpg` for the second of two."""
    if isinstance(source, CardSource):
        stem = imaging.upload_filename(source.photo.display_name, "")
        return f"{stem}-{source.index + 1}{extension}"
    return imaging.upload_filename(source.display_name, extension)


__all__ = ["SEND_CARD", "SEND_WHOLE", "CardChoice", "CardSource", "PoorPhotoError",
           "card_by_header", "classifier", "count_cards", "drawn_quad", "find", "look",
           "open_upright", "prepare", "split", "straighten_card"]
