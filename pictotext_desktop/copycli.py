"""`pictotext-desktop copy FRONT BACK -o copy.pdf [--watermark TEXT] [--date YYYY-MM-DD]`.

Both sides of a card on one A4 page at true size (idcopy.py), written atomically.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pictotext_desktop.errors import EXIT_OK, UsageError


def build_copy_parser(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    parser = parser_class(
        prog="pictotext-desktop copy",
        description="Make an ID copy: both sides of a card on one A4 page at true size "
                    "(85.6 × 54 mm), as a PDF, optionally watermarked.",
    )  # fmt: skip
    parser.add_argument("front", metavar="FRONT", help="image of the card's front")
    parser.add_argument("back", metavar="BACK", help="image of the card's back")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf",
                        help="the PDF to write")
    parser.add_argument("--watermark", default=None, metavar="TEXT",
                        help="e.g. \"仅供入职使用\": repeated diagonally over both sides, "
                             "with the date")
    parser.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                        help="the date in the watermark (default today)")
    return parser


def _parse_date(text: str | None) -> _dt.date:
    if text is None:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--date: {text!r} is not a date written YYYY-MM-DD.") from None


def run_copy(
    argv: Sequence[str], stdout: TextIO, stderr: TextIO,
    parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser,
) -> int:  # fmt: skip
    from pictotext_desktop import export, idcopy
    from pictotext_desktop.imaging import Source

    args = build_copy_parser(parser_class).parse_args(argv)
    output = Path(args.output).expanduser()
    if output.suffix.lower() != ".pdf":
        raise UsageError(f"-o {args.output}: the copy is a PDF; name the file ….pdf.")
    if not output.parent.is_dir():
        raise UsageError(f"-o {args.output}: the folder {output.parent} does not exist.")
    day = _parse_date(args.date)
    if args.watermark is not None and not args.watermark.strip():
        raise UsageError("--watermark: give the text, e.g. --watermark \"仅供入职使用\".")
    front = idcopy.open_card_image(Source(path=Path(args.front).expanduser()))
    back = idcopy.open_card_image(Source(path=Path(args.back).expanduser()))
    page = idcopy.compose(front, back, watermark=args.watermark, day=day,
                          find_card=idcopy.card_in_photo)
    for warning in page.warnings:
        print(f"warning: {warning}", file=stderr)
    export.write_atomically(output, idcopy.to_pdf(page))
    what = f", watermark \u201c{idcopy.watermark_text(args.watermark, day)}\u201d" \
        if args.watermark else ", no watermark"
    print(f"Wrote {args.output}: one A4 page, front above back at 85.6 × 54 mm{what}",
          file=stderr)
    return EXIT_OK
