"""Machine-readable zones (ICAO 9303): parsing, check digits, repairs, printed fields."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pictotext_desktop.checks import parse_mrz, run_checks
from pictotext_desktop.checks.mrz import check_digit, name_variants
from pictotext_desktop.records import Check, Severity
from tests.stand_in_server import MRZ_BAD_CHECK_DIGIT, MRZ_EXPIRY_MISMATCH, StandInServer

TODAY = date(2026, 6, 1)

# ICAO Doc 9303 part 4, appendix A: the specimen passport of Anna Maria Eriksson (Utopia).
TD3 = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
       "L898902C36UTO7408122F1204159ZE184226B<<<<<10")  # fmt: skip
# Doc 9303 part 5, appendix A: the TD1 specimen card D23145890.
TD1 = ("I<UTOD231458907<<<<<<<<<<<<<<<\n"
       "7408122F1204159UTO<<<<<<<<<<<6\n"
       "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")  # fmt: skip
# Doc 9303 part 6, appendix A: the TD2 specimen.
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n"
       "D231458907UTO7408122F1204159<<<<<<<6")  # fmt: skip
# Doc 9303 part 5, note j: a 12-character number continuing into the optional data.
TD1_LONG = ("I<UTOD23145890<7349<<<<<<<<<<<\n"
            "7408122F1204159UTO<<<<<<<<<<<6\n"
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")  # fmt: skip


def test_check_digit_vectors() -> None:
    # Doc 9303 part 3, 4.9 worked example: 520727 -> 3; and the specimens' fields.
    assert check_digit("520727") == "3"
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("<<<<<<") == "0"


@pytest.mark.parametrize(
    ("zone", "fmt", "number"),
    [(TD3, "TD3", "L898902C3"), (TD1, "TD1", "D23145890"), (TD2, "TD2", "D23145890"),
     (TD1_LONG, "TD1", "D23145890734"),
     (TD3.replace("\n", ""), "TD3", "L898902C3"),  # line break lost
     (TD3.replace("\n", "\\n"), "TD3", "L898902C3"),  # escaped line break
     (TD3.replace("<<<<<<<<", "<< < <<<< "), "TD3", "L898902C3")],  # stray spaces
)  # fmt: skip
def test_specimens_parse_and_verify(zone: str, fmt: str, number: str) -> None:
    result = parse_mrz(zone)
    assert result is not None
    assert (result.format, result.document_number, result.valid) == (fmt, number, True)
    assert (result.surname, result.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert (result.birth_date, result.expiry_date, result.sex) == ("740812", "120415", "F")
    assert result.nationality == "UTO" and result.repairs == ()
    assert "ERIKSSON" not in repr(result)


@pytest.mark.parametrize(
    ("zone", "failed"),
    [
        (TD3.replace("C36UTO", "C37UTO"), {"document_number", "composite"}),
        (TD3.replace("7408122F", "7408132F"), {"birth_date", "composite"}),
        (TD3.replace("1204159ZE", "1204169ZE"), {"expiry_date", "composite"}),
        (TD3.replace("ZE184226B", "ZE184226C"), {"optional_data", "composite"}),
        (TD3[:-1] + "1", {"composite"}),
        (TD1.replace("D231458907", "D231458908"), {"document_number", "composite"}),
        (TD2.replace("<6", "<7"), {"composite"}),
        (TD1_LONG.replace("7349", "7348"), {"document_number", "composite"}),
    ],
)
def test_each_check_digit_is_verified(zone: str, failed: set[str]) -> None:
    result = parse_mrz(zone)
    assert result is not None and set(result.failed) == failed


@pytest.mark.parametrize(
    ("zone", "repaired"),
    [
        # O read for 0, I for 1, B for 8, S for 5 in the dates and check digits
        (TD3.replace("7408122F", "74O8122F"), ("birth_date",)),
        (TD3.replace("1204159ZE", "I2O4IS9ZE"), ("expiry_date",)),
        (TD3.replace("7408122F", "74OB122F"), ("birth_date",)),
        (TD3[:-1] + "O", ("composite",)),
        (TD3.replace("C36UTO", "C3BUTO").replace("C3B", "C3S"), ()),  # S for 6: not proven
    ],
)
def test_repairs_only_where_the_check_digit_proves_them(zone: str,
                                                        repaired: tuple[str, ...]) -> None:
    result = parse_mrz(zone)
    assert result is not None
    assert result.repairs == repaired
    if repaired:
        assert result.valid and result.lines == tuple(TD3.split("\n"))
    else:
        assert "document_number" in result.failed  # left as read, reported


def test_document_number_look_alikes_are_only_suggested() -> None:
    misread = TD3.replace("L898902C3", "L8989O2C3")  # O read for 0: both letters are possible
    result = parse_mrz(misread)
    assert result is not None and "document_number" in result.failed and not result.repairs
    checks = run_checks("passport", passport(mrz=misread), date(2010, 1, 1))
    bad = next(c for c in checks if c.code == "MRZ_CHECK_DIGIT")
    assert bad.suggestions == (TD3,)


def test_not_an_mrz() -> None:
    assert parse_mrz("P<UTOERIKSSON<<ANNA\nL898902C36UTO...") is None
    assert parse_mrz("") is None
    assert parse_mrz("hello\nworld") is None


def test_transliteration_variants() -> None:
    assert {"MUELLER", "MULLER"} <= name_variants("MÜLLER")
    assert "GARCIA" in name_variants("GARCÍA")
    assert "NGUYEN" in name_variants("NGUYỄN")
    assert "STRASSE" in name_variants("STRAßE")


# --- findings on documents ----------------------------------------------------------------
def passport(**changes: str | None) -> dict[str, str | None]:
    fields: dict[str, str | None] = {
        "passportNumber": "L898902C3", "name": "ANNA MARIA ERIKSSON", "gender": "Female",
        "birthDay": "1974-08-12", "issueDay": "2002-04-16", "expiryDay": "2012-04-15",
        "nationality": "UTO", "mrz": TD3,
    }  # fmt: skip
    fields.update(changes)
    return fields


def found(document_type: str, fields: dict[str, str | None],
          today: date = TODAY) -> list[tuple[str, str]]:
    return [(c.field, c.code) for c in run_checks(document_type, fields, today)]


def test_specimen_passport_agrees_and_is_only_expired() -> None:
    assert found("passport", passport()) == [("expiryDay", "DOCUMENT_EXPIRED")]
    assert found("passport", passport(), date(2012, 1, 1)) == []


@pytest.mark.parametrize(
    ("change", "printed_field", "suggestion"),
    [
        ({"passportNumber": "L898902O3"}, "passportNumber", "L898902C3"),
        ({"birthDay": "1974-08-21"}, "birthDay", "1974-08-12"),
        ({"expiryDay": "2012-04-16"}, "expiryDay", "2012-04-15"),
        ({"gender": "Male"}, "gender", "Female"),
        ({"nationality": "GERMAN"}, "nationality", None),
        ({"name": "ANNA MARIA ERICSON"}, "name", None),
    ],
)
def test_a_disagreement_is_a_finding_on_both_fields(
    change: dict[str, str], printed_field: str, suggestion: str | None
) -> None:
    checks = run_checks("passport", passport(**change), date(2010, 1, 1))
    on_field = [c for c in checks if c.field == printed_field and c.code == "MRZ_MISMATCH"]
    on_zone = [c for c in checks if c.field == "mrz" and c.code == "MRZ_MISMATCH"]
    assert len(on_field) == 1 and len(on_zone) == 1
    assert on_field[0].suggestions == ((suggestion,) if suggestion else ())
    assert "machine-readable zone" in on_field[0].message and "机读区" in on_field[0].message_zh
    for check in on_field + on_zone:
        assert check.severity is Severity.WARNING
        assert all(v not in check.message + check.message_zh for v in change.values())


@pytest.mark.parametrize(
    ("document_type", "fields"),
    [
        ("de_id_card", {"lastName": "MÜLLER", "firstName": "ERIKA", "documentNumber": "L01X00T47",
                        "dateOfBirth": "1964-08-12", "expiryDate": "2030-10-31",
                        "issueDate": "2020-11-01", "nationality": "DEUTSCH"}),
        ("es_id_card", {"lastName": "GARCÍA", "firstName": "MARÍA", "documentNumber": "12345678Z",
                        "dateOfBirth": "1990-01-01", "expiryDate": "2030-01-01", "gender": "F",
                        "nationality": "ESPAÑOLA"}),
    ],
)  # fmt: skip
def test_transliterated_names_and_national_numbers_agree(
    document_type: str, fields: dict[str, str | None]
) -> None:
    # Zones built with Doc 9303's check digits for these printed fields.
    if document_type == "de_id_card":
        zone = ("IDD<<L01X00T471<<<<<<<<<<<<<<<\n6408125<3010315D<<<<<<<<<<<<<2\n"
                "MUELLER<<ERIKA<<<<<<<<<<<<<<<<")
    else:
        zone = ("IDESPBAA0005898" + "12345678Z" + "<<<<<<\n"
                "9001011F3001014ESP<<<<<<<<<<<9\nGARCIA<<MARIA<<<<<<<<<<<<<<<<<")
    fields = {**fields, "mrz": fix_digits(zone)}
    assert found(document_type, fields) == []
    mismatch = {**fields, "lastName": "MAYER"}
    assert ("lastName", "MRZ_MISMATCH") in found(document_type, mismatch)


def fix_digits(zone: str) -> str:
    """Recompute a TD1 zone's check digits (the test data's, not the code under test's)."""
    weights = (7, 3, 1)

    def cd(data: str) -> str:
        def value(c: str) -> int:
            return 0 if c == "<" else int(c) if c.isdigit() else ord(c) - 55
        return str(sum(value(c) * weights[i % 3] for i, c in enumerate(data)) % 10)

    one, two, three = zone.split("\n")
    one = one[:14] + cd(one[5:14]) + one[15:]
    two = two[:6] + cd(two[:6]) + two[7:14] + cd(two[8:14]) + two[15:29]
    two += cd(one[5:30] + two[0:7] + two[8:15] + two[18:29])
    return "\n".join((one, two, three))


def test_expiry_before_issue_and_expired() -> None:
    checks = found("passport", passport(issueDay="2013-01-01"), date(2010, 1, 1))
    assert ("expiryDay", "EXPIRY_BEFORE_ISSUE") in checks
    expired = run_checks("passport", passport(), TODAY)[0]
    assert expired.severity is Severity.WARNING and "expired" in expired.message
    assert "过期" in expired.message_zh


def test_repair_is_reported_with_the_repaired_zone() -> None:
    checks = run_checks("passport", passport(mrz=TD3.replace("7408122F", "74O8122F")),
                        date(2010, 1, 1))
    repaired = [c for c in checks if c.code == "MRZ_REPAIRED"]
    assert len(repaired) == 1 and repaired[0].severity is Severity.INFO
    assert repaired[0].suggestions == (TD3,)
    assert "birth date" in repaired[0].message and "出生日期" in repaired[0].message_zh
    assert [c.code for c in checks] == ["MRZ_REPAIRED"]


def test_broken_zone_and_other_issuer() -> None:
    cut = found("passport", passport(mrz=TD3[:60]), date(2010, 1, 1))
    assert cut == [("mrz", "MRZ_FORMAT")]
    fields = {"lastName": "ERIKSSON", "firstName": "ANNA MARIA", "documentNumber": "D23145890",
              "dateOfBirth": "1974-08-12", "expiryDate": "2012-04-15", "mrz": TD1}
    assert ("mrz", "MRZ_ISSUER") in found("fr_id_card", fields, date(2010, 1, 1))


# --- through the stand-in server and the CLI -----------------------------------------------
@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (MRZ_BAD_CHECK_DIGIT, {("mrz", "MRZ_CHECK_DIGIT", "error")}),
        (MRZ_EXPIRY_MISMATCH, {("expiryDay", "MRZ_MISMATCH", "warning"),
                               ("mrz", "MRZ_MISMATCH", "warning")}),
    ],
)  # fmt: skip
def test_cli_json_shows_the_findings(
    state: str, expected: set[tuple[str, str, str]], server: StandInServer,
    card_jpeg: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = server.add_key("sk_test_mrz_findings_" + state[:8], state)
    monkeypatch.setenv("PICTOTEXT_API_KEY", key)
    code, out, err = run_cli("scan", "-t", "passport", "-f", "json", "--api-url", server.url,
                             str(card_jpeg))
    assert code == 0, err
    record = json.loads(out)[0]
    assert record["documentType"] == "passport" and record["error"] is None
    shown = {(c["field"], c["code"], c["severity"]) for c in record["checks"]}
    assert expected <= shown
    assert all(c["message"] and c["message_zh"] for c in record["checks"])
    assert key not in out + err and "Traceback" not in err
    assert os.environ["PICTOTEXT_API_KEY"] == key


def test_check_objects_are_checks() -> None:
    assert all(isinstance(c, Check) for c in run_checks("passport", passport(), TODAY))
