"""A hostile stand-in for the PicToText API: real HTTP on 127.0.0.1, one mode per attack.

The client must survive every one of these with a clear error (or a bounded result) and
without following, re-sending, hoarding memory or waiting forever:

- ``redirect``: a 301/302/307/308 to another loopback port (a `Catcher` that records
  whether anything arrived there -- it must receive nothing);
- ``huge``: a 200 with a 200 MB body, generated while it is sent, never held;
- ``gzip_bomb``: a 200 whose ~1 MB gzip body inflates to 1 GB (built once, small);
- ``endless``: a chunked 200 that never ends;
- ``trickle``: a 200 that sends one byte every `trickle_interval` seconds;
- ``slow_headers``: the status line, then the headers one byte every `trickle_interval` s;
- ``bignum``: a JSON body holding a 10,000-digit integer (on `status`);
- ``deep``: JSON nested 100,000 levels deep (on `status`);
- ``many_keys``: a 200 with the documented fields plus `extra_keys` more;
- ``big_values``: a 200 whose values are each `value_size` characters long;
- ``echo_key``: an error envelope (`status`, 401 or 400) quoting the Authorization header
  back in its message, reason, status text and metadata; on 200, fields quoting it.

The server can also speak HTTPS with a `trustme` CA, like `tests/stand_in_server.py`,
under extra host names; `TunnelProxy` is an HTTPS proxy (CONNECT) that tunnels every
connection to it, so a non-loopback API address can be tested through a real proxy.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CN_FIELDS = {
    "name": "张三", "gender": "男", "ethnicity": "汉", "dateOfBirth": "1990-01-01",
    "address": "北京市朝阳区建国路1号", "idNumber": "110101199001011234",
    "issuingAuthority": "北京市公安局朝阳分局", "validityPeriod": "2020.01.01-2040.01.01",
}
HUGE_SIZE = 200 * 1024 * 1024
BOMB_INFLATED = 1024 * 1024 * 1024
_STEP = 64 * 1024

_bomb: bytes | None = None
_bomb_lock = threading.Lock()


def gzip_bomb() -> bytes:
    """~1 MB of gzip that inflates to 1 GB (then more JSON text), built once per process.

    1,024 gzip members of 1 MiB of 'A' each: a gzip stream may hold several members and
    decoders (urllib3's included) inflate them all, so building it compresses 1 MiB once
    instead of 1 GiB."""
    global _bomb
    with _bomb_lock:
        if _bomb is None:
            head = gzip.compress(b'{"name": "', compresslevel=9, mtime=0)
            member = gzip.compress(b"A" * (1024 * 1024), compresslevel=9, mtime=0)
            _bomb = head + member * (BOMB_INFLATED // (1024 * 1024))
        return _bomb


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body_size: int
    client_port: int


@dataclass
class Behaviour:
    mode: str = "ok"
    status: int = 200
    redirect_to: str = ""  # the Location of the redirect mode
    trickle_interval: float = 1.0
    trickle_size: int = 1000
    extra_keys: int = 1000
    value_size: int = 1024 * 1024
    seen: list[Seen] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # a followed 301/302 arrives as a GET
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    # -- helpers -----------------------------------------------------------------------
    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        behaviour = self.server.behaviour
        behaviour.seen.append(Seen(self.command, self.path, dict(self.headers.items()),
                                   len(body), self.client_address[1]))
        try:
            getattr(self, f"_mode_{behaviour.mode}")(behaviour)
        except OSError:  # the client hung up, as it should on most of these
            self.close_connection = True

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _json(self, status: int, payload: bytes) -> None:
        self._head(status, {"Content-Type": "application/json",
                            "Content-Length": str(len(payload))})
        self.wfile.write(payload)

    def _stopped(self, seconds: float) -> bool:
        return self.server.stopping.wait(seconds)

    # -- modes -------------------------------------------------------------------------
    def _mode_ok(self, b: Behaviour) -> None:
        self._json(200, json.dumps(CN_FIELDS, ensure_ascii=False).encode())

    def _mode_redirect(self, b: Behaviour) -> None:
        self._head(b.status, {"Location": b.redirect_to, "Content-Length": "0"})

    def _mode_huge(self, b: Behaviour) -> None:
        self._head(200, {"Content-Type": "application/json", "Content-Length": str(HUGE_SIZE)})
        self.wfile.write(b'{"name": "')
        block = b"A" * _STEP
        sent = 10
        while sent < HUGE_SIZE and not self.server.stopping.is_set():
            piece = block[: min(_STEP, HUGE_SIZE - sent)]
            self.wfile.write(piece)
            sent += len(piece)

    def _mode_gzip_bomb(self, b: Behaviour) -> None:
        payload = gzip_bomb()
        self._head(200, {"Content-Type": "application/json", "Content-Encoding": "gzip",
                         "Content-Length": str(len(payload))})
        for start in range(0, len(payload), _STEP):
            self.wfile.write(payload[start:start + _STEP])

    def _mode_endless(self, b: Behaviour) -> None:
        self._head(200, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
        chunk = b"A" * _STEP
        frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        self.wfile.write(b'a\r\n{"name": "\r\n')
        while not self.server.stopping.is_set():
            self.wfile.write(frame)

    def _mode_trickle(self, b: Behaviour) -> None:
        self._head(200, {"Content-Type": "application/json",
                         "Content-Length": str(b.trickle_size)})
        self.wfile.flush()
        for _ in range(b.trickle_size):
            if self._stopped(b.trickle_interval):
                return
            self.wfile.write(b" ")
            self.wfile.flush()

    def _mode_slow_headers(self, b: Behaviour) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self.wfile.flush()
        for _ in range(b.trickle_size):
            if self._stopped(b.trickle_interval):
                return
            self.wfile.write(b"X")
            self.wfile.flush()

    def _mode_bignum(self, b: Behaviour) -> None:
        number = "9" * 10_000
        if b.status == 200:
            payload = '{"name": ' + number + "}"
        else:
            payload = ('{"error": {"code": ' + number + ', "message": "x", '
                       '"details": [{"reason": "INVALID_API_KEY"}]}}')
        self._json(b.status, payload.encode())

    def _mode_deep(self, b: Behaviour) -> None:
        depth = 100_000
        if b.status == 200:
            payload = '{"name": ' + "[" * depth + "]" * depth + "}"
        else:
            payload = '{"error": ' + '{"a": ' * depth + "1" + "}" * depth + "}"
        self._json(b.status, payload.encode())

    def _mode_many_keys(self, b: Behaviour) -> None:
        body: dict[str, str] = {f"extra{i:05d}": "x" for i in range(b.extra_keys)}
        body.update(CN_FIELDS)  # the documented fields come last
        self._json(200, json.dumps(body, ensure_ascii=False).encode())

    def _mode_big_values(self, b: Behaviour) -> None:
        body = {key: "长" * b.value_size for key in CN_FIELDS}
        self._json(200, json.dumps(body, ensure_ascii=False).encode())

    def _mode_echo_key(self, b: Behaviour) -> None:
        auth = self.headers.get("Authorization", "")
        key = auth.removeprefix("Bearer ")
        if b.status == 200:  # the key quoted back as fields
            fields = dict(CN_FIELDS, name=key, **{f"header {auth}": auth})
            self._json(200, json.dumps(fields, ensure_ascii=False).encode())
            return
        reason = "INVALID_API_KEY" if b.status == 401 else f"BAD_KEY_{key}"
        payload = {"error": {
            "code": b.status,
            "message": f"The header '{auth}' is not valid; key {key} was refused",
            "status": f"Refused {key}",
            "details": [{"reason": reason, "metadata": {"received": key, "echo": [auth]}}],
        }}
        self._json(b.status, json.dumps(payload).encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, behaviour: Behaviour) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.behaviour = behaviour
        self.stopping = threading.Event()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-answer is the expected case here


class HostileServer:
    """``with HostileServer() as srv: srv.behave("trickle", trickle_interval=0.2)``."""

    def __init__(self, *, tls: Any = None, names: tuple[str, ...] = ()) -> None:
        self.behaviour = Behaviour()
        self._server = _Server(self.behaviour)
        self.scheme = "http"
        if tls is not None:  # a trustme.CA
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls.issue_cert("127.0.0.1", "localhost", *names).configure_cert(context)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    def behave(self, mode: str, **settings: Any) -> HostileServer:
        self.behaviour.mode = mode
        self.behaviour.status = settings.pop("status", 200)
        for name, value in settings.items():
            if not hasattr(self.behaviour, name):
                raise TypeError(f"no setting {name}")
            setattr(self.behaviour, name, value)
        return self

    @property
    def seen(self) -> list[Seen]:
        return self.behaviour.seen

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def start(self) -> HostileServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _CatchHandler(socketserver.BaseRequestHandler):
    server: _CatchServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(2)
        data = b""
        with contextlib.suppress(OSError):
            data = sock.recv(65536)
        self.server.caught.append(data)
        with contextlib.suppress(OSError):
            sock.sendall(b"HTTP/1.1 502 Caught\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class _CatchServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _CatchHandler)
        self.caught: list[bytes] = []


class Catcher:
    """Any TCP connection to it is recorded (its first bytes) and answered 502: the
    target of a refused redirect, or a proxy that must never be used."""

    def __init__(self) -> None:
        self._server = _CatchServer()
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def caught(self) -> list[bytes]:
        return self._server.caught

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> Catcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class _TunnelHandler(socketserver.BaseRequestHandler):
    server: _TunnelServer

    def handle(self) -> None:
        client: socket.socket = self.request
        head = b""
        while b"\r\n\r\n" not in head:
            data = client.recv(4096)
            if not data:
                return
            head += data
        self.server.connects.append(head.split(b"\r\n", 1)[0].decode("latin-1"))
        upstream = socket.create_connection(("127.0.0.1", self.server.target_port))
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        pump = threading.Thread(target=_pipe, args=(upstream, client), daemon=True)
        pump.start()
        _pipe(client, upstream)
        pump.join(5)


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)


class _TunnelServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, target_port: int) -> None:
        super().__init__(("127.0.0.1", 0), _TunnelHandler)
        self.target_port = target_port
        self.connects: list[str] = []


class TunnelProxy:
    """An HTTPS proxy: answers every CONNECT by tunnelling to 127.0.0.1:`target_port`,
    whatever host was asked for; `connects` lists the CONNECT lines it got."""

    def __init__(self, target_port: int) -> None:
        self._server = _TunnelServer(target_port)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def connects(self) -> list[str]:
        return self._server.connects

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> TunnelProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextlib.contextmanager
def hostile(tls: Any = None) -> Iterator[HostileServer]:
    with HostileServer(tls=tls) as srv:
        yield srv
