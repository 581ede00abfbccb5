"""The error taxonomy: one class per situation a user must understand.

Every failure that reaches a person -- from the API, the network, the image pipeline, the
keyring or the on-device engine -- is one of these classes.  Each carries its user-facing
text (title, what happened, what to do), whether a retry can help, whether it must stop a
batch, and the category that picks the CLI exit code and the dialog's buttons.  The GUI
and the CLI both render from here; nothing else writes error text.

`error_from_response` is the one place an HTTP answer becomes one of these classes.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping
from typing import Any, ClassVar


def _(text: str) -> str:
    """Mark a string for translation (the Qt layer translates it through the 'errors' context)."""
    return text


class Category(enum.Enum):
    """What kind of problem this is; decides exit code, batch behaviour and dialog buttons."""

    AUTH = "auth"  # key missing / invalid / no keyring / account not allowed -> Open Settings
    ACCOUNT = "account"  # email not verified, subscription -> Open dashboard
    CREDITS = "credits"  # no quota or credits -> Open pricing
    INPUT = "input"  # this image or this document type was rejected
    SERVICE = "service"  # the server failed or is overloaded (retry may help)
    NETWORK = "network"  # no answer at all: offline, DNS, TLS, timeout
    LOCAL = "local"  # a problem on this computer (engine, settings)
    USAGE = "usage"  # the caller asked for something impossible (bad option)
    NOT_SENT = "not_sent"  # never sent because an earlier error stopped the batch


# Exit codes of the CLI contract (README, issue #2).
EXIT_OK = 0
EXIT_USAGE = 2
EXIT_AUTH = 3
EXIT_CREDITS = 4
EXIT_INPUT = 5
EXIT_SERVICE = 6

_EXIT_BY_CATEGORY = {
    Category.AUTH: EXIT_AUTH,
    Category.ACCOUNT: EXIT_AUTH,
    Category.CREDITS: EXIT_CREDITS,
    Category.SERVICE: EXIT_SERVICE,
    Category.NETWORK: EXIT_SERVICE,
    Category.INPUT: EXIT_INPUT,
    Category.LOCAL: EXIT_INPUT,
    Category.USAGE: EXIT_USAGE,
    Category.NOT_SENT: EXIT_INPUT,
}
# "the first that applies of": lower rank wins when a batch has several failures.
_EXIT_PRIORITY = [EXIT_USAGE, EXIT_AUTH, EXIT_CREDITS, EXIT_SERVICE, EXIT_INPUT]

DASHBOARD_URL = "https://pictotext.io/dashboard"
PRICING_URL = "https://pictotext.io/#pricing"
SUPPORT_EMAIL = "support@pictotext.io"


class PicToTextError(Exception):
    """Base of every user-facing error.

    Subclasses set the class attributes; instances add what the server said.  `str(err)`
    is the one-line message for logs and the CLI: it never contains the key or field values.
    """

    reason: ClassVar[str] = "ERROR"
    category: ClassVar[Category] = Category.SERVICE
    title: ClassVar[str] = _("Something went wrong")
    explanation: ClassVar[str] = _("PicToText Desktop could not finish this job.")
    action: ClassVar[str] = _("Try again. If it keeps happening, copy the support report.")
    retryable: ClassVar[bool] = False
    # Reason codes (current and legacy) that map to this class.
    reasons: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        reason: str | None = None,
        server_message: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        detail: str | None = None,
    ) -> None:
        self.status = status
        self.reason_code = reason or self.reason
        self.server_message = server_message
        self.metadata: dict[str, Any] = dict(metadata or {})
        # Technical text for the Details button (never the key, never field values).
        self.detail = detail
        self.message = message or server_message or self.explanation
        super().__init__(self.message)

    # -- derived -----------------------------------------------------------------------
    @property
    def stops_batch(self) -> bool:
        """Authentication, account and credit problems stop a batch: later images would fail too."""
        return self.category in (Category.AUTH, Category.ACCOUNT, Category.CREDITS)

    @property
    def specific_message(self) -> str | None:
        """This error's own words beyond its class's explanation (e.g. which file), if any.

        The server's message is not counted: the error dialog quotes it on its own line.
        """
        if not self.message or self.message in (self.explanation, self.server_message):
            return None
        return self.message

    @property
    def exit_code(self) -> int:
        return _EXIT_BY_CATEGORY[self.category]

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        """The `error` object of a JSON record (CLI contract)."""
        return {
            "reason": self.reason_code,
            "status": self.status,
            "message": self.message,
            "title": self.title,
        }


def worst_exit_code(codes: list[int]) -> int:
    """The batch exit code: 0 when all succeeded, else the first that applies by priority."""
    failing = {c for c in codes if c != EXIT_OK}
    for code in _EXIT_PRIORITY:
        if code in failing:
            return code
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# Authentication and account (exit 3; stop the batch)
# ---------------------------------------------------------------------------------------
class NoApiKeyError(PicToTextError):
    reason = "NO_API_KEY"
    category = Category.AUTH
    title = _("No PicToText API key yet")
    explanation = _("Reading this document type in the cloud needs a PicToText API key.")
    action = _(
        "Open Settings and paste your key (create one in the PicToText dashboard under "
        "API Keys), or set the PICTOTEXT_API_KEY environment variable."
    )


class MalformedApiKeyError(PicToTextError):
    """A key that cannot be sent: it contains whitespace or line breaks inside it."""

    reason = "MALFORMED_API_KEY"
    category = Category.AUTH
    title = _("This API key cannot be right")
    explanation = _(
        "The key contains spaces or line breaks inside it, so it would be sent as a broken "
        "header. Keys are one unbroken string such as sk_live_…"
    )
    action = _("Copy the key again from the PicToText dashboard and paste it on its own.")


class InvalidAuthHeaderError(PicToTextError):
    reason = "INVALID_AUTH_HEADER"
    reasons = ("INVALID_AUTH_HEADER",)
    category = Category.AUTH
    title = _("PicToText did not accept the sign-in header")
    explanation = _(
        "The server says the Authorization header was missing or malformed. This usually "
        "means the stored key is empty or damaged."
    )
    action = _("Open Settings, remove the key and paste it again.")


class InvalidApiKeyError(PicToTextError):
    reason = "INVALID_API_KEY"
    reasons = ("INVALID_API_KEY",)
    category = Category.AUTH
    title = _("Your API key was not accepted")
    explanation = _("PicToText says this key is invalid or no longer active.")
    action = _(
        "Check the key in the PicToText dashboard (API Keys). If it was revoked, create a "
        "new one and paste it in Settings."
    )


class ApiKeyDisabledError(PicToTextError):
    reason = "API_KEY_DISABLED"
    reasons = ("API_KEY_DISABLED",)
    category = Category.AUTH
    title = _("Your API key has been disabled")
    explanation = _("PicToText has disabled this key.")
    action = _(
        "Create a new key in the PicToText dashboard and paste it in Settings, or contact "
        "support@pictotext.io."
    )


class EmailNotVerifiedError(PicToTextError):
    reason = "EMAIL_NOT_VERIFIED"
    reasons = ("EMAIL_NOT_VERIFIED",)
    category = Category.ACCOUNT
    title = _("Please verify your email address")
    explanation = _("PicToText needs a verified email address before the API can be used.")
    action = _(
        "Open the verification email from PicToText (check spam), or resend it from the "
        "dashboard. Then press Retry."
    )


class SubscriptionRequiredError(PicToTextError):
    reason = "SUBSCRIPTION_REQUIRED"
    reasons = ("SUBSCRIPTION_REQUIRED", "ACCOUNT_SUSPENDED", "BILLING_ISSUE")
    category = Category.ACCOUNT
    title = _("Your PicToText plan does not allow API calls")
    explanation = _(
        "The account behind this key has no plan that includes API access, or its billing "
        "needs attention."
    )
    action = _("Open the PicToText dashboard to choose a plan or fix the payment method.")


class InsufficientCreditsError(PicToTextError):
    reason = "INSUFFICIENT_CREDITS"
    reasons = ("INSUFFICIENT_CREDITS",)
    category = Category.CREDITS
    title = _("You are out of PicToText credits")
    explanation = _(
        "This month's included calls and your prepaid credits are used up, so PicToText "
        "refused the request. Nothing was charged."
    )
    action = _(
        "Buy a credit pack or upgrade your plan in the PicToText dashboard, then press "
        "Retry. Images not yet sent are kept waiting."
    )


# ---------------------------------------------------------------------------------------
# Input rejected (exit 5; the batch goes on)
# ---------------------------------------------------------------------------------------
class MissingImageFileError(PicToTextError):
    reason = "MISSING_IMAGE_FILE"
    reasons = ("MISSING_IMAGE_FILE",)
    category = Category.INPUT
    title = _("The image did not reach PicToText")
    explanation = _("The server says the request had no image file in it.")
    action = _("Try again. If it keeps happening, copy the support report and send it to us.")


class InvalidImageTypeError(PicToTextError):
    reason = "INVALID_IMAGE_TYPE"
    reasons = ("INVALID_IMAGE_TYPE", "INVALID_IMAGE_FORMAT")
    category = Category.INPUT
    title = _("PicToText does not accept this kind of image")
    explanation = _("The server accepts JPEG, PNG, WebP, HEIC and HEIF images only.")
    action = _("Save the picture as JPEG or PNG and add it again.")

    @property
    def received(self) -> str | None:
        value = self.metadata.get("received")
        return str(value) if value is not None else None

    @property
    def supported(self) -> list[str]:
        value = self.metadata.get("supported")
        return [str(v) for v in value] if isinstance(value, list) else []


class InvalidDocumentTypeError(PicToTextError):
    reason = "INVALID_DOCUMENT_TYPE"
    reasons = ("INVALID_DOCUMENT_TYPE",)
    category = Category.INPUT
    title = _("PicToText does not know this document type")
    explanation = _("The document type sent was missing or is not one the service supports.")
    action = _("Choose the document type from the list and try again.")


class ImageTooLargeError(PicToTextError):
    reason = "IMAGE_TOO_LARGE"
    reasons = ("IMAGE_TOO_LARGE",)
    category = Category.INPUT
    title = _("The image is too large")
    explanation = _("PicToText accepts images of at most 10 MB.")
    action = _("Turn off 'keep original size' in Settings so the app can shrink it.")


class ImageRejectedError(PicToTextError):
    """Legacy 4xx reasons about the picture itself (too small, corrupted)."""

    reason = "IMAGE_REJECTED"
    reasons = ("IMAGE_TOO_SMALL", "IMAGE_CORRUPTED", "INVALID_JSON")
    category = Category.INPUT
    title = _("PicToText could not use this image")
    explanation = _("The server rejected the picture (too small, damaged, or unreadable).")
    action = _("Take a sharper, larger photo of the whole document and try again.")


class RequestRejectedError(PicToTextError):
    """A 4xx the contract does not document: not retried, reported with its status."""

    reason = "REQUEST_REJECTED"
    category = Category.INPUT
    title = _("PicToText refused the request")
    explanation = _("The server refused this request for a reason the app does not know.")
    action = _("Check for an update of PicToText Desktop, or copy the support report.")


# ---------------------------------------------------------------------------------------
# Service problems (exit 6; a retry may help)
# ---------------------------------------------------------------------------------------
class AiServiceError(PicToTextError):
    reason = "AI_SERVICE_ERROR"
    reasons = (
        "AI_SERVICE_ERROR",
        "IMAGE_PROCESSING_ERROR",
        "TEXT_EXTRACTION_FAILED",
        "STRUCTURED_DATA_ERROR",
        "DOCUMENT_RECOGNITION_FAILED",
        "LOW_CONFIDENCE_RESULT",
    )
    category = Category.SERVICE
    retryable = True
    title = _("PicToText could not read the image this time")
    explanation = _("The recognition service failed while processing this image.")
    action = _("Press Retry in a moment. If it keeps failing, try a sharper photo.")


class InternalServerError(PicToTextError):
    reason = "INTERNAL_ERROR"
    reasons = (
        "INTERNAL_ERROR",
        "DATABASE_ERROR",
        "EXTERNAL_SERVICE_ERROR",
        "CONFIGURATION_ERROR",
    )
    category = Category.SERVICE
    retryable = True
    title = _("PicToText had an internal error")
    explanation = _("Something failed on PicToText's side; your image is fine.")
    action = _("Press Retry in a minute. If it persists, copy the support report.")


class ServiceUnavailableError(PicToTextError):
    reason = "SERVICE_UNAVAILABLE"
    reasons = ("SERVICE_UNAVAILABLE", "MAINTENANCE_MODE")
    category = Category.SERVICE
    retryable = True
    title = _("PicToText is temporarily unavailable")
    explanation = _("The service is down or under maintenance right now.")
    action = _("Wait a few minutes and press Retry.")


class RateLimitedError(PicToTextError):
    reason = "RATE_LIMIT_EXCEEDED"
    reasons = ("RATE_LIMIT_EXCEEDED",)
    category = Category.SERVICE
    retryable = True
    title = _("Too many requests")
    explanation = _("PicToText asked the app to slow down and it kept being refused.")
    action = _("Wait a moment and press Retry, or lower 'requests per second' in Settings.")


class UnexpectedResponseError(PicToTextError):
    """The server answered with something that is not the documented shape."""

    reason = "UNEXPECTED_RESPONSE"
    category = Category.SERVICE
    retryable = True
    title = _("PicToText sent an answer the app does not understand")
    explanation = _(
        "The reply was not in the expected format (for example an error page from a proxy)."
    )
    action = _(
        "Check that the server address in Settings is right, then Retry. If a company "
        "proxy is in the way, ask your IT team."
    )


class RedirectRefusedError(PicToTextError):
    """The API never redirects: following one could re-send the ID image anywhere."""

    reason = "REDIRECT_REFUSED"
    category = Category.SERVICE
    title = _("PicToText answered with a redirect")
    explanation = _(
        "The server tried to send the request somewhere else. PicToText never does that, "
        "so the app did not follow it and nothing was sent again."
    )
    action = _(
        "Check the server address in Settings. If a company proxy or captive portal is in "
        "the way, ask your IT team."
    )


class AnswerTooLargeError(PicToTextError):
    """An answer far larger than any real one: reading stopped at the size limit."""

    reason = "ANSWER_TOO_LARGE"
    category = Category.SERVICE
    title = _("PicToText's answer was too large")
    explanation = _("The answer was far larger than any real one, so the app stopped reading it.")
    action = _("Check the server address in Settings, then Retry.")


# ---------------------------------------------------------------------------------------
# Network (exit 6; their own wording)
# ---------------------------------------------------------------------------------------
class TimeoutError_(PicToTextError):
    reason = "TIMEOUT"
    category = Category.NETWORK
    retryable = True
    title = _("PicToText took too long to answer")
    explanation = _("No answer arrived in time. The network may be slow or the service busy.")
    action = _("Press Retry. On a slow connection, raise the read timeout in Settings.")


class ConnectionFailedError(PicToTextError):
    reason = "CONNECTION_FAILED"
    category = Category.NETWORK
    retryable = True
    title = _("Couldn't reach PicToText")
    explanation = _(
        "This computer could not connect to the PicToText server. It may be offline, or a "
        "firewall or proxy may block it."
    )
    action = _("Check the internet connection, then press Retry.")


# Messages the client gives ConnectionFailedError for the two cases worth telling apart.
CONNECT_TIMED_OUT = _("The connection to PicToText could not be opened in time.")
CONNECTION_DROPPED = _("The connection to PicToText was dropped before an answer arrived.")


class DnsError(ConnectionFailedError):
    reason = "DNS_FAILED"
    title = _("Couldn't find the PicToText server")
    explanation = _("The server's name could not be looked up: the computer may be offline.")
    action = _("Check the internet connection and the server address in Settings.")


class TlsError(PicToTextError):
    reason = "TLS_FAILED"
    category = Category.NETWORK
    retryable = False
    title = _("The secure connection to PicToText could not be verified")
    explanation = _(
        "The server's certificate was not trusted, so nothing was sent. A company proxy "
        "that inspects HTTPS traffic often causes this."
    )
    action = _(
        "Ask your IT team for the proxy's CA certificate and set it as the CA bundle in "
        "Settings. Never turn verification off."
    )


def server_unreachable(error: PicToTextError) -> bool:
    """No connection to the server at all (offline, wrong address, untrusted certificate):
    every later image would fail the same way, so the window pauses its queue."""
    return isinstance(error, (ConnectionFailedError, TlsError))


class InsecureUrlError(PicToTextError):
    reason = "INSECURE_URL"
    category = Category.USAGE
    title = _("The server address must use https://")
    explanation = _(
        "Identity documents are only sent over an encrypted connection. Plain http:// is "
        "allowed for this computer's own addresses (localhost, 127.0.0.1, ::1) only."
    )
    action = _("Use an https:// address.")


class InvalidUrlError(PicToTextError):
    reason = "INVALID_URL"
    category = Category.USAGE
    title = _("The server address is not valid")
    explanation = _("The server address could not be understood.")
    action = _("Use an address such as https://pictotext.io.")


# ---------------------------------------------------------------------------------------
# Local problems
# ---------------------------------------------------------------------------------------
class NotSentError(PicToTextError):
    reason = "NOT_SENT"
    category = Category.NOT_SENT
    title = _("Not sent")
    explanation = _("This image was not sent because an earlier error stopped the batch.")
    action = _("Fix the problem shown for the batch, then start it again.")


class CancelledError(NotSentError):
    """The person cancelled while the request was on its way; the answer was not read."""

    reason = "CANCELLED"
    title = _("Cancelled")
    explanation = _("Reading this image was cancelled before PicToText's answer arrived.")
    action = _("Start it again when you are ready.")


class ShowText(Exception):
    """Raised by `--mask help` / `--template help` while parsing: print `text`, exit 0.
    (Here, not in templates.py, so the command line catches it without importing that.)"""

    def __init__(self, text: str) -> None:
        super().__init__("help")
        self.text = text


class UsageError(PicToTextError):
    reason = "USAGE"
    category = Category.USAGE
    title = _("That cannot be done")
    explanation = _("The request was not valid.")
    action = _("See --help for the options.")


class EngineUnavailableError(PicToTextError):
    reason = "ENGINE_UNAVAILABLE"
    category = Category.LOCAL
    title = _("The on-device reader is not available")
    explanation = _("The on-device reader could not be started on this computer.")
    action = _("Use the PicToText cloud engine, or reinstall PicToText Desktop.")


class NeedsCloudKeyError(NoApiKeyError):
    """A document type the on-device engine does not read, and no key to use the cloud."""

    reason = "NEEDS_API_KEY"
    title = _("This document type needs a PicToText key")
    explanation = _(
        "Only Chinese ID cards can be read on this computer. Other document types are read "
        "by the PicToText cloud service, which needs an API key."
    )


# ---------------------------------------------------------------------------------------
# Image intake (exit 5; shown on the item's row, never as a modal; the batch goes on)
# ---------------------------------------------------------------------------------------
class ImageInputError(PicToTextError):
    """Base of the problems with one input file; `message` names the file's problem."""

    reason = "IMAGE_INPUT"
    category = Category.INPUT
    title = _("This file cannot be used")
    explanation = _("The file could not be read as an image.")
    action = _("Add a photo or scan in JPEG, PNG, HEIC, WebP, TIFF or BMP format.")


class EmptyFileError(ImageInputError):
    reason = "EMPTY_FILE"
    title = _("The file is empty")
    explanation = _("The file has no content (0 bytes).")
    action = _("Copy the photo again from the phone or camera.")


class NotAnImageError(ImageInputError):
    reason = "NOT_AN_IMAGE"
    title = _("This is not an image")
    explanation = _("The file's content is not a picture.")
    action = _("Add a photo or scan of the document (JPEG, PNG, HEIC, WebP, TIFF, BMP).")


class CorruptImageError(ImageInputError):
    reason = "CORRUPT_IMAGE"
    title = _("The image is damaged")
    explanation = _("The image is truncated or corrupt, so it cannot be decoded.")
    action = _("Copy the photo again from its source, or take a new one.")


class TooManyPixelsError(ImageInputError):
    reason = "TOO_MANY_PIXELS"
    title = _("The image is too large to open safely")
    explanation = _("It has more pixels than the safety limit allows.")
    action = _("Scale the image down, or raise the pixel limit in Settings if you trust it.")


class UnsupportedFormatError(ImageInputError):
    reason = "UNSUPPORTED_FORMAT"
    title = _("This image format is not supported")
    explanation = _("The picture is in a format the app cannot read.")
    action = _("Save it as JPEG or PNG and add it again.")


class HeicSupportMissingError(ImageInputError):
    reason = "HEIC_SUPPORT_MISSING"
    category = Category.LOCAL
    title = _("HEIC photos cannot be opened on this installation")
    explanation = _("The HEIC/HEIF decoder (libheif) is missing or failed to load.")
    action = _("Reinstall PicToText Desktop, or export the photo as JPEG on the phone.")


class FileUnreadableError(ImageInputError):
    reason = "FILE_UNREADABLE"
    title = _("The file cannot be read")
    explanation = _("The app has no permission to read this file, or the disk failed.")
    action = _("Check the file's permissions, or copy it to your Documents folder first.")


class FileGoneError(ImageInputError):
    reason = "FILE_NOT_FOUND"
    title = _("The file is gone")
    explanation = _("The file was moved, renamed or deleted after it was added.")
    action = _("Add it again from its new place.")


class NoSuchFileError(FileGoneError):
    """A path that never existed (a typo), as opposed to a file that went away."""

    title = _("The file does not exist")
    explanation = _("There is no file at this path.")
    action = _("Check the file's name and folder.")


class FileTooLargeError(ImageInputError):
    reason = "FILE_TOO_LARGE"
    title = _("The file is too large to be a photo")
    explanation = _("The file is far larger than any photo or scan, so it is not read.")
    action = _("Check that this is the right file, or save the picture as JPEG first.")


# ---------------------------------------------------------------------------------------
# Keyring (a key problem, exit 3; the key can still be used for this session)
# ---------------------------------------------------------------------------------------
class KeyringUnavailableError(PicToTextError):
    reason = "KEYRING_UNAVAILABLE"
    category = Category.AUTH
    title = _("No secure key storage is available")
    explanation = _(
        "The app keeps the API key only in the system's keyring, and none could be used."
    )
    action = _("You can use the key for this session only; it is then forgotten at exit.")


class KeyringLockedError(KeyringUnavailableError):
    reason = "KEYRING_LOCKED"
    title = _("The keyring is locked")
    explanation = _("The system keyring is locked, or the unlock prompt was dismissed.")


class ResultStoreUnavailableError(PicToTextError):
    """Results are saved on disk only encrypted, with a key in the keyring (store.py)."""

    reason = "RESULT_STORE_UNAVAILABLE"
    category = Category.LOCAL
    title = _("Results are not being saved")
    explanation = _(
        "Finished results are normally saved on disk, encrypted with a key kept in the "
        "system's keyring, so that a crash loses nothing. That is not possible now."
    )
    action = _(
        "This session's results stay in the window until you close it: export them before "
        "closing. To have them saved, make a keyring available and start the app again."
    )


# ---------------------------------------------------------------------------------------
# The one mapping from an HTTP answer to an error class
# ---------------------------------------------------------------------------------------
_BY_REASON: dict[str, type[PicToTextError]] = {}
for _cls in list(globals().values()):
    if isinstance(_cls, type) and issubclass(_cls, PicToTextError):
        for _r in _cls.reasons:
            _BY_REASON[_r] = _cls

_BY_STATUS: dict[int, type[PicToTextError]] = {
    400: RequestRejectedError,
    401: InvalidApiKeyError,
    402: InsufficientCreditsError,
    403: SubscriptionRequiredError,
    413: ImageTooLargeError,
    415: InvalidImageTypeError,
    429: RateLimitedError,
    500: InternalServerError,
    502: ServiceUnavailableError,
    503: ServiceUnavailableError,
    504: TimeoutError_,
}


# How much of a server's message is kept: one line, enough for any real message.
MAX_SERVER_MESSAGE_CHARS = 500


def error_from_response(
    status: int,
    body: bytes,
    content_type: str = "",
    *,
    redact: Callable[[str], str] | None = None,
) -> PicToTextError:
    """Turn a non-200 answer (or a 200 that is not an object) into the right error.

    Switch on `details[0].reason`; an unknown or absent reason falls back on the HTTP
    status; a body that is not the documented envelope (an HTML proxy page, invalid
    JSON, a 200 that is not an object) is an `UnexpectedResponseError`, except 413 and
    429, whose status alone still says what happened.  Any body maps to an error, never
    an exception: hostile JSON (huge numbers, deep nesting) counts as invalid JSON.
    Every text taken from the body goes through `redact` (the client removes the key a
    server may quote back) and is made one short line without control characters.
    """
    envelope: Any = None
    try:
        envelope = json.loads(body.decode("utf-8")) if body else None
    except (ValueError, RecursionError, MemoryError):  # JSONDecodeError, digit limit, depth
        envelope = None

    def text(value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        return _one_line(redact(value) if redact is not None else value)

    error_obj = envelope.get("error") if isinstance(envelope, dict) else None
    if not isinstance(error_obj, dict):
        looks_html = b"<html" in body[:512].lower() or "html" in content_type.lower()
        what = "an HTML page" if looks_html else ("invalid JSON" if body else "an empty body")
        if status == 200:
            what = "a JSON value that is not an object" if envelope is not None else what
        detail = f"HTTP {status}, {what} instead of the error envelope"
        # Without the envelope only a few statuses still mean something on their own.
        meaningful = {413: ImageTooLargeError, 429: RateLimitedError}
        return meaningful.get(status, UnexpectedResponseError)(status=status, detail=detail)

    details = error_obj.get("details")
    first = details[0] if isinstance(details, list) and details else {}
    first = first if isinstance(first, dict) else {}
    raw_reason = first.get("reason") if isinstance(first.get("reason"), str) else None
    metadata = first.get("metadata") if isinstance(first.get("metadata"), dict) else None
    server_message = text(error_obj.get("message"))

    cls = _BY_REASON.get(raw_reason or "") or _BY_STATUS.get(status)
    if cls is None:
        cls = RequestRejectedError if 400 <= status < 500 else InternalServerError
    reason = text(raw_reason)
    status_text = text(error_obj.get("status")) or ""
    detail = f"HTTP {status} {status_text}".strip()
    if reason:
        detail += f", reason {reason}"
    return cls(
        status=status,
        reason=reason,
        server_message=server_message,
        metadata=_clean_metadata(metadata, text) if metadata is not None else None,
        detail=detail,
    )


def _one_line(value: str, limit: int = MAX_SERVER_MESSAGE_CHARS) -> str:
    """A server's text as one printable line: control characters (newlines, terminal
    escapes) become spaces, and it is cut at `limit` characters."""
    cleaned = "".join(" " if (ord(ch) < 32 or 127 <= ord(ch) < 160) else ch
                      for ch in value[: limit + 1])
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def _clean_metadata(
    metadata: Mapping[str, Any], text: Callable[[Any], str | None]
) -> dict[str, Any]:
    """The metadata's strings (and lists of strings) through `text`, plain numbers as they
    are; nested objects are dropped."""
    cleaned: dict[str, Any] = {}
    for key, value in list(metadata.items())[:20]:
        name = text(key)
        if name is None:
            continue
        if isinstance(value, str):
            cleaned[name] = text(value)
        elif isinstance(value, list):
            cleaned[name] = [text(v) for v in value[:50] if isinstance(v, str)]
        elif isinstance(value, (bool, float)) or (isinstance(value, int) and abs(value) < 2**63):
            cleaned[name] = value
    return cleaned
