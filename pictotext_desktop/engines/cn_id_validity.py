"""A validity period read in part (a thumb over one of its dates), completed only where
the card's rules prove it (pure Python).

A card is valid for 5, 10 or 20 years from the day after issue, to the same month and day
(长期 from 46 on), and was issued no later than today.  When the row reads one whole date
and only pieces of the other, each period those rules allow with that date is matched
against the pieces read (in order, digits only); the period is kept only when exactly one
fits.  An end date read whole has at most one start not in the future among 5, 10 and 20
years before it; a start read whole leaves 5, 10, 20 years and 长期, which the pieces of
the end must tell apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from pictotext_desktop.checks.cn_id import LONG_TERM, Validity, add_years

YEARS = (5, 10, 20)
_DATE = re.compile(r"(\d{4})\D?(\d{2})\D?(\d{2})")
NOTE_HIDDEN = ("Part of the printed period was hidden; completed from the date read and "
               "the card's validity rules (5, 10 or 20 years, issued no later than today).")


def _in_order(pieces: Sequence[str], text: str) -> bool:
    """Every piece found in `text`, each after the one before."""
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def complete(pieces: Sequence[str], today: date) -> str | None:
    """The period the row's pieces (normalised text of its boxes after the label, left
    to right) prove, formatted as the card prints it; None when none or several fit."""
    joined = "-".join(pieces)
    whole = list(_DATE.finditer(joined))
    if len(whole) != 1:
        return None  # both dates read (parse_validity's case) or neither
    m = whole[0]
    try:
        known = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    before, after = joined[:m.start()], joined[m.end():]
    digits = [re.sub(r"\D", "", p) for p in pieces]
    digits = [d for d in digits if d]
    if "-" in before and not re.search(r"\d", after):  # the end read whole
        periods = [Validity(add_years(known, -n), known) for n in YEARS]
        periods = [p for p in periods if p.start <= today]
    elif re.match(r"\D*$", before) and after:  # the start read whole
        periods = [Validity(known, add_years(known, n)) for n in YEARS]
        periods.append(Validity(known, None))
    else:
        return None
    term = any(c in after for c in LONG_TERM)  # 长期 (a character of it) read after
    fits = [p for p in periods
            if (p.end is None) == term and _in_order(digits, re.sub(r"\D", "", p.format()))]
    return fits[0].format() if len(fits) == 1 else None
