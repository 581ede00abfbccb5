"""Office-scale figures: a 1,000-image batch against the stand-in server, CLI and window.

    python bench/scale.py [--images 1000] [--delay 0.05] [--only cli|window]
    BENCH_SEND=whole python bench/scale.py ...   # the window without the card step
    BENCH_SWITCH_MS=0.5 python bench/scale.py ...   # another GIL switch interval than
                                                      # Python's 5 ms (0.5 did not pay)

Images: cards of `bench/cards.mixed_set` (every variant: scans, phone photos, perspective,
EXIF, HEIC, 12 MP "big" ones), each marked with its own number, so no two are the same
image and "never pay twice" does not short-circuit the batch (`--copies K` sends each
image K times to see that too).  They are made once and kept in the temp dir.

The stand-in server runs in its own process (`python -m pictotext_desktop.standin`), as
PicToText would; each side of the app runs in a fresh process of its own too, so its peak
resident memory (ru_maxrss from wait4) is that process's alone.

CLI (`scan -f jsonl --no-merge`): every image exactly one record, time to the first record
against the total (it streams), peak memory (target <= 400 MB).

Window (offscreen, or --xvfb): the images are dropped on the queue at once, read in as a
drop is (the intake thread, ui/window_intake.py `take_paths`: their rows come in turns
while the heartbeat already runs); while the batch runs a person works in it: scrolls the
queue, selects a row, edits a field of the selected result, one action every 150 ms.
Reported: every image exactly one result, peak memory (<= 400 MB; also the window
process's own peak and each card worker process's, card_worker.py, whose cards are
counted and prepared there: VmHWM, as a child's ru_maxrss starts at its parent's), the
GUI thread's worst stall and 99th percentile (a 5 ms QTimer heartbeat;
<= 50 ms) with the GUI thread's own CPU time in the worst gap (near the gap: our work;
far below it: the thread was starved of CPU or of the GIL) and its longest own stretch of
work, each action's latency (the call, then at once the relayout and the paint it asked
for, as the event loop's next turn would do them; BENCH_FULL_REPAINT=1 repaints both views
whole instead, as this benchmark did until December 2026, which paints a selection's 11
queue rows where Qt paints the 2 that changed), the
garbage collections (on the GUI thread, as the app runs them: ui/gc_guard.py), what the
longest gaps held (collections, the person's actions; the rest is waiting), and how
many thumbnails were made (lazily: at the drop only the rows shown).  The load average
is printed with the figures: 2 busy cores inflate every stall.

Where a long gap went: each gap over 40 ms is split into the GUI thread's own CPU, its
time waiting for a core (Linux schedstat) and the rest (asleep: the GIL or a lock);
BENCH_THREADS=1 adds which of the window's threads ran in it (sampled from another
process), BENCH_ACT_PROFILE=1 a profile of the three actions that took the most CPU.  On a shared
machine note Linux's autogroups: another terminal session's processes get an equal share
of the cores whatever their nice value (`echo 19 > /proc/PID/autogroup` lowers a session).

Which threads hold the GIL while it runs (how the stall of #16 was traced to the window's
card counting and preparing threads): `py-spy record --subprocesses --gil --threads -r 100
-f raw -o gil.txt -- python bench/scale.py --images 200 --only window`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.gui import KEY, standin_process, xvfb  # noqa: E402

TARGET_MB = 400
TARGET_STALL_MS = 50


def make_images(count: int, copies: int = 1, distinct: int = 65) -> Path:
    """`count` different card photos (kept between runs), plus `copies - 1` byte-identical
    copies of each in a folder of its own when asked.

    `distinct` cards come from `bench/cards.mixed_set` (every variant, 5 of each); the rest
    are those with a small mark of their own drawn on (format and EXIF kept), which is far
    quicker than drawing a new card and still a different image to prepare and send."""
    from bench.cards import mixed_set

    folder = Path(tempfile.gettempdir()) / f"pictotext-scale-{count}"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        base = mixed_set(min(distinct, count), seed=3000)
        for i in range(count):
            card = base[i % len(base)]
            data = card.data if i < len(base) else _marked(card.data, i)
            (folder / f"{i:04d}-{card.filename}").write_bytes(data)
        done.write_text("ok")
    if copies <= 1:
        return folder
    mixed = Path(tempfile.gettempdir()) / f"pictotext-scale-{count}x{copies}"
    if not (mixed / ".complete").exists():
        mixed.mkdir(parents=True, exist_ok=True)
        for path in images_in(folder):
            for k in range(copies):
                (mixed / f"{k}-{path.name}").write_bytes(path.read_bytes())
        (mixed / ".complete").write_text("ok")
    return mixed


def _marked(data: bytes, number: int) -> bytes:
    """The same photo with `number` drawn small in a corner, saved as it was."""
    import io

    import pillow_heif
    from PIL import Image, ImageDraw

    pillow_heif.register_heif_opener()
    with Image.open(io.BytesIO(data)) as original:
        kind = original.format or "JPEG"
        exif = original.info.get("exif")
        image = original.convert("RGB")
    ImageDraw.Draw(image).text((12, 12), f"{number:05d}", fill=(number % 256, 40, 90))
    out = io.BytesIO()
    if kind in ("HEIF", "HEIC"):
        pillow_heif.from_pillow(image).save(out, quality=70)
    elif exif:
        image.save(out, "JPEG", quality=88, exif=exif)
    else:
        image.save(out, "JPEG", quality=88)
    return out.getvalue()


def images_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def child_env(config: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PYTHONPATH=str(ROOT), PICTOTEXT_API_KEY=KEY, PICTOTEXT_CONFIG_DIR=config,
               PICTOTEXT_LOG_DIR=config, XDG_DATA_HOME=config,
               PYTHON_KEYRING_BACKEND="tests.memory_keyring.MemoryKeyring")
    return env


def load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


# -- CLI -------------------------------------------------------------------------------
def run_cli(folder: Path, url: str) -> dict[str, object]:
    expected = {str(p) for p in images_in(folder)}
    with tempfile.TemporaryDirectory() as config:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "pictotext_desktop", "scan", "-f", "jsonl", "--no-merge",
             "--api-url", url, "--rate-limit", "100", "--log-level", "WARNING",
             str(folder)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env=child_env(config))
        assert child.stdout is not None and child.stderr is not None
        first: float | None = None
        sources: list[str] = []
        ok = 0
        for line in child.stdout:
            if first is None:
                first = time.perf_counter() - started
            record = json.loads(line)
            sources.append(record.get("source", ""))
            ok += record.get("error") is None
        total = time.perf_counter() - started
        errors = child.stderr.read()
        _pid, status, usage = os.wait4(child.pid, 0)
    # A photo of two cards gives `photo.jpg #1` and `#2`: one record per card, every photo.
    photos = {re.sub(r" #[1-9][0-9]*$", "", source) for source in sources}
    once = len(sources) == len(set(sources)) and photos == expected
    return {"records": len(sources), "ok": ok, "expected": len(expected),
            "exactly_once": once, "first_s": first, "total_s": total,
            "peak_mb": usage.ru_maxrss / 1024, "exit": os.waitstatus_to_exitcode(status),
            "cpu_s": usage.ru_utime + usage.ru_stime,
            "stderr": errors[-500:]}


# -- window ----------------------------------------------------------------------------
def run_window(folder: Path, url: str, display: str | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as config, tempfile.NamedTemporaryFile(
            "r", suffix=".json") as out:
        env = child_env(config)
        if display is not None:
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        child = subprocess.Popen(
            [sys.executable, __file__, "--window-child", str(folder), url, out.name],
            cwd=ROOT, env=env)
        _pid, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"the window run failed ({status})")
        result: dict[str, object] = json.loads(Path(out.name).read_text())
    result["peak_mb"] = usage.ru_maxrss / 1024
    result["cpu_s"] = usage.ru_utime + usage.ru_stime
    return result


def window_child(folder: Path, url: str, out: Path) -> None:
    """In its own process: the window, a heartbeat, a person's actions, the batch.

    PICTOTEXT_BENCH_PROFILE=FILE: a cProfile of the GUI thread's work to FILE."""
    import faulthandler
    import random
    import signal
    from collections import Counter

    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.jobs import JobState
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.ui.main_window import MainWindow

    faulthandler.register(signal.SIGUSR1)  # kill -USR1: where every thread is
    import gc

    from pictotext_desktop.ui.gc_guard import GuiThreadGarbageCollector

    app = QApplication([])
    collector = GuiThreadGarbageCollector(app)  # as the app runs: collections on this thread
    if os.environ.get("BENCH_SWITCH_MS"):  # the interpreter's GIL switch interval
        sys.setswitchinterval(float(os.environ["BENCH_SWITCH_MS"]) / 1000)
    pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
    gc_started = [0.0]
    # What ran on the GUI thread, to tell what the longest gaps were made of:
    # (start, end, what) in perf_counter seconds, for collections and the person's actions.
    spans: list[tuple[float, float, str]] = []

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            ended_at = time.perf_counter()
            pauses[info["generation"]].append((ended_at - gc_started[0]) * 1000)
            spans.append((gc_started[0], ended_at, f"gc{info['generation']}"))

    gc.callbacks.append(timed)
    store = SettingsStore(persist=False)
    store.override("api_url", url)
    store.override("rate_limit", 100.0)
    store.override("auto_merge", False)
    if os.environ.get("BENCH_SEND"):
        store.override("send", os.environ["BENCH_SEND"])
    window = MainWindow(store, keystore=KeyStore(store))
    window.confirm = lambda title, text: True
    collector.busy = lambda: window.controller.running  # as the app sets it
    window.resize(1100, 720)
    window.show()
    settle = QEventLoop()
    QTimer.singleShot(500, settle.quit)
    settle.exec()
    # The benchmark's own first call of viewport() makes PySide6 create ~50 lazy enum
    # types (20-60 ms once); the app never asks for it from Python, so not in a gap.
    window.queue_view.viewport()

    made: list[int] = []
    model = window.model
    lazy = hasattr(model, "thumbnail_wanted")  # older versions asked for all at once
    request = model.thumbnail_wanted if lazy else window.thumbnails.request
    assert request is not None

    def counted(job_id: int, source: Any) -> None:
        made.append(job_id)
        request(job_id, source)

    if lazy:
        model.thumbnail_wanted = counted
    else:
        window.thumbnails.request = counted  # type: ignore[method-assign]

    clock = QElapsedTimer()
    clock.start()
    gaps: list[float] = []
    # Linux: the GUI thread's time spent runnable but waiting for a core (schedstat's
    # second field, ns); what is neither its own CPU nor that is waiting for the GIL or a lock.
    sched = (os.open("/proc/thread-self/schedstat", os.O_RDONLY)
             if os.path.exists("/proc/thread-self/schedstat") else None)

    def queued_ns() -> int:
        return int(os.pread(sched, 64, 0).split()[1]) if sched is not None else 0

    last = [clock.nsecsElapsed(), time.thread_time(), queued_ns()]
    worst = [0.0, 0.0, 0.0]  # gap ms, GUI-thread CPU ms in it, ms waiting for a core
    busiest = [0.0]  # the most GUI-thread CPU in one gap: our own longest stretch of work
    # (end, gap ms, own CPU ms, ms waiting for a core) of the gaps over 40 ms
    long_gaps: list[tuple[float, float, float, float]] = []

    # BENCH_THREADS=1: a process of its own samples every thread's CPU time of this one
    # (/proc/PID/task/*/schedstat, every 2 ms; outside this process, so it needs no GIL),
    # to tell which threads ran while the GUI thread waited in its longest gaps.
    sampler = None
    if os.environ.get("BENCH_THREADS"):
        sampler = subprocess.Popen(
            [sys.executable, __file__, "--sample-threads", str(os.getpid()), str(out) + ".cpu"])

    def beat() -> None:
        now, cpu, queued = clock.nsecsElapsed(), time.thread_time(), queued_ns()
        gap, used = (now - last[0]) / 1e6, (cpu - last[1]) * 1000
        waited = (queued - last[2]) / 1e6
        gaps.append(gap)
        if gap > 40:
            long_gaps.append((time.perf_counter(), gap, used, waited))
        if gap > worst[0]:
            worst[:] = [gap, used, waited]
        busiest[0] = max(busiest[0], used)
        last[:] = [now, cpu, queued]

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)

    view = window.queue_view
    full_repaint = bool(os.environ.get("BENCH_FULL_REPAINT"))
    rng = random.Random(7)
    latency: dict[str, list[float]] = {"scroll": [], "select": [], "edit": []}
    turn = [0]

    before_scrolling: list[int] = []

    def act() -> None:
        if not before_scrolling:
            before_scrolling.append(len(set(made)))
        if sampler is not None:  # short-lived threads' names, for the gaps' threads
            import threading

            SEEN_THREADS.update({str(t.native_id): t.name for t in threading.enumerate()})
        rows = window.model.rowCount()
        if not rows:
            return
        kind = ("scroll", "select", "edit")[turn[0] % 3]
        turn[0] += 1
        row = None
        if kind == "edit":
            rows_shown = window.result_view.rows
            row = next((r for r in rows_shown.values() if r.edit.isEnabled()
                        and not r.edit.isReadOnly()), None)
            if row is None:
                return
        started = time.perf_counter()
        cpu_before = time.thread_time()
        if act_profiles is not None:
            act_profile = cProfile.Profile(time.thread_time)  # CPU: load does not blur it
            act_profile.enable()
        if kind == "scroll":
            bar = view.verticalScrollBar()
            bar.setValue(rng.randint(bar.minimum(), bar.maximum()))
        elif kind == "select":
            first = view.rowAt(0)
            last_row = view.rowAt(view.viewport().height() - 1)
            last_row = rows - 1 if last_row < 0 else last_row
            view.select_row(rng.randint(max(first, 0), last_row))
        else:
            assert row is not None
            row.edit.setText(f"edited {turn[0]}")
            row.edit.editingFinished.emit()
        if full_repaint:
            view.viewport().repaint()
            window.result_view.repaint()
        else:  # what the action made dirty, laid out and painted now (not 11 rows for 2)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            QCoreApplication.sendPostedEvents(window, QEvent.Type.UpdateRequest)
        ended_at = time.perf_counter()
        if act_profiles is not None:
            act_profile.disable()
            act_profiles.append(((ended_at - started) * 1000, kind, act_profile,
                                 (time.thread_time() - cpu_before) * 1000))
            act_profiles.sort(key=lambda p: -p[3])  # the most CPU
            del act_profiles[3:]
        latency[kind].append((ended_at - started) * 1000)
        spans.append((started, ended_at, kind))

    # BENCH_ACT_PROFILE=1: a profile of each of the person's actions; the three that took
    # the longest are printed at the end.
    act_profiles: list[tuple[float, str, Any, float]] | None = (
        [] if os.environ.get("BENCH_ACT_PROFILE") else None)
    if act_profiles is not None:
        import cProfile

    person = QTimer()
    person.setInterval(150)
    person.timeout.connect(act)

    loop = QEventLoop()
    window.batch_finished.connect(loop.quit)

    def ended() -> None:  # also when the queue paused (an error dialog) instead of finishing
        if window.reading_in:  # the drop is still being read in: more rows to come
            return
        if window.model.jobs and all(j.state.finished or (j.state == JobState.WAITING
                                                          and window.paused)
                                     for j in window.model.jobs):
            loop.quit()

    watch = QTimer()
    watch.setInterval(500)
    watch.timeout.connect(ended)
    watch.start()
    paths = images_in(folder)
    profile = None
    if os.environ.get("PICTOTEXT_BENCH_PROFILE"):
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    # Dropped as a person drops them: read in by the intake thread (ui/window_intake.py),
    # their rows coming in small turns while the heartbeat already runs.
    heartbeat.start()
    last[:] = [clock.nsecsElapsed(), time.thread_time(), queued_ns()]
    started = time.perf_counter()
    window.take_paths(paths)
    added = time.perf_counter() - started  # the drop's own call (the GUI thread's part)
    person.start()
    QTimer.singleShot(1_200_000, loop.quit)
    loop.exec()
    wall = time.perf_counter() - started
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.environ["PICTOTEXT_BENCH_PROFILE"])
    heartbeat.stop()
    person.stop()
    if sampler is not None:
        sampler.terminate()
        sampler.wait()
    if act_profiles:
        import pstats

        for wall_ms, kind, act_profile, cpu_ms in act_profiles:
            print(f"--- a {kind} that took {wall_ms:.0f} ms ({cpu_ms:.0f} ms of the GUI "
                  "thread's CPU; the profile's times are the GUI thread's CPU):")
            pstats.Stats(act_profile).sort_stats("cumulative").print_stats(18)
    jobs = window.model.jobs
    states = Counter(str(j.state) for j in jobs)
    # A photo of two cards is two rows (`photo.jpg #1`, `#2`): one result per card, every
    # photo at least one.
    from pictotext_desktop.row_sources import photo_path

    sources = [(str(photo_path(j.source)), getattr(j.source, "index", 0))
               for j in jobs if j.state == JobState.DONE and j.record]
    expected = {str(p) for p in paths}
    gaps.sort()

    def made_of(end: float, gap_ms: float) -> dict[str, float]:
        """How much of a gap each collection or action took (ms, by kind)."""
        start, parts = end - gap_ms / 1000, Counter[str]()
        for s_start, s_end, what in spans:
            overlap = min(end, s_end) - max(start, s_start)
            if overlap > 0:
                parts[what] += overlap * 1000
        return dict(parts)

    longest = sorted(long_gaps, key=lambda g: -g[1])[:8]
    result = {
        "rows": len(jobs), "done": len(sources), "expected": len(expected),
        "exactly_once": len(sources) == len(set(sources))
        and {photo for photo, _card in sources} == expected,
        "wall_s": wall, "add_ms": added * 1000, "worst_ms": worst[0],
        "worst_cpu_ms": worst[1], "worst_queued_ms": worst[2],
        "p99_ms": gaps[int(len(gaps) * 0.99)] if gaps else 0,
        "beats": len(gaps), "states": dict(states), "paused": window.paused,
        "thumbnails": len(set(made)), "busiest_cpu_ms": busiest[0],
        "gc": {g: (len(v), max(v, default=0.0)) for g, v in pauses.items()},
        "thumbnails_at_drop": before_scrolling[0] if before_scrolling else len(set(made)),
        "over_50": sum(g > TARGET_STALL_MS for g in gaps),
        "longest": [{"ms": ms, "cpu_ms": cpu, "queued_ms": queued, "made_of": made_of(end, ms),
                     "threads": threads_in(sampler, out, end, ms)}
                    for end, ms, cpu, queued in longest],
        "latency": {k: {"n": len(v), "median": statistics.median(v) if v else 0,
                        "max": max(v, default=0)} for k, v in latency.items()},
    }
    if sampler is not None:
        Path(str(out) + ".cpu").unlink(missing_ok=True)
    result["own_peak_mb"] = own_peak_kb() / 1024
    try:  # the card worker processes' own peaks (they count, decode and prepare)
        from pictotext_desktop.card_worker import POOL

        result["worker_peaks_mb"] = sorted(kb / 1024 for kb in POOL.peaks.values())
    except ImportError:  # a version without them
        result["worker_peaks_mb"] = []
    try:  # the worker of the window's looks at photos (thumbnails, the card outline)
        from pictotext_desktop.card_worker import LOOKS

        result["looks_peak_mb"] = max(LOOKS.peaks.values(), default=0) / 1024
    except ImportError:
        result["looks_peak_mb"] = 0
    window.shutdown()
    collector.uninstall()
    out.write_text(json.dumps(result))
    os._exit(0)  # the figures are out; skip the teardown of 1,000 rows


def sample_threads(pid: int, out: Path) -> None:
    """Every 2 ms, each thread of PID that ran since the last look: `time tid ns` lines."""
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    tasks = Path(f"/proc/{pid}/task")
    before: dict[str, int] = {}
    with out.open("w") as lines:
        while True:
            now = time.perf_counter()
            for task in os.listdir(tasks):
                try:
                    ran = int((tasks / task / "schedstat").read_text().split()[0])
                except (OSError, IndexError, ValueError):
                    continue
                if ran != before.get(task, ran):
                    lines.write(f"{now:.6f} {task} {ran - before[task]}\n")
                before[task] = ran
            time.sleep(0.002)


SEEN_THREADS: dict[str, str] = {}  # native id -> name of the window's Python threads seen


def threads_in(sampler: Any, out: Path, end: float, gap_ms: float) -> dict[str, float]:
    """Which of the window's threads ran in a gap (CPU ms by thread name), from the sampler."""
    if sampler is None:
        return {}
    names = dict(SEEN_THREADS)
    for task in Path("/proc/self/task").iterdir():
        names[task.name] = (task / "comm").read_text().strip()
    try:
        import threading

        names.update({str(t.native_id): t.name for t in threading.enumerate()})
        names[str(threading.main_thread().native_id)] = "GUI"
    except AttributeError:
        pass
    ran: dict[str, float] = {}
    start = end - gap_ms / 1000
    for line in Path(str(out) + ".cpu").read_text().splitlines():
        at, task, ns = line.split()
        if start < float(at) <= end + 0.002:
            name = names.get(task, task)
            ran[name] = ran.get(name, 0.0) + int(ns) / 1e6
    return {name: ms for name, ms in sorted(ran.items(), key=lambda r: -r[1]) if ms >= 1}


def own_peak_kb() -> int:
    """This process's own peak resident memory (VmHWM: not inherited, unlike ru_maxrss)."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def report_cli(result: dict[str, object]) -> None:
    peak = float(result["peak_mb"])  # type: ignore[arg-type]
    print(f"CLI scan -f jsonl: {result['records']} records ({result['expected']} photos; a "
          f"photo of two cards is two records), {result['ok']} read, every photo and each "
          f"card exactly once: {result['exactly_once']}; "
          f"first record after {result['first_s']:.2f} s of {result['total_s']:.1f} s "
          f"(CPU {result['cpu_s']:.0f} s: under load the fairer time); "
          f"peak memory {peak:.0f} MB (target <= {TARGET_MB}) -> "
          f"{'OK' if peak <= TARGET_MB else 'TOO MUCH'} [exit {result['exit']}; {load()}]")
    if result["exit"] not in (0,):
        print("  stderr: " + str(result["stderr"]).strip().replace("\n", "\n  "))


def report_window(result: dict[str, object], how: str) -> None:
    peak = float(result["peak_mb"])  # type: ignore[arg-type]
    worst = float(result["worst_ms"])  # type: ignore[arg-type]
    print(f"window ({how}): {result['done']} results ({result['expected']} photos; a photo of "
          f"two cards is two rows), every photo read and each card exactly once: "
          f"{result['exactly_once']}; {result['wall_s']:.1f} s (CPU {result['cpu_s']:.0f} s; "
          f"adding the files "
          f"{result['add_ms']:.0f} ms); peak memory {peak:.0f} MB (target <= {TARGET_MB}) -> "
          f"{'OK' if peak <= TARGET_MB else 'TOO MUCH'}")
    workers = [float(mb) for mb in result.get("worker_peaks_mb", [])]  # type: ignore[attr-defined]
    looks = float(result.get("looks_peak_mb", 0))  # type: ignore[arg-type]
    print(f"  peak memory of the window process itself {result['own_peak_mb']:.0f} MB; its "
          f"{len(workers)} card worker processes {', '.join(f'{mb:.0f}' for mb in workers)}"
          f" MB, its looks worker (thumbnails, outline) {looks:.0f} MB (sum of the workers' "
          f"peaks {sum(workers) + looks:.0f} MB; all together at most "
          f"{float(result['own_peak_mb']) + sum(workers) + looks:.0f} MB)")  # type: ignore[arg-type]
    if not result["exactly_once"]:
        print(f"  rows by state: {result['states']}; paused: {result['paused']}")
    print(f"  GUI-thread stall: worst {worst:.0f} ms (GUI thread's own CPU in it "
          f"{result['worst_cpu_ms']:.0f} ms, waiting for a core "
          f"{result.get('worst_queued_ms', 0):.0f} ms), p99 {result['p99_ms']:.1f} ms, "
          f"{result['over_50']} of {result['beats']} beats over {TARGET_STALL_MS} ms "
          f"(target <= {TARGET_STALL_MS} ms) -> "
          f"{'OK' if worst <= TARGET_STALL_MS else 'SLOW'} [{load()}]")
    print(f"  the GUI thread's longest own work between two beats: "
          f"{result['busiest_cpu_ms']:.0f} ms of CPU (the rest of a stall is waiting: for "
          "a core, or for the GIL held by a busy thread)")
    for gap in result.get("longest", []):  # type: ignore[attr-defined]
        parts = ", ".join(f"{what} {ms:.0f}" for what, ms in gap["made_of"].items())
        print(f"    a gap of {gap['ms']:.0f} ms: own CPU {gap['cpu_ms']:.0f} ms, waiting for "
              f"a core {gap.get('queued_ms', 0):.0f} ms"
              + (f"; in it (ms): {parts}" if parts else ""))
        if gap.get("threads"):
            print("      threads that ran in it (CPU ms): " + ", ".join(
                f"{name} {ms:.0f}" for name, ms in gap["threads"].items()))
    lat = result["latency"]
    assert isinstance(lat, dict)
    print("  while it runs: " + "; ".join(
        f"{kind} median {v['median']:.0f} ms, max {v['max']:.0f} ms (n={v['n']})"
        for kind, v in lat.items()))
    collections = result["gc"]
    assert isinstance(collections, dict)
    print("  garbage collections on the GUI thread (count, longest ms) by generation: "
          + ", ".join(f"{g}: {n}, {ms:.0f}" for g, (n, ms) in collections.items()))
    print(f"  thumbnails made: {result['thumbnails_at_drop']} of {result['rows']} rows at the "
          f"drop, {result['thumbnails']} by the end (the rows the person scrolled to)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=1,
                        help="send each image this many times (dedupe answers the rest)")
    parser.add_argument("--delay", type=float, default=0.05,
                        help="the stand-in server's seconds per answer")
    parser.add_argument("--only", choices=("cli", "window"))
    parser.add_argument("--xvfb", action="store_true", help="the window under Xvfb (xcb)")
    parser.add_argument("--window-child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--make-images", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sample-threads", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if args.window_child:
        folder, url, out = args.window_child
        window_child(Path(folder), url, Path(out))
        return 0
    if args.sample_threads:
        sample_threads(int(args.sample_threads[0]), Path(args.sample_threads[1]))
        return 0
    if args.make_images:
        make_images(args.images, args.copies)
        return 0
    started = time.perf_counter()
    # Made in a process of its own: a child's ru_maxrss starts at its parent's peak (Linux
    # keeps it across fork and exec), so this one must stay small.
    subprocess.run([sys.executable, __file__, "--make-images", "--images", str(args.images),
                    "--copies", str(args.copies)], check=True, cwd=ROOT)
    folder = make_images(args.images, args.copies)
    count = len(images_in(folder))
    print(f"{count} images in {folder} ({time.perf_counter() - started:.0f} s to make or "
          f"find); stand-in server delay {args.delay} s; {load()}")
    with standin_process(args.delay) as url:
        if args.only in (None, "cli"):
            report_cli(run_cli(folder, url))
        if args.only in (None, "window"):
            if args.xvfb:
                with xvfb() as display:
                    report_window(run_window(folder, url, display), "Xvfb")
            else:
                report_window(run_window(folder, url, None), "offscreen")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
