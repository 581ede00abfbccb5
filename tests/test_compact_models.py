"""The frozen bundle's compact OCR models (packaging/compact_models.py, docs/adr/0008).

The bundle reads with float16-weight copies of rapidocr's models and without OpenCV;
these tests build the copies the way the spec does and read cards exactly as the bundle
would, so what ships is what is tested.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("onnx")  # the dev extra; the converter runs at build time only

ROOT = Path(__file__).resolve().parents[1]


def _load_compact_models() -> ModuleType:
    """packaging/compact_models.py by path: packaging/ on sys.path would let its build.py
    shadow the PyPA `build` package for every later test."""
    spec = importlib.util.spec_from_file_location(
        "compact_models", ROOT / "packaging" / "compact_models.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compact_models = _load_compact_models()


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("compact-models")
    compact_models.build(folder)
    yield folder


def test_the_copies_of_the_default_models_are_half_the_size(models: Path) -> None:
    manifest = json.loads((models / "models.json").read_text(encoding="utf-8"))
    from pictotext_desktop.engines.local import MODEL_ROLES

    assert set(manifest["files"]) == set(MODEL_ROLES)
    sources = compact_models.default_model_files()
    for role in ("Det", "Rec"):
        source = sources[role]
        info = manifest["sources"][role]
        assert info["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
        compact = models / manifest["files"][role]
        assert compact.stat().st_size < 0.55 * source.stat().st_size, role
    # the recogniser's character list travels in the model's metadata
    import onnx

    rec = onnx.load(str(models / manifest["files"]["Rec"]), load_external_data=False)
    assert any(p.key == "character" and len(p.value) > 1000 for p in rec.metadata_props)


def test_the_engine_passes_the_compact_files_to_rapidocr(models: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from pictotext_desktop.engines import local

    monkeypatch.setattr(local, "MODELS_DIR", models)
    params = local.model_params()
    assert set(params) == {"Det.model_path", "Cls.model_path", "Rec.model_path"}
    assert all(Path(path).parent == models and Path(path).is_file() for path in params.values())
    monkeypatch.setattr(local, "MODELS_DIR", models / "missing")
    assert local.model_params() == {}  # a pip install: rapidocr's own files


def test_a_bundle_without_its_models_refuses_to_load_instead_of_downloading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundle has no rapidocr model files: rapidocr must never be left to fetch them."""
    from pictotext_desktop import errors
    from pictotext_desktop.engines import local

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(local, "MODELS_DIR", tmp_path)  # no models.json
    with pytest.raises(errors.EngineUnavailableError) as info:
        local._load()
    assert "models could not be loaded" in str(info.value)
    assert "models.json is missing or incomplete" in (info.value.detail or "")


_AS_BUNDLED = r"""
import json, sys
sys.modules["cv2"] = None  # no OpenCV, as in the frozen bundle
from pathlib import Path
from pictotext_desktop.engines import local
from pictotext_desktop.imaging import PrepareOptions, Source, prepare

local.MODELS_DIR = Path(sys.argv[1])
fields = []
for path in sys.argv[2:]:
    image = prepare(Source(data=Path(path).read_bytes(), name=Path(path).name),
                    PrepareOptions())
    fields.append(local.LocalEngine().recognize(image, "cn_id_card").fields)
ocr = local.get_runtime()._ocr
used = [str(getattr(ocr, a).session.session._model_path)
        for a in ("text_det", "text_cls", "text_rec")]
print(json.dumps({"fields": fields, "models": used}, ensure_ascii=False))
"""


def test_cards_are_read_exactly_as_the_bundle_reads_them(models: Path, tmp_path: Path) -> None:
    from bench.cards import make_card

    cards = [make_card(51, "front", "perspective"), make_card(52, "back", "rot180"),
             make_card(53, "front", "heic")]
    paths = []
    for i, card in enumerate(cards):
        path = tmp_path / f"{i}-{card.filename}"
        path.write_bytes(card.data)
        paths.append(str(path))
    proc = subprocess.run([sys.executable, "-c", _AS_BUNDLED, str(models), *paths], cwd=ROOT,
                          capture_output=True, text=True, timeout=240, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert all(Path(path).parent == models for path in report["models"]), report["models"]
    for card, fields in zip(cards, report["fields"], strict=True):
        assert fields == card.expected
