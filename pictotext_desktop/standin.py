"""A stand-in PicToText server: real HTTP on 127.0.0.1, following the API contract.

It ships inside the package so the frozen bundle's `--self-test` can make a real HTTPS
request, and so anyone can try the app without a key; the tests import it through
`tests/stand_in_server.py`.

Used by the tests (client, CLI, GUI, keyring, benchmarks) and by people who want to try
the whole app without a real key:

    python -m tests.stand_in_server            # prints the URL and a demo key
    (the same as: python -m pictotext_desktop.standin)
    PICTOTEXT_API_URL=http://127.0.0.1:8765 PICTOTEXT_API_KEY=sk_test_demo pictotext-desktop

Behaviour (assumptions where the docs are silent are marked ASSUMPTION):
- only `POST /api/v1/ocr`; the documented error envelope with `code`/`status` matching;
- check order (ASSUMPTION, docs §2.3): header -> key -> email -> credits -> image part ->
  MIME -> size -> documentType -> fault injection -> success;
- success: 200 with the documented example object of the requested type;
- fault injection: a queue of one-shot faults and an optional "always" fault;
- opt-in image check (`expect_aspect`): each upload is decoded and its pixel size kept on
  the request (`SeenRequest.image_size`); one whose long side / short side lies outside
  the range given, or whose content is taller than wide, is answered 400
  IMAGE_NOT_CARD_SHAPED (the stand-in's own code), so a test can prove that the card,
  laid wide, was sent and not the whole photo.
"""

from __future__ import annotations

import argparse
import contextlib
import email.parser
import email.policy
import json
import socket
import ssl
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pictotext_desktop.paths import resource

ALLOWED_MIME = ["image/jpeg", "image/jpg", "image/png", "image/webp", "image/heic", "image/heif"]
MAX_IMAGE_BYTES = 10 * 1000 * 1000  # ASSUMPTION: 10 MB = 10,000,000 bytes

# Key states a test can give a key.
ACTIVE = "active"
EMAIL_NOT_VERIFIED = "email_not_verified"
NO_CREDITS = "no_credits"
SUBSCRIPTION_REQUIRED = "subscription_required"  # legacy 403
DISABLED = "disabled"  # legacy 401 API_KEY_DISABLED
# Keys whose passports show what the app's MRZ checks catch (any other type: the example).
MRZ_BAD_CHECK_DIGIT = "mrz_bad_check_digit"  # the document number's check digit is wrong
MRZ_EXPIRY_MISMATCH = "mrz_expiry_mismatch"  # the zone's expiry is not the printed one

_PASSPORT = {  # the ICAO 9303 specimen (Utopia), valid until 2034
    "passportNumber": "L898902C3", "name": "ANNA MARIA ERIKSSON", "gender": "Female",
    "birthDay": "1974-08-12", "birthPlace": "ZENITH", "issueDay": "2024-04-16",
    "expiryDay": "2034-04-15", "issuePlace": "ZENITH", "nationality": "UTO",
    "mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
           "L898902C36UTO7408122F3404159ZE184226B<<<<<16",
}  # fmt: skip
MRZ_SAMPLES: dict[str, dict[str, str]] = {
    MRZ_BAD_CHECK_DIGIT: {**_PASSPORT, "mrz": _PASSPORT["mrz"].replace("C36UTO", "C37UTO")},
    MRZ_EXPIRY_MISMATCH: {**_PASSPORT, "expiryDay": "2034-04-16"},
}

MESSAGES = {
    "MISSING_IMAGE_FILE": "Image file is required in form data.",
    "INVALID_API_KEY": "Invalid or inactive API key",
    "INVALID_AUTH_HEADER": "Missing or malformed Authorization header",  # ASSUMPTION
    "API_KEY_DISABLED": "API key has been disabled",  # ASSUMPTION
    "INSUFFICIENT_CREDITS": (
        "You have no remaining included quota or credits. Please purchase credits or "
        "upgrade your plan to continue."
    ),
    "EMAIL_NOT_VERIFIED": "Email verification required before using the API.",
    "SUBSCRIPTION_REQUIRED": "A subscription is required to use this API key.",
    "INVALID_DOCUMENT_TYPE": "Unsupported or missing document type",  # ASSUMPTION
    "IMAGE_TOO_LARGE": "Image exceeds the 10MB limit",  # ASSUMPTION
    "AI_SERVICE_ERROR": "Failed to process image with AI service.",
    "INTERNAL_ERROR": "An internal error occurred.",  # ASSUMPTION
    "SERVICE_UNAVAILABLE": "Service temporarily unavailable. Please try again later.",
    "RATE_LIMIT_EXCEEDED": "Too many requests. Please wait a moment and try again.",
}


def load_examples() -> dict[str, dict[str, str]]:
    data = json.loads(resource("document_types.json").read_text("utf-8"))
    return {
        t["documentType"]: {f["key"]: f["example"] for f in t["fields"]}
        for t in data["documentTypes"]
    }


@dataclass
class Part:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]
    parts: dict[str, Part]
    body_size: int
    time: float
    status: int = 0
    image_size: tuple[int, int] | None = None  # (width, height), with expect_aspect only

    @property
    def authorization(self) -> str | None:
        return self.headers.get("authorization")


@dataclass
class Fault:
    """One injected behaviour. kinds: status (with reason), retry_after, slow, drop,
    html502, badjson, notobject, noenvelope, fields (a custom 200 body)."""

    kind: str
    status: int = 500
    reason: str = "AI_SERVICE_ERROR"
    retry_after: str | None = None
    seconds: float = 0.0
    body: Any = None


@dataclass
class ServerState:
    keys: dict[str, str] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)  # consumed one per OCR request
    always: Fault | None = None
    delay: float = 0.0  # seconds before every answer (benchmarks: 0.5)
    responses: dict[str, dict[str, Any]] = field(default_factory=dict)  # per documentType
    by_filename: dict[str, dict[str, Any]] = field(default_factory=dict)  # per upload name
    requests: list[SeenRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: int = 0
    max_in_flight: int = 0
    aspect: tuple[float, float] | None = None  # expect_aspect: (lowest, highest) W / H


def _envelope(status: int, reason: str | None, message: str, metadata: Any = None) -> bytes:
    detail: dict[str, Any] = {"reason": reason} if reason else {}
    if metadata is not None:
        detail["metadata"] = metadata
    payload = {
        "error": {
            "code": status,
            "message": message,
            "status": HTTPStatus(status).phrase,
            "details": [detail] if detail else [],
        }
    }
    return json.dumps(payload).encode()


def parse_multipart(content_type: str, body: bytes) -> dict[str, Part]:
    """Parse multipart/form-data with the standard library's email parser."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    parts: dict[str, Part] = {}
    if not message.is_multipart():
        return parts
    for sub in message.iter_parts():
        disposition = sub.get("Content-Disposition", "")
        if "form-data" not in disposition:
            continue
        name = sub.get_param("name", header="content-disposition")
        filename = sub.get_param("filename", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = sub.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        ctype = sub.get("Content-Type")
        parts[name] = Part(
            name=name,
            filename=filename if isinstance(filename, str) else None,
            content_type=str(ctype).split(";")[0].strip().lower() if ctype else None,
            data=data,
        )
    return parts


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    # -- plumbing ----------------------------------------------------------------------
    def _send(self, status: int, body: bytes, content_type: str = "application/json",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)
        if self._seen is not None:
            self._seen.status = status

    def _error(self, status: int, reason: str, message: str | None = None,
               metadata: Any = None, headers: dict[str, str] | None = None) -> None:
        self._send(status, _envelope(status, reason, message or MESSAGES.get(reason, reason),
                                     metadata), headers=headers)

    _seen: SeenRequest | None = None

    def do_GET(self) -> None:
        self._seen = None
        self._send(404, _envelope(404, None, "Not found"))

    def do_POST(self) -> None:
        state = self.server.state
        self._seen = None
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        content_type = self.headers.get("Content-Type", "")
        parts = parse_multipart(content_type, body) if "multipart/" in content_type else {}
        seen = SeenRequest(
            method="POST",
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            parts=parts,
            body_size=len(body),
            time=time.monotonic(),
        )
        self._seen = seen
        with state.lock:
            state.requests.append(seen)
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
        try:
            if self.path.split("?")[0] != "/api/v1/ocr":
                self._send(404, _envelope(404, None, "Not found"))
                return
            if state.delay:
                time.sleep(state.delay)
            self._handle_ocr(state, parts)
        finally:
            with state.lock:
                state.in_flight -= 1

    # -- the contract ------------------------------------------------------------------
    def _handle_ocr(self, state: ServerState, parts: dict[str, Part]) -> None:
        auth = self.headers.get("Authorization")
        if not auth or not auth.startswith("Bearer ") or not auth[7:] or " " in auth[7:]:
            self._error(401, "INVALID_AUTH_HEADER")
            return
        key_state = state.keys.get(auth[7:])
        if key_state is None:
            self._error(401, "INVALID_API_KEY")
            return
        if key_state == DISABLED:
            self._error(401, "API_KEY_DISABLED")
            return
        if key_state == EMAIL_NOT_VERIFIED:
            self._error(403, "EMAIL_NOT_VERIFIED")
            return
        if key_state == SUBSCRIPTION_REQUIRED:
            self._error(403, "SUBSCRIPTION_REQUIRED")
            return
        if key_state == NO_CREDITS:
            self._error(402, "INSUFFICIENT_CREDITS")
            return
        image = parts.get("image")
        if image is None or image.filename is None:
            self._error(400, "MISSING_IMAGE_FILE")
            return
        mime = image.content_type or "application/octet-stream"
        if mime not in ALLOWED_MIME:
            self._error(
                400,
                "INVALID_IMAGE_TYPE",
                f"Unsupported image MIME type: {mime}. Supported types: "
                + ", ".join(ALLOWED_MIME) + ".",
                {"received": mime, "supported": ALLOWED_MIME},
            )
            return
        if len(image.data) > MAX_IMAGE_BYTES:
            self._error(400, "IMAGE_TOO_LARGE")
            return
        if state.aspect is not None and not self._card_shaped(state.aspect, image.data):
            return
        doc_part = parts.get("documentType")
        document_type = doc_part.data.decode("utf-8", "replace") if doc_part else ""
        if document_type not in self.server.examples:
            self._error(400, "INVALID_DOCUMENT_TYPE")
            return
        fault = None
        with state.lock:
            if state.faults:
                fault = state.faults.pop(0)
            elif state.always is not None:
                fault = state.always
        if fault is not None and self._inject(fault):
            return
        body = state.by_filename.get(image.filename) or state.responses.get(document_type)
        if body is None and document_type == "passport" and key_state in MRZ_SAMPLES:
            body = MRZ_SAMPLES[key_state]
        if body is None:
            body = self.server.examples[document_type]
        self._send(200, json.dumps(body, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _card_shaped(self, aspect: tuple[float, float], data: bytes) -> bool:
        """Record the upload's size; answer 400 and say False unless it is wide and its
        width / height lies within `aspect`."""
        import io

        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as im:
                size = im.size
        except Exception:
            self._error(400, "INVALID_IMAGE_TYPE", "The stand-in could not decode the image.")
            return False
        if self._seen is not None:
            self._seen.image_size = size
        ratio = size[0] / max(1, size[1])
        if aspect[0] <= ratio <= aspect[1]:
            return True
        self._error(400, "IMAGE_NOT_CARD_SHAPED",
                    f"The uploaded image is {size[0]}x{size[1]} (width / height {ratio:.3f}), "
                    f"not between {aspect[0]:g} and {aspect[1]:g}.")
        return False

    def _inject(self, fault: Fault) -> bool:
        """Apply a fault; False means 'answer normally after it' (slow)."""
        if fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else None
            self._error(fault.status, fault.reason, headers=headers)
        elif fault.kind == "slow":
            time.sleep(fault.seconds)
            return False
        elif fault.kind == "drop":
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
        elif fault.kind == "html502":
            page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
            self._send(502, page, "text/html")
        elif fault.kind == "badjson":
            self._send(200, b'{"name": "truncated', "application/json")
        elif fault.kind == "notobject":
            self._send(200, json.dumps(fault.body if fault.body is not None else ["x"]).encode())
        elif fault.kind == "noenvelope":
            self._send(fault.status, json.dumps({"message": "nope"}).encode())
        elif fault.kind == "fields":
            self._send(200, json.dumps(fault.body, ensure_ascii=False).encode("utf-8"))
        else:
            raise ValueError(fault.kind)
        return True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], state: ServerState) -> None:
        super().__init__(address, _Handler)
        self.state = state
        self.examples = load_examples()


class StandInServer:
    """Start with `with StandInServer() as srv:`; `srv.url`, `srv.add_key(...)`, faults."""

    def __init__(self, *, tls: Any = None, port: int = 0, host: str = "127.0.0.1") -> None:
        self.state = ServerState()
        self._server = _Server((host, port), self.state)
        self.scheme = "http"
        if tls is not None:  # a trustme.CA
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls.issue_cert(host, "localhost").configure_cert(context)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="stand-in-server")

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> StandInServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> StandInServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    # -- configuration -----------------------------------------------------------------
    def add_key(self, key: str, state: str = ACTIVE) -> str:
        self.state.keys[key] = state
        return key

    def fail_next(self, *faults: Fault) -> None:
        with self.state.lock:
            self.state.faults.extend(faults)

    def fail_always(self, fault: Fault | None) -> None:
        self.state.always = fault

    def expect_aspect(self, low: float, high: float) -> None:
        """Accept only uploads whose width / height lies in [low, high] (an ID-1 card laid
        wide is 1.585); each upload's size is kept on its request."""
        self.state.aspect = (low, high)

    def respond(self, document_type: str, body: dict[str, Any]) -> None:
        self.state.responses[document_type] = body

    def respond_for_file(self, filename: str, body: dict[str, Any]) -> None:
        self.state.by_filename[filename] = body

    @property
    def requests(self) -> list[SeenRequest]:
        with self.state.lock:
            return list(self.state.requests)

    def ocr_requests(self) -> Iterator[SeenRequest]:
        return (r for r in self.requests if r.path.startswith("/api/v1/ocr"))

    def reset(self) -> None:
        with self.state.lock:
            self.state.requests.clear()
            self.state.faults.clear()
            self.state.always = None
            self.state.aspect = None
            self.state.max_in_flight = 0


# Shorthands for tests.
def status(code: int, reason: str, retry_after: str | None = None) -> Fault:
    return Fault("status", status=code, reason=reason, retry_after=retry_after)


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the stand-in PicToText server.")
    parser.add_argument("--port", type=int, default=8765, help="0: any free port")
    parser.add_argument("--key", default="sk_test_demo_key_0001")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds per answer")
    args = parser.parse_args()
    try:
        server = StandInServer(port=args.port)
    except OSError as exc:  # the port is taken (or reserved): one line, no traceback
        print(f"Stand-in server: cannot listen on 127.0.0.1:{args.port}: "
              f"{exc.strerror or exc}. Choose another port with --port N, or --port 0 "
              "for any free one.", file=sys.stderr)
        return 1
    server.add_key(args.key)
    server.add_key("sk_test_no_credits_0002", NO_CREDITS)
    server.add_key("sk_test_unverified_0003", EMAIL_NOT_VERIFIED)
    server.add_key("sk_test_mrz_check_digit_0004", MRZ_BAD_CHECK_DIGIT)
    server.add_key("sk_test_mrz_expiry_0005", MRZ_EXPIRY_MISMATCH)
    server.state.delay = args.delay
    server.start()
    print(f"Stand-in PicToText server on {server.url}", flush=True)
    print(f"  working key:        {args.key}")
    print("  out of credits:     sk_test_no_credits_0002")
    print("  email not verified: sk_test_unverified_0003")
    print("  passport, MRZ check digit wrong:    sk_test_mrz_check_digit_0004")
    print("  passport, MRZ and printed expiry differ: sk_test_mrz_expiry_0005")
    print(f"Try: PICTOTEXT_API_URL={server.url} PICTOTEXT_API_KEY={args.key} pictotext-desktop")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
