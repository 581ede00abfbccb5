"""GUI performance figures: responsiveness, batch throughput, result view, start-up time.

    python bench/gui.py [--images 20] [--delay 0.5]

1. Worst GUI-thread stall while a batch runs against the stand-in server (a 5 ms QTimer
   heartbeat measures the largest gap; target <= 50 ms).  The images are dropped on the
   window (a real drop of file URLs); printed: the drop's own GUI-thread time, when its
   last row was in (the intake thread reads the files, ui/intake_runner.py), and the
   worst stall after the drop.  `--stall-only` runs just this part.
2. Wall time of a batch whose server answers in `delay` s at the default concurrency,
   against the ideal images*delay/concurrency (target <= 1.25x).  rate_limit is raised
   to 100/s for this run; at the default 5 req/s the limiter alone spaces 20 starts over
   3.8 s, which the line "with rate limit 5/s" shows.
3. Time to select (show, lay out and paint) a record in the result view, for answers
   of many fields and long values (target: well under 1 s, whatever the answer's size).
   `--result-view-only` runs just this part.
4. Start-up: process start to the window's first paint (drop zone and chrome shown; the
   rest is built right after), `pictotext-desktop` started as a person starts it
   (cli.main: settings, log, translations, crash hook, window) vs. a bare PySide6
   QMainWindow started the same way, each in fresh interpreters, runs of the two
   alternating (median of --runs).  Offscreen, with cached bytecode as installed and
   without it; then under Xvfb (xcb, as on a desktop; target <= 1.3x) with the CPU seconds
   the process and its children use in the first --hold seconds (the work after the first
   paint: the deferred build, keyring, result store), and the longest GUI-thread stall in
   the first 2 s after the paint, with the time spent in stalls over 50 ms then (a 5 ms
   QTimer heartbeat started at the paint: the deferred build and what follows it run
   then).  The load average before and after is printed: other work on the machine slows
   start-up, so compare ratios from one quiet run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
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
STALL_WINDOW = 2.0  # seconds after the first paint in which GUI-thread stalls are measured


def make_images(folder: Path, count: int) -> list[Path]:
    """`count` different card images: each is prepared and sent ("never pay twice" would
    answer a repeated one from the earlier result and flatter the figures)."""
    from tests.image_corpus import card_image

    paths = [folder / f"card_{i:02d}.jpg" for i in range(count)]
    for i, path in enumerate(paths):
        card_image((1600, 1000), tint=i % 50, label=f"No. {i}").save(path, "JPEG", quality=88)
    return paths


@contextlib.contextmanager
def standin_process(delay: float) -> Iterator[str]:
    """Start `python -m pictotext_desktop.standin` on a free port; yield its URL.

    BENCH_STANDIN_NICE=N runs it at nice N: PicToText answers from elsewhere, but here
    the stand-in shares the window's two cores (its CPU is printed at the end)."""
    nice = int(os.environ.get("BENCH_STANDIN_NICE", "0"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "pictotext_desktop.standin", "--port", "0", "--key", KEY,
         "--delay", str(delay)],
        stdout=subprocess.PIPE, text=True, preexec_fn=(lambda: os.nice(nice)) if nice else None,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        yield first.strip().rsplit(" ", 1)[-1]
    finally:
        with contextlib.suppress(OSError):  # Linux only; the server is stopped whatever
            with open(f"/proc/{proc.pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ticks = os.sysconf("SC_CLK_TCK")
            print(f"  the stand-in server's CPU: "
                  f"{(int(fields[11]) + int(fields[12])) / ticks:.0f} s (nice {nice})")
        proc.terminate()
        proc.wait(timeout=10)


rows_in: list[float] = []  # ms from the drop until its last row was in, per batch
# The GUI thread's own CPU ms (time.thread_time) in the worst gap after the drop, and the
# most it used in any gap after the drop: under load, a gap is mostly other processes'
# and threads' time (the GIL), which these tell apart from the window's own work.
gui_cpu: list[tuple[float, float]] = []


def run_batch(paths: list[Path], delay: float,
              rate_limit: float) -> tuple[float, float, int, float, float]:
    """(wall seconds, worst heartbeat gap in ms, jobs done, ms the drop itself held the
    GUI thread, worst gap in ms after that) for one batch.  The files are dropped on the
    window (a real QDropEvent of file URLs): the intake thread reads them in and the rows
    come in turns, which the heartbeat sees as any other GUI-thread work."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QMimeData, QTimer, QUrl
    from PySide6.QtWidgets import QApplication

    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.ui.main_window import MainWindow
    from tests.gui.drag import drag_enter_event, drop_event

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
        after_drop = [0.0]
        dropped: list[bool] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]
        last_cpu = [time.thread_time()]
        own_cpu = [0.0, 0.0]  # the GUI thread's CPU ms in the worst gap after the drop; most

        def beat() -> None:
            nonlocal worst
            now, cpu = clock.elapsed(), time.thread_time()
            worst = max(worst, now - last[0])
            if dropped:
                if now - last[0] > after_drop[0]:
                    own_cpu[0] = (cpu - last_cpu[0]) * 1000
                after_drop[0] = max(after_drop[0], now - last[0])
                own_cpu[1] = max(own_cpu[1], (cpu - last_cpu[0]) * 1000)
            last[0], last_cpu[0] = now, cpu

        heartbeat = QTimer()
        heartbeat.setInterval(5)
        heartbeat.timeout.connect(beat)
        loop = QEventLoop()
        window.batch_finished.connect(loop.quit)
        heartbeat.start()
        last[0] = clock.elapsed()
        in_at = [0.0]

        def all_in() -> None:
            in_at[0] = (time.perf_counter() - started) * 1000

        window.intake_runner.idle.connect(all_in)
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        centre = window.rect().center()
        enter, drop = drag_enter_event(centre, mime), drop_event(centre, mime)
        started = time.perf_counter()
        QApplication.sendEvent(window, enter)
        QApplication.sendEvent(window, drop)
        adding = (time.perf_counter() - started) * 1000
        beat()  # the drop's own gap is `worst` so far; `after_drop` counts from here
        dropped.append(True)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
        wall = time.perf_counter() - started
        rows_in.append(in_at[0])
        gui_cpu.append((own_cpu[0], own_cpu[1]))
        heartbeat.stop()
        done = sum(j.state.value == "done" for j in window.model.jobs)
        window.shutdown()
        window.deleteLater()
        app.processEvents()
    return wall, worst, done, adding, after_drop[0]


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


# How "visible" is seen, the same code for both windows: an event filter on the window's
# QWindow catches the first event it gets while exposed, which is the Expose event itself
# (Qt marks the window exposed just before sending it; the filter names no event type,
# since setting up QEvent.Type would cost the bare window time it otherwise never spends),
# and posts a zero-delay callback before the event is delivered.  Delivering it paints
# the window and flushes the pixels to the X server (or the offscreen buffer); the
# callback then runs first, ahead of anything the paint itself queued (the window's
# deferred build), and prints the wall-clock time.  The event loop then runs on for HOLD
# seconds so the CPU figure counts the work after the first paint too.  The watch costs
# both windows a few ms (events handed to Python set up QEvent's types); the app pays
# most of that anyway (its drop zone paints in Python), the bare window does not, so if
# anything the ratio comes out ~1 % low.
WATCH = """
import os, sys, time
STALL_WINDOW = @STALL_WINDOW@

def watch(window):
    from PySide6.QtCore import QObject, QTimer

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if watched.isExposed():
                watched.removeEventFilter(self)
                QTimer.singleShot(0, painted)
            return False

    def painted():
        print(time.time(), time.process_time(), flush=True)
        hold = float(sys.argv[1])
        if hold <= 0:
            QTimer.singleShot(0, lambda: os._exit(0))
            return
        # A 5 ms heartbeat: the longest gap between beats in the first STALL_WINDOW s is
        # the longest time the GUI thread did not process events (the deferred build, the
        # key status, the HTTP client...).
        painted_at = last = time.perf_counter()
        worst = blocked = 0.0

        def beat():
            nonlocal last, worst, blocked
            now = time.perf_counter()
            if now - painted_at <= STALL_WINDOW:
                worst = max(worst, now - last)
                blocked += now - last if now - last > 0.05 else 0.0
            last = now

        def end():
            print("stall", worst, blocked, flush=True)
            os._exit(0)

        window.heartbeat = QTimer()
        window.heartbeat.setInterval(5)
        window.heartbeat.timeout.connect(beat)
        window.heartbeat.start()
        QTimer.singleShot(int(hold * 1000), end)

    window.watch = Watch(window)
    window.windowHandle().installEventFilter(window.watch)
""".replace("@STALL_WINDOW@", repr(STALL_WINDOW))
# A bare PySide6 window: QApplication and QMainWindow, shown.
BARE_SCRIPT = WATCH + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1100, 720); w.show(); watch(w)
app.exec()
"""
# `pictotext-desktop` as a person starts it: cli.main (settings, log, translations, crash
# hook, window), its modules imported in their own order (Qt only once the window is
# wanted: PySide6 reads the source of every module imported after it, so the order
# counts).  The same watch is put on the window as it is shown, by wrapping
# MainWindow.show when its module is imported.
APP_SCRIPT = WATCH + """
class ShowHook:
    def find_spec(self, name, path=None, target=None):
        if name != "pictotext_desktop.ui.main_window":
            return None
        sys.meta_path.remove(self)
        import importlib.util
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            shown = module.MainWindow.show
            def show(self):
                shown(self); watch(self)
            module.MainWindow.show = show
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, ShowHook())
from pictotext_desktop.cli import main
sys.exit(main([]))
"""


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """A private Xvfb, as a desktop's X server behaves; yields its DISPLAY.

    `-noreset`: an X server with no client left resets itself (fonts, extensions), and the
    next client to connect waits for that.  A desktop's server always has clients (the
    window manager, the panel), so it never does; a lone Xvfb would after every run, and
    after the app's own display check (qt_deps: a connect and close before Qt connects),
    which would charge the app ~50 ms of server reset that no desktop has.
    """
    for number in range(150, 250):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(
                f"/tmp/.X{number}-lock").exists():
            break
    display = f":{number}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten",
                               "tcp", "-noreset"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.02)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


Run = tuple[float, float, float, float, float]


def _start_once(script: str, env: dict[str, str], hold: float) -> Run:
    """Seconds from process start to the window painted, CPU seconds the process used until
    then, CPU seconds of the process and its children until `hold` s after that, the
    longest GUI-thread stall in the first STALL_WINDOW s after the paint and the time in
    stalls over 50 ms then (0 without hold)."""
    started = time.time()
    child = subprocess.Popen([sys.executable, "-c", script, str(hold)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             cwd=ROOT, env=env)
    assert child.stdout is not None
    line = child.stdout.readline()
    rest = child.stdout.read()
    child.stdout.close()
    _pid, status, usage = os.wait4(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if not line.strip():
        raise RuntimeError(f"no window was shown ({code}): {rest!r}")
    painted, cpu = (float(x) for x in line.split())
    stalls = next((x.split()[1:] for x in rest.splitlines() if x.startswith("stall ")),
                  ["0", "0"])
    return (painted - started, cpu, usage.ru_utime + usage.ru_stime, float(stalls[0]),
            float(stalls[1]))


def startup_pair(platform: str, display: str | None, runs: int, hold: float, config: str,
                 *, bytecode: bool = True) -> dict[str, Run]:
    """Medians of `_start_once` for the bare window and the app.

    Each run starts a fresh interpreter; bare and app runs alternate, so a machine whose
    load drifts slows both alike.  With `bytecode` the .pyc files are cached in a private
    folder that one warm-up run of each fills, as an installed app (wheel, PyInstaller)
    has them; without it every run compiles our sources.
    """
    env = {k: v for k, v in os.environ.items() if k not in (
        "QT_QPA_PLATFORM", "PYTHONDONTWRITEBYTECODE", "PYTHON_KEYRING_BACKEND", "DISPLAY",
        "PICTOTEXT_CONFIG_DIR", "PICTOTEXT_LOG_DIR")}
    # The settings and log folders found as on a person's machine (platformdirs), under a
    # private HOME.  A session bus that is not there: the keyring is looked for as on a
    # headless desktop, nothing prompts, no bus is autolaunched, and nothing is written
    # outside `config`.
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM=platform, HOME=config,
               XDG_CONFIG_HOME=config, XDG_DATA_HOME=config, XDG_CACHE_HOME=config,
               XDG_STATE_HOME=config, DBUS_SESSION_BUS_ADDRESS=f"unix:path={config}/no-bus")
    if display is not None:
        env["DISPLAY"] = display
    scripts = {"bare": BARE_SCRIPT, "app": APP_SCRIPT}
    seen: dict[str, list[Run]] = {name: [] for name in scripts}
    with tempfile.TemporaryDirectory() as cache:
        if bytecode:
            env["PYTHONPYCACHEPREFIX"] = cache
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        for run in range(runs + 1):
            for name, script in scripts.items():
                result = _start_once(script, env, hold)
                if run:  # the first run of each fills the bytecode cache
                    seen[name].append(result)
    return {name: (statistics.median(r[0] for r in results),
                   statistics.median(r[1] for r in results),
                   statistics.median(r[2] for r in results),
                   statistics.median(r[3] for r in results),
                   statistics.median(r[4] for r in results))
            for name, results in seen.items()}


def report_startup(runs: int, hold: float) -> None:
    """Process start to the first paint, bare PySide6 window vs. pictotext-desktop.

    The CPU time each process used until its first paint is printed too: it moves far
    less than wall time when other work shares the machine.
    """
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    def line(where: str, got: dict[str, Run]) -> str:
        (bare, bare_cpu, *_), (app, app_cpu, *_) = got["bare"], got["app"]
        return (f"start-up {where}, median of {runs}): bare QMainWindow {bare * 1000:.0f} ms, "
                f"pictotext-desktop {app * 1000:.0f} ms = {app / bare:.2f}x (CPU until the "
                f"first paint {bare_cpu * 1000:.0f} vs {app_cpu * 1000:.0f} ms = "
                f"{app_cpu / bare_cpu:.2f}x)")

    with tempfile.TemporaryDirectory() as config:
        for bytecode, how in ((True, "with .pyc, as installed"), (False, "compiling sources")):
            got = startup_pair("offscreen", None, runs, 0.0, config, bytecode=bytecode)
            print(line(f"offscreen ({how}, process start to first paint", got))
        if shutil.which("Xvfb") is None:
            print("start-up under Xvfb: skipped (Xvfb is not installed)")
            return
        with xvfb() as display:
            got = startup_pair("xcb", display, runs, hold, config)
    ratio = got["app"][0] / got["bare"][0]
    print(line("under Xvfb (process start to visible window", got)
          + f" target <= 1.3x -> {'OK' if ratio <= 1.3 else 'SLOW'}; CPU until {hold:g} s "
          f"after: bare {got['bare'][2]:.2f} s, app {got['app'][2]:.2f} s")
    print(f"longest GUI-thread stall in the first {STALL_WINDOW:g} s after the first paint "
          f"(Xvfb, 5 ms heartbeat, median of {runs}): bare {got['bare'][3] * 1000:.0f} ms, "
          f"app {got['app'][3] * 1000:.0f} ms; time in stalls over 50 ms: bare "
          f"{got['bare'][4] * 1000:.0f} ms, app {got['app'][4] * 1000:.0f} ms")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--images", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per median")
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--result-view-only", action="store_true")
    parser.add_argument("--batch-only", action="store_true",
                        help="only the GUI-stall and throughput figures (1 and 2)")
    parser.add_argument("--stall-only", action="store_true",
                        help="only the GUI-stall figure (1)")
    parser.add_argument("--hold", type=float, default=3.0,
                        help="seconds after the first paint counted in the Xvfb CPU figure")
    args = parser.parse_args()
    if args.startup_only:
        report_startup(args.runs, args.hold)
        return 0
    if args.result_view_only:
        report_result_view()
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PICTOTEXT_CONFIG_DIR"] = tmp
        paths = make_images(Path(tmp), args.images)
        concurrency = 4

        wall, worst, done, adding, after = run_batch(paths, 0.0, 100)
        print(f"responsiveness: {done}/{len(paths)} images, fast server: worst GUI stall "
              f"{worst:.0f} ms (target <= 50 ms) -> {'OK' if worst <= 50 else 'SLOW'}; "
              f"the drop itself {adding:.0f} ms (all rows in after {rows_in[-1]:.0f} ms), "
              f"worst stall after that {after:.0f} ms (the GUI thread's own CPU in it "
              f"{gui_cpu[-1][0]:.0f} ms; most in any gap {gui_cpu[-1][1]:.0f} ms) "
              f"[load average {os.getloadavg()[0]:.2f}]")
        if args.stall_only:
            return 0

        wall, worst, done, _adding, _after = run_batch(paths, args.delay, 100)
        ideal = len(paths) * args.delay / concurrency
        ratio = wall / ideal
        print(f"throughput: {done}/{len(paths)} images, server delay {args.delay} s, "
              f"concurrency {concurrency}: {wall:.2f} s vs ideal {ideal:.2f} s = "
              f"{ratio:.2f}x (target <= 1.25x) -> {'OK' if ratio <= 1.25 else 'SLOW'}; "
              f"worst GUI stall {worst:.0f} ms")

        wall5, *_rest = run_batch(paths, args.delay, 5)
        print(f"with rate limit 5/s (the default): {wall5:.2f} s = {wall5 / ideal:.2f}x ideal")
        if args.batch_only:
            return 0
        report_result_view()

    report_startup(args.runs, args.hold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
