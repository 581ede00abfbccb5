"""The words of a file's own error (imaging.py, image_limits.py), for the window to say
in the interface language.

The image pipeline names the file in its messages ("card.jpg is empty (0 bytes)"); the
command line prints them as they are.  The templates below are those messages with the
values taken out, marked `_()` so the Qt layer translates them (context
"file_messages"); `parse()` finds which one a message is and its values.  The kinds of
content a refused file turned out to be (sniffing.py) are marked here too, so a value
such as "a PDF document" is said in the interface language as well.
tests/test_file_messages.py makes every one of these errors for real and checks that
it parses, so a message changed in the pipeline cannot fall out of step silently.
"""

from __future__ import annotations

from pictotext_desktop.notes import match


def _(text: str) -> str:
    """Mark a template for translation (context "file_messages")."""
    return text


TEMPLATES = (
    _("{name} is {size}, larger than the {limit} limit for an image file"),
    _("{name} is larger than the {limit} limit for an image file"),
    _("{name} is empty (0 bytes)"),
    _("{name} no longer exists: it was moved, renamed or deleted"),
    _("{name} does not exist"),
    _("{name} is a folder, not an image file"),
    _("No permission to read {name}"),
    _("{name} is not a regular file (a pipe, socket or device)"),
    _("{name} could not be read ({why})"),
    _("{name} is not an image: its content is no known picture format"),
    _("{name} is a HEIC/HEIF photo, but the HEIC decoder could not be loaded"),
    _("{name} is a {fmt} image, and this installation cannot decode {fmt}"),
    _("{name} is cut off: the {fmt} data ends too early (an incomplete copy?)"),
    _("{name} is a damaged {fmt} image and cannot be decoded"),
    _("{name} has more pixels than the safety limit allows"),
    _("{name} is too large to decode in the memory available"),
    _("{name} is too large to process in the memory available"),
    _("{name} cannot be made smaller than the upload limit"),
    _("{name} claims a size of {width}×{height} pixels"),
    _("{name} is {width}×{height} pixels ({mp} MP), more than the {limit} MP safety limit"),
    _("{name} is {width}×{height} pixels in {mode} mode: decoding it takes {needed}, more "
      "than the {budget} the {limit} MP safety limit allows"),
    _("{name} is {what}, which the app cannot read"),
    _("{name} is {what}, not an image"),
)

# sniffing._UNSUPPORTED_IMAGES and _NOT_IMAGES, the `{what}` above.
KINDS = (
    _("a JPEG 2000 image"), _("a JPEG XL image"), _("a Photoshop document"),
    _("an icon file"), _("an SVG drawing"), _("a camera RAW file"),
    _("a PDF document"), _("a ZIP archive (or an Office document)"),
    _("an old-style Office document"), _("an RTF document"), _("a PostScript file"),
    _("an HTML web page"), _("an XML file"), _("a text file"), _("a gzip archive"),
    _("a RAR archive"), _("a 7-Zip archive"), _("a Windows program"), _("a program"),
    _("a video"), _("an audio file"), _("an SQLite database"),
)


def parse(text: str) -> tuple[str, dict[str, str]] | None:
    """(template, values) of a file error's message; None for any other text."""
    return match(text, TEMPLATES)
