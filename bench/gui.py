"""GUI performance figures (offscreen): responsiveness, batch throughput, start-up time.

    python bench/gui.py [--images 20] [--delay 0.5]

1. Worst GUI-thread stall while a batch runs against the stand-in server (a 5 ms QTimer
   heartbeat measures the largest gap; target <= 50 ms).
2. Wall time of a batch whose server answers in `delay` s at the default concurrency,
   against the ideal images*delay/concurrency (target <= 1.25x).  rate_limit is raised
   to 100/s for this run; at the default 5 req/s the limiter alone spaces 20 starts over
   3.8 s, which the line "with rate limit 5/s" shows.
3. Time to the first paint of the main window (drop zone and chrome shown; the rest is
   built right after) vs. a bare PySide6 QMainWindow, each in a fresh subprocess (median
   of --runs; target <= 1.5x), with cached bytecode as installed and without it.
4. Time to select (show, lay out and paint) a record in the result view, for answers
   of many fields and long values (target: well under 1 s, whatever the answer's size).
   `--result-view-only` runs just this part.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KEY = "sk_test_bench_0000"

BARE = """
import time; t0 = time.perf_counter()
import os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1100, 720); w.show(); app.processEvents()
print(time.perf_counter() - t0)
"""
APP = """
import time; t0 = time.perf_counter()
import os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'
from PySide6.QtWidgets import QApplication
app = QApplication([])
from pictotext_desktop.settings import SettingsStore
from pictotext_desktop.ui.main_window import MainWindow
w = MainWindow(SettingsStore(persist=False)); w.show(); app.processEvents()
print(time.perf_counter() - t0)
"""


def make_images(folder: Path, count: int) -> list[Path]:
    from tests.image_corpus import card_image

    paths = [folder / f"card_{i:02d}.jpg" for i in range(count)]
    for i, path in enumerate(paths):
        card_image((1600, 1000), tint=i % 50).save(path, "JPEG", quality=88)
    return paths


@contextlib.contextmanager
def standin_process(delay: float) -> Iterator[str]:
    """Start `python -m pictotext_desktop.standin` on a free port; yield its URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pictotext_desktop.standin", "--port", "0", "--key", KEY,
         "--delay", str(delay)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        yield first.strip().rsplit(" ", 1)[-1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def run_batch(paths: list[Path], delay: float, rate_limit: float) -> tuple[float, float, int]:
    """(wall seconds, worst heartbeat gap in ms, jobs done) for one batch."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    # The server runs in its own process, as PicToText does: in-process, its HTTP
    # threads would compete with the GUI thread for the GIL and inflate the stalls.
    with standin_process(delay) as url:
        os.environ["PICTOTEXT_API_KEY"] = KEY
        store = SettingsStore(persist=False)
        store.override("api_url", url)
        store.override("rate_limit", rate_limit)
        store.override("auto_merge", False)
        window = MainWindow(store, keystore=KeyStore(store))
        window.confirm = lambda title, text: True
        window.show()
        # A person needs far longer than this to drop files: let the window finish its
        # after-first-paint set-up (keyring, HTTP client), as it would in real use.
        settle = QEventLoop()
        QTimer.singleShot(300, settle.quit)
        settle.exec()
        worst = 0.0
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def beat() -> None:
            nonlocal worst
            now = clock.elapsed()
            worst = max(worst, now - last[0])
            last[0] = now

        heartbeat = QTimer()
        heartbeat.setInterval(5)
        heartbeat.timeout.connect(beat)
        loop = QEventLoop()
        window.batch_finished.connect(loop.quit)
        heartbeat.start()
        last[0] = clock.elapsed()
        started = time.perf_counter()
        window.add_paths(paths)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
        wall = time.perf_counter() - started
        heartbeat.stop()
        done = sum(j.state.value == "done" for j in window.model.jobs)
        window.shutdown()
        window.deleteLater()
        app.processEvents()
    return wall, worst, done


def startup(script: str, runs: int = 5, *, bytecode: bool = True) -> float:
    """Median seconds to first paint of `script` in fresh interpreters.

    With `bytecode` (the default) the modules' .pyc files are cached in a private folder
    and one warm-up run fills it, as an installed app (wheel, PyInstaller) has them;
    without it every run compiles our sources (PYTHONDONTWRITEBYTECODE checkouts).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as cache:
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = cache
            subprocess.run([sys.executable, "-c", script], capture_output=True, check=True,
                           cwd=ROOT, env=env)
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        times = []
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", script], capture_output=True,
                                 text=True, check=True, cwd=ROOT, env=env)
            times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def report_startup(runs: int) -> None:
    for bytecode, how in ((True, "with .pyc, as installed"), (False, "compiling sources")):
        bare = startup(BARE, runs, bytecode=bytecode)
        app = startup(APP, runs, bytecode=bytecode)
        print(f"start-up ({how}, median of {runs}): bare QMainWindow {bare * 1000:.0f} ms, "
              f"PicToText window first paint {app * 1000:.0f} ms = {app / bare:.2f}x "
              f"(target <= 1.5x) -> {'OK' if app / bare <= 1.5 else 'SLOW'}")


RESULT_VIEW_CASES = ((20, 10), (200, 10_000), (1_000, 20), (3, 1_000_000), (20_000, 20))


def report_result_view(repeats: int = 3) -> None:
    """Median time per selection of records of N fields of L characters each."""
    from PySide6.QtWidgets import QApplication

    from pictotext_desktop.imaging import Source
    from pictotext_desktop.jobs import Job, JobState
    from pictotext_desktop.records import Record
    from pictotext_desktop.ui.result_view import ResultView

    app = QApplication.instance() or QApplication([])
    view = ResultView()
    view.resize(600, 700)
    view.show()
    app.processEvents()
    for count, length in RESULT_VIEW_CASES:
        times = []
        for _ in range(repeats):
            fields: dict[str, str | None] = {
                f"extra_{i:05d}": f"{i:06d}".ljust(length, "x") for i in range(count)}
            record = Record(source="a.jpg", document_type="cn_id_card", engine="cloud",
                            fields=fields)
            job = Job(source=Source(name="a.jpg", data=b""), document_type="cn_id_card",
                      state=JobState.DONE, record=record)
            started = time.perf_counter()
            view.show_job(job)
            app.processEvents()
            view.repaint()
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        print(f"result view: select {count:,} fields x {length:,} chars: {median:.3f} s "
              f"(target < 1 s) -> {'OK' if median < 1 else 'SLOW'}")
    view.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--images", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per median")
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--result-view-only", action="store_true")
    args = parser.parse_args()
    if args.startup_only:
        report_startup(args.runs)
        return 0
    if args.result_view_only:
        report_result_view()
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PICTOTEXT_CONFIG_DIR"] = tmp
        paths = make_images(Path(tmp), args.images)
        concurrency = 4

        wall, worst, done = run_batch(paths, 0.0, 100)
        print(f"responsiveness: {done}/{len(paths)} images, fast server: worst GUI stall "
              f"{worst:.0f} ms (target <= 50 ms) -> {'OK' if worst <= 50 else 'SLOW'}")

        wall, worst, done = run_batch(paths, args.delay, 100)
        ideal = len(paths) * args.delay / concurrency
        ratio = wall / ideal
        print(f"throughput: {done}/{len(paths)} images, server delay {args.delay} s, "
              f"concurrency {concurrency}: {wall:.2f} s vs ideal {ideal:.2f} s = "
              f"{ratio:.2f}x (target <= 1.25x) -> {'OK' if ratio <= 1.25 else 'SLOW'}; "
              f"worst GUI stall {worst:.0f} ms")

        wall5, _worst5, _done5 = run_batch(paths, args.delay, 5)
        print(f"with rate limit 5/s (the default): {wall5:.2f} s = {wall5 / ideal:.2f}x ideal")
        report_result_view()

    report_startup(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
