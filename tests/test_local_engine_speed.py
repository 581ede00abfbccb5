"""Work the on-device reader leaves out on a card the card step cut out, with the same
fields read (real OCR runtime, generated photos whose printed fields are known,
bench/cards.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager

import pytest

from pictotext_desktop.engines import local
from tests.test_local_engine_boxes import _card
from tests.test_local_engine_turn import model_inputs


@pytest.fixture()
def engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[local.LocalEngine]:
    monkeypatch.setattr(local, "CARD_BOXES", True)
    monkeypatch.setattr(local, "GIVEN_CLS", False)
    local.get_runtime()
    yield local.LocalEngine()


def classifier_batches(runtime: local.OcrRuntime) -> AbstractContextManager[list[int]]:
    """The number of lines in every batch the angle classifier is given while the block
    runs."""
    return model_inputs(runtime._ocr._load_cls_model(), lambda batch: batch.shape[0])


@pytest.mark.parametrize("turned", [False, True], ids=["as-it-lay", "upside-down"])
def test_the_card_steps_lines_are_read_without_the_angle_classifier(
        engine: local.LocalEngine, monkeypatch: pytest.MonkeyPatch, turned: bool) -> None:
    # GIVEN a card the card step cut out and turned upright by its lines' vote
    image, wanted = _card(3, turned)
    assert image.text_boxes
    # WHEN it is read
    with classifier_batches(local.get_runtime()) as seen:
        result = engine.recognize(image, "cn_id_card")
    # THEN every field is read, upright, and the classifier never ran again on its lines
    assert {k: result.fields[k] for k in wanted} == wanted
    assert not result.warnings
    assert seen == []
    # AND classifying them again (as before) reads the same fields at the cost of it
    monkeypatch.setattr(local, "GIVEN_CLS", True)
    with classifier_batches(local.get_runtime()) as again:
        before = engine.recognize(image, "cn_id_card")
    assert before.fields == result.fields
    assert sum(again) >= len(wanted)


def test_the_runtimes_threads_sleep_between_steps_and_read_the_same(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the loaded runtime and a card cut out of a photo
    runtime = local.get_runtime()
    image, wanted = _card(5, False)
    bgr = local.decode_for_ocr(image)
    # WHEN it reads the card
    lines = runtime.read(bgr, local.READ_DET_SIDE)
    # THEN none of its three models' threads spin while they wait for work
    for role in ("det", "cls", "rec"):
        options = getattr(runtime._ocr, f"text_{role}").session.session._sess_options
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    # AND spinning threads (onnxruntime's default) read the very same lines
    monkeypatch.setattr(local, "ORT_SPIN", True)
    spinning = runtime.read(bgr, local.READ_DET_SIDE)
    assert [line.text for line in spinning] == [line.text for line in lines]
    assert any(wanted["name"] in line.text for line in lines)

