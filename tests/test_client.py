"""PicToTextClient against the real stand-in HTTP server: every reason, every fault."""

from __future__ import annotations

import email.utils
import time
from pathlib import Path

import pytest

from pictotext_desktop import errors
from pictotext_desktop.api.client import (
    ClientConfig,
    PicToTextClient,
    RateLimiter,
    clean_key,
    mask_key,
    parse_retry_after,
)
from pictotext_desktop.imaging import PreparedImage
from tests.conftest import TEST_KEY
from tests.stand_in_server import (
    DISABLED,
    EMAIL_NOT_VERIFIED,
    NO_CREDITS,
    SUBSCRIPTION_REQUIRED,
    Fault,
    StandInServer,
    status,
)

JPEG = PreparedImage(b"\xff\xd8\xff\xe0" + b"\x00" * 2000, "image/jpeg", "card.jpg",
                     (800, 500), (800, 500), "JPEG")


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def make_client(url: str, **config: object) -> tuple[PicToTextClient, Sleeps]:
    sleeps = Sleeps()
    cfg = ClientConfig(base_url=url, rate_limit=1000, **config)  # type: ignore[arg-type]
    return PicToTextClient(cfg, sleep=sleeps), sleeps


def assert_no_key(exc: errors.PicToTextError, key: str = TEST_KEY) -> None:
    for text in (str(exc), exc.detail or "", exc.title, repr(exc.to_dict())):
        assert key not in text
        assert key[:-4] not in text


# -- the request on the wire -----------------------------------------------------------
def test_success_sends_contract_request_and_orders_fields(server: StandInServer) -> None:
    client, sleeps = make_client(server.url)
    result = client.recognize(JPEG, "cn_id_card", TEST_KEY)

    assert list(result.fields) == ["name", "gender", "ethnicity", "dateOfBirth", "address",
                                   "idNumber", "issuingAuthority", "validityPeriod"]
    assert result.fields["name"] == "张三"
    assert result.engine == "cloud"
    (seen,) = server.requests
    assert seen.path == "/api/v1/ocr"
    assert seen.headers["authorization"] == f"Bearer {TEST_KEY}"
    assert seen.headers["user-agent"].startswith("pictotext-desktop/")
    assert seen.headers["content-type"].startswith("multipart/form-data; boundary=")
    image = seen.parts["image"]
    assert (image.filename, image.content_type, image.data) == ("card.jpg", "image/jpeg",
                                                                 JPEG.data)
    assert seen.parts["documentType"].filename is None  # a text field, not a file
    assert seen.parts["documentType"].data == b"cn_id_card"
    assert sleeps == []


def test_missing_empty_null_and_non_string_fields(server: StandInServer) -> None:
    server.respond("cn_id_card", {"idNumber": 110101199003077777, "name": "",
                                  "gender": None, "extraThing": "x", "address": ["a", "b"],
                                  "ethnicity": True})
    client, _ = make_client(server.url)
    result = client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert result.fields["idNumber"] == "110101199003077777"
    assert "converted" in result.notes["idNumber"]
    assert result.fields["name"] is None and result.fields["gender"] is None
    assert result.fields["dateOfBirth"] is None  # missing entirely
    assert result.fields["address"] == '["a", "b"]'
    assert result.fields["ethnicity"] == "true"
    assert list(result.fields)[-1] == "extraThing"  # extra keys kept, after the catalog's
    assert set(result.not_read) == {"name", "gender", "dateOfBirth", "issuingAuthority",
                                    "validityPeriod"}


def test_every_document_type_succeeds(server: StandInServer) -> None:
    from pictotext_desktop import catalog

    client, _ = make_client(server.url)
    for doc in catalog.all_types():
        result = client.recognize(JPEG, doc.value, TEST_KEY)
        assert list(result.fields)[: len(doc.fields)] == list(doc.field_keys)
        assert all(v is not None for v in result.fields.values())


# -- key hygiene -----------------------------------------------------------------------
def test_key_is_trimmed_and_inner_whitespace_refused(server: StandInServer) -> None:
    client, _ = make_client(server.url)
    client.recognize(JPEG, "cn_id_card", f"  {TEST_KEY}\n")
    assert server.requests[-1].headers["authorization"] == f"Bearer {TEST_KEY}"
    for bad in ("sk_live_ab cd", "sk_live_ab\ncd", "sk_live\tx"):
        with pytest.raises(errors.MalformedApiKeyError):
            client.recognize(JPEG, "cn_id_card", bad)
    with pytest.raises(errors.NoApiKeyError):
        client.recognize(JPEG, "cn_id_card", "   ")
    assert len(server.requests) == 1  # nothing malformed was sent


def test_mask_key() -> None:
    assert mask_key("sk_live_123456789abcdef") == "sk_live_…cdef"
    assert mask_key("sk-abcdefghijkl") == "sk-…ijkl"
    assert mask_key("whatever123456") == "…3456"
    assert clean_key(" x ") == "x"


# -- errors by reason ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key_state", "cls", "code"),
    [
        (None, errors.InvalidApiKeyError, 401),
        (DISABLED, errors.ApiKeyDisabledError, 401),
        (EMAIL_NOT_VERIFIED, errors.EmailNotVerifiedError, 403),
        (SUBSCRIPTION_REQUIRED, errors.SubscriptionRequiredError, 403),
        (NO_CREDITS, errors.InsufficientCreditsError, 402),
    ],
)
def test_key_states(server: StandInServer, key_state: str | None,
                    cls: type[errors.PicToTextError], code: int) -> None:
    key = "sk_live_OTHERKEYxyz9"
    if key_state:
        server.add_key(key, key_state)
    client, sleeps = make_client(server.url)
    with pytest.raises(cls) as info:
        client.recognize(JPEG, "cn_id_card", key)
    assert info.value.status == code
    assert info.value.stops_batch
    assert len(server.requests) == 1 and sleeps == []  # 4xx never retried
    assert_no_key(info.value, key)


def test_insufficient_credits_carries_server_message(server: StandInServer) -> None:
    server.add_key("sk_live_poor0000", NO_CREDITS)
    client, _ = make_client(server.url)
    with pytest.raises(errors.InsufficientCreditsError) as info:
        client.recognize(JPEG, "cn_id_card", "sk_live_poor0000")
    assert "no remaining included quota" in (info.value.server_message or "")
    assert info.value.exit_code == errors.EXIT_CREDITS


def test_invalid_image_type_has_metadata(server: StandInServer) -> None:
    client, _ = make_client(server.url)
    bad = PreparedImage(b"hello", "text/plain", "note.txt", (1, 1), (1, 1), "TXT")
    with pytest.raises(errors.InvalidImageTypeError) as info:
        client.recognize(bad, "cn_id_card", TEST_KEY)
    assert info.value.received == "text/plain"
    assert "image/heic" in info.value.supported
    assert info.value.exit_code == errors.EXIT_INPUT


def test_image_too_large_and_bad_document_type(server: StandInServer) -> None:
    client, _ = make_client(server.url)
    big = PreparedImage(b"\xff" * 10_000_001, "image/jpeg", "big.jpg", (1, 1), (1, 1), "JPEG")
    with pytest.raises(errors.ImageTooLargeError):
        client.recognize(big, "cn_id_card", TEST_KEY)
    with pytest.raises(errors.InvalidDocumentTypeError):
        client.recognize(JPEG, "auto", TEST_KEY)
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    ("reason", "code", "cls"),
    [
        ("INVALID_AUTH_HEADER", 401, errors.InvalidAuthHeaderError),
        ("MISSING_IMAGE_FILE", 400, errors.MissingImageFileError),
        ("IMAGE_CORRUPTED", 400, errors.ImageRejectedError),
        ("INVALID_IMAGE_FORMAT", 400, errors.InvalidImageTypeError),
        ("ACCOUNT_SUSPENDED", 403, errors.SubscriptionRequiredError),
        ("SOMETHING_NEW", 418, errors.RequestRejectedError),
        ("SOMETHING_NEW", 402, errors.InsufficientCreditsError),  # unknown reason: status
    ],
)
def test_injected_reasons_map_to_classes(server: StandInServer, reason: str, code: int,
                                         cls: type[errors.PicToTextError]) -> None:
    server.fail_next(status(code, reason))
    client, sleeps = make_client(server.url)
    with pytest.raises(cls) as info:
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert info.value.reason_code == reason and info.value.status == code
    assert len(server.requests) == 1 and sleeps == []


# -- retries ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "reason"),
    [(500, "AI_SERVICE_ERROR"), (500, "INTERNAL_ERROR"), (502, "X"), (503, "SERVICE_UNAVAILABLE"),
     (504, "X")],
)
def test_5xx_then_success_is_retried_after_2_seconds(server: StandInServer, code: int,
                                                     reason: str) -> None:
    server.fail_next(status(code, reason))
    client, sleeps = make_client(server.url)
    assert client.recognize(JPEG, "cn_id_card", TEST_KEY).fields["name"] == "张三"
    assert len(server.requests) == 2
    assert sleeps == [2.0]


def test_always_500_gives_up_after_3_attempts_waiting_2_then_4(server: StandInServer) -> None:
    server.fail_always(status(500, "AI_SERVICE_ERROR"))
    client, sleeps = make_client(server.url)
    with pytest.raises(errors.AiServiceError) as info:
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert len(server.requests) == 3
    assert sleeps == [2.0, 4.0]
    assert info.value.retryable and not info.value.stops_batch
    assert info.value.exit_code == errors.EXIT_SERVICE


def test_429_honours_retry_after_seconds_date_and_cap(server: StandInServer) -> None:
    client, sleeps = make_client(server.url)
    server.fail_next(status(429, "RATE_LIMIT_EXCEEDED", "7"))
    client.recognize(JPEG, "cn_id_card", TEST_KEY)
    server.fail_next(status(429, "RATE_LIMIT_EXCEEDED", "3600"))
    client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert sleeps == [7.0, 60.0]

    date = email.utils.formatdate(time.time() + 20, usegmt=True)
    server.fail_next(status(429, "RATE_LIMIT_EXCEEDED", date))
    client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert 17.0 <= sleeps[-1] <= 20.0


def test_429_always_ends_as_rate_limited(server: StandInServer) -> None:
    server.fail_always(status(429, "RATE_LIMIT_EXCEEDED", "1"))
    client, sleeps = make_client(server.url)
    with pytest.raises(errors.RateLimitedError):
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert len(server.requests) == 3 and sleeps == [1.0, 1.0]


def test_parse_retry_after() -> None:
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after("-3") == 0.0
    assert parse_retry_after("999") == 60.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    now = time.time()
    assert parse_retry_after(email.utils.formatdate(now + 30, usegmt=True), now=now) == \
        pytest.approx(30, abs=1.5)


# -- unexpected answers and network faults ---------------------------------------------
def test_html_502_page_is_retried_then_unexpected_response(server: StandInServer) -> None:
    server.fail_always(Fault("html502"))
    client, sleeps = make_client(server.url)
    with pytest.raises(errors.UnexpectedResponseError) as info:
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert "HTML" in (info.value.detail or "")
    assert len(server.requests) == 3 and sleeps == [2.0, 4.0]


@pytest.mark.parametrize("kind", ["badjson", "notobject"])
def test_200_that_is_not_a_json_object(server: StandInServer, kind: str) -> None:
    server.fail_next(Fault(kind))
    client, sleeps = make_client(server.url)
    with pytest.raises(errors.UnexpectedResponseError):
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert len(server.requests) == 1 and sleeps == []


def test_json_without_envelope(server: StandInServer) -> None:
    server.fail_next(Fault("noenvelope", status=400))
    client, _ = make_client(server.url)
    with pytest.raises(errors.UnexpectedResponseError) as info:
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert info.value.status == 400


def test_slow_answer_times_out_without_retry(server: StandInServer) -> None:
    server.fail_next(Fault("slow", seconds=2.0))
    client, sleeps = make_client(server.url, read_timeout=0.3)
    with pytest.raises(errors.TimeoutError_) as info:
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert info.value.category is errors.Category.NETWORK
    assert len(server.requests) == 1 and sleeps == []  # it was sent: never sent twice


def test_dropped_connection_is_not_resent(server: StandInServer) -> None:
    server.fail_next(Fault("drop"))
    client, sleeps = make_client(server.url)
    with pytest.raises(errors.ConnectionFailedError) as info:
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert "dropped" in info.value.message
    assert len(server.requests) == 1 and sleeps == []


def test_refused_connection_is_retried_then_reported() -> None:
    with StandInServer() as srv:
        url = srv.url
    client, sleeps = make_client(url)  # the port is closed now
    with pytest.raises(errors.ConnectionFailedError) as info:
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert sleeps == [2.0, 4.0]
    assert info.value.title == "Couldn't reach PicToText"
    assert_no_key(info.value)


def test_dns_failure_has_its_own_wording() -> None:
    client, _ = make_client("https://no-such-host.invalid")
    with pytest.raises(errors.DnsError) as info:
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert "could not be looked up" in info.value.explanation


# -- TLS and URLs ----------------------------------------------------------------------
def test_https_is_verified(https_server: tuple[StandInServer, Path]) -> None:
    srv, pem = https_server
    client, _ = make_client(srv.url)
    with pytest.raises(errors.TlsError):
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert srv.requests == []  # nothing was sent over the untrusted connection
    trusted, _ = make_client(srv.url, ca_bundle=str(pem))
    assert trusted.recognize(JPEG, "cn_id_card", TEST_KEY).fields["name"] == "张三"


@pytest.mark.parametrize("url", ["http://example.com", "http://10.0.0.1:8080",
                                 "http://127.evil.com"])
def test_plain_http_refused_except_loopback(url: str) -> None:
    with pytest.raises(errors.InsecureUrlError) as info:
        PicToTextClient(ClientConfig(base_url=url))
    assert "https://" in info.value.message


@pytest.mark.parametrize("url", ["http://127.0.0.1:9", "http://127.1.2.3", "http://localhost:1",
                                 "http://[::1]:8000", "https://pictotext.io/"])
def test_loopback_http_and_https_accepted(url: str) -> None:
    client = PicToTextClient(ClientConfig(base_url=url))
    assert client.endpoint.endswith("/api/v1/ocr") and "//api" not in client.endpoint


def test_not_a_url() -> None:
    with pytest.raises(errors.InvalidUrlError):
        PicToTextClient(ClientConfig(base_url="pictotext.io"))


# -- key test --------------------------------------------------------------------------
def test_key_check_follows_the_docs(server: StandInServer) -> None:
    server.add_key("sk_live_poor0000", NO_CREDITS)
    client, _ = make_client(server.url)
    ok = client.check_key(TEST_KEY)
    assert ok.valid is True and ok.status == 400  # MISSING_IMAGE_FILE means: key accepted
    seen = server.requests[-1]
    assert seen.parts == {} and seen.body_size < 100  # an empty multipart form
    bad = client.check_key("sk_live_unknown0000")
    assert bad.valid is False and isinstance(bad.error, errors.InvalidApiKeyError)
    poor = client.check_key("sk_live_poor0000")
    assert poor.valid is True and isinstance(poor.error, errors.InsufficientCreditsError)
    assert "account needs attention" in poor.summary


def test_key_check_unreachable_is_not_invalid() -> None:
    with StandInServer() as srv:
        url = srv.url
    client, _ = make_client(url)
    result = client.check_key(TEST_KEY)
    assert result.valid is None
    assert "Couldn't reach" in result.summary


# -- rate limit ------------------------------------------------------------------------
def test_rate_limiter_spaces_requests() -> None:
    now = [100.0]
    waited: list[float] = []

    def sleep(s: float) -> None:
        waited.append(s)
        now[0] += s

    limiter = RateLimiter(5.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(6):
        limiter.acquire()
    assert waited == pytest.approx([0.2] * 5)


def test_client_rate_limit_is_real(server: StandInServer) -> None:
    client = PicToTextClient(ClientConfig(base_url=server.url, rate_limit=10))
    started = time.monotonic()
    for _ in range(4):
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert time.monotonic() - started >= 0.29  # 4 starts at 10/s need >= 0.3 s
