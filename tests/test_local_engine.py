"""The on-device engine end to end: generated card photos -> image pipeline -> fields.

The models load once for this module (they take about a second).  Loading behaviour that
needs a fresh process -- no network, load-once under threads, progress messages, a
missing runtime, no heavy import at start-up -- runs in subprocesses.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.cards import FIELD_KEYS, GeneratedCard, make_card
from pictotext_desktop import errors
from pictotext_desktop.engines import local
from pictotext_desktop.engines.base import Engine
from pictotext_desktop.imaging import PreparedImage, PrepareOptions, Source, prepare

ROOT = Path(__file__).resolve().parents[1]


def _prepared(card: GeneratedCard) -> PreparedImage:
    return prepare(Source(data=card.data, name=card.filename), PrepareOptions())


@pytest.fixture(scope="module")
def engine() -> Iterator[local.LocalEngine]:
    local.preload()
    yield local.LocalEngine()


def test_the_engine_follows_the_engine_protocol_and_reads_only_chinese_id_cards() -> None:
    eng = local.LocalEngine()
    assert isinstance(eng, Engine)
    assert eng.name == "local"
    assert eng.supports("cn_id_card")
    assert not eng.supports("passport")


def test_another_document_type_is_refused_with_a_message_naming_the_cloud(
    engine: local.LocalEngine,
) -> None:
    card = make_card(5, "front", "scan")
    with pytest.raises(errors.EngineUnavailableError) as info:
        engine.recognize(_prepared(card), "passport")
    assert "Chinese ID cards (cn_id_card) only, not passport" in str(info.value)
    assert "cloud engine" in str(info.value)


@pytest.mark.parametrize(
    ("seed", "side", "variant"),
    [
        (11, "front", "scan"),
        (12, "back", "phone"),
        (13, "front", "rot90"),
        (14, "back", "rot180"),
        (15, "front", "exif"),
        (16, "front", "heic"),
    ],
)
def test_a_generated_card_is_read_exactly(
    engine: local.LocalEngine, seed: int, side: str, variant: str
) -> None:
    # GIVEN a photo of a synthetic card, through the app's real image pipeline
    card = make_card(seed, side, variant)
    # WHEN the on-device engine reads it
    result = engine.recognize(_prepared(card), "cn_id_card")
    # THEN every field is what is printed, the other side's fields are None, in API order
    assert result.engine == "local"
    assert result.document_type == "cn_id_card"
    assert list(result.fields) == list(FIELD_KEYS)
    assert result.fields == card.expected
    assert "张" not in repr(result)


def test_an_image_without_a_card_reads_nothing_and_says_so(engine: local.LocalEngine) -> None:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 160, 200)).save(buf, "PNG")
    image = prepare(Source(data=buf.getvalue(), name="blank.png"), PrepareOptions())
    result = engine.recognize(image, "cn_id_card")
    assert all(v is None for v in result.fields.values())
    assert result.warnings == ["No Chinese ID card text was found in this image."]


def test_once_loaded_rapidocr_refuses_to_download_a_missing_model(
    engine: local.LocalEngine, tmp_path: Path
) -> None:
    # rapidocr downloads any model file that is missing or fails its checksum; the
    # on-device reader promises no network, so a missing file must be an error instead.
    import logging

    from rapidocr.utils.download_file import DownloadFile, DownloadFileInput

    target = tmp_path / "missing_model.onnx"
    with pytest.raises(FileNotFoundError, match="never downloaded"):
        DownloadFile.run(DownloadFileInput(
            file_url="http://127.0.0.1:9/missing_model.onnx", save_path=target,
            logger=logging.getLogger("test"), sha256=None))
    assert not target.exists()


def test_the_runtime_is_loaded_with_onnxruntime_telemetry_switched_off(
    engine: local.LocalEngine,
) -> None:
    import os

    assert os.environ["ORT_DISABLE_TELEMETRY"] == "1"


# ---------------------------------------------------------------------------------------
# Fresh processes
# ---------------------------------------------------------------------------------------
_OFFLINE_SCAN = r"""
import json, socket, sys, threading
attempts = []
def refuse(*args, **kwargs):
    attempts.append(args[:1])
    raise OSError("network blocked by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

from bench.cards import make_card
from pictotext_desktop.engines import local
from pictotext_desktop.imaging import PrepareOptions, Source, prepare

card = make_card(21, sys.argv[1], "phone")
image = prepare(Source(data=card.data, name=card.filename), PrepareOptions())
loaded_before = local.is_loaded()
messages = []
runtimes = []
threads = [threading.Thread(target=lambda: runtimes.append(local.get_runtime(messages.append)))
           for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
result = local.LocalEngine().recognize(image, "cn_id_card")
print(json.dumps({
    "ok": result.fields == card.expected,
    "attempts": len(attempts),
    "loaded_before": loaded_before,
    "loaded_after": local.is_loaded(),
    "one_runtime": len({id(r) for r in runtimes}) == 1,
    "messages": messages,
}))
"""


def _run(code: str, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_loading_and_reading_never_touch_the_network_and_load_once_with_progress() -> None:
    # GIVEN a process where every socket connection and DNS lookup raises
    proc = _run(_OFFLINE_SCAN, "back")
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    # THEN the card is read, nothing tried the network, and four racing threads got one
    # runtime, loaded once, announced once
    assert report["ok"]
    assert report["attempts"] == 0
    assert (report["loaded_before"], report["loaded_after"]) == (False, True)
    assert report["one_runtime"]
    assert report["messages"] == [local.MSG_PREPARING, local.MSG_READY]


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="unshare -n needs root and user namespaces")
def test_a_scan_works_in_a_process_with_no_network_at_all() -> None:
    # A network namespace with only a downed loopback: a download could not even start.
    proc = _run(_OFFLINE_SCAN, "front", prefix=("unshare", "-n"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["ok"]


def test_importing_the_engine_loads_no_ocr_runtime() -> None:
    code = (
        "import sys, pictotext_desktop.engines.local as m\n"
        "print([n for n in ('rapidocr', 'onnxruntime', 'cv2', 'numpy') if n in sys.modules])"
    )
    proc = _run(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_a_missing_runtime_is_an_engine_unavailable_error_with_a_clear_message() -> None:
    code = r"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('rapidocr', 'onnxruntime'):
            raise ImportError(f"No module named {name!r}")
        return None
sys.meta_path.insert(0, Block())
from pictotext_desktop import errors
from pictotext_desktop.engines import local
try:
    local.get_runtime()
except errors.EngineUnavailableError as exc:
    print("ERR", exc.title, "|", exc, "|", exc.exit_code, local.is_loaded())
"""
    proc = _run(code)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.strip()
    assert out.startswith("ERR The on-device reader is not available |")
    assert "not installed" in out
    assert out.endswith("| 5 False")


def test_an_on_device_job_reads_the_kept_pixels_not_the_upload_jpeg_again(
    engine: local.LocalEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Decoded once: the runner asks prepare() for the upright pixels and the engine reads
    them; the lossy upload JPEG is never decoded again, and the job keeps no pixels."""
    from pictotext_desktop.jobs import BatchRunner, JobState, new_jobs

    card = make_card(21, "front", "scan")

    def no_second_decode(data: bytes) -> object:
        raise AssertionError("the upload JPEG was decoded again")

    monkeypatch.setattr(local, "_decode", no_second_decode)
    jobs = new_jobs([Source(data=card.data, name=card.filename)], "cn_id_card")
    BatchRunner(lambda _type: engine, concurrency=1).run(jobs)
    assert jobs[0].state == JobState.DONE, jobs[0].error
    assert jobs[0].record is not None and jobs[0].record.fields is not None
    assert jobs[0].record.fields["idNumber"] == card.expected["idNumber"]
    assert jobs[0].prepared is not None and jobs[0].prepared.pixels is None


def test_prepare_keeps_the_upright_pixels_only_when_asked() -> None:
    card = make_card(22, "front", "rot90")
    plain = prepare(Source(data=card.data, name=card.filename), PrepareOptions())
    kept = prepare(Source(data=card.data, name=card.filename), PrepareOptions(keep_pixels=True))
    assert plain.pixels is None
    assert kept.pixels is not None and kept.pixels.size == kept.size == plain.size
    assert kept.data == plain.data
