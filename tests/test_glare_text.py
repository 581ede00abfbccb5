"""Glare over text (`cards.quality`): a reflection across the fields is a warning of its
own, one on the portrait or a margin is not, wherever the burnt-out share stands."""

from __future__ import annotations

import pytest

from pictotext_desktop.cards import find_cards
from pictotext_desktop.cards.quality import (
    GLARE_FIELDS_MAX_SHARE,
    GLARE_MAX_SHARE,
    GLARE_TEXT_MAX_SHARE,
    assess,
    measure,
)
from pictotext_desktop.checks.photo import GLARE_TEXT, photo_checks
from tests.glare_photos import (
    BACK_OVER_AUTHORITY,
    BACK_OVER_BLANK,
    OVER_ADDRESS,
    OVER_ID_NUMBER,
    OVER_PHOTO_BOX,
    glare_photo,
)


def _judged(centre: tuple[float, float] | None,
            side: str = "front") -> tuple[float, float, list[str]]:
    image = glare_photo(centre, side=side)
    (quad,) = find_cards(image)
    m = measure(image, quad)
    # A front's text area is its known field layout; a back's is told by its strokes.
    assert m.front_layout == (side == "front")
    return m.glare_text, m.glare, [w.code for w in assess(image, quad)]


@pytest.mark.parametrize("centre", [OVER_ADDRESS, OVER_ID_NUMBER])
def test_glare_over_the_fields_warns(centre: tuple[float, float]) -> None:
    over_text, _burnt, codes = _judged(centre)
    assert over_text > GLARE_FIELDS_MAX_SHARE and "GLARE_TEXT" in codes


def test_glare_over_the_id_number_warns_where_the_burnt_share_alone_does_not() -> None:
    # The reflection is small (under the card-wide GLARE share) but sits on the ID number.
    _over_text, burnt, codes = _judged(OVER_ID_NUMBER)
    assert burnt <= GLARE_MAX_SHARE and codes == ["GLARE_TEXT"]


def test_glare_on_the_portrait_or_none_is_not_over_text() -> None:
    over_text, _burnt, codes = _judged(OVER_PHOTO_BOX)
    assert over_text < GLARE_FIELDS_MAX_SHARE and "GLARE_TEXT" not in codes
    assert _judged(None) == (0.0, 0.0, [])


def test_the_warning_is_a_photo_check_in_both_languages() -> None:
    (check,) = photo_checks([GLARE_TEXT])
    assert check.code == "PHOTO_GLARE_TEXT" and check.field == "photo"
    assert check.message == GLARE_TEXT and "反光" in check.message_zh


def test_on_a_back_the_text_is_told_by_its_strokes() -> None:
    # Across the issuing authority and validity lines: over text.
    over_text, _burnt, codes = _judged(BACK_OVER_AUTHORITY, "back")
    assert over_text > GLARE_TEXT_MAX_SHARE and "GLARE_TEXT" in codes
    # Between the title and those lines: much of the card burnt out, but no text under it.
    over_text, burnt, codes = _judged(BACK_OVER_BLANK, "back")
    assert over_text < GLARE_TEXT_MAX_SHARE and burnt > GLARE_MAX_SHARE
    assert codes == ["GLARE"]
