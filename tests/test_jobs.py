"""The batch runner with the real cloud engine against the stand-in server."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from pictotext_desktop import errors
from pictotext_desktop.api.client import ClientConfig, PicToTextClient
from pictotext_desktop.credentials import KeyStore
from pictotext_desktop.engines.cloud import CloudEngine
from pictotext_desktop.engines.router import EngineRouter
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import BatchRunner, Job, JobEvent, JobState, new_jobs
from pictotext_desktop.settings import SettingsStore
from tests.conftest import SECOND_KEY, TEST_KEY
from tests.stand_in_server import NO_CREDITS, StandInServer


def engine(server: StandInServer, notices: list[str] | None = None) -> CloudEngine:
    client = PicToTextClient(ClientConfig(base_url=server.url, rate_limit=1000))
    keystore = KeyStore(SettingsStore(persist=False))
    return CloudEngine(client, keystore, on_notice=(notices.append if notices is not None
                                                    else None))


def sources(card: Path, n: int) -> list[Source]:
    return [Source(path=card) for _ in range(n)]


def test_bounded_concurrency_and_events(server: StandInServer, card_jpeg: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    server.state.delay = 0.2
    events: list[JobEvent] = []
    lock = threading.Lock()

    def on_event(event: JobEvent) -> None:
        with lock:
            events.append(event)

    cloud = engine(server)
    jobs = new_jobs(sources(card_jpeg, 8), "cn_id_card")
    started = time.monotonic()
    outcome = BatchRunner(lambda t: cloud, concurrency=3, on_event=on_event).run(jobs)
    elapsed = time.monotonic() - started
    assert outcome.stopped_by is None and not outcome.unsent
    assert all(j.state is JobState.DONE and j.record and j.record.ok for j in jobs)
    assert server.state.max_in_flight == 3
    assert elapsed < 8 * 0.2  # ran in parallel
    for job in jobs:
        states = [e.state for e in events if e.job is job]
        assert states == [JobState.PREPARING, JobState.SENDING, JobState.DONE]


def test_auth_error_pauses_and_requeues_for_the_gui(server: StandInServer, card_jpeg: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", server.add_key("sk_live_poor0000", NO_CREDITS))
    jobs = new_jobs(sources(card_jpeg, 5), "cn_id_card")
    outcome = BatchRunner(lambda t: engine(server), concurrency=1,
                          requeue_on_stop=True).run(jobs)
    assert isinstance(outcome.stopped_by, errors.InsufficientCreditsError)
    assert all(j.state is JobState.WAITING for j in jobs)  # never marked failed
    assert len(outcome.unsent) == 5 and len(server.requests) == 1

    server.add_key("sk_live_poor0000")  # the account was topped up: resume
    outcome = BatchRunner(lambda t: engine(server), concurrency=2).run(jobs)
    assert outcome.stopped_by is None
    assert all(j.state is JobState.DONE for j in jobs)


def test_one_bad_image_fails_alone(server: StandInServer, card_jpeg: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"%PDF-1.7\n...")
    jobs = [Job(Source(path=card_jpeg), "cn_id_card"), Job(Source(path=bad), "cn_id_card"),
            Job(Source(path=card_jpeg), "cn_id_card")]
    BatchRunner(lambda t: engine(server), concurrency=2).run(jobs)
    assert [j.state for j in jobs] == [JobState.DONE, JobState.FAILED, JobState.DONE]
    assert isinstance(jobs[1].error, errors.NotAnImageError)
    assert "PDF" in jobs[1].error.message


def test_cancel_is_prompt(server: StandInServer, card_jpeg: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    server.state.delay = 2.0
    jobs = new_jobs(sources(card_jpeg, 6), "cn_id_card")
    runner = BatchRunner(lambda t: engine(server), concurrency=2)
    threading.Timer(0.3, runner.cancel).start()
    started = time.monotonic()
    outcome = runner.run(jobs)
    assert time.monotonic() - started < 1.0
    assert outcome.cancelled
    assert all(j.state is JobState.CANCELLED for j in jobs)



def test_cancel_stops_the_requests_in_flight(server: StandInServer, card_jpeg: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner hands its cancel event to the engine: the requests waiting for an answer
    are cut (their worker threads end) instead of running on until the server answers."""
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    server.state.delay = 5.0
    jobs = new_jobs(sources(card_jpeg, 2), "cn_id_card")
    runner = BatchRunner(lambda t: engine(server), concurrency=2)
    threading.Timer(0.5, runner.cancel).start()
    runner.run(jobs)
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline and any(
            t.name.startswith("pictotext-job-") for t in threading.enumerate()):
        time.sleep(0.05)
    assert not [t.name for t in threading.enumerate() if t.name.startswith("pictotext-job-")]
    assert all(j.state is JobState.CANCELLED and j.record is None for j in jobs)

def test_secondary_key_fallback(server: StandInServer, card_jpeg: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", "sk_live_REVOKEDkey0000")
    monkeypatch.setenv("PICTOTEXT_API_KEY_SECONDARY", server.add_key(SECOND_KEY))
    notices: list[str] = []
    cloud = engine(server, notices)
    jobs = new_jobs(sources(card_jpeg, 3), "cn_id_card")
    BatchRunner(lambda t: cloud, concurrency=1).run(jobs)
    assert all(j.state is JobState.DONE for j in jobs)
    auths = [r.authorization for r in server.requests]
    # the first image was retried once with the secondary, which then stayed in use
    assert auths == ["Bearer sk_live_REVOKEDkey0000"] + [f"Bearer {SECOND_KEY}"] * 3
    assert len(notices) == 1
    assert "…0000" in notices[0] and "…0002" in notices[0]
    assert "REVOKEDkey" not in notices[0] and "SECONDKEY" not in notices[0]
    # the keystore owns the switch, so the window's support report names the right key
    assert cloud.keystore.active_slot == "secondary"


def test_both_keys_invalid_is_the_auth_error(server: StandInServer, card_jpeg: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", "sk_live_bad1")
    monkeypatch.setenv("PICTOTEXT_API_KEY_SECONDARY", "sk_live_bad2")
    jobs = new_jobs(sources(card_jpeg, 2), "cn_id_card")
    outcome = BatchRunner(lambda t: engine(server), concurrency=1).run(jobs)
    assert isinstance(outcome.stopped_by, errors.InvalidApiKeyError)
    assert len(server.requests) == 2


def test_router_auto_mode(monkeypatch: pytest.MonkeyPatch, server: StandInServer) -> None:
    keystore = KeyStore(SettingsStore(persist=False))
    built: list[str] = []

    class Local:
        name = "local"

    def local() -> Local:
        built.append("local")
        return Local()

    router = EngineRouter("auto", keystore, lambda: engine(server), local)  # type: ignore[arg-type,return-value]
    assert router.engine_for("cn_id_card").name == "local"
    with pytest.raises(errors.NeedsCloudKeyError):
        router.engine_for("passport")
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    assert router.engine_for("cn_id_card").name == "cloud"
    assert router.engine_for("passport").name == "cloud"
    assert built == ["local"]


def test_values_read_are_put_in_the_api_formats_and_the_reading_is_kept_in_notes(
        server: StandInServer, card_jpeg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    server.respond("cn_id_card", {
        "name": "王小明", "gender": "Male", "ethnicity": "汉",
        "dateOfBirth": "1990年3月7日", "address": "北京市东城区",
        "idNumber": "1101 0119 9003 0777 1x", "issuingAuthority": None,
        "validityPeriod": "2016.5.10 - 2026.5.10",
    })
    jobs = new_jobs(sources(card_jpeg, 1), "cn_id_card")
    BatchRunner(lambda t: engine(server), concurrency=1).run(jobs)
    record = jobs[0].record
    assert record is not None and record.fields is not None
    assert record.fields["dateOfBirth"] == "1990-03-07"
    assert record.fields["gender"] == "男"
    assert record.fields["idNumber"] == "11010119900307771X"
    assert record.fields["validityPeriod"] == "2016.05.10-2026.05.10"
    assert record.fields["name"] == "王小明" and record.fields["issuingAuthority"] is None
    note = "Read as \u201c{}\u201d; shown in the API's format."
    assert record.notes["dateOfBirth"] == note.format("1990年3月7日")
    assert set(record.notes) == {"dateOfBirth", "gender", "idNumber", "validityPeriod"}
    assert not record.edited  # a format, not a correction by the person
    assert record.to_json()["notes"]["gender"] == note.format("Male")


def test_values_already_in_the_api_formats_are_left_without_notes(
        server: StandInServer, card_jpeg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    jobs = new_jobs(sources(card_jpeg, 1), "cn_id_card")
    BatchRunner(lambda t: engine(server), concurrency=1).run(jobs)
    record = jobs[0].record
    assert record is not None and record.ok
    assert record.notes == {}
