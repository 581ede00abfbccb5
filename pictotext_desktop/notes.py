"""The notes the core writes on a record's `warnings`, in one place.

They stay plain English strings in the record (the command line's JSON output and the
result store keep them as written), so each is made from a template here with `note()`.
The window shows them in the interface language: `parse()` finds the template and the
values a note was made from, and the Qt layer translates the template (context "notes",
marked `_()` below) and fills the values in again.  A note made elsewhere (a server's
own warning) matches no template and is shown as written.
"""

from __future__ import annotations

import re
from functools import cache


def _(text: str) -> str:
    """Mark a template for translation (the Qt layer translates it in context "notes")."""
    return text


SMALL_IMAGE = _("{name} is only {width}×{height} pixels; results may be poor. Use a larger "
                "photo or scan if you can.")
REDUCED = _("{name} was reduced to {width}×{height} pixels to stay under the {mb} MB "
            "upload limit.")
NO_ID_TEXT = _("No Chinese ID card text was found in this image.")
TURNED = _("The card was turned {degrees}° and was read upright.")
SAME_IMAGE = _("Not sent again: the same image was read before ({earlier}); use Read "
               "again to send it anew.")
LONG_NAMES = _("the answer had {count} field name(s) longer than {limit} characters; they "
               "were left out")
ONLY_FIRST_CARD = _("This photo holds {count} cards; only the first was read (remove it and "
                    "add it again to read each).")
MANY_FIELDS = _("the answer had {count} fields; the first {limit} were kept (the "
                "documented ones first)")

TEMPLATES = (SMALL_IMAGE, REDUCED, NO_ID_TEXT, TURNED, SAME_IMAGE, LONG_NAMES, MANY_FIELDS,
             ONLY_FIRST_CARD)


def note(template: str, **values: object) -> str:
    """The English note (what the record keeps)."""
    return template.format(**values)


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """The template as a regular expression; a placeholder used twice matches the same."""
    parts = re.split(r"\{(\w+)\}", template)
    seen: set[str] = set()
    regex = ""
    for i, part in enumerate(parts):
        if i % 2 == 0:
            regex += re.escape(part)
        elif part in seen:
            regex += f"(?P={part})"
        else:
            seen.add(part)
            regex += f"(?P<{part}>.+?)"
    return re.compile(regex, re.DOTALL)


def compile_all(templates: tuple[str, ...] = TEMPLATES) -> None:
    """Make every template's expression now (2-4 ms each under load): done in a background
    thread before the first result, so the window's first note costs no stall."""
    for template in templates:
        _pattern(template)


def match(text: str, templates: tuple[str, ...]) -> tuple[str, dict[str, str]] | None:
    """(template, values) of the first of `templates` that `text` was made from."""
    for template in templates:
        found = _pattern(template).fullmatch(text)
        if found:
            return template, found.groupdict()
    return None


def parse(text: str) -> tuple[str, dict[str, str]] | None:
    """(template, values) the note `text` was made from; None for a note not made here."""
    return match(text, TEMPLATES)
