"""A validity period a thumb hides in part: completed only where the card's rules (5, 10
or 20 years to the same day, issued no later than today) leave one period, with a note."""

from __future__ import annotations

from pictotext_desktop.engines import cn_id_extract
from pictotext_desktop.engines.cn_id_extract import OcrLine, extract


def line(text: str, x: float, y: float, w: float | None = None, h: float = 40) -> OcrLine:
    w = w if w is not None else 40 * len(text)
    return OcrLine(text, ((x, y), (x + w, y), (x + w, y + h), (x, y + h)))


def back(*validity: tuple[str, float]) -> list[OcrLine]:
    """A back whose validity row read the boxes given (text, x)."""
    return [line("中华人民共和国", 560, 90, 470, 60), line("居民身份证", 560, 190, 500, 100),
            line("签发机关", 170, 490, 150), line("北京市公安局朝阳分局", 360, 485),
            line("有效期限", 170, 570, 150),
            *(line(text, x, 565, 20 * len(text)) for text, x in validity)]


def test_a_hidden_start_is_the_one_issue_date_not_in_the_future() -> None:
    # GIVEN a thumb over the start's year and month: 2044.02.27 read whole
    got = extract(back(("2.27-2044.02.27", 480)))
    # THEN 20 years before it is the only start allowed (10 and 5 would be after today)
    assert got.fields["validityPeriod"] == "2024.02.27-2044.02.27"
    assert "hidden" in got.notes["validityPeriod"]
    # AND switched off, nothing is read
    cn_id_extract.VALIDITY_FROM_PARTS = False
    try:
        assert extract(back(("2.27-2044.02.27", 480))).fields["validityPeriod"] is None
    finally:
        cn_id_extract.VALIDITY_FROM_PARTS = True


def test_a_hidden_end_year_is_completed_only_when_its_pieces_tell_the_length() -> None:
    # GIVEN the start read whole and the end's year in part: "2?27" is 20 years only
    got = extract(back(("2007.05.09-2", 360), ("27.05.09", 640)))
    assert got.fields["validityPeriod"] == "2007.05.09-2027.05.09"
    # AND "2" .. "09" fits 5, 10 and 20 years alike: not guessed
    unsure = extract(back(("2007.05.09-2", 360), ("09", 700)))
    assert unsure.fields["validityPeriod"] is None
    assert "validityPeriod" not in unsure.notes
