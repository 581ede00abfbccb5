"""An ID number a thumb hides in part: completed only where the card proves the hidden
digits (the printed birth date, the check character), with a note.

Line lists as rapidocr returns them (see tests/test_cn_id_extract.py): labels at x=90,
values from x=210, the number from x=350 at 30 px a digit.
"""

from __future__ import annotations

from pictotext_desktop.engines import cn_id_extract
from pictotext_desktop.engines.cn_id_extract import OcrLine, extract

ID = "110105199003071239"  # a man born 1990-03-07, Beijing Chaoyang (110105)
PITCH = 30.0


def line(text: str, x: float, y: float, w: float | None = None, h: float = 40) -> OcrLine:
    w = w if w is not None else 40 * len(text)
    return OcrLine(text, ((x, y), (x + w, y), (x + w, y + h), (x, y + h)))


def card(number_boxes: list[tuple[int, int]], *, birth: str = "1990年3月7日",
         address: str = "北京市朝阳区建设路", gender: str = "男") -> list[OcrLine]:
    """A front whose ID row read only the digits [start, end) of each box given."""
    lines = [line("姓名", 90, 115, 85), line("张三", 210, 112),
             line("性别", 90, 193, 85), line(gender, 210, 192), line("民族", 320, 192, 85),
             line("汉", 430, 192), line("出生", 90, 273, 85), line(birth, 210, 272, 310),
             line("住址", 90, 351, 85), line(address, 210, 350), line("12号", 210, 405),
             line("公民身份号码", 90, 581, 210)]
    for start, end in number_boxes:
        lines.append(line(ID[start:end], 350 + start * PITCH, 580, (end - start) * PITCH))
    return lines


def test_digits_under_a_thumb_in_the_region_are_not_taken_from_the_address() -> None:
    # GIVEN a thumb over the number's first three digits (the region code's start)
    got = extract(card([(3, 18)]))
    # THEN the number stays unread: a person may live outside their number's region, so
    # the address (北京市朝阳区: 110105) proves nothing, even when the check would hold
    assert got.fields["idNumber"] is None
    assert "idNumber" not in got.notes
    # AND one hidden region digit is the check character's to prove, as any other digit
    one = extract(card([(1, 18)]))
    assert one.fields["idNumber"] == ID and "check character" in one.notes["idNumber"]


def test_digits_under_a_thumb_in_the_middle_are_completed_from_the_birth_date() -> None:
    # GIVEN a thumb over digits 7-10 (the birth year)
    got = extract(card([(0, 6), (10, 18)]))
    # THEN the printed birth date completes them
    assert got.fields["idNumber"] == ID
    assert got.fields["dateOfBirth"] == "1990-03-07"
    assert "birth date" in got.notes["idNumber"]
    # AND when the printed date disagrees with the digits read, nothing is filled
    assert extract(card([(0, 6), (10, 18)], birth="1991年3月7日")).fields["idNumber"] is None


def test_one_hidden_digit_is_the_check_characters_and_two_are_not() -> None:
    # GIVEN a thumb over one sequence digit (the 16th): the check character proves it
    got = extract(card([(0, 15), (16, 18)]))
    assert got.fields["idNumber"] == ID
    # AND two hidden sequence digits are not proved by anything on the card
    assert extract(card([(0, 15), (17, 18)])).fields["idNumber"] is None


def test_the_gender_printed_must_agree_with_a_completed_17th_digit() -> None:
    # GIVEN the 17th digit hidden (odd: a man) and the card printing 女
    assert extract(card([(0, 16), (17, 18)])).fields["idNumber"] == ID
    assert extract(card([(0, 16), (17, 18)], gender="女")).fields["idNumber"] is None


def test_switched_off_the_pieces_give_no_number() -> None:
    saved = cn_id_extract.NUMBER_FROM_PIECES
    cn_id_extract.NUMBER_FROM_PIECES = False
    try:
        assert extract(card([(3, 18)])).fields["idNumber"] is None
    finally:
        cn_id_extract.NUMBER_FROM_PIECES = saved


def test_a_gender_or_birth_date_hidden_whole_is_the_valid_numbers_with_a_note() -> None:
    # GIVEN the number read whole, a thumb over the gender and the whole birth row
    lines = [ln for ln in card([(0, 18)]) if ln.text not in ("男", "出生", "1990年3月7日")]
    got = extract(lines)
    # THEN both are taken from the number, and the notes say so
    assert got.fields["gender"] == "男" and got.fields["dateOfBirth"] == "1990-03-07"
    assert "ID number" in got.notes["gender"] and "ID number" in got.notes["dateOfBirth"]
    # AND a date read that disagrees with the number is not replaced by it
    other = extract(card([(0, 18)], birth="1990年3月8日"))
    assert other.fields["dateOfBirth"] == "1990-03-08"
    assert "dateOfBirth" not in other.notes
    # AND switched off, the hidden ones stay unread
    saved = cn_id_extract.HIDDEN_FROM_NUMBER
    cn_id_extract.HIDDEN_FROM_NUMBER = False
    try:
        assert extract(lines).fields["gender"] is None
    finally:
        cn_id_extract.HIDDEN_FROM_NUMBER = saved
