"""Where a card's time goes: per stage CPU and wall seconds per card on a hard_set set.

    python bench/card_profile.py [set] [photos]     # e.g. tune 30

Each stage (the card step's decode, find_cards, region decode, straighten, the turn
vote; the reader's readings, gated passes, extraction; inside rapidocr each model and
each onnxruntime session) is timed by wrapping it (process_time and perf_counter), with
the reading configured as `bench/hard_set.py --configs after` reads.  Times are
inclusive: a stage's row counts the stages it calls.
"""

from __future__ import annotations

import functools
import importlib
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import hard_set
from pictotext_desktop import card_prepare, imaging
from pictotext_desktop.engines import cn_id_extract, local
from pictotext_desktop.imaging import PrepareOptions, Source

TOTALS: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])  # wall, CPU, calls


def _add(label: str, wall: float, cpu: float) -> None:
    row = TOTALS[label]
    row[0] += wall
    row[1] += cpu
    row[2] += 1


def wrap(owner: Any, name: str, label: str) -> None:
    """Time every call of `owner.name` under `label`."""
    inner: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(inner)
    def timed(*args: Any, **kwargs: Any) -> Any:
        t, c = time.perf_counter(), time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            _add(label, time.perf_counter() - t, time.process_time() - c)

    setattr(owner, name, timed)


def instrument() -> None:
    from rapidocr.ch_ppocr_cls import TextClassifier
    from rapidocr.ch_ppocr_det import TextDetector
    from rapidocr.ch_ppocr_rec import TextRecognizer

    cards = "pictotext_desktop.cards."
    for owner, name, label in (
            (card_prepare, "_detect", "A split: decode at 2000 px + find"),
            (card_prepare, "_upright", "A1  decode at 2000 px"),
            (card_prepare, "find", "A2  find_cards"),
            (card_prepare, "_card_region", "B region decode"),
            (importlib.import_module(cards + "quality"), "assess", "C quality.assess"),
            (importlib.import_module(cards + "straighten"), "straighten", "D straighten"),
            (importlib.import_module(cards + "upright"), "decide_turn", "E turn vote"),
            (local.OcrRuntime, "vote_lines", "E1  vote_lines (det + cls)"),
            (imaging, "_encode_within", "F encode the card"),
            (local, "_full", "G reader: pixels to BGR"),
            (local.OcrRuntime, "read", "H runtime.read (every reading)"),
            (local, "_rotation", "I the reader's turn"),
            (cn_id_extract, "extract", "J extract"),
            (local, "_read_again", "K gated wide/sharp reads"),
            (local, "_second_read", "L gated text-region crop"),
            (local, "_whole_photo", "M whole photo prepared"),
            (TextDetector, "__call__", "R rapidocr det"),
            (TextClassifier, "__call__", "R rapidocr cls"),
            (TextRecognizer, "__call__", "R rapidocr rec")):
        wrap(owner, name, label)
    ocr = local.get_runtime()._ocr
    for role in ("det", "cls", "rec"):
        wrap(getattr(ocr, f"text_{role}"), "session", f"S onnxruntime {role}")


def main() -> int:
    set_name = sys.argv[1] if len(sys.argv) > 1 else "tune"
    local.preload()
    instrument()
    hard_set.configure("after", quiet=True)
    items = hard_set.photos(set_name, 60, Path(tempfile.gettempdir()) / "pictotext-hard")
    items = items[:int(sys.argv[2])] if len(sys.argv) > 2 else items
    engine = local.LocalEngine()
    options = PrepareOptions(keep_pixels=True, send=card_prepare.SEND_CARD)
    count, walls, cpus = 0, [], []
    for photo in items:
        card_prepare._found.clear()
        t, c = time.perf_counter(), time.process_time()
        sources = card_prepare.split([Source(data=photo.data, name=photo.filename)], options)
        cards = [card_prepare.prepare(s, options) for s in sources]
        _add("T card step (split + prepare)", time.perf_counter() - t,
             time.process_time() - c)
        for card in cards:
            engine.recognize(card, "cn_id_card")
        per = max(1, len(photo.cards))
        walls.append((time.perf_counter() - t) / per)
        cpus.append((time.process_time() - c) / per)
        count += len(photo.cards)
    print(f"set {set_name}: {len(items)} photos, {count} cards, load average "
          f"{os.getloadavg()[0]:.1f}; per card median: wall {statistics.median(walls):.2f} s, "
          f"CPU {statistics.median(cpus):.2f} s")
    print(f"{'stage (per card, mean)':38s} {'wall s':>8s} {'CPU s':>8s} {'calls':>6s}")
    for label in sorted(TOTALS):
        wall, cpu, calls = TOTALS[label]
        print(f"{label:38s} {wall / count:8.3f} {cpu / count:8.3f} {calls:6.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
