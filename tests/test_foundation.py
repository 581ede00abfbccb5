"""Catalog, settings table and error mapping: the pieces every front end shares."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from pictotext_desktop import catalog, errors, settings


# -- catalog ---------------------------------------------------------------------------
def test_catalog_has_all_44_types_with_fields_in_documented_order() -> None:
    raw = json.loads((Path(__file__).parent.parent / "resources" /
                      "document_types.json").read_text("utf-8"))["documentTypes"]
    assert len(catalog.all_types()) == 44
    for entry in raw:
        doc = catalog.get(entry["documentType"])
        assert doc.field_keys == tuple(f["key"] for f in entry["fields"])
        assert all((f.label and f.label != f.key) or f.key in ("rt", "rw") for f in doc.fields)


def test_chinese_labels_for_chinese_cards() -> None:
    cn = catalog.get("cn_id_card")
    assert [f.label_zh for f in cn.fields] == ["姓名", "性别", "民族", "出生日期", "住址",
                                               "公民身份号码", "签发机关", "有效期限"]
    assert all(f.label_zh for f in catalog.get("hk_id_card").fields)
    assert all(f.label_zh for f in catalog.get("tw_id_card").fields)
    assert cn.label("idNumber") == "ID number" and cn.label("idNumber", zh=True) == "公民身份号码"


def test_unknown_type_names_close_matches() -> None:
    with pytest.raises(catalog.UnknownDocumentType) as info:
        catalog.get("hk_id")
    assert "hk_id_card" in str(info.value)
    assert catalog.close_matches("CN_ID_CARD") == ["cn_id_card"]
    assert catalog.close_matches("pasport")[0] == "passport"


def test_grouped_by_region_covers_every_type_once() -> None:
    groups = catalog.grouped_by_region()
    values = [d.value for _, docs in groups for d in docs]
    assert sorted(values) == sorted(catalog.values())
    assert groups[0][0] == "asia"


def test_order_fields_keeps_extras_last() -> None:
    ordered = catalog.order_fields("cn_id_card", {"zzz": "1", "idNumber": "2"})
    assert list(ordered)[:2] == ["name", "gender"] and list(ordered)[-1] == "zzz"
    assert ordered["name"] is None


# -- settings --------------------------------------------------------------------------
def test_settings_defaults_persist_and_coerce(tmp_path: Path) -> None:
    store = settings.SettingsStore(tmp_path / "s.json")
    assert store.get("upload_long_side") == 2048 and store.get("auto_copy") is False
    store.set("upload_long_side", "1600")
    store.set("auto_copy", "yes")
    again = settings.SettingsStore(tmp_path / "s.json")
    assert again.get("upload_long_side") == 1600 and again.get("auto_copy") is True
    with pytest.raises(errors.UsageError):
        store.set("concurrency", 0)
    with pytest.raises(errors.UsageError):
        store.set("upload_format", "tiff")
    with pytest.raises(errors.InsecureUrlError):
        store.set("api_url", "http://pictotext.io")


def test_overrides_are_never_saved(tmp_path: Path) -> None:
    store = settings.SettingsStore(tmp_path / "s.json")
    store.override("concurrency", "8")
    store.set("jpeg_quality", 80)
    assert store.get("concurrency") == 8
    saved = json.loads((tmp_path / "s.json").read_text())
    assert saved["settings"] == {"jpeg_quality": 80}


def test_every_setting_has_a_flag_of_the_same_name(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    settings.add_arguments(parser)
    args = parser.parse_args(["--upload-long-side", "1600", "--auto-copy", "--no-auto-start",
                              "--api-url", "http://127.0.0.1:9"])
    store = settings.SettingsStore(tmp_path / "s.json")
    settings.apply_arguments(store, args)
    assert store.get("upload_long_side") == 1600
    assert store.get("auto_copy") is True and store.get("auto_start") is False
    assert store.get("api_url") == "http://127.0.0.1:9"
    flags = {a.option_strings[0] for a in parser._actions if a.option_strings}
    assert {s.flag for s in settings.SETTINGS} <= flags


def test_corrupt_settings_file_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text("{not json")
    store = settings.SettingsStore(path)
    assert store.get("concurrency") == 4 and store.load_problems
    path.write_text(json.dumps({"settings": {"concurrency": "many", "rate_limit": 2}}))
    store = settings.SettingsStore(path)
    assert store.get("concurrency") == 4 and store.get("rate_limit") == 2.0


# -- error mapping ---------------------------------------------------------------------
def envelope(code: int, reason: str | None, message: str = "m") -> bytes:
    details = [{"reason": reason}] if reason else []
    return json.dumps({"error": {"code": code, "message": message, "status": "X",
                                 "details": details}}).encode()


CURRENT_AND_LEGACY = {
    "INVALID_AUTH_HEADER": errors.InvalidAuthHeaderError,
    "INVALID_API_KEY": errors.InvalidApiKeyError,
    "API_KEY_DISABLED": errors.ApiKeyDisabledError,
    "EMAIL_NOT_VERIFIED": errors.EmailNotVerifiedError,
    "SUBSCRIPTION_REQUIRED": errors.SubscriptionRequiredError,
    "INSUFFICIENT_CREDITS": errors.InsufficientCreditsError,
    "MISSING_IMAGE_FILE": errors.MissingImageFileError,
    "INVALID_IMAGE_TYPE": errors.InvalidImageTypeError,
    "INVALID_DOCUMENT_TYPE": errors.InvalidDocumentTypeError,
    "IMAGE_TOO_LARGE": errors.ImageTooLargeError,
    "AI_SERVICE_ERROR": errors.AiServiceError,
    "INTERNAL_ERROR": errors.InternalServerError,
    "SERVICE_UNAVAILABLE": errors.ServiceUnavailableError,
    "RATE_LIMIT_EXCEEDED": errors.RateLimitedError,
    "INVALID_IMAGE_FORMAT": errors.InvalidImageTypeError,
    "IMAGE_TOO_SMALL": errors.ImageRejectedError,
    "IMAGE_CORRUPTED": errors.ImageRejectedError,
    "INVALID_JSON": errors.ImageRejectedError,
    "ACCOUNT_SUSPENDED": errors.SubscriptionRequiredError,
    "BILLING_ISSUE": errors.SubscriptionRequiredError,
    "IMAGE_PROCESSING_ERROR": errors.AiServiceError,
    "LOW_CONFIDENCE_RESULT": errors.AiServiceError,
    "DATABASE_ERROR": errors.InternalServerError,
    "MAINTENANCE_MODE": errors.ServiceUnavailableError,
}


@pytest.mark.parametrize(("reason", "cls"), CURRENT_AND_LEGACY.items())
def test_every_documented_reason_has_its_class(reason: str,
                                               cls: type[errors.PicToTextError]) -> None:
    err = errors.error_from_response(400, envelope(400, reason, "server says"))
    assert type(err) is cls
    assert err.reason_code == reason and err.server_message == "server says"
    assert err.title and err.explanation and err.action


@pytest.mark.parametrize(
    ("status", "cls"),
    [(401, errors.InvalidApiKeyError), (402, errors.InsufficientCreditsError),
     (403, errors.SubscriptionRequiredError), (429, errors.RateLimitedError),
     (500, errors.InternalServerError), (503, errors.ServiceUnavailableError),
     (418, errors.RequestRejectedError), (599, errors.InternalServerError)],
)
def test_unknown_reason_falls_back_on_status(status: int,
                                             cls: type[errors.PicToTextError]) -> None:
    assert type(errors.error_from_response(status, envelope(status, "BRAND_NEW"))) is cls
    assert type(errors.error_from_response(status, envelope(status, None))) is cls


def test_bodies_without_the_envelope() -> None:
    html = errors.error_from_response(502, b"<html><body>Bad gateway</body></html>", "text/html")
    assert isinstance(html, errors.UnexpectedResponseError) and "HTML" in (html.detail or "")
    assert isinstance(errors.error_from_response(400, b"{broken"), errors.UnexpectedResponseError)
    assert isinstance(errors.error_from_response(200, b"[1, 2]"), errors.UnexpectedResponseError)
    assert isinstance(errors.error_from_response(413, b"<html>too big</html>"),
                      errors.ImageTooLargeError)


def test_stop_batch_and_exit_codes() -> None:
    stops = {c for c in CURRENT_AND_LEGACY.values() if c().stops_batch}
    assert stops == {errors.InvalidAuthHeaderError, errors.InvalidApiKeyError,
                     errors.ApiKeyDisabledError, errors.EmailNotVerifiedError,
                     errors.SubscriptionRequiredError, errors.InsufficientCreditsError}
    assert errors.NoApiKeyError().exit_code == 3
    assert errors.InsufficientCreditsError().exit_code == 4
    assert errors.TimeoutError_().exit_code == 6
    assert errors.NotAnImageError().exit_code == 5
    assert errors.worst_exit_code([0, 5, 6, 0]) == 6
    assert errors.worst_exit_code([5, 4, 3]) == 3
    assert errors.worst_exit_code([0, 0]) == 0
