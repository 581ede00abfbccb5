"""Checks of the Chinese ID card (and the HK/TW check digits), as a person sees them."""

from __future__ import annotations

from datetime import date

import pytest

from pictotext_desktop.checks import check_record, normalize_fields, run_checks
from pictotext_desktop.errors import ConnectionFailedError
from pictotext_desktop.records import Record, Severity

TODAY = date(2026, 6, 1)


# GIVEN an independent reference implementation of GB 11643 / ISO 7064 MOD 11-2
def ref_check_char(first17: str) -> str:
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def make_id(region: str, birth: str, seq: str = "123") -> str:
    body = region + birth + seq
    return body + ref_check_char(body)


def id_with_x(region: str, birth: str) -> str:
    for n in range(1000):
        number = make_id(region, birth, f"{n:03d}")
        if number.endswith("X"):
            return number
    raise AssertionError("no X check digit found")


def card(number: str, **extra: str | None) -> dict[str, str | None]:
    birth = number[6:10] + "-" + number[10:12] + "-" + number[12:14]
    fields: dict[str, str | None] = {
        "name": "张三",
        "gender": "男" if int(number[16]) % 2 else "女",
        "ethnicity": "汉",
        "dateOfBirth": birth,
        "address": None,
        "idNumber": number,
        "issuingAuthority": None,
        "validityPeriod": None,
    }
    fields.update(extra)
    return fields


def codes(fields: dict[str, str | None], today: date = TODAY) -> list[str]:
    return [c.code for c in run_checks("cn_id_card", fields, today)]


VALID = [
    make_id("110101", "19900101"),  # Beijing Dongcheng
    make_id("440305", "19851231", "452"),  # Shenzhen Nanshan, female
    make_id("650102", "20000229"),  # 29 February of a leap year (2000 is one)
    id_with_x("320102", "19991111"),  # check digit X
    make_id("110101", "20260601"),  # born today
]


@pytest.mark.parametrize("number", VALID)
def test_valid_numbers_have_no_findings(number: str) -> None:
    assert codes(card(number)) == []


def test_lowercase_x_is_accepted() -> None:
    number = id_with_x("320102", "19991111")
    assert codes(card(number.lower())) == []


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (VALID[0][:17] + ("0" if VALID[0][17] != "0" else "1"), "ID_CHECK_DIGIT"),
        (make_id("110101", "19000229"), "ID_BIRTHDATE_INVALID"),  # 1900 is no leap year
        (make_id("110101", "20010229"), "ID_BIRTHDATE_INVALID"),
        (make_id("110101", "19901301"), "ID_BIRTHDATE_INVALID"),
        (make_id("110101", "20260602"), "ID_BIRTHDATE_FUTURE"),  # tomorrow
        (make_id("010101", "19900101"), "ID_REGION_UNKNOWN"),  # (9...: foreigners' cards)
        (make_id("110199", "19900101"), "ID_REGION_UNKNOWN"),  # known province, no such county
        ("11010119900101123", "ID_LENGTH"),
        ("1101019001011", "ID_LENGTH"),
        ("1101011990010112AB", "ID_FORMAT"),
    ],
)
def test_invalid_numbers_are_reported(number: str, expected: str) -> None:
    fields = card(VALID[0], idNumber=number, dateOfBirth=None, gender=None)
    found = run_checks("cn_id_card", fields, TODAY)
    assert expected in [c.code for c in found]
    finding = next(c for c in found if c.code == expected)
    assert finding.field == "idNumber"
    assert finding.message.startswith("ID number:")
    assert finding.message_zh.startswith("身份证号码")
    assert number not in finding.message + finding.message_zh  # never the value itself


def test_check_digit_error_is_an_error_and_region_unknown_a_warning() -> None:
    bad = VALID[0][:17] + ("0" if VALID[0][17] != "0" else "1")
    found = {c.code: c for c in run_checks("cn_id_card", card(bad), TODAY)}
    assert found["ID_CHECK_DIGIT"].severity is Severity.ERROR
    unknown = {
        c.code: c for c in run_checks("cn_id_card", card(make_id("010101", "19900101")), TODAY)
    }
    assert unknown["ID_REGION_UNKNOWN"].severity is Severity.WARNING


# --- suggestions --------------------------------------------------------------------------
GOOD = make_id("110101", "19850101", "123")  # 1101011985010112 3 + check


@pytest.mark.parametrize(
    ("position", "letter"),
    [(2, "O"), (4, "D"), (5, "I"), (9, "S"), (8, "B"), (15, "Z"), (13, "l")],
)
def test_letter_look_alike_gets_the_right_fix(position: int, letter: str) -> None:
    # GIVEN a valid number with one digit misread as its look-alike letter
    misread = GOOD[:position] + letter + GOOD[position + 1 :]
    fields = card(GOOD, idNumber=misread)
    # WHEN it is checked
    found = run_checks("cn_id_card", fields, TODAY)
    # THEN the format error offers the real number, and nothing was applied by itself
    assert [c.code for c in found] == ["ID_FORMAT"]
    assert found[0].suggestions == (GOOD,)
    assert fields["idNumber"] == misread


def test_a_finding_repr_never_shows_its_suggestions() -> None:
    misread = GOOD[:2] + "O" + GOOD[3:]
    (found,) = run_checks("cn_id_card", card(GOOD, idNumber=misread), TODAY)
    assert found.suggestions == (GOOD,)
    assert GOOD not in repr(found)
    assert "ID_FORMAT" in repr(found)


def test_unknown_character_is_solved_from_the_check_digit() -> None:
    misread = GOOD[:10] + "#" + GOOD[11:]
    (found,) = run_checks("cn_id_card", card(GOOD, idNumber=misread), TODAY)
    assert found.code == "ID_FORMAT"
    assert found.suggestions == (GOOD,)


def test_misread_check_character_x() -> None:
    good = id_with_x("320102", "19991111")
    for wrong in (good[:17] + "K", good[:17] + "×"):
        found = run_checks("cn_id_card", card(good, idNumber=wrong), TODAY)
        if wrong.endswith("×"):
            assert found == []  # × is cleaned to X like a lower-case x
        else:
            assert found[0].code == "ID_FORMAT"
            assert found[0].suggestions == (good,)


def test_digit_confusion_suggests_the_original() -> None:
    good = make_id("110101", "19900101", "123")
    # 1 and 7 are a usual confusion: the first sequence digit "1" read as "7"
    misread = good[:14] + "7" + good[15:]
    assert good[14] == "1"
    found = {c.code: c for c in run_checks("cn_id_card", card(good, idNumber=misread), TODAY)}
    assert good in found["ID_CHECK_DIGIT"].suggestions
    assert len(found["ID_CHECK_DIGIT"].suggestions) <= 3
    for suggestion in found["ID_CHECK_DIGIT"].suggestions:
        assert run_checks("cn_id_card", card(suggestion), TODAY) == []


def test_suggestions_respect_the_date_of_birth_field() -> None:
    good = make_id("110101", "19900101", "123")
    misread = good[:14] + "7" + good[15:]
    fields = card(good, idNumber=misread)
    found = {c.code: c for c in run_checks("cn_id_card", fields, TODAY)}
    for suggestion in found["ID_CHECK_DIGIT"].suggestions:
        assert suggestion[6:14] == "19900101"


def test_no_confusion_fix_means_no_suggestion() -> None:
    good = make_id("110101", "19900101", "444")
    # 4 has no look-alike in the table: change a 4 into 2 -> nothing plausible to offer
    misread = good[:14] + "2" + good[15:]
    found = {c.code: c for c in run_checks("cn_id_card", card(good, idNumber=misread), TODAY)}
    assert "ID_CHECK_DIGIT" in found
    assert good not in found["ID_CHECK_DIGIT"].suggestions


# --- agreement with other fields ------------------------------------------------------------
def test_birth_date_mismatch_names_the_date_field_and_offers_the_id_date() -> None:
    number = make_id("110101", "19900101")
    found = run_checks("cn_id_card", card(number, dateOfBirth="1990-01-02"), TODAY)
    assert [c.code for c in found] == ["ID_BIRTHDATE_MISMATCH"]
    assert found[0].field == "dateOfBirth"
    assert found[0].severity is Severity.WARNING
    assert found[0].suggestions == ("1990-01-01",)
    assert "Date of birth" in found[0].message and "出生日期" in found[0].message_zh


@pytest.mark.parametrize("variant", ["1990年1月1日", "1990.01.01", "19900101", "1990/1/1"])
def test_ocr_date_variants_agree_and_get_a_format_hint(variant: str) -> None:
    number = make_id("110101", "19900101")
    found = run_checks("cn_id_card", card(number, dateOfBirth=variant), TODAY)
    assert [c.code for c in found] == ["DATE_FORMAT"]
    assert found[0].severity is Severity.INFO
    assert found[0].suggestions == ("1990-01-01",)


@pytest.mark.parametrize(
    ("gender", "mismatch"),
    [("男", False), ("Male", False), ("m", False), ("M", False), ("女", True), ("F", True),
     ("female", True), ("", False), ("?", False)],
)  # fmt: skip
def test_gender_parity(gender: str, mismatch: bool) -> None:
    number = make_id("110101", "19900101", "123")  # 17th digit 3: male
    found = run_checks("cn_id_card", card(number, gender=gender), TODAY)
    assert ("ID_GENDER_MISMATCH" in [c.code for c in found]) is mismatch
    if mismatch:
        assert found[0].field == "gender" and found[0].suggestions == ("男",)


@pytest.mark.parametrize(
    ("region", "address", "mismatch"),
    [
        ("110101", "北京市朝阳区建国路1号", False),
        ("110101", "广东省深圳市南山区科技园", True),
        ("440305", "广东省深圳市南山区科技园", False),
        ("450102", "广西壮族自治区南宁市", False),
        ("650102", "新疆乌鲁木齐市天山区", False),
        ("110101", "新疆乌鲁木齐市天山区", True),
        ("510212", "重庆市大渡口区", False),  # born before Chongqing left Sichuan
        ("110101", "朝阳区建国路1号", False),  # no province named: nothing to compare
    ],
)
def test_region_and_address(region: str, address: str, mismatch: bool) -> None:
    number = make_id(region, "19600101")
    found = run_checks("cn_id_card", card(number, address=address), TODAY)
    assert ("ID_REGION_ADDRESS_MISMATCH" in [c.code for c in found]) is mismatch
    if mismatch:
        (finding,) = found
        assert finding.field == "address" and finding.severity is Severity.WARNING


# --- validity period ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("birth", "validity", "expected"),
    [
        ("20150101", "2020.05.01-2025.05.01", ["CARD_EXPIRED"]),  # age 5: 5 years
        ("20150101", "2024.05.01-2029.05.01", []),
        ("20150101", "2024.05.01-2034.05.01", ["VALIDITY_LENGTH"]),  # age 9 needs 5
        ("20000101", "2020.05.01-2030.05.01", []),  # age 20: 10 years
        ("19900101", "2020.05.01-2040.05.01", []),  # age 30: 20 years
        ("19900101", "2020.05.01-2030.05.01", ["VALIDITY_LENGTH"]),
        ("19600101", "2010.05.01-长期", []),  # age 50: long-term
        ("19600101", "2010.05.01-2030.05.01", ["VALIDITY_LENGTH"]),
        ("19900101", "2010.05.01-长期", ["VALIDITY_LENGTH"]),  # age 20 cannot be long-term
        ("19800101", "2005.03.01-2025.03.01", ["VALIDITY_LENGTH", "CARD_EXPIRED"]),  # 25: 10 y
        ("19800101", "2005.03.01-2015.03.01", ["CARD_EXPIRED"]),
        ("19900101", "2020.05.01-2040.05.02", ["VALIDITY_LENGTH"]),  # not whole years
        ("19900101", "2020.05.01 — 2040.05.01", []),  # OCR dash and spaces
        ("19900101", "2020-05-01-2040-05-01", []),
        ("19900101", "2020.05.01-", ["VALIDITY_UNPARSEABLE"]),
        ("19900101", "2020.13.01-2040.13.01", ["VALIDITY_UNPARSEABLE"]),
        ("19900101", "2040.05.01-2020.05.01", ["VALIDITY_ORDER"]),
        ("19900101", "2027.01.01-2047.01.01", ["VALIDITY_START_FUTURE"]),
        ("19900101", "2016.02.29-2036.02.29", []),  # issued on 29 February (leap to leap)
        ("19900101", "2016.02.29-2026.02.28", ["VALIDITY_LENGTH", "CARD_EXPIRED"]),
    ],
)
def test_validity_rules(birth: str, validity: str, expected: list[str]) -> None:
    number = make_id("110101", birth)
    assert codes(card(number, validityPeriod=validity)) == expected


def test_age_boundaries_at_issue() -> None:
    # 16th birthday on the issue day: 10 years, one day before: 5 years
    number = make_id("110101", "20000510")
    assert codes(card(number, validityPeriod="2016.05.10-2026.05.10"), date(2026, 1, 1)) == []
    assert codes(card(number, validityPeriod="2016.05.09-2021.05.09"), date(2021, 1, 1)) == []
    # 46th birthday: long-term
    older = make_id("110101", "19700510")
    assert codes(card(older, validityPeriod="2016.05.10-长期")) == []
    assert codes(card(older, validityPeriod="2016.05.09-2036.05.09")) == []


def test_expiry_depends_on_today() -> None:
    fields = card(make_id("110101", "19900101"), validityPeriod="2016.05.10-2036.05.10")
    assert codes(fields, date(2036, 5, 10)) == []  # valid through the last day
    (expired,) = run_checks("cn_id_card", fields, date(2036, 5, 11))
    assert expired.code == "CARD_EXPIRED" and expired.severity is Severity.WARNING
    assert "expired" in expired.message and "过期" in expired.message_zh


def test_validity_without_birth_date_accepts_any_legal_length() -> None:
    fields: dict[str, str | None] = {"validityPeriod": "2020.05.10-2030.05.10"}
    assert codes(fields) == []
    fields["validityPeriod"] = "2020.05.10-2023.05.10"
    assert codes(fields) == ["VALIDITY_LENGTH", "CARD_EXPIRED"]
    (length,) = [c for c in run_checks("cn_id_card", fields, TODAY) if c.code == "VALIDITY_LENGTH"]
    assert length.message == (
        "Validity period: lasts 3 years; expected 5, 10 or 20 years or long-term."
    )


# --- normalisation and registry -------------------------------------------------------------
def test_normalize_fields_returns_a_copy_in_api_formats() -> None:
    fields: dict[str, str | None] = {
        "gender": "Female",
        "dateOfBirth": "1990年1月2日",
        "idNumber": "1101 0119 9001 0212 3x",
        "validityPeriod": "2016.5.10 - 长期",
        "address": "北京市",
        "name": None,
    }
    before = dict(fields)
    out = normalize_fields("cn_id_card", fields)
    assert fields == before
    assert out == {
        "gender": "女",
        "dateOfBirth": "1990-01-02",
        "idNumber": "11010119900102123X",
        "validityPeriod": "2016.05.10-长期",
        "address": "北京市",
        "name": None,
    }


def test_normalized_validity_keeps_four_digit_years() -> None:
    # strftime writes year 999 as "999", which the validity format could not read back
    fields = normalize_fields("cn_id_card", {"validityPeriod": "0999.1.2-1009.1.2"})
    assert fields["validityPeriod"] == "0999.01.02-1009.01.02"


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("1990.01.02", "1990-01-02"), ("19900102", "1990-01-02"), ("1990-1-2", "1990-01-02"),
     ("1990年01月02日", "1990-01-02"), ("1990-02-30", "1990-02-30"), ("garbage", "garbage")],
)  # fmt: skip
def test_normalize_dates(raw: str, normal: str) -> None:
    assert normalize_fields("cn_id_card", {"dateOfBirth": raw})["dateOfBirth"] == normal


def test_unreadable_birth_date_is_a_warning() -> None:
    found = run_checks("cn_id_card", {"dateOfBirth": "1990-02-30"}, TODAY)
    assert [(c.code, c.severity) for c in found] == [("DATE_UNPARSEABLE", Severity.WARNING)]


def test_types_without_rules_get_nothing() -> None:
    # (passports have MRZ rules now; a US licence only gets its dates checked)
    assert run_checks("us_drivers_license", {"licenseNumber": "X"}, TODAY) == []
    assert run_checks("no_such_type", {}, TODAY) == []
    assert normalize_fields("us_drivers_license", {"dateOfBirth": "1990.01.02"}) == {
        "dateOfBirth": "1990.01.02"
    }


def test_nothing_read_means_nothing_to_report() -> None:
    assert run_checks("cn_id_card", dict.fromkeys(card(VALID[0])), TODAY) == []


def test_check_record_replaces_the_findings_with_those_of_the_fields_now() -> None:
    bad = card(make_id("110101", "19900307", "12") + "0")  # wrong check digit
    record = Record(source="a.jpg", document_type="cn_id_card", fields=bad)
    check_record(record, TODAY)
    assert record.checks == run_checks("cn_id_card", bad, TODAY) != []
    record.set_field("idNumber", VALID[0])  # the person corrects it
    check_record(record, TODAY)
    assert record.checks == run_checks("cn_id_card", record.fields or {}, TODAY)
    assert "ID_CHECK_DIGIT" not in [c.code for c in record.checks]
    failed = Record(source="b.jpg", document_type="cn_id_card", error=ConnectionFailedError())
    failed.checks = record.checks
    check_record(failed, TODAY)
    assert failed.checks == []


# --- Hong Kong and Taiwan ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("A123456(3)", None),
        ("A1234563", None),
        ("a123456 (3)", None),
        ("AB987654(3)", None),  # two letters: 10*9 + 11*8 + digits -> 3
        ("A123456(4)", "ID_CHECK_DIGIT"),
        ("AB987654(A)", "ID_CHECK_DIGIT"),
        ("1234567(8)", "ID_FORMAT"),
    ],
)
def test_hk_check_digit(number: str, code: str | None) -> None:
    found = [c.code for c in run_checks("hk_id_card", {"idNumber": number}, TODAY)]
    assert found == ([code] if code else [])


def test_hk_dates_may_be_day_first() -> None:
    found = run_checks("hk_id_card", {"dateOfBirth": "02-01-1980"}, TODAY)
    assert [c.suggestions for c in found] == [("1980-01-02",)]
    assert normalize_fields("hk_id_card", {"issueDate": "10-06-2020"}) == {
        "issueDate": "2020-06-10"
    }


@pytest.mark.parametrize(
    ("number", "gender", "expected"),
    [
        ("A123456789", "男", []),
        ("A123456788", "男", ["ID_CHECK_DIGIT"]),
        ("A123456789", "女", ["ID_GENDER_MISMATCH"]),
        ("a123456789", None, []),
        ("1123456789", None, ["ID_FORMAT"]),
        ("A323456789", None, ["ID_FORMAT"]),
    ],
)
def test_tw_checksum(number: str, gender: str | None, expected: list[str]) -> None:
    found = run_checks("tw_id_card", {"idNumber": number, "gender": gender}, TODAY)
    assert [c.code for c in found] == expected


# --- the card's neighbours -----------------------------------------------------------------
WITHDRAWN = [
    make_id("110103", "19700315"),  # 崇文区: merged into 东城区 in 2010
    make_id("510212", "19600101"),  # old Sichuan code of a Chongqing district
]


@pytest.mark.parametrize("number", WITHDRAWN)
def test_withdrawn_region_codes_are_accepted_with_a_note(number: str) -> None:
    found = run_checks("cn_id_card", card(number), TODAY)
    assert [(c.code, c.severity) for c in found] == [("ID_REGION_WITHDRAWN", Severity.INFO)]
    assert "earlier GB/T 2260" in found[0].message and "旧版本" in found[0].message_zh


@pytest.mark.parametrize(
    ("region", "label_en", "label_zh"),
    [("810000", "Residence permit number (Hong Kong resident)", "港澳居民居住证号码（香港居民）"),
     ("820000", "Residence permit number (Macao resident)", "港澳居民居住证号码（澳门居民）"),
     ("830000", "Residence permit number (Taiwan resident)", "台湾居民居住证号码")],
)  # fmt: skip
def test_residence_permits_are_named_and_checked_by_their_rules(
    region: str, label_en: str, label_zh: str
) -> None:
    number = make_id(region, "19900101")
    fields = card(number, address="上海市浦东新区xx路1号", validityPeriod="2024.01.01-2029.01.01")
    found = run_checks("cn_id_card", fields, TODAY)
    assert [c.code for c in found] == ["ID_OTHER_DOCUMENT"]  # no address or validity finding
    assert found[0].severity is Severity.INFO
    assert found[0].message.startswith(label_en) and found[0].message_zh.startswith(label_zh)
    bad = number[:17] + ("0" if number[17] != "0" else "1")
    wrong = {c.code: c for c in run_checks("cn_id_card", card(bad), TODAY)}
    assert wrong["ID_CHECK_DIGIT"].message.startswith(label_en + ": the check digit")
    assert wrong["ID_CHECK_DIGIT"].message_zh.startswith(label_zh + "：校验码")
    twenty = card(number, validityPeriod="2024.01.01-2044.01.01")
    assert "VALIDITY_LENGTH" in [c.code for c in run_checks("cn_id_card", twenty, TODAY)]


def foreign_id(province: str = "31", nationality: str = "840", birth: str = "19850101",
               seq: str = "12", sex: str = "3") -> str:
    """2023 foreign permanent resident ID: 9, province, nationality, birth, seq, sex, check."""
    return make_id("9" + province + nationality, birth, seq + sex)


def test_foreign_permanent_resident_card() -> None:
    number = foreign_id()
    fields = card(number, validityPeriod="2024.01.01-2034.01.01")
    found = run_checks("cn_id_card", fields, TODAY)
    assert [c.code for c in found] == ["ID_OTHER_DOCUMENT"]
    assert found[0].message.startswith("Foreign permanent resident ID number")
    assert found[0].message_zh.startswith("外国人永久居留身份证号码")
    unknown = run_checks("cn_id_card", card(foreign_id(province="99")), TODAY)
    assert [c.code for c in unknown] == ["ID_OTHER_DOCUMENT", "ID_REGION_UNKNOWN"]
    assert unknown[1].message.startswith("Foreign permanent resident ID number: digits 2-3")
    woman = card(foreign_id(sex="4"), gender="男")
    assert "ID_GENDER_MISMATCH" in [c.code for c in run_checks("cn_id_card", woman, TODAY)]
    child = card(foreign_id(birth="20150101"), validityPeriod="2024.01.01-2034.01.01")
    assert "VALIDITY_LENGTH" in [c.code for c in run_checks("cn_id_card", child, TODAY)]


@pytest.mark.parametrize(
    ("number", "dob", "expected"),
    [
        ("110101900101123", "1990-01-01", ["ID_OLD_15_DIGIT"]),
        ("110101900101123", "1990-01-02", ["ID_OLD_15_DIGIT", "ID_BIRTHDATE_MISMATCH"]),
        ("110101901301123", None, ["ID_OLD_15_DIGIT", "ID_BIRTHDATE_INVALID"]),
        ("110103700315123", "1970-03-15", ["ID_OLD_15_DIGIT", "ID_REGION_WITHDRAWN"]),
    ],
)
def test_15_digit_numbers_are_checked_as_18_and_kept(
    number: str, dob: str | None, expected: list[str]
) -> None:
    fields = card(make_id("110101", "19900101"), idNumber=number, dateOfBirth=dob, gender="男")
    found = run_checks("cn_id_card", fields, TODAY)
    assert [c.code for c in found] == expected
    assert found[0].severity is Severity.INFO and "15-digit" in found[0].message
    assert normalize_fields("cn_id_card", fields)["idNumber"] == number  # the original kept


def test_15_digit_findings_count_positions_in_the_number_as_read() -> None:
    fields = card(make_id("110101", "19900101"), idNumber="110101901301123", gender="女")
    found = {c.code: c for c in run_checks("cn_id_card", fields, TODAY)}
    assert "digits 7-12" in found["ID_BIRTHDATE_INVALID"].message
    assert "第 7-12 位" in found["ID_BIRTHDATE_INVALID"].message_zh
    fields = card(make_id("110101", "19900101"), idNumber="110101900101123", gender="女")
    gender = next(c for c in run_checks("cn_id_card", fields, TODAY) if c.field == "gender")
    assert "15th digit" in gender.message and "第 15 位" in gender.message_zh
