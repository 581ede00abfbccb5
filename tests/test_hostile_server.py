"""The client and the CLI against a hostile API server on 127.0.0.1 (tests/hostile_server.py).

Every attack ends in a clear error (exit 6 for the service/network ones), quickly, with
bounded memory, nothing followed or re-sent, and the key never printed.
"""

from __future__ import annotations

import json
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import pictotext_desktop.api.client as client_module
from pictotext_desktop import errors
from pictotext_desktop.api.client import ClientConfig, PicToTextClient
from pictotext_desktop.imaging import PreparedImage
from tests.conftest import SECOND_KEY, TEST_KEY
from tests.hostile_server import CN_FIELDS, Catcher, HostileServer, TunnelProxy
from tests.stand_in_server import StandInServer, status

JPEG = PreparedImage(b"\xff\xd8\xff\xe0" + b"\x00" * 2000, "image/jpeg", "card.jpg",
                     (800, 500), (800, 500), "JPEG")
RunCli = Callable[..., tuple[int, str, str]]
PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
              "all_proxy")


@pytest.fixture
def srv() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


@pytest.fixture
def catcher() -> Iterator[Catcher]:
    with Catcher() as c:
        yield c


def make_client(url: str, **config: object) -> PicToTextClient:
    cfg = ClientConfig(base_url=url, rate_limit=1000, **config)  # type: ignore[arg-type]
    return PicToTextClient(cfg, sleep=lambda s: None)


def recognize_error(url: str, **config: object) -> tuple[errors.PicToTextError, float]:
    client = make_client(url, **config)
    started = time.monotonic()
    try:
        with pytest.raises(errors.PicToTextError) as info:
            client.recognize(JPEG, "cn_id_card", TEST_KEY)
    finally:
        client.close()
    return info.value, time.monotonic() - started


def no_key_in(text: str, *keys: str) -> None:
    for key in keys or (TEST_KEY,):
        assert key not in text
        assert key[:-4] not in text


# -- 1. redirects ------------------------------------------------------------------------
@pytest.mark.parametrize("code", [301, 302, 307, 308])
def test_a_redirect_is_an_error_and_nothing_is_sent_again(
        srv: HostileServer, catcher: Catcher, code: int) -> None:
    target = catcher.url.replace("127.0.0.1", "localhost") + "/steal?token=QUERYSECRET"
    srv.behave("redirect", status=code, redirect_to=target)
    error, _ = recognize_error(srv.url)
    assert isinstance(error, errors.RedirectRefusedError)
    assert error.exit_code == errors.EXIT_SERVICE
    assert "localhost" in error.message  # the Location's host is named...
    for text in (error.message, error.detail or ""):
        assert "QUERYSECRET" not in text and "/steal" not in text  # ...never its path/query
    assert catcher.caught == []
    assert len(srv.seen) == 1 and srv.seen[0].method == "POST"


def test_https_redirect_to_plain_http_is_refused(ca: object, catcher: Catcher,
                                                 tmp_path: Path) -> None:
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))  # type: ignore[attr-defined]
    with HostileServer(tls=ca) as server:
        server.behave("redirect", status=307, redirect_to=catcher.url + "/api/v1/ocr")
        error, _ = recognize_error(server.url, ca_bundle=str(pem))
    assert isinstance(error, errors.RedirectRefusedError)
    assert catcher.caught == []


def test_key_test_through_a_redirect_does_not_say_it_works(
        srv: HostileServer, catcher: Catcher) -> None:
    srv.behave("redirect", status=308, redirect_to=catcher.url)
    check = make_client(srv.url).check_key(TEST_KEY)
    assert check.outcome == "unreachable"
    assert isinstance(check.error, errors.RedirectRefusedError)
    assert catcher.caught == []


def test_no_request_of_the_session_can_follow_a_redirect(
        srv: HostileServer, catcher: Catcher) -> None:
    """The session-level guard: even a call that asks requests to follow cannot."""
    srv.behave("redirect", status=307, redirect_to=catcher.url)
    client = make_client(srv.url)
    with pytest.raises(errors.RedirectRefusedError):
        client.session.post(client.endpoint, data=b"x", allow_redirects=True)
    assert catcher.caught == []


# -- 2. answers without end ------------------------------------------------------------
def test_a_200_mb_answer_is_refused_at_the_size_limit(srv: HostileServer) -> None:
    srv.behave("huge")
    error, took = recognize_error(srv.url)
    assert isinstance(error, errors.AnswerTooLargeError)
    assert error.message.startswith("The answer from 127.0.0.1 was larger than 4 MB")
    assert error.exit_code == errors.EXIT_SERVICE
    assert took < 5 and len(srv.seen) == 1


@pytest.mark.parametrize("mode", ["endless", "gzip_bomb"])
def test_streamed_answers_are_cut_by_what_they_inflate_to(srv: HostileServer,
                                                          mode: str) -> None:
    srv.behave(mode)
    tracemalloc.start()
    try:
        error, took = recognize_error(srv.url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, errors.AnswerTooLargeError), error
    assert "larger than 4 MB" in error.message
    assert peak < 40 * 1024 * 1024  # the cap plus a chunk, not 1 GB
    assert took < 5 and len(srv.seen) == 1  # never retried


def test_a_smaller_cap_from_the_config(srv: HostileServer) -> None:
    srv.behave("endless")
    error, _ = recognize_error(srv.url, max_answer_bytes=64 * 1024)
    assert "larger than 64 kB" in error.message


@pytest.mark.parametrize("interval", [0.2, 4.0])
def test_a_trickling_answer_ends_at_the_deadline(srv: HostileServer, interval: float) -> None:
    """One byte every 0.2 s (each socket read returns) or every 4 s (the reader is
    blocked in the socket): both end at the 1 s deadline, not after read_timeout."""
    srv.behave("trickle", trickle_interval=interval)
    error, took = recognize_error(srv.url, total_timeout=1.0)
    assert isinstance(error, errors.TimeoutError_)
    assert error.message == "The answer from 127.0.0.1 did not finish within 1 s."
    assert error.exit_code == errors.EXIT_SERVICE
    assert 0.9 < took < 2.0
    assert len(srv.seen) == 1  # the POST was sent: never retried


def test_answer_headers_that_trickle_end_at_the_deadline(srv: HostileServer) -> None:
    srv.behave("slow_headers", trickle_interval=0.2)
    error, took = recognize_error(srv.url, total_timeout=1.0)
    assert isinstance(error, errors.TimeoutError_)
    assert "did not finish within 1 s" in error.message
    assert took < 2.0


def test_the_deadline_default_is_two_minutes_and_follows_the_module() -> None:
    assert ClientConfig().total_timeout == 120.0
    assert ClientConfig().max_answer_bytes == 4 * 1024 * 1024


def test_the_connection_is_not_reused_after_an_abort(srv: HostileServer) -> None:
    client = make_client(srv.url, total_timeout=0.5)
    srv.behave("ok")
    client.recognize(JPEG, "cn_id_card", TEST_KEY)
    client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert srv.seen[0].client_port == srv.seen[1].client_port  # kept alive normally
    srv.behave("trickle", trickle_interval=0.1)
    with pytest.raises(errors.TimeoutError_):
        client.recognize(JPEG, "cn_id_card", TEST_KEY)
    srv.behave("ok")
    result = client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert result.fields["name"] == CN_FIELDS["name"]
    assert srv.seen[3].client_port != srv.seen[2].client_port


# -- 3. hostile JSON -------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["bignum", "deep"])
@pytest.mark.parametrize("code", [200, 400, 401, 500])
def test_hostile_json_is_an_unexpected_response(srv: HostileServer, mode: str,
                                                code: int) -> None:
    srv.behave(mode, status=code)
    error, _ = recognize_error(srv.url)
    assert isinstance(error, errors.UnexpectedResponseError)
    assert error.status == code


@pytest.mark.parametrize("mode", ["bignum", "deep"])
def test_key_test_with_hostile_json_gives_an_answer(srv: HostileServer, mode: str) -> None:
    srv.behave(mode, status=401)
    check = make_client(srv.url).check_key(TEST_KEY)
    assert check.outcome == "invalid"
    assert isinstance(check.error, errors.UnexpectedResponseError)


def test_nested_values_too_deep_to_show_are_noted() -> None:
    answer = client_module._Answer(200, {}, b'{"name": ' + b"[" * 900 + b"]" * 900 + b"}")
    try:
        result = client_module.parse_success("cn_id_card", answer)
    except errors.UnexpectedResponseError:
        return  # refused whole: also fine
    assert result.fields["name"] is None or result.fields["name"].startswith("[")


# -- 4. too many or too long fields ----------------------------------------------------
@pytest.mark.parametrize("extra", [1000, 20_000])
def test_too_many_fields_are_cut_documented_ones_kept(srv: HostileServer, extra: int) -> None:
    srv.behave("many_keys", extra_keys=extra)
    result = make_client(srv.url).recognize(JPEG, "cn_id_card", TEST_KEY)
    assert len(result.fields) == 200
    assert all(result.fields[k] == v for k, v in CN_FIELDS.items())
    assert result.warnings == [f"the answer had {extra + 8:,} fields; the first 200 were kept "
                               "(the documented ones first)"]


def test_too_long_values_are_cut_and_noted(srv: HostileServer) -> None:
    srv.behave("big_values", value_size=100_000)  # 8 values of 300 kB: under the cap
    result = make_client(srv.url).recognize(JPEG, "cn_id_card", TEST_KEY)
    assert {len(v or "") for v in result.fields.values()} == {10_000}
    assert result.notes["name"] == "cut to 10,000 characters"


def test_values_of_a_million_characters_are_over_the_answer_cap(srv: HostileServer) -> None:
    srv.behave("big_values")  # 8 values of 1 M characters (3 MB each in UTF-8)
    error, _ = recognize_error(srv.url)
    assert isinstance(error, errors.AnswerTooLargeError)


# -- 5. proxies ------------------------------------------------------------------------
def set_proxies(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    for name in PROXY_VARS:
        monkeypatch.setenv(name, url)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_loopback_never_goes_through_a_proxy(server: StandInServer, catcher: Catcher,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    set_proxies(monkeypatch, catcher.url)
    client = make_client(server.url)
    assert client.recognize(JPEG, "cn_id_card", TEST_KEY).fields["name"] == "张三"
    assert client.check_key(TEST_KEY).outcome == "valid"
    assert catcher.caught == []
    assert len(server.requests) == 2


def test_localhost_never_goes_through_a_proxy(server: StandInServer, catcher: Catcher,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    set_proxies(monkeypatch, catcher.url)
    client = make_client(server.url.replace("127.0.0.1", "localhost"))
    client.recognize(JPEG, "cn_id_card", TEST_KEY)
    assert catcher.caught == []


def test_other_hosts_still_use_the_environments_proxy(catcher: Catcher,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    set_proxies(monkeypatch, catcher.url)
    error, _ = recognize_error("https://pictotext.invalid")
    assert isinstance(error, errors.ConnectionFailedError)
    assert catcher.caught and catcher.caught[0].startswith(b"CONNECT pictotext.invalid:443")


def test_through_a_real_https_proxy_answers_work_and_stay_bounded(
        ca: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A non-loopback API address goes through the environment's proxy (a real CONNECT
    tunnel here), certificate verified, and the deadline still cuts a trickling answer."""
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))  # type: ignore[attr-defined]
    with HostileServer(tls=ca, names=("api.pictotext.test",)) as server, \
            TunnelProxy(server.port) as proxy:
        set_proxies(monkeypatch, proxy.url)
        client = make_client("https://api.pictotext.test", ca_bundle=str(pem),
                             total_timeout=1.0)
        assert client.recognize(JPEG, "cn_id_card", TEST_KEY).fields["name"] == "张三"
        assert [c.rsplit(" ", 1)[0] for c in proxy.connects] == ["CONNECT api.pictotext.test:443"]
        for mode in ("slow_headers", "trickle"):
            server.behave(mode, trickle_interval=0.2)
            started = time.monotonic()
            with pytest.raises(errors.TimeoutError_):
                client.recognize(JPEG, "cn_id_card", TEST_KEY)
            assert time.monotonic() - started < 2.0


# -- 6. the key quoted back ------------------------------------------------------------
@pytest.mark.parametrize("code", [400, 401])
def test_an_error_never_holds_the_key_the_server_quoted(srv: HostileServer, code: int) -> None:
    srv.behave("echo_key", status=code)
    error, _ = recognize_error(srv.url)
    texts = [error.message, error.detail or "", error.reason_code, str(error),
             json.dumps(error.to_dict()), json.dumps(error.metadata), error.server_message or ""]
    for text in texts:
        no_key_in(text)
    assert "…abcd" in error.message


def test_fields_never_hold_the_key_the_server_quoted(srv: HostileServer) -> None:
    srv.behave("echo_key", status=200)
    result = make_client(srv.url).recognize(JPEG, "cn_id_card", TEST_KEY)
    no_key_in(json.dumps([result.fields, result.notes], ensure_ascii=False))
    assert result.fields["name"] == "sk_test_…abcd"


def test_key_check_summary_never_holds_the_key(srv: HostileServer) -> None:
    srv.behave("echo_key", status=401)
    check = make_client(srv.url).check_key(TEST_KEY)
    assert check.outcome == "invalid"
    no_key_in(check.summary)
    assert "…abcd" in check.summary


def test_a_server_message_is_one_short_line() -> None:
    body = json.dumps({"error": {"message": "a\nb\x1b[31m" + "c" * 5000,
                                 "details": [{"reason": "AI_SERVICE_ERROR"}]}}).encode()
    error = errors.error_from_response(500, body)
    assert "\n" not in error.message and "\x1b" not in error.message
    assert len(error.message) <= errors.MAX_SERVER_MESSAGE_CHARS


# -- 7. cancel -------------------------------------------------------------------------
@pytest.mark.parametrize("interval", [0.2, 30.0])
def test_cancel_stops_a_trickling_download(srv: HostileServer, interval: float) -> None:
    srv.behave("trickle", trickle_interval=interval, trickle_size=100_000)
    client = make_client(srv.url)
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    started = time.monotonic()
    tracemalloc.start()
    try:
        with pytest.raises(errors.CancelledError) as info:
            client.recognize(JPEG, "cn_id_card", TEST_KEY, cancel=cancel)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    took = time.monotonic() - started
    assert 0.4 < took < 1.5
    assert peak < 5 * 1024 * 1024
    assert info.value.exit_code == errors.CancelledError().exit_code
    assert isinstance(info.value, errors.NotSentError)
    time.sleep(0.2)
    assert not [t for t in threading.enumerate() if t.name == "pictotext-answer-watch"]


def test_cancel_already_set_sends_nothing(srv: HostileServer) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(errors.CancelledError):
        make_client(srv.url).recognize(JPEG, "cn_id_card", TEST_KEY, cancel=cancel)
    assert srv.seen == []


def test_cancel_ends_a_wait_between_attempts(server: StandInServer) -> None:
    server.fail_always(status(500, "AI_SERVICE_ERROR"))
    client = PicToTextClient(ClientConfig(base_url=server.url, rate_limit=1000))
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(errors.CancelledError):
        client.recognize(JPEG, "cn_id_card", TEST_KEY, cancel=cancel)
    assert time.monotonic() - started < 1.0  # not the 2 s wait
    assert len(server.requests) == 1


def test_cloud_engine_passes_cancel_on(srv: HostileServer) -> None:
    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.engines.base import Engine
    from pictotext_desktop.engines.cloud import CloudEngine
    from pictotext_desktop.settings import SettingsStore

    store = SettingsStore()
    keystore = KeyStore(store)
    keystore.set("primary", TEST_KEY)
    engine = CloudEngine(make_client(srv.url), keystore)
    assert isinstance(engine, Engine)
    srv.behave("trickle", trickle_interval=0.1)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    with pytest.raises(errors.CancelledError):
        engine.recognize(JPEG, "cn_id_card", cancel=cancel)


def test_local_engine_accepts_cancel_and_checks_it_first() -> None:
    from pictotext_desktop.engines.base import Engine
    from pictotext_desktop.engines.local import LocalEngine

    engine = LocalEngine()
    assert isinstance(engine, Engine)
    cancel = threading.Event()
    cancel.set()
    started = time.monotonic()
    with pytest.raises(errors.CancelledError):
        engine.recognize(JPEG, "cn_id_card", cancel=cancel)
    assert time.monotonic() - started < 0.5  # before the OCR runtime was even loaded


# -- through the CLI -------------------------------------------------------------------
@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch, srv: HostileServer) -> HostileServer:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    monkeypatch.setenv("PICTOTEXT_API_URL", srv.url)
    return srv


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(("mode", "settings", "words"), [
    ("redirect", {"status": 307}, "redirected the request to localhost"),
    ("redirect", {"status": 302}, "redirected the request to localhost"),
    ("huge", {}, "was larger than 4 MB"),
    ("gzip_bomb", {}, "was larger than 4 MB"),
    ("endless", {}, "was larger than 4 MB"),
    ("trickle", {"trickle_interval": 0.3}, "did not finish within 1.5 s"),
    ("bignum", {}, "UNEXPECTED_RESPONSE"),
    ("deep", {"status": 401}, "UNEXPECTED_RESPONSE"),
])
def test_scan_against_each_attack_exits_6_with_one_line(
        run_cli: RunCli, keyed: HostileServer, catcher: Catcher, card_jpeg: Path,
        monkeypatch: pytest.MonkeyPatch, mode: str, settings: dict[str, object],
        words: str) -> None:
    monkeypatch.setattr(client_module, "TOTAL_TIMEOUT", 1.5)
    if mode == "redirect":
        settings = dict(settings, redirect_to=catcher.url.replace("127.0.0.1", "localhost"))
    keyed.behave(mode, **settings)
    started = time.monotonic()
    code, _, err = run_cli("scan", str(card_jpeg))
    assert code == errors.EXIT_SERVICE
    assert words in one_error_line(err)
    assert time.monotonic() - started < 5
    assert catcher.caught == []
    assert len(keyed.seen) == 1


@pytest.mark.parametrize("mode", ["bignum", "deep"])
def test_key_test_with_hostile_json_exits_cleanly(run_cli: RunCli, keyed: HostileServer,
                                                  mode: str) -> None:
    keyed.behave(mode, status=401)
    code, _, err = run_cli("key", "test")
    assert code == errors.EXIT_AUTH
    assert "Traceback" not in err and "is invalid" in err


def test_key_test_through_a_redirect_exits_6(run_cli: RunCli, keyed: HostileServer,
                                             catcher: Catcher) -> None:
    keyed.behave("redirect", status=307, redirect_to=catcher.url)
    code, out, err = run_cli("key", "test")
    assert code == errors.EXIT_SERVICE
    assert "works" not in out and "redirect" in err
    assert catcher.caught == []


@pytest.mark.parametrize("code", [400, 401])
def test_the_echoed_key_is_in_no_output(run_cli: RunCli, keyed: HostileServer,
                                        card_jpeg: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY_SECONDARY", SECOND_KEY)
    keyed.behave("echo_key", status=code)
    outputs = []
    _, out, err = run_cli("scan", str(card_jpeg))
    outputs += [out, err]
    assert "…abcd" in err or "…0002" in err  # the secondary's refusal when it was tried
    _, out, err = run_cli("scan", "-f", "json", str(card_jpeg))
    outputs += [out, err]
    message = json.loads(out)[0]["error"]["message"]
    assert "…abcd" in message or "…0002" in message
    target = tmp_path / "x.json"
    _, out, err = run_cli("scan", "-o", str(target), str(card_jpeg))
    outputs += [out, err, target.read_text("utf-8")]
    for flag in ((), ("--secondary",)):
        _, out, err = run_cli("key", "test", *flag)
        outputs += [out, err]
    everything = "\n".join(outputs)
    no_key_in(everything, TEST_KEY, SECOND_KEY)
    if code == 401:  # the secondary key was tried too, and quoted back
        assert any(s.headers.get("Authorization") == "Bearer " + SECOND_KEY
                   for s in keyed.seen)


def test_fields_quoting_either_key_are_masked_in_the_cli(
        run_cli: RunCli, keyed: HostileServer, card_jpeg: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY_SECONDARY", SECOND_KEY)
    keyed.behave("echo_key", status=200)
    code, out, err = run_cli("scan", "-f", "json", str(card_jpeg))
    assert code == 0
    no_key_in(out + err, TEST_KEY, SECOND_KEY)
    assert json.loads(out)[0]["fields"]["name"] == "sk_test_…abcd"


def test_clearing_keys_never_reads_the_keyring_again(
        srv: HostileServer, memory: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine clears the keys it already sent; looking up the other slot would open
    the keyring (a prompt on a locked desktop) on every image."""
    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.engines.cloud import CloudEngine
    from pictotext_desktop.settings import SettingsStore
    from tests.memory_keyring import MemoryKeyring

    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    lookups: list[str] = []
    original = MemoryKeyring.get_password

    def counted(self: MemoryKeyring, service: str, username: str) -> str | None:
        lookups.append(username)
        return original(self, service, username)

    monkeypatch.setattr(MemoryKeyring, "get_password", counted)
    engine = CloudEngine(make_client(srv.url), KeyStore(SettingsStore()))
    srv.behave("echo_key", status=200)
    for _ in range(2):
        assert engine.recognize(JPEG, "cn_id_card").fields["name"] == "sk_test_…abcd"
    assert lookups == []


def test_too_many_fields_through_the_cli(run_cli: RunCli, keyed: HostileServer,
                                         card_jpeg: Path) -> None:
    keyed.behave("many_keys", extra_keys=1000)
    code, out, _ = run_cli("scan", "-f", "json", str(card_jpeg))
    assert code == 0
    record = json.loads(out)[0]
    assert len(record["fields"]) == 200 and record["fields"]["name"] == "张三"
    code, out, _ = run_cli("scan", str(card_jpeg))
    assert "the answer had 1,008 fields; the first 200 were kept" in out


# -- 8. the wait between attempts ------------------------------------------------------
def test_the_retry_wait_can_be_replaced_for_the_whole_cli(
        run_cli: RunCli, server: StandInServer, card_jpeg: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr(client_module, "retry_sleep", waits.append)
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    server.fail_always(status(500, "AI_SERVICE_ERROR"))
    started = time.monotonic()
    code, _, _ = run_cli("scan", "--api-url", server.url, str(card_jpeg))
    assert code == errors.EXIT_SERVICE
    assert waits == [2.0, 4.0]
    assert time.monotonic() - started < 2

