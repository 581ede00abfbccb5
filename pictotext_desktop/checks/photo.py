"""Findings about the photo itself (the card step, card_prepare): in every output format.

The card step writes plain notes on the upload (`PreparedImage.warnings`, which become the
record's warnings); `photo_checks` turns the ones it knows into checks on the pseudo-field
"photo", so they reach the JSON `checks`, the CSV `checks` column, the workbook's Checks
sheet and the table, and survive a merge (the merged record keeps both sides' warnings
and its checks are run again).  The texts live here so the two ends cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from pictotext_desktop.records import Check, Severity

PHOTO = "photo"
NO_CARD = "No card found; sent the whole photo."
BLUR = "The card is out of focus; small text may be misread."
GLARE = "Part of the card is burnt out white (a reflection or too much light)."
GLARE_TEXT = "Glare covers part of the card's text; fields there may be missing or wrong."
TOO_SMALL = "The card is small in the photo; move closer or crop."
CUT_OFF = "Part of the card is outside the photo."

# English note -> (code, Chinese)
_KNOWN = {
    NO_CARD: ("PHOTO_NO_CARD", "照片中未找到证件，已发送整张照片。"),
    BLUR: ("PHOTO_BLUR", "证件对焦不清，小字可能识别错误。"),
    GLARE: ("PHOTO_GLARE", "证件有一部分过曝发白（反光或光线太强）。"),
    GLARE_TEXT: ("PHOTO_GLARE_TEXT", "反光遮住了证件上的部分文字，这些字段可能缺失或有误。"),
    TOO_SMALL: ("PHOTO_TOO_SMALL", "证件在照片中太小，请靠近拍摄或裁剪。"),
    CUT_OFF: ("PHOTO_CUT_OFF", "证件有一部分在照片之外。"),
}


def photo_checks(warnings: Iterable[str]) -> list[Check]:
    """One warning check per known photo note among `warnings`, each code once."""
    out: list[Check] = []
    seen: set[str] = set()
    for text in warnings:
        known = _KNOWN.get(text)
        if known is not None and known[0] not in seen:
            seen.add(known[0])
            out.append(Check(PHOTO, known[0], Severity.WARNING, text, known[1]))
    return out
