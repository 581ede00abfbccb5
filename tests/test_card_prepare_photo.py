"""The card step hands the photo a card was cut from on to the reader (for a cut that
shows no card text), except when the person set the card's corners by hand."""

from __future__ import annotations

from bench.cards import make_photo
from pictotext_desktop import card_prepare
from pictotext_desktop.imaging import PrepareOptions, Source

CARD = PrepareOptions(keep_pixels=True, send=card_prepare.SEND_CARD)


def test_a_cut_card_carries_its_photo_and_a_card_drawn_by_hand_does_not() -> None:
    photo = Source(data=make_photo(3, "plain", (2400, 1800), "wood").data, name="p.jpg")
    cut = card_prepare.prepare(photo, CARD)
    assert isinstance(cut, card_prepare.CardImage)
    assert cut.photo == photo and cut.photo_options == CARD
    drawn = card_prepare.prepare(photo, CARD, card_prepare.CardChoice(
        corners=((0.1, 0.1), (0.9, 0.1), (0.9, 0.6), (0.1, 0.6))))
    assert getattr(drawn, "photo", None) is None


def test_the_cards_of_a_photo_holding_two_do_not_carry_it() -> None:
    # (reading the whole photo for one of them could give the other card's fields)
    photo = Source(data=make_photo(7, "two", (2400, 1800), "wood").data, name="two.jpg")
    cards = card_prepare.split([photo], CARD)
    assert len(cards) == 2
    assert all(getattr(card_prepare.prepare(c, CARD), "photo", 1) is None for c in cards)
