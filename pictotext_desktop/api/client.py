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

The API never redirects and its answers are small, so a hostile or broken server is kept
in bounds: any 3xx is an error (never followed, nothing re-sent); the answer is streamed
with a size cap that counts inflated bytes; the whole exchange has a deadline that a
trickling server cannot stretch; a loopback API is never reached through a proxy; and
whatever the server says is cleared of the key before it becomes an error or a field.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from pictotext_desktop import __version__, catalog
from pictotext_desktop.api.keys import KEY_PREFIXES as KEY_PREFIXES  # re-exported
from pictotext_desktop.api.keys import clean_key as clean_key
from pictotext_desktop.api.keys import mask_key as mask_key
from pictotext_desktop.errors import (
    CONNECT_TIMED_OUT,
    CONNECTION_DROPPED,
    AnswerTooLargeError,
    CancelledError,
    ConnectionFailedError,
    DnsError,
    PicToTextError,
    RedirectRefusedError,
    TimeoutError_,
    TlsError,
    UnexpectedResponseError,
    error_from_response,
)
from pictotext_desktop.imaging import PreparedImage
from pictotext_desktop.notes import LONG_NAMES, MANY_FIELDS, note
from pictotext_desktop.records import Result
from pictotext_desktop.settings import is_loopback, validate_api_url

log = logging.getLogger(__name__)

OCR_PATH = "/api/v1/ocr"
DEFAULT_BASE_URL = "https://pictotext.io"
USER_AGENT = f"pictotext-desktop/{__version__}"
RETRY_STATUSES = frozenset({500, 502, 503, 504})
MAX_ATTEMPTS = 3
RETRY_AFTER_CAP = 60.0
# Bounds on an answer (read when a ClientConfig is made, so tests can shrink them).  A real
# answer is a few kB and arrives in seconds; these are far above that.
TOTAL_TIMEOUT = 120.0  # seconds for one whole exchange: connect, send, answer
MAX_ANSWER_BYTES = 4 * 1024 * 1024  # of the answer as decoded, error answers included
MAX_FIELDS = 200  # fields kept from one answer
MAX_VALUE_CHARS = 10_000  # characters kept of one value
MAX_FIELD_NAME_CHARS = 200  # a longer field name is not a field name
READ_CHUNK = 16 * 1024  # decoded bytes per read: a gzip bomb inflates at most this at once
WATCH_INTERVAL = 0.1  # how often a cancel request is looked at while waiting on the server


def retry_sleep(seconds: float) -> None:
    """The wait between attempts.  Looked up at call time, so a test (or an embedding
    program) can replace `pictotext_desktop.api.client.retry_sleep` without a client."""
    time.sleep(seconds)

KeyOutcome = Literal["valid", "account", "invalid", "unreachable"]


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
    read_timeout: float = 30.0  # per socket read; `total_timeout` bounds the whole answer
    rate_limit: float = 5.0
    ca_bundle: str | None = None
    pool_size: int = 4
    total_timeout: float = field(default_factory=lambda: TOTAL_TIMEOUT)
    max_answer_bytes: int = field(default_factory=lambda: MAX_ANSWER_BYTES)


@dataclass(frozen=True)
class _Answer:
    """A whole answer, read within the size cap and the deadline."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")


class PicToTextClient:
    """Thread-safe client; one instance per app, shared by all workers."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config or ClientConfig()
        self.base_url = validate_api_url(self.config.base_url)
        self.host = urlsplit(self.base_url).hostname or self.base_url
        self._sleep = sleep  # None: the module's `retry_sleep`, looked up at each wait
        self.rate_limiter = RateLimiter(self.config.rate_limit, clock=clock)
        self.session = requests.Session()
        adapter = _GuardedAdapter(pool_connections=1, pool_maxsize=max(4, self.config.pool_size))
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        # Proxies from the environment are honoured (not for loopback: see _GuardedAdapter),
        # but ~/.netrc must never replace the Bearer header: a no-op auth object stops
        # requests from looking it up.
        self.session.auth = _keep_headers
        # The API never redirects.  Every call says allow_redirects=False; this guard makes
        # sure no future call can follow one either (and that nothing is re-sent).
        self.session.max_redirects = 0
        self.session.hooks["response"].append(_refuse_redirect)
        # Passed with every request: a session-level value would lose to REQUESTS_CA_BUNDLE.
        self._verify: str | bool = self.config.ca_bundle or True

    @property
    def endpoint(self) -> str:
        return self.base_url + OCR_PATH

    def close(self) -> None:
        self.session.close()

    # -- public operations -------------------------------------------------------------
    def recognize(
        self,
        image: PreparedImage,
        document_type: str,
        key: str,
        *,
        cancel: threading.Event | None = None,
    ) -> Result:
        """Send one prepared image; return the fields in catalog order or raise an error.

        Setting `cancel` (from any thread) stops waiting for or reading the answer at once
        and raises `CancelledError`.
        """
        key = clean_key(key)
        if cancel is not None and cancel.is_set():
            raise CancelledError()
        files = {"image": (image.filename, image.data, image.mime_type)}
        data = {"documentType": document_type}
        started = time.perf_counter()
        answer = self._post_with_retries(key, files=files, data=data, cancel=cancel)
        elapsed = time.perf_counter() - started
        if answer.status != 200:
            raise self._error(answer, key)
        result = parse_success(document_type, answer, redact=_redactor(key))
        result.timings["request"] = elapsed
        return result

    def check_key(self, key: str) -> KeyCheck:
        """The docs' key test: an empty multipart form; only HTTP 401 means invalid."""
        key = clean_key(key)
        try:
            self.rate_limiter.acquire()
            answer = self._exchange(key, files={}, data=None, empty_form=True)
        except _RetryableConnectError as exc:
            return KeyCheck(valid=None, status=None, error=exc.error)
        except PicToTextError as exc:
            return KeyCheck(valid=None, status=None, error=exc)
        status = answer.status
        if status == 401:
            return KeyCheck(valid=False, status=status, error=self._error(answer, key))
        error = self._error(answer, key) if status in (402, 403) else None
        return KeyCheck(valid=True, status=status, error=error)

    # -- internals ---------------------------------------------------------------------
    def _error(self, answer: _Answer, key: str) -> PicToTextError:
        return error_from_response(
            answer.status, answer.body, answer.content_type, redact=_redactor(key)
        )

    def _pause(self, seconds: float, cancel: threading.Event | None) -> None:
        """Wait between attempts; a cancel ends the wait (and the call) at once."""
        if self._sleep is not None:
            self._sleep(seconds)
        elif cancel is not None and retry_sleep is _default_retry_sleep:
            cancel.wait(seconds)
        else:
            retry_sleep(seconds)
        if cancel is not None and cancel.is_set():
            raise CancelledError()

    def _post_with_retries(
        self,
        key: str,
        *,
        files: dict[str, Any],
        data: dict[str, str],
        cancel: threading.Event | None = None,
    ) -> _Answer:
        attempt = 0
        while True:
            attempt += 1
            self.rate_limiter.acquire()
            try:
                answer = self._exchange(key, files=files, data=data, cancel=cancel)
            except _RetryableConnectError as exc:
                if attempt >= MAX_ATTEMPTS:
                    raise exc.error from None
                wait = 2.0 ** attempt
                log.info("connection failed before sending (attempt %d); retrying in %.0f s",
                         attempt, wait)
                self._pause(wait, cancel)
                continue
            status = answer.status
            if status in RETRY_STATUSES or status == 429:
                if attempt >= MAX_ATTEMPTS:
                    return answer
                if status == 429:
                    retry_after = parse_retry_after(answer.headers.get("Retry-After"))
                    wait = retry_after if retry_after is not None else 2.0 ** attempt
                else:
                    wait = 2.0 ** attempt  # 2 s, then 4 s
                log.info("HTTP %d on attempt %d; retrying in %.1f s", status, attempt, wait)
                self._pause(wait, cancel)
                continue
            return answer

    def _exchange(
        self,
        key: str,
        *,
        files: dict[str, Any],
        data: dict[str, str] | None,
        empty_form: bool = False,
        cancel: threading.Event | None = None,
    ) -> _Answer:
        """One request and its whole answer, within the deadline and the size cap."""
        watch = _Watch(self.host, self.config.total_timeout, cancel)
        response: requests.Response | None = None
        with watch:
            try:
                try:
                    response = self._send(key, files=files, data=data, empty_form=empty_form)
                except (PicToTextError, _RetryableConnectError):
                    watch.raise_if_ended()  # the watch cut the connection: say why
                    raise
                watch.attach(getattr(response.raw, "connection", None))
                body = self._read_body(response, watch)
                return _Answer(response.status_code, response.headers, body)
            finally:
                if response is not None:
                    # After a complete read the connection is already back in the pool;
                    # after an abort this closes it, so it is never reused.
                    response.close()

    def _read_body(self, response: requests.Response, watch: _Watch) -> bytes:
        """The answer as decoded bytes, refusing more than `max_answer_bytes` of them.

        Reads decoded chunks (so a gzip bomb is stopped by what it inflates to, not by
        its compressed size) and looks at the clock and the cancel event between chunks.
        """
        cap = self.config.max_answer_bytes
        declared = response.headers.get("Content-Length", "")
        encoded = response.headers.get("Content-Encoding", "identity").strip().lower()
        if declared.isdigit() and encoded in ("", "identity") and int(declared) > cap:
            raise self._too_large()
        parts: list[bytes] = []
        size = 0
        try:
            for chunk in _decoded_chunks(response):
                size += len(chunk)
                if size > cap:
                    raise self._too_large()
                parts.append(chunk)
                watch.raise_if_ended()
        except PicToTextError:
            raise
        except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            watch.raise_if_ended()
            if isinstance(exc, (urllib3.exceptions.ReadTimeoutError, socket.timeout)):
                raise TimeoutError_(detail=_technical(exc)) from None
            if isinstance(exc, urllib3.exceptions.DecodeError):
                raise UnexpectedResponseError(
                    status=response.status_code,
                    detail=f"HTTP {response.status_code}, an answer that could not be "
                           f"decoded ({_technical(exc)})",
                ) from None
            raise ConnectionFailedError(CONNECTION_DROPPED, detail=_technical(exc)) from None
        watch.raise_if_ended()  # an answer cut short by the watch is not an answer
        return b"".join(parts)

    def _too_large(self) -> AnswerTooLargeError:
        limit = _size_words(self.config.max_answer_bytes)
        return AnswerTooLargeError(
            f"The answer from {self.host} was larger than {limit}; the app stopped reading it.",
            detail=f"answer larger than {self.config.max_answer_bytes} bytes (decoded)",
        )

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
                    timeout=timeout, verify=self._verify, stream=True, allow_redirects=False,
                )
            else:
                response = self.session.post(
                    self.endpoint, headers=headers, files=files, data=data, timeout=timeout,
                    verify=self._verify, stream=True, allow_redirects=False,
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


_default_retry_sleep = retry_sleep


def _keep_headers(request: requests.PreparedRequest) -> requests.PreparedRequest:
    return request


def _refuse_redirect(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    """Response hook: any 3xx is an error, raised before requests could follow it."""
    if 300 <= response.status_code < 400:
        response.close()  # never read, never reused
        raise RedirectRefusedError(
            _redirect_message(response.url, response.headers.get("Location")),
            status=response.status_code,
            detail=f"HTTP {response.status_code} redirect, not followed",
        )


def _redirect_message(url: str | None, location: str | None) -> str:
    """Names the hosts only: a Location's path or query could carry anything."""
    here = urlsplit(url or "").hostname or "the server"
    if not location:
        return f"{here} answered with a redirect; it was not followed."
    try:
        there = urlsplit(location.strip()).hostname or here
    except ValueError:
        there = "an address that could not be understood"
    there = "".join(ch for ch in there if ch.isprintable())[:100]
    return (f"{here} redirected the request to {there}; the app never follows redirects, "
            "so nothing was sent there.")


class _Watch:
    """The deadline and the cancel event of one exchange.

    A server can keep every socket read short (one byte every few seconds) and so never
    trip `read_timeout`; this watch ends the exchange when the deadline passes or
    `cancel` is set, even while the reading thread is blocked in the socket, by shutting
    the connection's socket down.
    """

    def __init__(self, host: str, total: float, cancel: threading.Event | None) -> None:
        self.host = host
        self.total = total
        self.deadline = time.monotonic() + total
        self.cancel = cancel
        self.ended: Literal["deadline", "cancelled"] | None = None
        self._conn: Any = None
        self._done = False
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pictotext-answer-watch",
                                        daemon=True)

    def __enter__(self) -> _Watch:
        _current.watch = self
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        _current.watch = None
        with self._lock:
            self._done = True
            self._conn = None
        self._wake.set()

    def attach(self, conn: Any) -> None:
        """The connection this exchange uses (set as soon as the pool hands it out)."""
        if conn is not None:
            with self._lock:
                self._conn = conn

    def _run(self) -> None:
        while True:
            remaining = self.deadline - time.monotonic()
            step = remaining if self.cancel is None else min(remaining, WATCH_INTERVAL)
            if self._wake.wait(max(0.0, step)):
                return
            if self.cancel is not None and self.cancel.is_set():
                self._end("cancelled")
                return
            if time.monotonic() >= self.deadline:
                self._end("deadline")
                return

    def _end(self, why: Literal["deadline", "cancelled"]) -> None:
        with self._lock:
            if self._done:
                return
            self.ended = why
            sock = getattr(self._conn, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):  # wakes a thread blocked in recv/send
                    sock.shutdown(socket.SHUT_RDWR)

    def raise_if_ended(self) -> None:
        """Between chunks, and after any failure: raise the watch's reason, if any."""
        if self.ended is None:
            if self.cancel is not None and self.cancel.is_set():
                self.ended = "cancelled"
            elif time.monotonic() >= self.deadline:
                self.ended = "deadline"
        if self.ended == "cancelled":
            raise CancelledError(detail="cancelled while waiting for the answer")
        if self.ended == "deadline":
            raise TimeoutError_(
                f"The answer from {self.host} did not finish within {self.total:g} s.",
                detail=f"exchange deadline of {self.total:g} s passed",
            )


_current = threading.local()  # the _Watch of the exchange running in this thread


class _WatchedPool(HTTPConnectionPool):
    """Tells the exchange running in this thread which connection it got, so its watch
    can cut it even before the answer's headers arrived."""

    def _make_request(self, conn: Any, *args: Any, **kwargs: Any) -> Any:
        watch = getattr(_current, "watch", None)
        if watch is not None:
            watch.attach(conn)
        return super()._make_request(conn, *args, **kwargs)


class _WatchedHTTPSPool(HTTPSConnectionPool):
    def _make_request(self, conn: Any, *args: Any, **kwargs: Any) -> Any:
        watch = getattr(_current, "watch", None)
        if watch is not None:
            watch.attach(conn)
        return super()._make_request(conn, *args, **kwargs)


class _GuardedAdapter(HTTPAdapter):
    """Watched connection pools; a loopback address is never reached through a proxy
    (HTTP_PROXY and friends would otherwise get the key and the image in clear)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _WatchedPool, "https": _WatchedHTTPSPool,
        }

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if type(manager) is urllib3.ProxyManager:  # SOCKS managers keep their own pools
            manager.pool_classes_by_scheme = {
                "http": _WatchedPool, "https": _WatchedHTTPSPool,
            }
        return manager

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        if is_loopback(urlsplit(request.url or "").hostname or ""):
            proxies = {}
        return super().send(request, stream=stream, timeout=timeout, verify=verify,
                            cert=cert, proxies=proxies)


def _decoded_chunks(response: requests.Response) -> Iterator[bytes]:
    """The body in decoded pieces of at most READ_CHUNK bytes."""
    raw = response.raw
    yield from raw.stream(READ_CHUNK, decode_content=True)


def _size_words(size: int) -> str:
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} kB"
    return f"{size:,} bytes"


def _redactor(*keys: str | None) -> Callable[[str], str]:
    """Replaces every key in a text by its masked form (`sk_live_…abcd`)."""
    secrets = sorted({k.strip() for k in keys if k and k.strip()}, key=len, reverse=True)

    def redact(text: str) -> str:
        for secret in secrets:
            if secret in text:
                text = text.replace(secret, mask_key(secret))
        return text

    return redact


def redact_error(error: PicToTextError, *keys: str | None) -> PicToTextError:
    """Remove these keys from every text of an error (message, server message, detail,
    reason, metadata), in place; returns it.  For keys the client did not send itself."""
    redact = _redactor(*keys)
    error.message = redact(error.message)
    error.args = (error.message,)
    if error.server_message is not None:
        error.server_message = redact(error.server_message)
    if error.detail is not None:
        error.detail = redact(error.detail)
    error.reason_code = redact(error.reason_code)
    error.metadata = {
        redact(k): (redact(v) if isinstance(v, str)
                    else [redact(x) if isinstance(x, str) else x for x in v]
                    if isinstance(v, list) else v)
        for k, v in error.metadata.items()
    }
    return error


def redact_result(result: Result, *keys: str | None) -> Result:
    """Remove these keys from a result's field names, values and notes, in place."""
    redact = _redactor(*keys)
    result.fields = {redact(k): (redact(v) if v is not None else None)
                     for k, v in result.fields.items()}
    result.notes = {redact(k): redact(v) for k, v in result.notes.items()}
    result.warnings = [redact(w) for w in result.warnings]
    return result


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


def parse_success(
    document_type: str,
    answer: _Answer,
    *,
    redact: Callable[[str], str] | None = None,
) -> Result:
    """A 200's flat JSON object of strings -> Result; anything else is an error.

    A hostile answer is kept in bounds: at most MAX_FIELDS fields (the documented ones
    first), values cut at MAX_VALUE_CHARS characters, each cut noted; `redact` clears
    the key from names and values.
    """
    clean = redact or (lambda text: text)
    try:
        body = json.loads(answer.body.decode("utf-8"))
    except (ValueError, RecursionError, MemoryError):  # bad JSON, digit limit, depth
        raise error_from_response(200, answer.body, answer.content_type, redact=redact) from None
    if not isinstance(body, dict):
        raise error_from_response(200, answer.body, "application/json", redact=redact)
    known = document_type in catalog.values()
    expected = set(catalog.field_keys(document_type)) if known else set()
    fields: dict[str, str | None] = {}
    notes: dict[str, str] = {}
    warnings: list[str] = []
    names = [k for k in body if len(k) <= MAX_FIELD_NAME_CHARS]
    if len(names) < len(body):
        warnings.append(note(LONG_NAMES, count=f"{len(body) - len(names):,}",
                                limit=f"{MAX_FIELD_NAME_CHARS:,}"))
    if len(names) > MAX_FIELDS:
        documented = [k for k in names if k in expected]
        extras = [k for k in names if k not in expected]
        kept = set(documented + extras[: max(0, MAX_FIELDS - len(documented))])
        warnings.append(note(MANY_FIELDS, count=f"{len(names):,}",
                                limit=f"{MAX_FIELDS:,}"))
        names = [k for k in names if k in kept]
    for raw_key in names:
        key = clean(raw_key)
        value = body[raw_key]
        if value is None or (isinstance(value, str) and not value.strip()):
            fields[key] = None
            continue
        if isinstance(value, str):
            text = value
        else:
            try:
                text = (
                    json.dumps(value, ensure_ascii=False)
                    if isinstance(value, (dict, list))
                    else str(value).lower() if isinstance(value, bool) else str(value)
                )
                notes[key] = f"converted from JSON {type(value).__name__} to text"
            except (ValueError, RecursionError):
                fields[key] = None
                notes[key] = f"a JSON {type(value).__name__} that could not be shown as text"
                continue
        if len(text) > MAX_VALUE_CHARS:
            text = text[:MAX_VALUE_CHARS]
            notes[key] = f"cut to {MAX_VALUE_CHARS:,} characters"
        fields[key] = clean(text)
    ordered = catalog.order_fields(document_type, fields)
    for key in ordered:
        if key not in expected and expected:
            notes.setdefault(key, "extra field not in the documentation")
    return Result(document_type=document_type, engine="cloud", fields=ordered, notes=notes,
                  warnings=warnings)
