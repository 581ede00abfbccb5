"""National number rules, one table per rule: valid, invalid and cross-checked cases."""

from __future__ import annotations

from datetime import date

import pytest

from pictotext_desktop.checks import normalize_fields, normalize_record, run_checks
from pictotext_desktop.checks.common import luhn_ok
from pictotext_desktop.checks.national import (
    argentina,
    india,
    italy,
    japan,
    korea,
    mexico,
    netherlands,
    romania,
    spain,
    thailand,
)
from pictotext_desktop.records import Record, Severity

TODAY = date(2026, 6, 1)
Fields = dict[str, str | None]


def codes(document_type: str, fields: Fields) -> list[tuple[str, str]]:
    return [(c.field, c.code) for c in run_checks(document_type, fields, TODAY)]


def test_algorithms_on_published_vectors() -> None:
    # Verhoeff (1969) / Wikipedia worked example: 236 -> check digit 3
    assert india.verhoeff_ok("2363") and not india.verhoeff_ok("2364")
    # Spanish Ministry of the Interior examples: DNI 12345678Z, NIE X1234567L
    assert spain.letter("12345678") == "Z" and spain.letter("X1234567") == "L"
    # Logius BSN test numbers 111222333 and 123456782
    assert netherlands.is_valid("111222333") and netherlands.is_valid("123456782")
    assert not netherlands.is_valid("123456789")
    # Agenzia delle Entrate's worked example: Mario Rossi, RSSMRA85T10A562S
    assert italy.check_char("RSSMRA85T10A562") == "S"
    # Skatteverket's example personnummer 811218-9876 (Luhn)
    assert luhn_ok("8112189876") and not luhn_ok("8112189877")
    # Widely published examples (no official test numbers exist for these two):
    # Korean RRN 971013-9019902, Thai ID 1-1017-00207-03-0
    assert korea.check_digit("971013901990") == "2"
    assert thailand.check_digit("110170020703") == "0"
    assert romania.check_digit("163061512345") == "7"
    # Personal Information Protection Commission's example My Number 123456789018
    assert japan.check_digit("12345678901") == "8"
    # RENAPO instructivo's example CURP (Gloria Hernández García)
    assert mexico.check_digit("HEGG560427MVZRRL0") == "4"
    assert argentina.check_digit("2012345678") == "6"


CASES: list[tuple[str, Fields, list[tuple[str, str]]]] = [
    # --- Korea: resident registration number --------------------------------------------
    ("kr_id_card", {"residentRegistrationNumber": "971013-9019902"}, []),  # born 1897
    ("kr_id_card", {"residentRegistrationNumber": "971013-9019903"},
     [("residentRegistrationNumber", "ID_CHECK_DIGIT")]),
    ("kr_id_card", {"residentRegistrationNumber": "901301-1234567"},
     [("residentRegistrationNumber", "ID_BIRTHDATE_INVALID")]),
    ("kr_id_card", {"residentRegistrationNumber": "210101-3123456"}, []),  # 2021: no check
    ("kr_id_card", {"residentRegistrationNumber": "90010-1234567"},
     [("residentRegistrationNumber", "ID_FORMAT")]),
    ("kr_id_card", {"residentRegistrationNumber": "900101-1******"}, []),  # masked
    # --- Spain: DNI / NIE letter ----------------------------------------------------------
    ("es_id_card", {"documentNumber": "12345678Z"}, []),
    ("es_id_card", {"documentNumber": "X1234567L"}, []),
    ("es_id_card", {"documentNumber": "12345678A"}, [("documentNumber", "ID_CHECK_DIGIT")]),
    ("es_id_card", {"documentNumber": "1234567Z"}, [("documentNumber", "ID_FORMAT")]),
    # --- Netherlands: BSN 11-test ---------------------------------------------------------
    ("nl_id_card", {"personalNumber": "1112.22.333"}, []),
    ("nl_id_card", {"personalNumber": "123456782"}, []),
    ("nl_id_card", {"personalNumber": "123456789"}, [("personalNumber", "ID_CHECK_DIGIT")]),
    ("nl_id_card", {"personalNumber": "12345"}, [("personalNumber", "ID_FORMAT")]),
    # --- South Africa: Luhn, birth date, sex, citizenship (8001015009087: the format's
    # widely published example, 1 Jan 1980, male, citizen) ----------------------------------
    ("za_id_card", {"identityNumber": "8001015009087", "dateOfBirth": "1980-01-01",
                    "gender": "MALE", "citizenshipStatus": "CITIZEN"}, []),
    ("za_id_card", {"identityNumber": "8001015009088"}, [("identityNumber", "ID_CHECK_DIGIT")]),
    ("za_id_card", {"identityNumber": "8001015009087", "dateOfBirth": "1980-01-02"},
     [("dateOfBirth", "ID_BIRTHDATE_MISMATCH")]),
    ("za_id_card", {"identityNumber": "8001015009087", "gender": "FEMALE"},
     [("gender", "ID_GENDER_MISMATCH")]),
    ("za_id_card", {"identityNumber": "8001015009087", "citizenshipStatus": "PERMANENT RESIDENT"},
     [("citizenshipStatus", "ID_STATUS_MISMATCH")]),
    ("za_id_card", {"identityNumber": "800101500908"}, [("identityNumber", "ID_FORMAT")]),
    # --- Thailand: check digit ------------------------------------------------------------
    ("th_id_card", {"idNumber": "1-1017-00207-03-0"}, []),
    ("th_id_card", {"idNumber": "1101700207031"}, [("idNumber", "ID_CHECK_DIGIT")]),
    ("th_drivers_license", {"idNumber": "1101700207030", "expiryDate": "2025-01-01"},
     [("expiryDate", "DOCUMENT_EXPIRED")]),
    # --- Malaysia: MyKad birth date, place code, sex ----------------------------------------
    ("my_id_card", {"cardNumber": "901231-08-6123", "dateOfBirth": "1990-12-31",
                    "gender": "Male"}, []),
    ("my_id_card", {"cardNumber": "901231-08-6124", "gender": "Male"},
     [("gender", "ID_GENDER_MISMATCH")]),
    ("my_id_card", {"cardNumber": "901231-17-6123"}, [("cardNumber", "ID_PLACE_CODE")]),
    ("my_id_card", {"cardNumber": "901331-08-6123"}, [("cardNumber", "ID_BIRTHDATE_INVALID")]),
    ("my_id_card", {"cardNumber": "901231086123", "dateOfBirth": "1990-12-30"},
     [("dateOfBirth", "ID_BIRTHDATE_MISMATCH")]),
    # --- Indonesia: NIK birth date (+40 for women) and sex --------------------------------
    ("id_ktp", {"id": "3171014101900001", "dateOfBirth": "1990-01-01", "gender": "Female"}, []),
    ("id_ktp", {"id": "3171010101900001", "dateOfBirth": "1990-01-01", "gender": "Male"}, []),
    ("id_ktp", {"id": "3171010101900001", "gender": "Female"}, [("gender", "ID_GENDER_MISMATCH")]),
    ("id_ktp", {"id": "3171013201900001"}, [("id", "ID_BIRTHDATE_INVALID")]),
    ("id_ktp", {"id": "3171010101900001", "dateOfBirth": "1991-01-01"},
     [("dateOfBirth", "ID_BIRTHDATE_MISMATCH")]),
    # --- India: Aadhaar and Virtual ID, Verhoeff --------------------------------------------
    ("in_aadhaar_front", {"cardNumber": "2341 2341 2346"}, []),
    ("in_aadhaar_front", {"cardNumber": "234123412347"}, [("cardNumber", "ID_CHECK_DIGIT")]),
    ("in_aadhaar_front", {"cardNumber": "134123412346"}, [("cardNumber", "ID_FORMAT")]),
    ("in_aadhaar_back", {"cardNumber": "XXXX XXXX 2346"}, []),  # masked copy
    # --- Sweden: personnummer Luhn and birth date ------------------------------------------
    ("se_id_card", {"personalIdNumber": "19811218-9876", "dateOfBirth": "1981-12-18"}, []),
    ("se_id_card", {"personalIdNumber": "811278-9873"}, []),  # coordination number, day+60
    ("se_drivers_license", {"personalIdNumber": "811218-9877"},
     [("personalIdNumber", "ID_CHECK_DIGIT")]),
    ("se_drivers_license", {"personalIdNumber": "811218-9876", "dateOfBirth": "1981-12-19"},
     [("dateOfBirth", "ID_BIRTHDATE_MISMATCH")]),
    # --- Romania: CNP ------------------------------------------------------------------------
    ("ro_id_card", {"cnp": "1630615123457", "sex": "M"}, []),
    ("ro_id_card", {"cnp": "1630615123458"}, [("cnp", "ID_CHECK_DIGIT")]),
    ("ro_id_card", {"cnp": "1630615123457", "sex": "F"}, [("sex", "ID_GENDER_MISMATCH")]),
    ("ro_id_card", {"cnp": "1631315123457"}, [("cnp", "ID_BIRTHDATE_INVALID")]),
    # --- Viet Nam: sex and birth year in the 12-digit number ----------------------------
    ("vn_id_card", {"idNumber": "001090012345", "dateOfBirth": "01/01/1990", "gender": "Nam"},
     []),
    ("vn_id_card", {"idNumber": "001190012345", "gender": "Nam"},
     [("gender", "ID_GENDER_MISMATCH")]),
    ("vn_id_card", {"idNumber": "079203012345", "dateOfBirth": "2002-05-05"},
     [("dateOfBirth", "ID_BIRTHDATE_MISMATCH")]),
    ("vn_id_card", {"idNumber": "099090012345"}, [("idNumber", "ID_PLACE_CODE")]),
    # --- Egypt: birth date and sex in the national number ----------------------------------
    ("eg_id_card", {"nationalNumber": "29001010112355", "dateOfBirth": "1990-01-01",
                    "gender": "ذكر"}, []),
    ("eg_id_card", {"nationalNumber": "29001010112345", "gender": "ذكر"},
     [("gender", "ID_GENDER_MISMATCH")]),
    ("eg_id_card", {"nationalNumber": "٢٩٠٠١٠١٠١١٢٣٥٥", "dateOfBirth": "1990-02-01"},
     [("dateOfBirth", "ID_BIRTHDATE_MISMATCH")]),
    ("eg_id_card", {"nationalNumber": "29013010112355"},
     [("nationalNumber", "ID_BIRTHDATE_INVALID")]),
    # --- Mexico: CURP ---------------------------------------------------------------------
    ("mx_id_card", {"curp": "HEGG560427MVZRRL04", "birthday": "1956-04-27", "gender": "Female"},
     []),
    ("mx_id_card", {"curp": "HEGG560427MVZRRL05"}, [("curp", "ID_CHECK_DIGIT")]),
    ("mx_id_card", {"curp": "HEGG560427MVZRRL04", "gender": "Male"},
     [("gender", "ID_GENDER_MISMATCH")]),
    ("mx_id_card", {"curp": "HEGG560427MVZRRL04", "birthday": "1956-04-28"},
     [("birthday", "ID_BIRTHDATE_MISMATCH")]),
    # --- Argentina: CUIL --------------------------------------------------------------------
    ("ar_id_card", {"cuil": "20-12345678-6", "documentNumber": "12.345.678", "gender": "Male"},
     []),
    ("ar_id_card", {"cuil": "20-12345678-9"}, [("cuil", "ID_CHECK_DIGIT")]),
    ("ar_id_card", {"cuil": "20-12345678-6", "documentNumber": "12345679"},
     [("documentNumber", "ID_NUMBER_MISMATCH")]),
    ("ar_id_card", {"cuil": "20-12345678-6", "gender": "Female"},
     [("gender", "ID_GENDER_MISMATCH")]),
    # --- Japan: My Number -------------------------------------------------------------------
    ("jp_my_number_card", {"individualNumber": "1234 5678 9018"}, []),
    ("jp_my_number_card", {"individualNumber": "123456789012"},
     [("individualNumber", "ID_CHECK_DIGIT")]),
    # --- United Kingdom: driver number (DVLA example: Sarah Meredith Morgan, 1976-03-11)
    ("gb_drivers_license", {"driverNumber": "MORGA753116SM9IJ 35", "lastName": "MORGAN",
                            "dateOfBirth": "1976-03-11"}, []),
    ("gb_drivers_license", {"driverNumber": "MORGA758116SM9IJ", "dateOfBirth": "1976-03-11"},
     [("dateOfBirth", "ID_BIRTHDATE_MISMATCH")]),
    ("gb_drivers_license", {"driverNumber": "MORGA753116SM9IJ", "lastName": "MORRIS"},
     [("lastName", "ID_NAME_MISMATCH")]),
    ("gb_drivers_license", {"driverNumber": "SMITH1234567A99A"}, [("driverNumber", "ID_FORMAT")]),
    # --- Pakistan, Bangladesh, India PAN: structure ------------------------------------------
    ("pk_id_card", {"idNumber": "12345-6789012-3", "gender": "Male"}, []),
    ("pk_id_card", {"idNumber": "12345-6789012-4", "gender": "Male"},
     [("gender", "ID_GENDER_MISMATCH")]),
    ("bd_id_card", {"idNumber": "19901234567890123", "birthday": "1990-01-01"}, []),
    ("bd_id_card", {"idNumber": "19911234567890123", "birthday": "1990-01-01"},
     [("birthday", "ID_BIRTHDATE_MISMATCH")]),
    ("bd_id_card", {"idNumber": "12345"}, [("idNumber", "ID_FORMAT")]),
    ("in_pan", {"cardNumber": "ABCPE1234F"}, []),
    ("in_pan", {"cardNumber": "ABCDE1234F"}, [("cardNumber", "ID_FORMAT")]),
    # --- Italy: codice fiscale --------------------------------------------------------------
    ("it_id_card", {"taxCode": "RSSMRA85T10A562S", "lastName": "ROSSI", "firstName": "MARIO",
                    "dateOfBirth": "1985-12-10", "gender": "M"}, []),
    ("it_id_card", {"taxCode": "RSSMRA85T10A562T"}, [("taxCode", "ID_CHECK_DIGIT")]),
    ("it_id_card", {"taxCode": "RSSMRA85T10A562S", "gender": "F"},
     [("gender", "ID_GENDER_MISMATCH")]),
    ("it_id_card", {"taxCode": "RSSMRA85T10A562S", "dateOfBirth": "1985-10-12"},
     [("dateOfBirth", "ID_BIRTHDATE_MISMATCH")]),
    ("it_id_card", {"taxCode": "RSSMRA85T10A562S", "lastName": "BIANCHI"},
     [("lastName", "ID_NAME_MISMATCH")]),
    ("it_id_card", {"taxCode": "RSSMRA8ST10A562", "lastName": "ROSSI"},
     [("taxCode", "ID_FORMAT")]),
]  # fmt: skip


@pytest.mark.parametrize(("document_type", "fields", "expected"), CASES)
def test_rule_table(document_type: str, fields: Fields, expected: list[tuple[str, str]]) -> None:
    assert codes(document_type, fields) == expected
    for check in run_checks(document_type, fields, TODAY):
        assert check.message and check.message_zh
        number = next(iter(fields.values())) or ""
        assert number not in check.message + check.message_zh  # values never quoted


def test_omocodia_is_read_as_digits() -> None:
    # RSSMRA85T10A562S with its last digit replaced (6 -> S per omocodia) and a new check.
    base = "RSSMRA85T10A5S2"
    code = base + italy.check_char(base)
    fields: Fields = {"taxCode": code, "dateOfBirth": "1985-12-10", "gender": "M"}
    assert codes("it_id_card", fields) == []


def test_suggested_fixes_where_one_follows() -> None:
    dni = run_checks("es_id_card", {"documentNumber": "12345678A"}, TODAY)[0]
    assert dni.severity is Severity.ERROR and dni.suggestions == ("12345678Z",)
    tax = run_checks("it_id_card", {"taxCode": "RSSMRA85T10A562T"}, TODAY)[0]
    assert tax.suggestions == ("RSSMRA85T10A562S",)
    za = run_checks("za_id_card", {"identityNumber": "8001015009087",
                                   "dateOfBirth": "1980-01-02"}, TODAY)[0]
    assert za.suggestions == ("1980-01-01",) and "出生日期" in za.message_zh


def test_korean_check_is_only_a_warning() -> None:
    found = run_checks("kr_id_card", {"residentRegistrationNumber": "971013-9019903"}, TODAY)
    assert found[0].severity is Severity.WARNING and "October 2020" in found[0].message


def test_dates_of_types_without_a_number_rule() -> None:
    assert codes("jp_drivers_license", {"issueDate": "2020-01-01", "expiryDate": "2019-01-01"}) == [
        ("expiryDate", "EXPIRY_BEFORE_ISSUE")
    ]
    assert codes("ar_id_card", {"dateOfBirth": "2030-01-01", "dateOfExpiry": "2031-01-01"}) == [
        ("dateOfBirth", "BIRTH_DATE_FUTURE")
    ]
    assert codes("nz_kiwi_access_card", {"dateOfBirth": "2005-03-20"}) == []
    assert codes("nz_drivers_license", {"expiryDate": "01/05/2026"}) == [  # 1 May: day first
        ("expiryDate", "DOCUMENT_EXPIRED")]
    # month first in the US: 05/01/2026 might be 1 May, so only year-first dates are judged
    assert codes("us_drivers_license", {"expiryDate": "05/01/2026"}) == []
    assert codes("us_drivers_license", {"expiryDate": "2026-05-01"}) == [
        ("expiryDate", "DOCUMENT_EXPIRED")]


def test_day_first_dates_are_put_in_the_api_format_before_checking() -> None:
    fields: Fields = {"idNumber": "001090012345", "dateOfBirth": "31/12/1990",
                      "expiryDate": "31.12.2030", "name": "NGUYỄN VĂN A"}
    normal = normalize_fields("vn_id_card", fields)
    assert (normal["dateOfBirth"], normal["expiryDate"]) == ("1990-12-31", "2030-12-31")
    assert normal["name"] == fields["name"] and fields["dateOfBirth"] == "31/12/1990"
    record = Record(source="card.jpg", document_type="vn_id_card", engine="cloud",
                    fields=dict(fields))
    normalize_record(record)
    assert record.fields is not None and record.fields["dateOfBirth"] == "1990-12-31"
    assert "31/12/1990" in record.notes["dateOfBirth"]
    # untouched: types whose dates may be month first
    assert normalize_fields("us_drivers_license", {"dateOfBirth": "01/02/1990"}) == {
        "dateOfBirth": "01/02/1990"}
