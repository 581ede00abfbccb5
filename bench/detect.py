"""Card detection on generated photos: corners, IoU, two-card recall, orientation, speed.

    python bench/detect.py [--count 48] [--seed 7] [--size 4000x3000]
    python bench/detect.py --orient            # + 0/180 from the text (on-device runtime)
    python bench/detect.py --ocr 24            # + fields on-device: whole photo vs card
    python bench/detect.py --widths 24         # which straightened width reads best
    python bench/detect.py --hard held --at 2000   # bench/hard_set.py's photos, detection only

Photos come from bench/cards.py `make_photo` (cards on wood, fabric, paper, a keyboard or
a flatbed; tilt, perspective, glare, blur, thumb, EXIF, two cards, cut off, no card), so
every corner is known.  A card counts as found when the detected quad's IoU with the
truth is >= 0.95.  Timing is detection + straightening of every card, per photo, at the
photo's full size (12 MP by default); the machine's other load shows in it.
Also prints the distributions the quality thresholds were chosen from.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cards import (
    EXTRA_DISTORTIONS,
    FIELD_KEYS,
    PHOTO_DISTORTIONS,
    GeneratedPhoto,
    PhotoCard,
    photo_set,
)
from pictotext_desktop.cards import CardQuad, find_cards, straighten
from pictotext_desktop.cards.quality import measure
from pictotext_desktop.cards.upright import decide_turn


def iou(a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...],
        size: tuple[int, int], scale: float = 0.25) -> float:
    """Intersection over union of two quads, rasterised at `scale`."""
    w, h = max(1, round(size[0] * scale)), max(1, round(size[1] * scale))
    # Quads may run out of the frame (cut off): rasterise on a canvas with a margin.
    pad = round(0.5 * max(w, h))
    masks = []
    for quad in (a, b):
        img = Image.new("1", (w + 2 * pad, h + 2 * pad), 0)
        ImageDraw.Draw(img).polygon([(x * scale + pad, y * scale + pad) for x, y in quad], 1)
        masks.append(np.asarray(img, dtype=bool))
    union = (masks[0] | masks[1]).sum()
    return float((masks[0] & masks[1]).sum() / union) if union else 0.0


def corner_error(truth: PhotoCard, quad: CardQuad) -> float:
    """Mean distance from each true corner to the nearest detected corner, px."""
    det = np.array(quad.corners)
    return float(np.mean([np.min(np.hypot(*(det - np.array(c)).T)) for c in truth.corners]))


def expected_turn(truth: PhotoCard, quad: CardQuad) -> int | None:
    """0 or 180: the turn that makes the straightened card upright (None: laid short)."""
    det = np.array(quad.corners)
    k = int(np.argmin(np.hypot(*(det - np.array(truth.corners[0])).T)))
    return {0: 0, 2: 180}.get(k)


def match(
    photo: GeneratedPhoto, quads: list[CardQuad]
) -> list[tuple[PhotoCard, CardQuad | None, float]]:
    out = []
    for card in photo.cards:
        scored = [(iou(card.corners, q.corners, photo.size), q) for q in quads]
        best = max(scored, key=lambda s: s[0], default=(0.0, None))
        out.append((card, best[1], best[0]))
    return out


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=48)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--size", default="4000x3000")
    ap.add_argument("--orient", action="store_true", help="0/180 by the angle classifier")
    ap.add_argument("--ocr", type=int, default=0, help="photos to read on-device (slow)")
    ap.add_argument("--widths", type=int, default=0, help="photos for the width sweep")
    ap.add_argument("--show", type=int, default=0, help="print the N worst photos")
    ap.add_argument("--hard", default="", help="tune or held: bench/hard_set.py's photos")
    ap.add_argument("--at", type=int, default=0,
                    help="with --hard: look at the photo decoded at about this long side "
                         "(card_prepare.SPLIT_SIDE is 2000)")
    args = ap.parse_args()
    if args.hard:
        return hard_set_detection(args.hard, args.at)
    size = tuple(int(v) for v in args.size.split("x"))
    distortions = PHOTO_DISTORTIONS + EXTRA_DISTORTIONS
    photos = photo_set(args.count, args.seed, distortions, size)  # type: ignore[arg-type]

    runtime = None
    if args.orient or args.ocr or args.widths:
        from pictotext_desktop.engines.local import get_runtime

        runtime = get_runtime()

    per: dict[str, list[float]] = defaultdict(list)
    errors_px: list[float] = []
    errors_pct: list[float] = []
    ious: list[float] = []
    times: list[float] = []
    cpu_times: list[float] = []
    scores_true: list[float] = []
    scores_false: list[float] = []
    turn_ok: dict[str, list[int]] = defaultdict(list)
    quality: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    two_found = two_total = none_clean = none_total = cut_flag = cut_total = 0
    worst: list[tuple[float, str]] = []
    misses: list[str] = []
    load_start = os.getloadavg()[0]
    for photo in photos:
        img = photo.image()
        t, c = time.perf_counter(), time.process_time()
        quads = find_cards(img)
        cards = [straighten(img, q) for q in quads]
        times.append(time.perf_counter() - t)
        cpu_times.append(time.process_time() - c)
        matched = match(photo, quads)
        used = {id(q) for _, q, v in matched if q is not None and v >= 0.5}
        for q in quads:
            (scores_true if id(q) in used else scores_false).append(q.score)
        label = f"{photo.seed} {photo.distortion} {photo.texture}"
        wrong = [q for q in quads if id(q) not in used]
        if wrong:
            misses.append(f"{label}: {len(wrong)} quad(s) matching no card, scores "
                          f"{[round(q.score, 3) for q in wrong]}")
        if photo.distortion == "none":
            none_total += 1
            none_clean += not quads
            continue
        if photo.distortion == "cutoff":
            cut_total += 1
            cut_flag += any(q.cut_off for q in quads)
            continue
        if photo.distortion == "two":
            two_total += 1
            two_found += all(v >= 0.95 for _, _, v in matched)
        for card, quad, value in matched:
            ious.append(value)
            per[photo.distortion].append(value)
            per[photo.texture].append(value)
            worst.append((value, label))
            if value < 0.95:
                misses.append(f"{label}: IoU {value:.3f}, {len(quads)} quad(s)")
            if quad is None:
                continue
            diag = float(np.hypot(quad.long_side, quad.short_side))
            err = corner_error(card, quad)
            errors_px.append(err)
            errors_pct.append(100 * err / diag)
            m = measure(img, quad)
            quality["sharpness"][photo.distortion].append(m.sharpness)
            quality["glare"][photo.distortion].append(m.glare)
            quality["text_px"][photo.distortion].append(m.text_px)
            if runtime is not None and args.orient and value >= 0.5:
                want = expected_turn(card, quad)
                card_img = cards[quads.index(quad)]
                got = decide_turn(card_img, runtime).turn
                turn_ok[photo.distortion].append(int(want == got))

    n = len(ious)
    if not photos:
        times = cpu_times = [0.0]
    print(f"photos {len(photos)} ({size[0]}x{size[1]}), cards {n}, seed {args.seed}")
    share = sum(v >= 0.95 for v in ious) / max(n, 1)
    print(f"IoU >= 0.95: {share:.1%}   median IoU {pct(ious, 50):.3f}   "
          f"p10 {pct(ious, 10):.3f}   min {min(ious, default=0):.3f}")
    print(f"corner error px: median {pct(errors_px, 50):.1f}  p90 {pct(errors_px, 90):.1f}; "
          f"% of diagonal: median {pct(errors_pct, 50):.2f}  p90 {pct(errors_pct, 90):.2f}")
    print(f"two-card photos with both found: {two_found}/{two_total}")
    print(f"no-card photos with nothing found: {none_clean}/{none_total}")
    print(f"cut-off photos flagged cut off: {cut_flag}/{cut_total}")
    print(f"detect+straighten per photo: wall median {1000 * statistics.median(times):.0f} ms, "
          f"p90 {1000 * pct(times, 90):.0f} ms; CPU median "
          f"{1000 * statistics.median(cpu_times):.0f} ms, p90 {1000 * pct(cpu_times, 90):.0f} ms "
          f"(load average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)")
    app_wall, app_cpu, app_load = app_count_path(photos)
    print(f"app count path (JPEG bytes -> decode at SPLIT_SIDE 2000 px by DCT scaling -> "
          f"card_prepare.find) per photo: wall median {1000 * statistics.median(app_wall):.0f} "
          f"ms, p90 {1000 * pct(app_wall, 90):.0f} ms; CPU median "
          f"{1000 * statistics.median(app_cpu):.0f} ms, p90 {1000 * pct(app_cpu, 90):.0f} ms "
          f"(load average {app_load[0]:.1f} at the start, {app_load[1]:.1f} at the end)")
    print(f"quads matching no card: {len(scores_false)}")
    print(f"scores: matched cards min {min(scores_true, default=0):.3f} "
          f"p5 {pct(scores_true, 5):.3f}; false quads {sorted(round(s, 3) for s in scores_false)}")
    print("share IoU >= 0.95 by distortion / texture:")
    for key, values in sorted(per.items()):
        print(f"  {key:12s} {sum(v >= 0.95 for v in values)}/{len(values)}")
    if turn_ok:
        total = sum(sum(v) for v in turn_ok.values())
        count = sum(len(v) for v in turn_ok.values())
        print(f"orientation (0/180 by text) right: {total}/{count}")
        for key, values in sorted(turn_ok.items()):
            print(f"  {key:12s} {sum(values)}/{len(values)}")
    print("quality measures by distortion (p10 / median / p90):")
    for measure_name, by in quality.items():
        print(f"  {measure_name}")
        for key, values in sorted(by.items()):
            p10, p50, p90 = pct(values, 10), pct(values, 50), pct(values, 90)
            print(f"    {key:12s} {p10:9.3f} {p50:9.3f} {p90:9.3f}")
    for line in misses:
        print(f"  miss: {line}")
    if args.show:
        for value, label in sorted(worst)[: args.show]:
            print(f"  worst: {value:.3f} {label}")
    if args.ocr:
        read_fields(args.ocr, args.seed + 1, size, runtime)
    if args.widths:
        sweep_widths(args.widths, args.seed + 2, size, runtime)
    return 0


def app_count_path(
    photos: list[GeneratedPhoto],
) -> tuple[list[float], list[float], tuple[float, float]]:
    """The app's own look at a photo (card_prepare.count_cards without its cache): the
    JPEG's bytes decoded at SPLIT_SIDE (JPEG DCT scaling, EXIF turn), then the cards found
    on it.  Per photo wall and CPU seconds, and the load average before and after."""
    from pictotext_desktop import card_prepare
    from pictotext_desktop.imaging import PrepareOptions, Source

    options = PrepareOptions()
    wall: list[float] = []
    cpu: list[float] = []
    load_start = os.getloadavg()[0]
    for photo in photos:
        source = Source(data=photo.data, name=photo.filename)
        t, c = time.perf_counter(), time.process_time()
        image = card_prepare._upright(source, options, card_prepare.SPLIT_SIDE)[0]
        card_prepare.find(image)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    if not photos:
        wall = cpu = [0.0]
    return wall, cpu, (load_start, os.getloadavg()[0])


def hard_set_detection(set_name: str, at: int) -> int:
    """Detection alone on bench/hard_set.py's photos (60 per set, cached like it does):
    cards found with IoU >= 0.95, photos with a quad too many, and each miss."""
    import tempfile

    from bench.hard_set import photos

    items = photos(set_name, 60, Path(tempfile.gettempdir()) / "pictotext-hard")
    found = total = extra = 0
    cpu: list[float] = []
    misses: list[str] = []
    for photo in items:
        img = photo.image()
        factor = -(-max(img.size) // at) if at else 1
        if factor > 1:
            img = img.reduce(factor)
        c = time.process_time()
        quads = find_cards(img)
        cpu.append(time.process_time() - c)
        scale = photo.size[0] / img.size[0]
        quads = [q.scaled(scale) for q in quads]
        matched = match(photo, quads)
        total += len(matched)
        good = sum(v >= 0.95 for _, _, v in matched)
        found += good
        extra += max(0, len(quads) - good)
        for _card, _quad, value in matched:
            if value < 0.95:
                misses.append(f"{photo.filename}: IoU {value:.3f}, {len(quads)} quads")
        if len(quads) > good and good == len(matched):
            misses.append(f"{photo.filename}: {len(quads) - good} quad(s) too many")
    side = f"{img.size[0]}x{img.size[1]}" if at else "full size"
    print(f"hard set {set_name} ({len(items)} photos at {side}): cards found (IoU >= 0.95) "
          f"{found}/{total}, quads that are no card {extra}; CPU median "
          f"{1000 * statistics.median(cpu):.0f} ms")
    for line in misses:
        print(f"  {line}")
    return 0


def _prepared(img: Image.Image, name: str) -> object:
    from pictotext_desktop.imaging import PrepareOptions, Source, prepare

    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=92)
    return prepare(Source(data=buf.getvalue(), name=name), PrepareOptions())


def _score_fields(got: dict[str, str | None], want: dict[str, str | None]) -> tuple[int, int]:
    keys = [k for k in FIELD_KEYS if want.get(k)]
    return sum(got.get(k) == want[k] for k in keys), len(keys)


def read_fields(count: int, seed: int, size: tuple[int, int], runtime: object) -> None:
    """Fields exact on-device: the whole photo (today) vs the straightened upright card."""
    from pictotext_desktop.engines.local import LocalEngine

    engine = LocalEngine()
    single = tuple(d for d in PHOTO_DISTORTIONS if d != "two")
    photos = photo_set(count, seed, single, size)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    card_times = []
    for photo in photos:
        truth = photo.cards[0]
        whole = engine.recognize(
            _prepared(photo.image(), photo.filename), "cn_id_card")  # type: ignore[arg-type]
        ok_whole, n = _score_fields(whole.fields, truth.expected)
        img = photo.image()
        t = time.perf_counter()
        quads = find_cards(img)
        ok_card = 0
        if quads:
            flat = straighten(img, quads[0])
            turn = decide_turn(flat, runtime).turn  # type: ignore[arg-type]
            if turn:
                flat = flat.rotate(-turn, expand=True)
            result = engine.recognize(_prepared(flat, photo.filename), "cn_id_card")  # type: ignore[arg-type]
            ok_card, _ = _score_fields(result.fields, truth.expected)
        else:
            ok_card = ok_whole
        card_times.append(time.perf_counter() - t)
        for key in (photo.distortion, "all"):
            totals[key][0] += ok_whole
            totals[key][1] += ok_card
            totals[key][2] += n
    print(f"fields exact on-device, {count} photos (whole photo -> straightened card):")
    for key, (a, b, n) in sorted(totals.items()):
        print(f"  {key:12s} {a}/{n} ({a / max(n, 1):.1%}) -> {b}/{n} ({b / max(n, 1):.1%})")
    print(f"card path per photo (detect, straighten, turn, read): median "
          f"{statistics.median(card_times):.2f} s")


def sweep_widths(count: int, seed: int, size: tuple[int, int], runtime: object) -> None:
    """Fields exact when the card is straightened to each width (the reading resolution)."""
    from pictotext_desktop.engines.local import LocalEngine

    engine = LocalEngine()
    photos = photo_set(count, seed, ("plain", "tilt", "perspective", "small", "blur"), size)
    for width in (640, 800, 1000, 1200, 1400):
        ok = total = 0
        t = time.perf_counter()
        for photo in photos:
            img = photo.image()
            quads = find_cards(img)
            if not quads:
                total += sum(1 for k in FIELD_KEYS if photo.cards[0].expected.get(k))
                continue
            flat = straighten(img, quads[0], width)
            turn = decide_turn(flat, runtime).turn  # type: ignore[arg-type]
            if turn:
                flat = flat.rotate(-turn, expand=True)
            result = engine.recognize(_prepared(flat, photo.filename), "cn_id_card")  # type: ignore[arg-type]
            a, n = _score_fields(result.fields, photo.cards[0].expected)
            ok += a
            total += n
        print(f"  width {width:5d}: {ok}/{total} fields exact ({ok / max(total, 1):.1%}), "
              f"{(time.perf_counter() - t) / len(photos):.2f} s/photo")


if __name__ == "__main__":
    raise SystemExit(main())
