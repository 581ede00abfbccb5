"""The ID-card extractor on hand-written OCR line lists: what the OCR saw -> the fields.

Each list is what rapidocr returns for a card (text + quadrilateral); coordinates follow
the real layout (labels at the left, values from x=210, the ID number at the bottom).
"""

from __future__ import annotations

import math

import pytest

from pictotext_desktop.checks.cn_id import LETTER_FIXES, check_char
from pictotext_desktop.engines import cn_id_extract
from pictotext_desktop.engines.cn_id_extract import (
    FIELD_KEYS,
    OcrLine,
    _items,
    _rotate_point,
    accept_address_tail,
    detect_rotation,
    extract,
    find_id_number,
    id_number_valid,
    parse_validity,
    snap_ethnicity,
)

ID = "11010519900307123" + check_char("11010519900307123")  # a man born 1990-03-07
ID_WOMAN = "44030519851120002" + check_char("44030519851120002")


def line(text: str, x: float, y: float, w: float | None = None, h: float = 40) -> OcrLine:
    """A horizontal line of text whose box starts at (x, y)."""
    w = w if w is not None else 40 * len(text)
    return OcrLine(text, ((x, y), (x + w, y), (x + w, y + h), (x, y + h)))


def front(
    *,
    name: str = "张三",
    gender_row: tuple[str, ...] = ("性别", "男", "民族", "汉"),
    birth: str = "1990年3月7日",
    address: tuple[str, ...] = ("北京市朝阳区建设路", "12号"),
    number: str = ID,
    labels: tuple[str, str, str, str, str] = ("姓名", "性别", "出生", "住址", "公民身份号码"),
) -> list[OcrLine]:
    name_l, _, birth_l, addr_l, id_l = labels
    lines = [line(name_l, 90, 115, 85), line(name, 210, 112)]
    g = gender_row
    if len(g) == 4:
        lines += [line(labels[1], 90, 193, 85), line(g[1], 210, 192), line(g[2], 320, 192, 85)]
        lines += [line(g[3], 430, 192)]
    else:
        lines += [line(text, 90 + 120 * i, 193) for i, text in enumerate(g)]
    lines += [line(birth_l, 90, 273, 85), line(birth, 210, 272, 310)]
    lines += [line(addr_l, 90, 351, 85)]
    lines += [line(text, 210, 350 + 55 * i) for i, text in enumerate(address)]
    lines += [line(id_l, 90, 581, 210), line(number, 350, 580, 540)]
    return lines


def back(
    authority: str = "北京市公安局朝阳分局", validity: str = "2015.03.01-2035.03.01"
) -> list[OcrLine]:
    return [
        line("中华人民共和国", 560, 90, 470, 60),
        line("居民身份证", 560, 190, 500, 100),
        line("签发机关", 170, 490, 150),
        line(authority, 360, 485),
        line("有效期限", 170, 570, 150),
        line(validity, 360, 565, 430),
    ]


def test_a_clean_front_gives_the_six_front_fields_in_api_format() -> None:
    result = extract(front())
    assert result.side == "front"
    assert list(result.fields) == list(FIELD_KEYS)
    assert result.fields == {
        "name": "张三",
        "gender": "男",
        "ethnicity": "汉",
        "dateOfBirth": "1990-03-07",
        "address": "北京市朝阳区建设路12号",
        "idNumber": ID,
        "issuingAuthority": None,
        "validityPeriod": None,
    }
    assert result.notes == {}


def test_labels_merged_with_values_and_traditional_forms_are_read() -> None:
    # GIVEN the OCR joined label and value into one box and printed 漢 for 汉
    lines = [
        line("姓名张三", 90, 115),
        line("性别男民族漢", 90, 193),
        line("出生：1990年3月7日", 90, 273),
        line("住址 北京市朝阳区建设路", 90, 351),
        line("12号", 210, 406),
        line("公民身份号码" + ID, 90, 581, 800),
    ]
    fields = extract(lines).fields
    assert fields["name"] == "张三"
    assert (fields["gender"], fields["ethnicity"]) == ("男", "汉")
    assert fields["dateOfBirth"] == "1990-03-07"
    assert fields["address"] == "北京市朝阳区建设路12号"
    assert fields["idNumber"] == ID


def test_noisy_labels_are_still_recognised_by_their_place() -> None:
    # GIVEN small faint labels misread (娃名, 牲别, 出主, 往址, 公民身份号吗)
    lines = front(labels=("娃名", "牲别", "出主", "往址", "公民身份号吗"))
    fields = extract(lines).fields
    assert fields["name"] == "张三"
    assert fields["gender"] == "男"
    assert fields["dateOfBirth"] == "1990-03-07"
    assert fields["address"] == "北京市朝阳区建设路12号"


def test_a_three_line_address_is_joined_in_reading_order() -> None:
    address = ("新疆维吾尔自治区乌鲁木", "齐市天山区文化路374", "号阳光新城15栋3单元")
    fields = extract(front(address=address)).fields
    assert fields["address"] == "新疆维吾尔自治区乌鲁木齐市天山区文化路374号阳光新城15栋3单元"


def test_background_latin_text_never_joins_the_address() -> None:
    lines = [*front(), line("RECEIPT", 215, 460, 200), line("Total 42.00", 900, 300)]
    assert extract(lines).fields["address"] == "北京市朝阳区建设路12号"


def test_an_unreadable_gender_is_completed_from_a_valid_id_number_with_a_note() -> None:
    # GIVEN the gender character came out as noise, and the ID number is valid
    result = extract(front(gender_row=("性别", "舅", "民族", "汉")))
    assert result.fields["gender"] == "男"
    assert "ID number" in result.notes["gender"]


def test_a_printed_gender_that_disagrees_with_the_id_number_is_reported_as_printed() -> None:
    # The checks flag the disagreement; the extractor never "corrects" what is printed.
    result = extract(front(gender_row=("性别", "女", "民族", "汉")))
    assert result.fields["gender"] == "女"
    assert "gender" not in result.notes


def test_a_printed_birth_date_that_disagrees_with_the_id_number_is_reported_as_printed() -> None:
    assert extract(front(birth="1990年3月8日")).fields["dateOfBirth"] == "1990-03-08"


def test_a_garbled_birth_date_is_completed_from_the_id_number_only_if_the_year_agrees() -> None:
    completed = extract(front(birth="1990年?月"))
    assert completed.fields["dateOfBirth"] == "1990-03-07"
    assert "ID number" in completed.notes["dateOfBirth"]
    assert extract(front(birth="1980年?月")).fields["dateOfBirth"] is None


def test_nothing_is_invented_when_the_id_number_is_not_valid() -> None:
    bad = ID[:-1] + ("0" if ID[-1] != "0" else "1")
    result = extract(front(gender_row=("性别", "舅", "民族", "汉"), number=bad))
    assert result.fields["gender"] is None
    assert result.fields["idNumber"] == bad  # reported as read; the checks flag it


def test_id_number_ocr_confusions_are_repaired_when_the_check_digit_then_fits() -> None:
    noisy = ID[:6] + ID[6:12].replace("0", "O") + ID[12:]
    assert find_id_number(f"公民身份号码 {noisy}") == ID
    assert id_number_valid("11010519491231002X")
    assert not id_number_valid("110105194912310021")


@pytest.mark.parametrize(("letter", "digit"), sorted(LETTER_FIXES.items()))
def test_id_number_look_alike_letters_are_the_digits_the_checks_suggest(
    letter: str, digit: str
) -> None:
    # GIVEN a valid number whose 15th character (a digit) was read as its look-alike letter
    first17 = f"11010519880606{digit}21"
    number = first17 + check_char(first17)
    misread = number[:14] + letter + number[15:]
    # THEN the extractor reads the same digit the checks would suggest
    assert find_id_number(f"公民身份号码{misread}") == number


def test_b_is_read_as_8_and_lower_case_b_as_6() -> None:
    first17 = "11010519880606821"
    number = first17 + check_char(first17)
    assert find_id_number(number[:8] + "B" + number[9:14] + "B" + number[15:]) == number
    assert find_id_number(number[:11] + "b" + number[12:13] + "b" + number[14:]) == number


def test_ethnicity_snaps_to_the_56_groups_from_the_end_of_the_row() -> None:
    assert snap_ethnicity("民族维吾尔") == "维吾尔"
    assert snap_ethnicity("民旅土家") == "土家"
    assert snap_ethnicity("漢") == "汉"
    assert snap_ethnicity("民族") is None
    fields = extract(front(gender_row=("性别", "女", "民旅", "布依"), number=ID_WOMAN)).fields
    assert (fields["gender"], fields["ethnicity"]) == ("女", "布依")


def test_the_back_gives_authority_and_validity_only() -> None:
    result = extract(back())
    assert result.side == "back"
    assert result.fields["issuingAuthority"] == "北京市公安局朝阳分局"
    assert result.fields["validityPeriod"] == "2015.03.01-2035.03.01"
    assert all(result.fields[k] is None for k in FIELD_KEYS[:6])


@pytest.mark.parametrize(
    ("seen", "expected"),
    [
        ("2015.03.01-2035.03.01", "2015.03.01-2035.03.01"),
        ("2015．03．01—2035．03．01", "2015.03.01-2035.03.01"),
        ("20150301一20350301", "2015.03.01-2035.03.01"),
        ("2015.03.01-长期", "2015.03.01-长期"),
        ("2015.03.01-長期", "2015.03.01-长期"),
        ("2015.13.01-2035.13.01", None),
    ],
)
def test_validity_periods_come_out_in_api_format(seen: str, expected: str | None) -> None:
    assert parse_validity(seen) == expected


def test_back_with_unreadable_labels_still_finds_authority_and_validity() -> None:
    lines = back()
    lines[2] = line("签犮札美", 170, 490, 150)
    lines[4] = line("有敛朗很", 170, 570, 150)
    fields = extract(lines).fields
    assert fields["issuingAuthority"] == "北京市公安局朝阳分局"
    assert fields["validityPeriod"] == "2015.03.01-2035.03.01"


def _turn(lines: list[OcrLine], rotation: int, size: tuple[int, int]) -> list[OcrLine]:
    w, h = size
    return [
        OcrLine(ln.text, tuple(_rotate_point(x, y, rotation, w, h) for x, y in ln.box))
        for ln in lines
    ]


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
@pytest.mark.parametrize("side", ["front", "back"])
def test_the_rotation_that_makes_the_card_upright_is_found(turned: int, side: str) -> None:
    size = (1100, 700)
    lines = _turn(front() if side == "front" else back(), turned, size)
    turned_size = size if turned in (0, 180) else (size[1], size[0])
    assert detect_rotation(lines, turned_size) == (360 - turned) % 360


def test_a_skewed_card_is_read_like_a_straight_one() -> None:
    a = math.radians(13)

    def skew(ln: OcrLine) -> OcrLine:
        box = tuple(
            (x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a))
            for x, y in ln.box
        )
        return OcrLine(ln.text, box)

    assert extract([skew(ln) for ln in front()]).fields == extract(front()).fields


def test_an_image_without_card_text_reads_nothing() -> None:
    result = extract([line("RECEIPT", 10, 10), line("Total 42.00", 10, 80)])
    assert result.side == "unknown"
    assert all(v is None for v in result.fields.values())
    assert "张" not in repr(result)


def test_reprs_of_ocr_lines_never_show_the_text() -> None:
    # GIVEN what the OCR read from a card (names and numbers are identity data)
    lines = front()
    # THEN neither the lines nor their layout items show the text in a repr
    for obj in (*lines, *_items(lines)):
        assert "张三" not in repr(obj)
        assert ID not in repr(obj)
        assert "北京" not in repr(obj)


def test_rows_whose_faint_labels_vanished_are_recognised_by_content_and_place() -> None:
    # GIVEN a blurred photo: the small blue labels were not detected, the bold values were
    lines = [
        line("张三", 210, 112),
        line("男民族汉", 210, 192),
        line("1990年3月7日", 210, 272, 310),
        line("北京市朝阳区建设路", 210, 350),
        line("12号", 210, 405),
        line("公民份号码" + ID, 90, 580, 800),
    ]
    fields = extract(lines).fields
    assert fields == {
        "name": "张三",
        "gender": "男",
        "ethnicity": "汉",
        "dateOfBirth": "1990-03-07",
        "address": "北京市朝阳区建设路12号",
        "idNumber": ID,
        "issuingAuthority": None,
        "validityPeriod": None,
    }


def test_an_address_number_is_not_mistaken_for_the_birth_date() -> None:
    address = ("广东省深圳市南山区学府路", "1942号1栋2单元1703室")
    fields = extract(front(address=address)).fields
    assert fields["dateOfBirth"] == "1990-03-07"
    assert fields["address"] == "广东省深圳市南山区学府路1942号1栋2单元1703室"


def test_a_front_whose_labels_all_vanished_is_still_read() -> None:
    # GIVEN only the bold values survived, even 公民身份号码 (the number starts further right)
    lines = [
        line("张三", 210, 112),
        line("男民族汉", 210, 192),
        line("1990年3月7日", 210, 272, 310),
        line("北京市朝阳区建设路", 210, 350),
        line("12号", 210, 405),
        line(ID, 350, 580, 540),
    ]
    fields = extract(lines).fields
    assert (fields["name"], fields["gender"], fields["dateOfBirth"]) == ("张三", "男", "1990-03-07")
    assert fields["address"] == "北京市朝阳区建设路12号"


def test_the_slot_for_a_lone_last_address_character_is_below_the_last_address_line() -> None:
    # GIVEN a two-line address whose third line (a lone 室) the detector missed
    quad = extract(front(address=("北京市朝阳区建设路12号", "3栋2单元1703"))).address_probe
    assert quad is not None
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    # THEN the slot starts at the value column, one line below "3栋2单元1703", above the number
    assert min(xs) < 210 < max(xs) < 400
    assert 405 + 40 < (min(ys) + max(ys)) / 2 < 580
    # and a full three-line address leaves no slot
    three = ("北京市朝阳区建设路12号", "阳光新城3栋2单元", "1703室")
    assert extract(front(address=three)).address_probe is None
    assert extract(back()).address_probe is None


@pytest.mark.parametrize(
    ("text", "score", "expected"),
    [("室", 0.9, "室"), ("号", 0.7, "号"), ("室", 0.3, None), ("", 0.0, None), ("ab", 0.95, None)],
)
def test_only_a_confident_short_reading_extends_the_address(
    text: str, score: float, expected: str | None
) -> None:
    assert accept_address_tail(text, score) == expected


@pytest.mark.parametrize(
    ("seen", "expected"),
    [
        ("006.06.26-长期", "2006.06.26-长期"),  # the leading 2 under a thumb
        ("2015.03.01-035.03.01", "2015.03.01-2035.03.01"),
        ("12006.06.26-长期", "2006.06.26-长期"),  # a speck before it, as before
        ("106.06.26-长期", None),  # no year of a card in use
        ("15.03.01-2035.03.01", None),
    ],
)
def test_a_validity_year_missing_its_leading_2_is_read_as_20xx(
    seen: str, expected: str | None
) -> None:
    assert parse_validity(seen) == expected


def _front_day_only(*, gender: tuple[tuple[str, float], ...] = (("性别", 90), ("男", 210)),
                    birth_label: str = "出", day: str = "7日") -> list[OcrLine]:
    """A front under glare: the birth row's label half read and only its day left."""
    lines = [line("姓名", 90, 115, 85), line("张三", 210, 112)]
    lines += [line(text, x, 193) for text, x in gender]
    if birth_label:
        lines.append(line(birth_label, 90, 273))
    lines += [line(day, 470, 272), line("住址", 90, 351, 85)]
    lines += [line("北京市朝阳区建设路", 210, 350), line("12号", 210, 405)]
    return [*lines, line("公民身份号码", 90, 581, 210), line(ID, 350, 580, 540)]


def test_a_birth_date_of_which_only_the_day_was_read_is_completed_from_the_id_number(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN glare over the birth row: its label half read (出) and only 7日 of 1990年3月7日
    result = extract(_front_day_only())
    # THEN the date is the valid ID number's, with a note saying so
    assert result.fields["dateOfBirth"] == "1990-03-07"
    assert "ID number" in result.notes["dateOfBirth"]
    assert result.fields["address"] == "北京市朝阳区建设路12号"
    # a day that is not the number's is not completed
    assert extract(_front_day_only(day="8日")).fields["dateOfBirth"] is None
    # and without the half label box, or the date from its parts, it is not read (nor
    # taken whole from the number as a date of which nothing was read)
    monkeypatch.setattr(cn_id_extract, "HIDDEN_FROM_NUMBER", False)
    monkeypatch.setattr(cn_id_extract, "HALF_LABEL_BOX", False)
    assert extract(_front_day_only()).fields["dateOfBirth"] is None
    monkeypatch.setattr(cn_id_extract, "HALF_LABEL_BOX", True)
    monkeypatch.setattr(cn_id_extract, "BIRTH_FROM_PARTS", False)
    assert extract(_front_day_only()).fields["dateOfBirth"] is None


def test_rows_without_labels_are_told_by_a_day_alone_and_by_their_place(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN glare over the labels: the gender row read as 里 and 汉, the birth row as 7日
    lines = _front_day_only(gender=(("里", 210), ("汉", 430)), birth_label="")
    result = extract(lines)
    # THEN the day's row is the birth row, the row above it the gender row (its gender
    # from the ID number, with a note), and the address starts below it
    assert result.fields == {
        "name": "张三", "gender": "男", "ethnicity": "汉", "dateOfBirth": "1990-03-07",
        "address": "北京市朝阳区建设路12号", "idNumber": ID,
        "issuingAuthority": None, "validityPeriod": None,
    }
    assert "ID number" in result.notes["gender"]
    monkeypatch.setattr(cn_id_extract, "HIDDEN_FROM_NUMBER", False)
    monkeypatch.setattr(cn_id_extract, "DAY_ROW", False)
    fields = extract(lines).fields
    assert fields["dateOfBirth"] is None and fields["gender"] is None
