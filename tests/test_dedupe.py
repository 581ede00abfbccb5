"""Never pay twice: the batch runner takes an earlier result for the same prepared image
instead of sending it again, says so on the record, and "Read again" (Job.force) sends."""

from __future__ import annotations

from pathlib import Path

import pytest

from pictotext_desktop.api.client import ClientConfig, PicToTextClient
from pictotext_desktop.credentials import KeyStore
from pictotext_desktop.engines.cloud import CloudEngine
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import BatchRunner, JobState, new_jobs
from pictotext_desktop.matching import MemoryDedupe
from pictotext_desktop.settings import SettingsStore
from tests.conftest import TEST_KEY
from tests.stand_in_server import StandInServer


@pytest.fixture
def cloud(server: StandInServer, monkeypatch: pytest.MonkeyPatch) -> CloudEngine:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    client = PicToTextClient(ClientConfig(base_url=server.url, rate_limit=1000))
    return CloudEngine(client, KeyStore(SettingsStore(persist=False)))


def copies(card_jpeg: Path, tmp_path: Path, *names: str) -> list[Source]:
    out = []
    for name in names:
        target = tmp_path / name
        target.write_bytes(card_jpeg.read_bytes())
        out.append(Source(path=target))
    return out


def test_the_same_image_again_is_not_sent_and_says_so(
        server: StandInServer, cloud: CloudEngine, card_jpeg: Path, tmp_path: Path) -> None:
    dedupe = MemoryDedupe()
    first = new_jobs(copies(card_jpeg, tmp_path, "a.jpg"), "cn_id_card")
    BatchRunner(lambda _t: cloud, concurrency=1, dedupe=dedupe).run(first)
    again = new_jobs(copies(card_jpeg, tmp_path, "copy of a.jpg"), "cn_id_card")
    BatchRunner(lambda _t: cloud, concurrency=1, dedupe=dedupe).run(again)
    assert len(server.requests) == 1
    record = again[0].record
    assert again[0].state is JobState.DONE and record is not None
    assert record.source.endswith("copy of a.jpg")
    assert record.fields == first[0].record.fields  # type: ignore[union-attr]
    assert any("Not sent again" in w and "a.jpg" in w for w in record.warnings)
    # the earlier record is untouched: a copy was handed out
    assert first[0].record is not None and first[0].record.source.endswith("/a.jpg")
    assert not any("Not sent again" in w for w in first[0].record.warnings)


def test_read_again_sends_it_anew(server: StandInServer, cloud: CloudEngine,
                                  card_jpeg: Path, tmp_path: Path) -> None:
    dedupe = MemoryDedupe()
    jobs = new_jobs(copies(card_jpeg, tmp_path, "a.jpg"), "cn_id_card")
    BatchRunner(lambda _t: cloud, concurrency=1, dedupe=dedupe).run(jobs)
    jobs[0].reset()
    jobs[0].force = True
    BatchRunner(lambda _t: cloud, concurrency=1, dedupe=dedupe).run(jobs)
    assert len(server.requests) == 2
    assert jobs[0].state is JobState.DONE and not jobs[0].force
    assert jobs[0].record is not None
    assert not any("Not sent again" in w for w in jobs[0].record.warnings)


def test_another_document_type_is_a_new_reading(server: StandInServer, cloud: CloudEngine,
                                                card_jpeg: Path, tmp_path: Path) -> None:
    dedupe = MemoryDedupe()
    for doc in ("cn_id_card", "passport"):
        BatchRunner(lambda _t: cloud, concurrency=1, dedupe=dedupe).run(
            new_jobs(copies(card_jpeg, tmp_path, "a.jpg"), doc))
    assert len(server.requests) == 2


def test_a_failed_reading_is_not_reused(server: StandInServer, cloud: CloudEngine,
                                        card_jpeg: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dedupe = MemoryDedupe()
    monkeypatch.setenv("PICTOTEXT_API_KEY", "sk_live_REVOKEDkey0000")
    failed = new_jobs(copies(card_jpeg, tmp_path, "a.jpg"), "cn_id_card")
    BatchRunner(lambda _t: cloud, concurrency=1, dedupe=dedupe).run(failed)
    assert failed[0].state is JobState.FAILED
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    cloud.keystore.refresh()
    again = new_jobs(copies(card_jpeg, tmp_path, "b.jpg"), "cn_id_card")
    BatchRunner(lambda _t: cloud, concurrency=1, dedupe=dedupe).run(again)
    assert again[0].state is JobState.DONE
    assert len(server.requests) == 2
