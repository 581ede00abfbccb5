"""A card cut from a wrong quad (the card's own portrait) reads no card text: the
on-device reader then reads the whole photo the card step handed on (real OCR runtime,
generated photos)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PIL import Image

from bench.cards import make_photo
from pictotext_desktop import card_prepare, notes
from pictotext_desktop.engines import local
from pictotext_desktop.imaging import PrepareOptions, Source

CARD = PrepareOptions(keep_pixels=True, send=card_prepare.SEND_CARD)


@pytest.fixture()
def engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[local.LocalEngine]:
    monkeypatch.setattr(local, "WHOLE_PHOTO_READ", local.WHOLE_PHOTO_READ)
    local.get_runtime()
    yield local.LocalEngine()


def _cut_from_the_portrait(seed: int) -> tuple[card_prepare.CardImage, dict[str, str | None]]:
    """The card step's image of a photo's card, its pixels replaced by a plain grey
    portrait box (what a quad around the portrait cuts), and the card's fields."""
    made = make_photo(seed, "plain", (2400, 1800), "wood")
    image = card_prepare.prepare(Source(data=made.data, name=f"photo-{seed}.jpg"), CARD)
    assert isinstance(image, card_prepare.CardImage)
    portrait = Image.new("RGB", (1280, 807), (212, 216, 220))
    portrait.paste((90, 90, 100), (300, 300, 980, 807))
    return replace(image, pixels=portrait), made.cards[0].expected


def test_a_cut_with_no_card_text_is_read_from_the_whole_photo(
        engine: local.LocalEngine) -> None:
    # GIVEN a front cut from a wrong quad: no card text in it
    image, expected = _cut_from_the_portrait(3)
    wanted = {k: v for k, v in expected.items() if v}
    # WHEN it is read
    result = engine.recognize(image, "cn_id_card")
    # THEN the fields are read from the photo it was cut from, and no note says the image
    # held no card text
    assert {k: result.fields[k] for k in wanted} == wanted
    assert notes.NO_ID_TEXT not in result.warnings
    assert "whole_photo" in result.timings
    # AND without the whole photo's reading nothing was read
    local.WHOLE_PHOTO_READ = False
    assert not any(engine.recognize(image, "cn_id_card").fields.values())


def test_a_card_read_well_does_not_read_its_photo_again(engine: local.LocalEngine) -> None:
    made = make_photo(3, "plain", (2400, 1800), "wood")
    image = card_prepare.prepare(Source(data=made.data, name="photo-3.jpg"), CARD)
    result = engine.recognize(image, "cn_id_card")
    assert result.fields["idNumber"] == made.cards[0].expected["idNumber"]
    assert "whole_photo" not in result.timings
