"""The reading's own checks (engines/cn_id_checks.py) and the layout fixes they go with,
on hand-written OCR line lists laid out like a card (tests/test_cn_id_extract.py)."""

from __future__ import annotations

import math

import pytest

from pictotext_desktop.engines import cn_id_extract
from pictotext_desktop.engines.cn_id_checks import (
    BACK,
    FRONT,
    consistency,
    incomplete,
    malformed,
    region_prefix,
    repair_prefix,
    text_region,
)
from pictotext_desktop.engines.cn_id_extract import OcrLine, detect_rotation, extract
from tests.test_cn_id_extract import ID, ID_WOMAN, back, front, line


def _skew(lines: list[OcrLine], degrees: float) -> list[OcrLine]:
    a = math.radians(degrees)
    return [OcrLine(ln.text, tuple((x * math.cos(a) - y * math.sin(a),
                                    x * math.sin(a) + y * math.cos(a)) for x, y in ln.box))
            for ln in lines]


def test_a_skewed_card_with_only_the_id_row_read_is_not_turned_over() -> None:
    # The label and the number sit on one row; turned 6 degrees counter-clockwise the
    # number (right of the label) sits higher than the label.  Only they were read.
    lines = _skew([line("公民身份号码", 90, 581, 210), line(ID, 350, 580, 540)], -6)
    lines = [OcrLine(ln.text, tuple((x + 100, y + 100) for x, y in ln.box)) for ln in lines]
    assert detect_rotation(lines, (1200, 900)) == 0
    cn_id_extract.PAIR_LEFT_TO_RIGHT = False  # as it was: compared top to bottom
    try:
        assert detect_rotation(lines, (1200, 900)) == 180
    finally:
        cn_id_extract.PAIR_LEFT_TO_RIGHT = True


def test_an_upside_down_id_row_is_still_turned() -> None:
    size = (1200, 900)
    lines = _skew([line("公民身份号码", 90, 581, 210), line(ID, 350, 580, 540)], 4)
    turned = [OcrLine(ln.text, tuple((size[0] - x, size[1] - y) for x, y in ln.box))
              for ln in lines]
    assert detect_rotation(turned, size) == 180


def test_the_region_prefix_comes_from_the_id_numbers_first_six_digits() -> None:
    assert region_prefix(ID) == "北京市朝阳区"  # a municipality: no 市辖区
    assert region_prefix(ID_WOMAN) == "广东省深圳市南山区"
    assert region_prefix("99999919900307123X") is None


@pytest.mark.parametrize(("read", "repaired"), [
    ("广东省深川市南山区学府路12号", "广东省深圳市南山区学府路12号"),  # one character
    ("广东省深圳币南止区学府路12号", "广东省深圳市南山区学府路12号"),  # two
    ("广东深圳市南山区学府路12号", "广东省深圳市南山区学府路12号"),  # one dropped
    ("广东省深圳市南山区学府路12号", "广东省深圳市南山区学府路12号"),  # right already
    ("北京市朝阳区建设路12号", "北京市朝阳区建设路12号"),  # moved: another region
    ("广西壮族自治区南宁市青秀区1号", "广西壮族自治区南宁市青秀区1号"),
])
def test_a_garbled_address_prefix_is_repaired_only_when_close(read: str, repaired: str) -> None:
    assert repair_prefix(read, ID_WOMAN) == repaired


def test_no_repair_without_a_valid_id_number() -> None:
    garbled = "广东省深川市南山区学府路12号"
    wrong_check = ID_WOMAN[:-1] + ("1" if ID_WOMAN[-1] == "0" else "0")
    assert repair_prefix(garbled, wrong_check) == garbled
    assert repair_prefix(garbled, None) == garbled


def test_the_extractor_repairs_the_prefix_and_can_be_switched_off() -> None:
    lines = front(address=("广东省深川市南山区学", "府路12号"), number=ID_WOMAN,
                  gender_row=("性别", "女", "民族", "汉"), birth="1985年11月20日")
    assert extract(lines).fields["address"] == "广东省深圳市南山区学府路12号"
    cn_id_extract.REPAIR_REGION = False
    try:
        assert extract(lines).fields["address"] == "广东省深川市南山区学府路12号"
    finally:
        cn_id_extract.REPAIR_REGION = True


def test_a_note_beside_a_card_back_is_not_appended_to_the_authority() -> None:
    lines = back()
    lines.append(line("请于月底前办理", 1500, 485))  # on the authority's row, beyond the card
    lines.append(line("家庭住址已变更", 1500, 530))  # and on a row of its own below it
    assert extract(lines).fields["issuingAuthority"] == "北京市公安局朝阳分局"
    cn_id_extract.AUTHORITY_NOTE_GUARD = False
    try:
        assert extract(lines).fields["issuingAuthority"] != "北京市公安局朝阳分局"
    finally:
        cn_id_extract.AUTHORITY_NOTE_GUARD = True


def test_an_authority_wrapped_under_its_value_is_still_joined() -> None:
    lines = back(authority="新疆维吾尔自治区乌鲁木齐")
    lines.insert(4, line("市公安局天山分局", 360, 528))
    assert extract(lines).fields["issuingAuthority"] == "新疆维吾尔自治区乌鲁木齐市公安局天山分局"


def test_the_card_text_region_leaves_out_a_note_beside_the_card() -> None:
    lines = [*front(), line("会议记录第三页内容很多很多", 2600, 300, 900)]
    picked = text_region(lines)
    assert len(lines) - 1 not in picked
    assert set(picked) == set(range(len(lines) - 1))


def test_a_reading_is_incomplete_when_a_field_is_missing_or_disagrees_with_the_number() -> None:
    good = extract(front())
    assert not incomplete(good)
    no_name = extract([ln for ln in front() if ln.text not in ("姓名", "张三")])
    assert no_name.fields["name"] is None and incomplete(no_name)
    wrong_gender = extract(front(gender_row=("性别", "女", "民族", "汉")))
    assert incomplete(wrong_gender)
    assert consistency(good) > consistency(wrong_gender) > consistency(no_name) - 1
    assert not incomplete(extract(back()))
    assert incomplete(extract(back()[:4]))


def test_the_address_ends_at_the_id_row_when_its_number_is_unreadable() -> None:
    # A thumb over the number: the row holds the label and a cut-off number.
    lines = [ln for ln in front() if ln.text != ID]
    lines.append(line(ID[6:], 350 + 40 * 6, 580, 360))
    fields = extract(lines).fields
    assert fields["address"] == "北京市朝阳区建设路12号"
    assert fields["idNumber"] is None  # its region code is not the address's to give
    cn_id_extract.ADDRESS_STOPS_AT_ID_LABEL = False
    try:
        assert extract(lines).fields["address"] != "北京市朝阳区建设路12号"
    finally:
        cn_id_extract.ADDRESS_STOPS_AT_ID_LABEL = True


def test_the_address_ends_at_an_id_row_read_in_pieces() -> None:
    # A blurred ID row: half its label and a cut-off number in one box (no valid number).
    for row in ("份号码" + ID[:12], ID[:10]):
        lines = [ln for ln in front() if ln.text not in ("公民身份号码", ID)]
        lines.append(line(row, 200, 580, 600))
        fields = extract(lines).fields
        assert fields["address"] == "北京市朝阳区建设路12号"
        cn_id_extract.ID_ROW_PARTS = False
        try:
            assert extract(lines).fields["address"] != "北京市朝阳区建设路12号"
        finally:
            cn_id_extract.ID_ROW_PARTS = True


def test_an_address_with_house_numbers_still_runs_on() -> None:
    lines = front(address=("北京市朝阳区建设路", "12号3栋2单元1203室"))
    assert extract(lines).fields["address"] == "北京市朝阳区建设路12号3栋2单元1203室"


def test_digits_and_letters_before_a_name_are_left_out() -> None:
    # A blurred 姓名 read as "6" or "R" in front of the name.
    assert extract(front(name="6沈欣强")).fields["name"] == "沈欣强"
    assert extract(front(name="R张三")).fields["name"] == "张三"
    assert extract(front(name="阿依古丽·买买提")).fields["name"] == "阿依古丽·买买提"
    cn_id_extract.NAME_CLEANUP = False
    try:
        assert extract(front(name="6沈欣强")).fields["name"] == "6沈欣强"
    finally:
        cn_id_extract.NAME_CLEANUP = True


@pytest.mark.parametrize(("read", "snapped"), [
    ("蒙店", "蒙古"), ("维吾示", "维吾尔"), ("土家", "土家"), ("汉", "汉"),
    ("汊", "汊"),  # one character: never guessed
    ("abc", None),
])
def test_an_ethnic_group_with_one_character_misread_is_snapped(read: str,
                                                               snapped: str | None) -> None:
    fields = extract(front(gender_row=("性别", "男", "民族", read))).fields
    assert fields["ethnicity"] == snapped


def test_without_the_fuzzy_match_a_misread_group_stays_as_read() -> None:
    cn_id_extract.ETHNIC_FUZZY = False
    try:
        assert extract(front(gender_row=("性别", "男", "民族", "蒙店"))).fields[
            "ethnicity"] == "蒙店"
    finally:
        cn_id_extract.ETHNIC_FUZZY = True


@pytest.mark.parametrize(
    ("lines", "field"),
    [
        (front(gender_row=("性别", "男", "民族", "园")), "ethnicity"),  # 回 misread
        (front(address=("上市区44",)), "address"),  # a garbled address, no province
        (back(authority="南京局玄武分局"), "issuingAuthority"),  # 公安 lost under a thumb
    ],
)
def test_a_field_read_in_no_shape_the_card_prints_is_worth_a_second_look(
    lines: list[OcrLine], field: str
) -> None:
    # GIVEN a reading with every field of its side, one of them in no shape a card
    # prints (no ethnic group among the 56, an address without its province, an
    # authority that is no 公安局)
    reading = extract(lines)
    assert all(reading.fields[k] for k in (BACK if reading.side == "back" else FRONT))
    # THEN it is malformed, worth the second read, and a well-formed reading beats it
    assert malformed(reading) == [field]
    assert incomplete(reading)
    good = extract(back() if reading.side == "back" else front())
    assert malformed(good) == [] and not incomplete(good)
    assert consistency(good) > consistency(reading)


def test_an_authority_is_read_from_its_first_chinese_character_to_its_last() -> None:
    # A speck on a blurred card read as a digit before the authority, a letter after it
    fields = extract(back(authority="1杭州市公安局西湖分局l")).fields
    assert fields["issuingAuthority"] == "杭州市公安局西湖分局"

