"""What a finished job keeps of its prepared image: 1,000 uploads must not stay in memory.

The command line keeps none (`keep=None`), the window a copy small enough for its preview
(`keep=N`); either way `job.upload` says what was sent (the store's "never pay twice" key,
a support report's format and size).  Real engine, real stand-in server.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from pictotext_desktop.imaging import PrepareOptions, Source, prepare
from pictotext_desktop.jobs import BatchRunner, Job, JobState, new_jobs
from pictotext_desktop.matching import prepared_hash
from tests.conftest import TEST_KEY
from tests.image_corpus import card_image
from tests.stand_in_server import StandInServer
from tests.test_jobs import engine


@pytest.fixture
def big_cards(tmp_path: Path) -> list[Path]:
    paths = []
    for i in range(3):
        path = tmp_path / f"card_{i}.jpg"
        card_image((2400, 1500), tint=i * 20, label=str(i)).save(path, "JPEG", quality=90)
        paths.append(path)
    return paths


def run(server: StandInServer, paths: list[Path], keep: int | None = -1) -> list[Job]:
    cloud = engine(server)
    jobs = new_jobs([Source(path=p) for p in paths], "cn_id_card")
    BatchRunner(lambda t: cloud, concurrency=2, keep=keep).run(jobs)
    assert all(j.state is JobState.DONE and j.record and j.record.ok for j in jobs)
    return jobs


def test_the_command_line_keeps_no_image_after_the_answer(
        server: StandInServer, big_cards: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    jobs = run(server, big_cards, keep=None)
    for job, path in zip(jobs, big_cards, strict=True):
        assert job.prepared is None
        upload = prepare(Source(path=path), PrepareOptions())
        assert job.upload is not None
        assert job.upload.digest == prepared_hash(upload.data)
        assert job.upload.size_bytes == len(upload.data)
        assert job.upload.mime_type == "image/jpeg"


def test_the_window_keeps_a_small_copy_to_show(
        server: StandInServer, big_cards: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    jobs = run(server, big_cards, keep=640)
    for job in jobs:
        assert job.prepared is not None and job.upload is not None
        assert max(job.prepared.size) <= 640
        assert len(job.prepared.data) * 5 < job.upload.size_bytes
        shown = Image.open(io.BytesIO(job.prepared.data))
        assert shown.size == job.prepared.size
        assert abs(shown.size[0] / shown.size[1] - 2400 / 1500) < 0.01  # upright, whole


def test_by_default_the_upload_itself_is_kept(
        server: StandInServer, big_cards: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    job = run(server, big_cards[:1])[0]
    assert job.prepared is not None and job.upload is not None
    assert prepared_hash(job.prepared.data) == job.upload.digest


def test_a_kept_card_holds_no_photo_of_its_own() -> None:
    # GIVEN a card cut from a photo, carrying the photo's bytes for the on-device reader
    from dataclasses import replace

    from pictotext_desktop.card_prepare import CardImage
    from pictotext_desktop.card_worker import kept_image

    buffer = io.BytesIO()
    card_image((1600, 1000)).save(buffer, "JPEG")
    photo = Source(data=buffer.getvalue(), name="pasted.jpg")
    card = prepare(Source(data=buffer.getvalue(), name="card.jpg"), PrepareOptions())
    cut = CardImage(**{f: getattr(card, f) for f in card.__dataclass_fields__}, photo=photo)
    # WHEN the window keeps its copy to show (small, or the upload itself)
    for keep in (200, -1):
        kept = kept_image(cut, keep)
        # THEN the copy holds the card, not the photo's bytes as well
        assert kept is not None and kept.data and getattr(kept, "photo", None) is None
    assert replace(cut).photo is photo  # (the reader's own copy still has it)
