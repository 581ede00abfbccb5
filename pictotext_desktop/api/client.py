"""PicToTextClient: the only code that speaks HTTP to PicToText.

It follows the API contract (docs: ../shared/docs/pictotext-api.md):
- one `requests.Session`; `POST {base}/api/v1/ocr` as multipart/form-data with the image
  as a real file part (filename + its own image MIME type) and `documentType` as a text
  field; the Content-Type header is left to requests (it adds the boundary);
- `Authorization: Bearer <key>`; TLS always verified (optionally with an extra CA bundle);
- retries exactly as documented: 5xx up to 3 attempts in all, waiting 2 s then 4 s; 429
  honouring Retry-After (capped at 60 s); a connection that failed before any byte was
  sent may be retried; other 4xx never;
- a client-side rate limit ("implement rate limiting on your end");
- the key test of the docs: an empty multipart form, where only 401 means "invalid".
"""

from __future__ import annotations

import email.utils
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import requests
from requests.adapters import HTTPAdapter

from pictotext_desktop import __version__, catalog
from pictotext_desktop.errors import (
    CONNECT_TIMED_OUT,
    CONNECTION_DROPPED,
    ConnectionFailedError,
    DnsError,
    MalformedApiKeyError,
    NoApiKeyError,
    PicToTextError,
    TimeoutError_,
    TlsError,
    error_from_response,
)
from pictotext_desktop.imaging import PreparedImage
from pictotext_desktop.logs import mask
from pictotext_desktop.records import Result
from pictotext_desktop.settings import validate_api_url

log = logging.getLogger(__name__)

OCR_PATH = "/api/v1/ocr"
DEFAULT_BASE_URL = "https://pictotext.io"
USER_AGENT = f"pictotext-desktop/{__version__}"
RETRY_STATUSES = frozenset({500, 502, 503, 504})
MAX_ATTEMPTS = 3
RETRY_AFTER_CAP = 60.0
KEY_PREFIXES = ("sk_live_", "sk_test_", "sk_", "sk-")  # shown before the masked part

KeyOutcome = Literal["valid", "account", "invalid", "unreachable"]


def clean_key(key: str | None) -> str:
    """Strip surrounding whitespace; refuse a key with whitespace inside (a broken header)."""
    if key is None or not key.strip():
        raise NoApiKeyError()
    key = key.strip()
    if any(ch.isspace() for ch in key) or any(ord(ch) < 32 or ord(ch) == 127 for ch in key):
        raise MalformedApiKeyError()
    return key


def mask_key(key: str) -> str:
    """What may be shown of a key after entry: its prefix and last 4 (`sk_live_…abcd`)."""
    key = key.strip()
    prefix = next((p for p in KEY_PREFIXES if key.startswith(p)), "") if len(key) > 8 else ""
    return prefix + mask(key)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds (delta-seconds or an HTTP date), capped at 60 s."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - (now if now is not None else time.time())
    if seconds != seconds:  # NaN
        return None
    return max(0.0, min(seconds, RETRY_AFTER_CAP))


class RateLimiter:
    """At most `rate` request starts per second across all threads (evenly spaced)."""

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Block until this caller may start; returns how long it waited."""
        if self.interval <= 0:
            return 0.0
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval
        wait = start - now
        if wait > 0:
            self._sleep(wait)
        return wait


@dataclass(frozen=True)
class KeyCheck:
    """Outcome of the documented key test."""

    valid: bool | None  # True accepted, False invalid (401), None: no answer at all
    status: int | None
    error: PicToTextError | None  # why invalid, the account problem, or why unreachable

    @property
    def outcome(self) -> KeyOutcome:
        """The docs' key test in one word: only 401 is 'invalid'; no answer is 'unreachable'."""
        if self.valid is None:
            return "unreachable"
        if self.valid is False:
            return "invalid"
        if self.error is not None and self.status in (402, 403):
            return "account"
        return "valid"

    @property
    def summary(self) -> str:
        outcome = self.outcome
        if outcome == "unreachable":
            return "Couldn't reach PicToText, so the key was not tested."
        if outcome == "invalid":
            return f"The key was refused: {self.error}" if self.error else "The key was refused."
        if outcome == "account" and self.error is not None:
            return f"The key works, but the account needs attention: {self.error.title}."
        return "The key works."


@dataclass
class ClientConfig:
    base_url: str = DEFAULT_BASE_URL
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    rate_limit: float = 5.0
    ca_bundle: str | None = None
    pool_size: int = 4


class PicToTextClient:
    """Thread-safe client; one instance per app, shared by all workers."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config or ClientConfig()
        self.base_url = validate_api_url(self.config.base_url)
        self._sleep = sleep
        self.rate_limiter = RateLimiter(self.config.rate_limit, clock=clock)
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=max(4, self.config.pool_size))
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        # Proxies from the environment are honoured, but ~/.netrc must never replace the
        # Bearer header: a no-op auth object stops requests from looking it up.
        self.session.auth = _keep_headers
        # Passed with every request: a session-level value would lose to REQUESTS_CA_BUNDLE.
        self._verify: str | bool = self.config.ca_bundle or True

    @property
    def endpoint(self) -> str:
        return self.base_url + OCR_PATH

    def close(self) -> None:
        self.session.close()

    # -- public operations -------------------------------------------------------------
    def recognize(self, image: PreparedImage, document_type: str, key: str) -> Result:
        """Send one prepared image; return the fields in catalog order or raise an error."""
        key = clean_key(key)
        files = {"image": (image.filename, image.data, image.mime_type)}
        data = {"documentType": document_type}
        started = time.perf_counter()
        response = self._post_with_retries(key, files=files, data=data)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise self._error(response)
        result = parse_success(document_type, response)
        result.timings["request"] = elapsed
        return result

    def check_key(self, key: str) -> KeyCheck:
        """The docs' key test: an empty multipart form; only HTTP 401 means invalid."""
        key = clean_key(key)
        try:
            self.rate_limiter.acquire()
            response = self._send(key, files={}, data=None, empty_form=True)
        except _RetryableConnectError as exc:
            return KeyCheck(valid=None, status=None, error=exc.error)
        except PicToTextError as exc:
            return KeyCheck(valid=None, status=None, error=exc)
        status = response.status_code
        if status == 401:
            return KeyCheck(valid=False, status=status, error=self._error(response))
        error = self._error(response) if status in (402, 403) else None
        return KeyCheck(valid=True, status=status, error=error)

    # -- internals ---------------------------------------------------------------------
    def _error(self, response: requests.Response) -> PicToTextError:
        return error_from_response(
            response.status_code, response.content, response.headers.get("Content-Type", "")
        )

    def _post_with_retries(
        self, key: str, *, files: dict[str, Any], data: dict[str, str]
    ) -> requests.Response:
        attempt = 0
        while True:
            attempt += 1
            self.rate_limiter.acquire()
            try:
                response = self._send(key, files=files, data=data)
            except _RetryableConnectError as exc:
                if attempt >= MAX_ATTEMPTS:
                    raise exc.error from None
                wait = 2.0 ** attempt
                log.info("connection failed before sending (attempt %d); retrying in %.0f s",
                         attempt, wait)
                self._sleep(wait)
                continue
            status = response.status_code
            if status in RETRY_STATUSES or status == 429:
                if attempt >= MAX_ATTEMPTS:
                    return response
                if status == 429:
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
                    wait = retry_after if retry_after is not None else 2.0 ** attempt
                else:
                    wait = 2.0 ** attempt  # 2 s, then 4 s
                log.info("HTTP %d on attempt %d; retrying in %.1f s", status, attempt, wait)
                response.close()
                self._sleep(wait)
                continue
            return response

    def _send(
        self,
        key: str,
        *,
        files: dict[str, Any],
        data: dict[str, str] | None,
        empty_form: bool = False,
    ) -> requests.Response:
        headers = {"Authorization": f"Bearer {key}"}
        timeout = (self.config.connect_timeout, self.config.read_timeout)
        try:
            if empty_form:
                # An empty multipart body: just the closing boundary.
                boundary = "pictotext-key-test"
                headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
                response = self.session.post(
                    self.endpoint, headers=headers, data=f"--{boundary}--\r\n".encode(),
                    timeout=timeout, verify=self._verify,
                )
            else:
                response = self.session.post(
                    self.endpoint, headers=headers, files=files, data=data, timeout=timeout,
                    verify=self._verify,
                )
        except requests.exceptions.SSLError as exc:
            raise TlsError(detail=_technical(exc)) from None
        except requests.exceptions.ConnectTimeout as exc:
            raise _RetryableConnectError(
                ConnectionFailedError(CONNECT_TIMED_OUT, detail=_technical(exc))
            ) from None
        except requests.exceptions.Timeout as exc:
            raise TimeoutError_(detail=_technical(exc)) from None
        except requests.exceptions.ConnectionError as exc:
            text = _technical(exc)
            if _is_dns_failure(text):
                raise _RetryableConnectError(DnsError(detail=text)) from None
            if _before_sending(text):
                raise _RetryableConnectError(ConnectionFailedError(detail=text)) from None
            raise ConnectionFailedError(CONNECTION_DROPPED, detail=text) from None
        except requests.exceptions.RequestException as exc:
            raise ConnectionFailedError(detail=_technical(exc)) from None
        return response


def _keep_headers(request: requests.PreparedRequest) -> requests.PreparedRequest:
    return request


class _RetryableConnectError(Exception):
    """Internal: a connection that failed before any byte was sent (safe to retry)."""

    def __init__(self, error: PicToTextError) -> None:
        super().__init__(str(error))
        self.error = error


def _technical(exc: BaseException) -> str:
    """A one-line technical description for the Details button (no key: it's a header)."""
    return f"{type(exc).__name__}: {exc}"[:500]


def _is_dns_failure(text: str) -> bool:
    markers = ("NameResolutionError", "Name or service not known", "getaddrinfo failed",
               "nodename nor servname", "Temporary failure in name resolution",
               "No address associated")
    return any(m in text for m in markers)


def _before_sending(text: str) -> bool:
    markers = ("NewConnectionError", "Connection refused", "Network is unreachable",
               "No route to host", "Failed to establish a new connection")
    return any(m in text for m in markers)


def parse_success(document_type: str, response: requests.Response) -> Result:
    """A 200's flat JSON object of strings -> Result; anything else is an error."""
    try:
        body = response.json()
    except (ValueError, json.JSONDecodeError):
        raise error_from_response(
            200, response.content, response.headers.get("Content-Type", "")
        ) from None
    if not isinstance(body, dict):
        raise error_from_response(200, response.content, "application/json")
    fields: dict[str, str | None] = {}
    notes: dict[str, str] = {}
    for key, value in body.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            fields[key] = None
        elif isinstance(value, str):
            fields[key] = value
        else:
            fields[key] = (
                json.dumps(value, ensure_ascii=False)
                if isinstance(value, (dict, list))
                else str(value).lower() if isinstance(value, bool) else str(value)
            )
            notes[key] = f"converted from JSON {type(value).__name__} to text"
    ordered = catalog.order_fields(document_type, fields)
    known = document_type in catalog.values()
    expected = set(catalog.field_keys(document_type)) if known else set()
    for key in ordered:
        if key not in expected and expected:
            notes.setdefault(key, "extra field not in the documentation")
    return Result(document_type=document_type, engine="cloud", fields=ordered, notes=notes)
