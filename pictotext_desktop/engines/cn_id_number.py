"""An ID number read in pieces (a thumb over part of it), completed only where the card
proves the hidden digits (pure Python).

GB 11643 numbers repeat what the card prints elsewhere: digits 7-14 are the birth date,
the 17th digit's parity the gender, and the 18th is a check character over the other 17.
When the ID row reads as digit pieces short of 18 characters, every way of placing the
hidden digits among the pieces (before, between, after) is tried, and a hidden digit is
filled only:

* inside the birth date, from the date printed on the card (the digits read there must
  agree with it);
* one other hidden digit at most, by the check character (the 17th must also agree with
  the gender printed).

The region code (digits 1-6) is not taken from the address: a person may live outside
the region their number was issued in, so the address does not prove it.

The number is kept only when exactly one completion is left over all placements; its
note says what it was completed from.  Anything less certain leaves the number unread.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pictotext_desktop.checks.cn_id import (
    LETTER_FIXES,
    birth_date_of,
    check_char,
    gender_of,
    is_valid_checksum,
)

LENGTH = 18
MAX_HIDDEN = 8  # more than this hidden: the row is not the number's pieces
_DIGITS = re.compile(r"[0-9]+[0-9X]?")
_LEADING_CJK = re.compile(r"^[\u4e00-\u9fff]+")
_LOOK_ALIKES = str.maketrans(LETTER_FIXES)
# A gap between two pieces more than this many digit widths away from the digits placed
# in it (either way) rules that placement out; pieces with nothing hidden between them sit
# closer than ADJACENT digit widths apart.
GAP_SLACK = 1.2
ADJACENT = 0.6

NOTE_HIDDEN = "Part of the printed number was hidden; completed from {sources}."


@dataclass(frozen=True)
class Piece:
    """Digits read in one box of the ID row, and the box's left and right x."""

    digits: str = field(repr=False)  # identity data: never in a log line
    x0: float
    x1: float


def row_pieces(boxes: Sequence[tuple[str, float, float]]) -> list[Piece] | None:
    """The digit pieces of an ID row given as (text, x0, x1) boxes, left to right; the
    label's characters (公民身份号码, whole or in part) at the start of a box are left
    out.  None when a box holds anything else (not the ID row), or no digit was read."""
    pieces: list[Piece] = []
    for text, x0, x1 in sorted(boxes, key=lambda b: b[1]):
        rest = _LEADING_CJK.sub("", text.replace(" ", ""))
        if not rest:
            continue  # the label's own box
        rest = rest.translate(_LOOK_ALIKES).upper()
        if not _DIGITS.fullmatch(rest):
            return None
        if len(rest) < len(text):  # the label and digits in one box: the digits' share
            width = (x1 - x0) * len(rest) / len(text)
            x0 = x1 - width
        pieces.append(Piece(rest, x0, x1))
    return pieces or None


def _pitch(pieces: Sequence[Piece]) -> float:
    """A digit's width: the longest piece's width over its length."""
    longest = max(pieces, key=lambda p: len(p.digits))
    return (longest.x1 - longest.x0) / len(longest.digits)


def _placements(pieces: Sequence[Piece], hidden: int) -> list[list[str | None]]:
    """Templates of 18 characters (None: hidden) for each way of putting `hidden` digits
    before, between and after the pieces; a gap between two pieces takes about as many
    as its width holds (GAP_SLACK, ADJACENT)."""
    pitch = _pitch(pieces)
    slots = len(pieces) + 1
    out = []
    for cut in itertools.combinations(range(hidden + slots - 1), slots - 1):
        counts = [b - a - 1 for a, b in zip((-1, *cut), (*cut, hidden + slots - 1),
                                            strict=True)]
        gaps = [(pieces[i + 1].x0 - pieces[i].x1) / pitch for i in range(len(pieces) - 1)]
        fits = all(gap <= ADJACENT if count == 0 else abs(gap - count) <= GAP_SLACK
                   for gap, count in zip(gaps, counts[1:], strict=False))
        if not fits:
            continue
        template: list[str | None] = [None] * counts[0]
        for piece, count in zip(pieces, counts[1:], strict=True):
            template += [*piece.digits, *([None] * count)]
        out.append(template)
    return out


def _fill(template: list[str | None], birth: date | None,
          gender: str | None) -> tuple[str | None, bool]:
    """The number `template` can be completed to (None: none), and whether the printed
    birth date filled part of it."""
    chars = list(template)
    if "X" in chars[:17]:
        return None, False
    from_birth = any(c is None for c in chars[6:14])
    if from_birth:
        if birth is None:
            return None, False
        printed = birth.strftime("%Y%m%d")
        if any(c is not None and c != p for c, p in zip(chars[6:14], printed, strict=True)):
            return None, False
        chars[6:14] = list(printed)
    rest = [i for i in range(LENGTH) if chars[i] is None]
    if len(rest) > 1:
        return None, False
    if rest == [17]:
        first = "".join(c for c in chars[:17] if c is not None)
        number = first + check_char(first) if len(first) == 17 else ""
    elif rest:
        # At most one digit passes: MOD 11-2 weighs each position by a number prime to
        # 11, so the ten digits give ten different remainders.
        number = next((n for d in "0123456789" if is_valid_checksum(
            n := "".join(d if c is None else c for c in chars))), "")
    else:
        number = "".join(c or "" for c in chars)
    if len(number) != LENGTH or not is_valid_checksum(number):
        return None, from_birth
    if birth_date_of(number) is None or (birth is not None and birth_date_of(number) != birth):
        return None, from_birth
    if gender is not None and gender_of(number) != gender:
        return None, from_birth
    return number, from_birth


def complete(pieces: Sequence[Piece], birth: date | None,
             gender: str | None) -> tuple[str, str] | None:
    """The number the pieces and the card's printed birth date and gender prove, with
    the note saying so; None when none or more than one number fits."""
    read = sum(len(p.digits) for p in pieces)
    hidden = LENGTH - read
    if not pieces or not 1 <= hidden <= MAX_HIDDEN:
        return None
    numbers: set[str] = set()
    from_birth = False
    for template in _placements(pieces, hidden):
        number, birth_used = _fill(template, birth, gender)
        if number is not None:
            numbers.add(number)
            from_birth |= birth_used
    if len(numbers) != 1:
        return None
    sources = ("the printed birth date and the number's check character" if from_birth
               else "the number's check character")
    return numbers.pop(), NOTE_HIDDEN.format(sources=sources)
