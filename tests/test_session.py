"""session.py: the wiring both front ends share, tested through the stand-in server."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pictotext_desktop.errors import NeedsCloudKeyError
from pictotext_desktop.imaging import Source, prepare
from pictotext_desktop.session import ScanSession, expand, expand_paths
from pictotext_desktop.settings import SettingsStore
from tests.conftest import TEST_KEY
from tests.image_corpus import card_image, jpeg_bytes
from tests.stand_in_server import StandInServer


def _store(server: StandInServer | None = None, **values: object) -> SettingsStore:
    store = SettingsStore(persist=False)
    if server is not None:
        store.override("api_url", server.url)
    for key, value in values.items():
        store.override(key, value)
    return store


def test_session_reads_a_card_in_the_cloud_with_the_settings(
        server: StandInServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PICTOTEXT_API_KEY", TEST_KEY)
    notices: list[str] = []
    session = ScanSession(_store(server, engine="cloud", upload_long_side=640,
                                 concurrency=3), on_notice=notices.append)
    card = tmp_path / "card.jpg"
    card.write_bytes(jpeg_bytes(card_image()))
    options = session.prepare_options()
    assert options.long_side == 640 and session.concurrency == 3
    engine = session.router().engine_for("cn_id_card")
    result = engine.recognize(prepare(Source(path=card), options), "cn_id_card")
    assert result.engine == "cloud" and result.fields["idNumber"]
    assert len(list(server.ocr_requests())) == 1


def test_each_router_follows_the_engine_setting_then(server: StandInServer) -> None:
    store = _store(server, engine="auto")
    built: list[str] = []

    def local() -> object:
        built.append("local")
        return object()

    session = ScanSession(store, local_factory=local)  # type: ignore[arg-type]
    with pytest.raises(NeedsCloudKeyError):  # auto, no key: passports need the cloud
        session.router().engine_for("passport")
    session.router().engine_for("cn_id_card")
    assert built == ["local"]
    store.override("engine", "cloud")
    assert session.router().mode == "cloud"


def test_expand_keeps_order_reads_stdin_and_lists_each_file_once(tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    (folder / "b").mkdir(parents=True)
    for name in ("b/2.png", "1.JPG", "notes.txt"):
        (folder / name).write_bytes(b"x")
    missing = tmp_path / "missing.jpg"
    sources, problems = expand_paths(
        [str(folder / "1.JPG"), str(folder), "-", str(missing), str(tmp_path / "cards" / "b")],
        stdin=io.BytesIO(b"raw"))
    assert [s.display_name for s in sources] == ["1.JPG", "2.png", "stdin", "missing.jpg"]
    assert sources[2].data == b"raw"
    assert problems == []


def test_only_images_sniffs_files_without_an_image_suffix(tmp_path: Path) -> None:
    photo = tmp_path / "IMG_0001"
    photo.write_bytes(jpeg_bytes(card_image((200, 120))))
    text = tmp_path / "README"
    text.write_text("hello")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = expand([photo, text, tmp_path / "gone", empty], only_images=True)
    assert [s.display_name for s in result.sources] == ["IMG_0001"]
    assert result.not_images == ["README", "gone"]
    assert result.problems == [f"{empty}: the folder has no images"]
