"""Argentine CUIL (AFIP, RG 10/1997): XX-DDDDDDDD-C -- a type prefix (20 men, 27 women,
23/24 either), the DNI number, and C = 11 - sum(d_i * 5432765432) mod 11 (11 gives 0)."""

from __future__ import annotations

from datetime import date

from pictotext_desktop.checks.common import Fields, Label, digits_only, finding, text
from pictotext_desktop.checks.national._shared import sex_mismatch
from pictotext_desktop.records import Check, Severity

FIELD = "cuil"
LABEL: Label = ("CUIL", "CUIL")
_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def check_digit(first10: str) -> str | None:
    """None when the remainder gives 10 (AFIP then changes the prefix to 23 or 24)."""
    r = 11 - sum(int(d) * w for d, w in zip(first10, _WEIGHTS, strict=True)) % 11
    return "0" if r == 11 else None if r == 10 else str(r)


def check(fields: Fields, today: date) -> list[Check]:
    raw = digits_only(text(fields, FIELD))
    if not raw:
        return []
    if len(raw) != 11 or not raw.isdigit():
        return [finding(FIELD, "ID_FORMAT", Severity.ERROR, LABEL,
                        "expected 11 digits, like 20-12345678-6.",
                        "应为 11 位数字，如 20-12345678-6。")]  # fmt: skip
    out: list[Check] = []
    if check_digit(raw[:10]) != raw[10]:
        out.append(finding(FIELD, "ID_CHECK_DIGIT", Severity.ERROR, LABEL,
                           "the check digit does not match; a digit was probably misread.",
                           "校验位不符，可能有数字识别错误。"))  # fmt: skip
    dni = digits_only(text(fields, "documentNumber")).lstrip("0")
    if dni.isdigit() and dni != raw[2:10].lstrip("0"):
        out.append(finding("documentNumber", "ID_NUMBER_MISMATCH", Severity.WARNING,
                           ("Document number", "证件号码"),
                           "differs from the DNI number inside the CUIL (its middle 8 digits).",
                           "与 CUIL 中间 8 位的 DNI 号码不一致。", (raw[2:10],)))  # fmt: skip
    if raw[:2] in ("20", "27"):
        out += sex_mismatch(fields, "gender", "M" if raw[:2] == "20" else "F",
                            "CUIL prefix (20 men, 27 women)", "CUIL 前缀（20 为男，27 为女）")
    return out
