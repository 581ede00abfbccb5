"""Watching a folder: the watcher against the real file system and the system's own change
notifications, and `pictotext-desktop watch` as a process against the stand-in server."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pictotext_desktop import errors
from pictotext_desktop.watch import FolderWatcher, SeenStore, StableFile, is_candidate
from tests.conftest import TEST_KEY
from tests.image_corpus import card_image
from tests.pdf_samples import pages_pdf
from tests.stand_in_server import StandInServer

SETTLE = 0.5


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("PICTOTEXT_DATA_DIR", str(folder))
    return folder


class Collector:
    """on_file for a FolderWatcher: what was handed over, and when."""

    def __init__(self) -> None:
        self.files: list[tuple[float, StableFile]] = []
        self.lock = threading.Lock()

    def __call__(self, item: StableFile) -> None:
        with self.lock:
            self.files.append((time.monotonic(), item))

    @property
    def names(self) -> list[str]:
        with self.lock:
            return [f.path.name for _, f in self.files]

    def wait_for(self, count: int, timeout: float = 20.0) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.names) < count:
            time.sleep(0.05)
        return self.names


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[Callable[..., tuple[FolderWatcher, Collector]]]:
    started: list[FolderWatcher] = []

    def start(folder: Path | None = None, **options: object) -> tuple[FolderWatcher, Collector]:
        folder = folder or tmp_path / "inbox"
        folder.mkdir(exist_ok=True)
        collector = Collector()
        options.setdefault("settle", SETTLE)
        options.setdefault("rearm_interval", 0.2)
        watcher = FolderWatcher(folder, collector, **options)  # type: ignore[arg-type]
        watcher.start()
        started.append(watcher)
        return watcher, collector

    yield start
    for watcher in started:
        watcher.stop()


# -- the watcher -------------------------------------------------------------------------
def test_a_growing_file_is_handed_over_once_it_stops_growing(
        tmp_path: Path, watching: Callable[..., tuple[FolderWatcher, Collector]]) -> None:
    watcher, got = watching()
    target = watcher.folder / "slow.jpg"
    with open(target, "wb") as handle:  # a slow copy: a chunk every 0.3 s for 2.4 s
        for _ in range(8):
            handle.write(os.urandom(4096))
            handle.flush()
            time.sleep(0.3)
            assert got.names == []  # never while it is still growing
        last_write = time.monotonic()
    assert got.wait_for(1) == ["slow.jpg"]
    handed_at, item = got.files[0]
    assert handed_at - last_write >= SETTLE * 0.9
    assert item.size == 8 * 4096 and item.sha256 == _sha256(target)
    time.sleep(SETTLE * 3)
    assert got.names == ["slow.jpg"]  # once


def test_renamed_in_and_moved_in_files_count_temp_and_hidden_do_not(
        tmp_path: Path, watching: Callable[..., tuple[FolderWatcher, Collector]]) -> None:
    watcher, got = watching()
    inbox = watcher.folder
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(b"moved in from elsewhere")
    for name in (".hidden.jpg", "draft.tmp", "~$report.jpg", ".~lock.a.jpg#", "a.jpg.part",
                 "b.jpg.crdownload", "notes.txt", "photo.jpg.tmp"):
        (inbox / name).write_bytes(b"ignored " + name.encode())
    (inbox / ".git").mkdir()
    (inbox / ".git" / "x.jpg").write_bytes(b"inside a hidden folder")
    download = inbox / "card.jpg.crdownload"  # a browser download, renamed when complete
    download.write_bytes(b"downloaded card")
    time.sleep(SETTLE * 2)
    os.replace(download, inbox / "card.jpg")
    os.replace(outside, inbox / "moved.jpg")
    assert sorted(got.wait_for(2)) == ["card.jpg", "moved.jpg"]
    time.sleep(SETTLE * 2)
    assert sorted(got.names) == ["card.jpg", "moved.jpg"]


def test_two_hundred_files_in_one_second_are_each_handed_over_exactly_once(
        watching: Callable[..., tuple[FolderWatcher, Collector]]) -> None:
    watcher, got = watching()
    started = time.monotonic()
    for i in range(200):
        (watcher.folder / f"card{i:03}.jpg").write_bytes(b"card %d " % i + os.urandom(64))
    assert time.monotonic() - started < 1.0
    names = got.wait_for(200)
    time.sleep(SETTLE * 2)
    assert sorted(got.names) == [f"card{i:03}.jpg" for i in range(200)]
    assert len(names) == 200


def test_the_folder_removed_and_created_again_is_watched_again(
        tmp_path: Path, watching: Callable[..., tuple[FolderWatcher, Collector]]) -> None:
    notices: list[str] = []
    watcher, got = watching(on_notice=notices.append)
    (watcher.folder / "before.jpg").write_bytes(b"before")
    assert got.wait_for(1) == ["before.jpg"]
    shutil.rmtree(watcher.folder)
    time.sleep(0.6)
    watcher.folder.mkdir()
    (watcher.folder / "after.jpg").write_bytes(b"after")
    assert got.wait_for(2) == ["before.jpg", "after.jpg"]
    # Replaced while watched (renamed away, a new one put in its place, with files in it).
    shutil.move(str(watcher.folder), str(tmp_path / "old-inbox"))
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "brought.jpg").write_bytes(b"came with the folder")
    os.rename(staging, watcher.folder)
    assert got.wait_for(3) == ["before.jpg", "after.jpg", "brought.jpg"]
    (tmp_path / "old-inbox" / "stale.jpg").write_bytes(b"in the old folder")
    (watcher.folder / "later.jpg").write_bytes(b"later")
    assert got.wait_for(4)[3:] == ["later.jpg"]
    time.sleep(SETTLE * 2)
    assert "stale.jpg" not in got.names
    assert any("gone" in n for n in notices) and any("back" in n for n in notices)


def test_content_read_before_is_not_handed_over_again(
        tmp_path: Path, data_dir: Path,
        watching: Callable[..., tuple[FolderWatcher, Collector]]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.jpg").write_bytes(b"first")
    (inbox / "b.jpg").write_bytes(b"second")
    watcher, got = watching(inbox)
    assert sorted(got.wait_for(2)) == ["a.jpg", "b.jpg"]
    for _, item in got.files:
        watcher.seen.add(item.sha256)  # what the watch command does once the result is out
    (inbox / "copy-of-a.jpg").write_bytes(b"first")  # same content, other name: already read
    (inbox / "c.jpg").write_bytes(b"third")
    assert sorted(got.wait_for(3)) == ["a.jpg", "b.jpg", "c.jpg"]
    watcher.stop()
    # A restart: a new watcher, the same data folder.
    (inbox / "d.jpg").write_bytes(b"fourth")
    _, got_again = watching(inbox)
    got_again.wait_for(2)
    time.sleep(SETTLE * 2)
    assert sorted(got_again.names) == ["c.jpg", "d.jpg"]
    assert (data_dir / "watch-seen-sha256.txt").is_file()


def test_seen_store_survives_a_line_cut_off_by_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "seen.txt"
    store = SeenStore(path)
    store.add("a" * 64)
    with open(path, "ab") as handle:
        handle.write(b"bbbbbbbb")  # the process died mid-write
    store = SeenStore(path)
    assert "a" * 64 in store and len(store) == 1
    store.add("c" * 64)
    assert "c" * 64 in SeenStore(path) and "a" * 64 in SeenStore(path)


def test_what_the_watcher_takes() -> None:
    root = Path("/in")
    assert is_candidate(root / "x.JPG", root) and is_candidate(root / "s.pdf", root)
    assert is_candidate(root / "sub" / "x.heic", root)
    for name in ("x.txt", ".x.jpg", "x.jpg.part", "~$x.jpg", "x.tmp", "x.jpg.crdownload"):
        assert not is_candidate(root / name, root), name
    assert not is_candidate(root / ".Trash" / "x.jpg", root)


def test_stop_ends_every_thread(watching: Callable[..., tuple[FolderWatcher, Collector]]) -> None:
    before = threading.active_count()
    watcher, _ = watching()
    assert threading.active_count() > before
    watcher.stop()
    watcher.stop()  # twice is fine
    assert threading.active_count() == before


# -- the command -------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_cards(folder: Path, count: int, start: int = 0, size: tuple[int, int] = (428, 270)
                ) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"card{i:03}.jpg"
        card_image(size, tint=i % 60, label=f"no {i}").save(path, "JPEG", quality=80)
        paths.append(path)
    return paths


class WatchProcess:
    def __init__(self, server: StandInServer, folder: Path, *args: str,
                 key: str = TEST_KEY) -> None:
        env = dict(os.environ, PICTOTEXT_API_KEY=key, PICTOTEXT_API_URL=server.url)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pictotext_desktop", "watch", "--rate-limit", "100",
             str(folder), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 30) -> tuple[int, str, str]:
        self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=timeout)
        assert "Traceback" not in err.decode()
        assert TEST_KEY not in (out + err).decode()
        return self.process.returncode, out.decode(), err.decode()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def lines_of(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    text = path.read_text("utf-8")
    assert text == "" or text.endswith("\n")  # never a half line
    return [json.loads(line) for line in text.splitlines()]


def wait_until(check: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.fixture
def processes() -> Iterator[list[WatchProcess]]:
    running: list[WatchProcess] = []
    yield running
    for process in running:
        process.kill()


def test_sigterm_mid_batch_leaves_complete_output_and_a_restart_reads_the_rest(
        tmp_path: Path, server: StandInServer, processes: list[WatchProcess]) -> None:
    server.state.delay = 0.4  # a slow service: the batch is still running at SIGTERM
    inbox = tmp_path / "inbox"
    cards = write_cards(inbox, 30)
    out = tmp_path / "results.jsonl"
    first = WatchProcess(server, inbox, "-o", str(out), "-j", "2")
    processes.append(first)
    wait_until(lambda: len(lines_of(out)) >= 3)
    code, _, err = first.stop(signal.SIGTERM)
    assert code == errors.EXIT_OK, err
    written = lines_of(out)  # every line whole, valid JSON
    assert 3 <= len(written) < 30
    assert "result(s) written" in err
    assert all(r["error"] is None for r in written)

    server.state.delay = 0.0
    second = WatchProcess(server, inbox, "-o", str(out))
    processes.append(second)
    wait_until(lambda: len(lines_of(out)) >= 30)
    time.sleep(1.5)  # nothing more is coming: the first run's images are not read again
    code, _, err = second.stop(signal.SIGINT)
    assert code == errors.EXIT_OK, err
    sources = [r["source"] for r in lines_of(out)]
    assert sorted(sources) == sorted(str(p) for p in cards)  # each exactly once


def test_files_arriving_while_watching_are_appended_as_they_are_done(
        tmp_path: Path, server: StandInServer, processes: list[WatchProcess]) -> None:
    inbox = tmp_path / "inbox"
    write_cards(inbox, 2)
    out = tmp_path / "results.csv"
    watch = WatchProcess(server, inbox, "-o", str(out))
    processes.append(watch)
    wait_until(lambda: out.exists() and out.read_text("utf-8-sig").count("\n") >= 3)
    # A slow copy of a PDF, then a file renamed in.
    pdf = pages_pdf([card_image(), card_image(tint=20)])
    with open(inbox / "scan.pdf", "wb") as handle:
        for start in range(0, len(pdf), len(pdf) // 4 + 1):
            handle.write(pdf[start:start + len(pdf) // 4 + 1])
            handle.flush()
            time.sleep(0.4)
    outside = write_cards(tmp_path / "elsewhere", 1, start=50)[0]
    os.replace(outside, inbox / "moved.jpg")
    wait_until(lambda: out.read_text("utf-8-sig").count("\n") >= 6)
    time.sleep(0.5)
    code, _, err = watch.stop()
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert sorted(Path(r["source"]).name for r in rows) == [
        "card000.jpg", "card001.jpg", "moved.jpg", "scan.pdf p.1", "scan.pdf p.2"]
    assert all(r["error_reason"] == "" for r in rows)  # the PDF was never read half-copied
    assert all(r["idNumber"] == '="110101199001011234"' for r in rows)  # Excel-safe, as export

    # Restarted on the same file: the header is not written twice.
    write_cards(inbox, 1, start=7)
    again = WatchProcess(server, inbox, "-o", str(out))
    processes.append(again)
    wait_until(lambda: out.read_text("utf-8-sig").count("\n") >= 7)
    code, _, _ = again.stop()
    text = out.read_text("utf-8-sig")
    assert text.count("source,documentType") == 1
    assert len(list(csv.DictReader(io.StringIO(text)))) == 6


def test_two_hundred_new_images_in_one_second_give_two_hundred_results(
        tmp_path: Path, server: StandInServer, processes: list[WatchProcess]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    staged = write_cards(tmp_path / "staged", 200, size=(214, 135))
    out = tmp_path / "results.jsonl"
    watch = WatchProcess(server, inbox, "-o", str(out), "-j", "8")
    processes.append(watch)
    time.sleep(2)
    started = time.monotonic()
    for path in staged:
        os.replace(path, inbox / path.name)
    assert time.monotonic() - started < 1.0
    wait_until(lambda: len(lines_of(out)) >= 200, timeout=120)
    time.sleep(1.5)
    code, _, err = watch.stop()
    assert code == 0, err
    sources = [Path(str(r["source"])).name for r in lines_of(out)]
    assert sorted(sources) == sorted(p.name for p in staged)


def test_workbook_output_is_whole_after_every_result(
        tmp_path: Path, server: StandInServer, processes: list[WatchProcess]) -> None:
    from openpyxl import load_workbook

    inbox = tmp_path / "inbox"
    write_cards(inbox, 3)
    out = tmp_path / "results.xlsx"
    watch = WatchProcess(server, inbox, "-o", str(out))
    processes.append(watch)

    def rows() -> int:
        if not out.exists():
            return 0
        return load_workbook(out).active.max_row - 1  # readable at every moment

    wait_until(lambda: rows() >= 3)
    code, _, err = watch.stop()
    assert code == 0, err
    write_cards(inbox, 1, start=3)
    again = WatchProcess(server, inbox, "-o", str(out))  # continues the workbook
    processes.append(again)
    wait_until(lambda: rows() >= 4)
    again.stop()
    sheet = load_workbook(out)["Results"]
    names = sorted(Path(str(row[0].value)).name for row in sheet.iter_rows(min_row=2))
    assert names == ["card000.jpg", "card001.jpg", "card002.jpg", "card003.jpg"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_key_problem_stops_the_watch_and_leaves_the_files_for_the_next_run(
        tmp_path: Path, server: StandInServer, processes: list[WatchProcess]) -> None:
    inbox = tmp_path / "inbox"
    cards = write_cards(inbox, 3)
    out = tmp_path / "results.jsonl"
    bad = WatchProcess(server, inbox, "-o", str(out), "-j", "1", key="sk_live_BADKEYzzzz1234")
    processes.append(bad)
    _, err = bad.process.communicate(timeout=60)  # it ends by itself
    assert bad.process.returncode == errors.EXIT_AUTH
    assert "INVALID_API_KEY" in err.decode() and "sk_live_BADKEY" not in err.decode()
    assert all(r["error"]["reason"] == "INVALID_API_KEY" for r in lines_of(out))  # type: ignore[index]
    good = WatchProcess(server, inbox, "-o", str(out))
    processes.append(good)
    wait_until(lambda: sum(r["error"] is None for r in lines_of(out)) >= 3)
    code, _, _ = good.stop()
    assert code == 0
    read = sorted(str(r["source"]) for r in lines_of(out) if r["error"] is None)
    assert read == sorted(str(p) for p in cards)


def test_usage_errors(run_cli: object, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli  # type: ignore[assignment]
    code, _, err = run("watch", str(tmp_path / "nowhere"))  # type: ignore[operator]
    assert code == errors.EXIT_USAGE and "is not a folder" in err
    code, _, err = run("watch", str(tmp_path), "-o", str(tmp_path / "x.json"))  # type: ignore[operator]
    assert code == errors.EXIT_USAGE and "cannot grow one result at a time" in err
    code, _, err = run("watch", str(tmp_path), "-f", "xlsx")  # type: ignore[operator]
    assert code == errors.EXIT_USAGE and "-o FILE.xlsx" in err
    code, _, err = run("watch", str(tmp_path), "--merge")  # type: ignore[operator]
    assert code == errors.EXIT_USAGE and "--merge is for scan" in err
    code, _, _ = run("watch", "-h")  # type: ignore[operator]
    shown = capsys.readouterr().out  # argparse prints help to the real stdout
    assert code == 0 and "SIGTERM" in shown and "FOLDER" in shown


def test_a_mask_is_applied_to_every_appended_result_and_a_template_is_refused(
        tmp_path: Path, server: StandInServer, processes: list[WatchProcess],
        run_cli: object) -> None:
    inbox = tmp_path / "inbox"
    write_cards(inbox, 2)
    out = tmp_path / "results.jsonl"
    watch = WatchProcess(server, inbox, "-o", str(out), "--mask", "standard")
    processes.append(watch)
    wait_until(lambda: len(lines_of(out)) >= 2)
    code, _, err = watch.stop()
    assert code == errors.EXIT_OK, err
    for record in lines_of(out):
        assert record["masked"] == "standard"
        fields = record["fields"]
        assert isinstance(fields, dict)
        assert fields["idNumber"] == "110101********1234"  # the stand-in's 110101199001011234
        assert "199001" not in out.read_text("utf-8")
    code, _, err = run_cli("watch", str(inbox), "--template", "name-id")  # type: ignore[operator]
    assert code == errors.EXIT_USAGE and "--template is for scan" in err
