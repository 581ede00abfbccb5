"""Watch a folder: every image or PDF already there, then each new one once it is complete.

Qt-free and thread-safe, for `pictotext-desktop watch` and for the window.  The system's
own change notifications come through watchdog (inotify, FSEvents, ReadDirectoryChangesW;
`poll=True` uses watchdog's polling observer, for network shares that send none).  What
this module adds (docs/adr/0010-watch-and-pdf.md):

- a file is handed over only once it is stable: its size and modification time unchanged
  for `settle` seconds (1 s), checked by one timer thread that sleeps until the next file
  is due; every change event restarts that file's wait, so a slow copy is never read
  half-way;
- hidden files and the temporary names of copies, downloads and Office (`*.tmp`,
  `*.part`, `*.crdownload`, `~$*`, `.~lock*`) are ignored, and only the files a scan of
  the folder would take (images and PDFs, by suffix);
- a file renamed or moved into the folder counts as new;
- the folder removed (or renamed away) and created again: the watch is re-armed on the
  new folder and what it holds is read.  While the folder is missing its path is checked
  every `rearm_interval` seconds; while it exists, the same check runs as cheaply and
  notices a folder replaced behind the watch's back;
- content already read is never handed over again, in this run or after a restart: the
  SHA-256 of each file read is kept in the app's data folder (`SeenStore`).

`on_file` runs in the watcher's thread: it should queue the work and return.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pictotext_desktop import APP_ID

log = logging.getLogger(__name__)

DATA_DIR_ENV = "PICTOTEXT_DATA_DIR"
SEEN_FILE = "watch-seen-sha256.txt"
SETTLE_SECONDS = 1.0
REARM_SECONDS = 1.0
TEMP_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp",
                 ".filepart", ".!qb", ".opdownload")
TEMP_PREFIXES = ("~$", ".~lock", ".", "~")
_FILE_ATTRIBUTE_HIDDEN = 0x2


def data_dir() -> Path:
    """The app's per-user data folder (`PICTOTEXT_DATA_DIR` overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def is_candidate(path: Path, root: Path | None = None) -> bool:
    """Would a folder scan take this file, and is it no temporary or hidden file?"""
    from pictotext_desktop.imaging import IMAGE_SUFFIXES
    from pictotext_desktop.pdf_input import PDF_SUFFIX

    name = path.name
    lowered = name.lower()
    if lowered.startswith(TEMP_PREFIXES) or lowered.endswith(TEMP_SUFFIXES):
        return False
    if path.suffix.lower() not in IMAGE_SUFFIXES and path.suffix.lower() != PDF_SUFFIX:
        return False
    if root is not None:  # a file inside a hidden folder (.git, .Trash) under the watch
        with contextlib.suppress(ValueError):
            if any(part.startswith(".") for part in path.relative_to(root).parts[:-1]):
                return False
    return True


def _hidden_on_windows(info: os.stat_result) -> bool:
    return bool(getattr(info, "st_file_attributes", 0) & _FILE_ATTRIBUTE_HIDDEN)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class SeenStore:
    """The SHA-256 of every file already read, one per line in an append-only file.

    An append of one 65-byte line is whole or, after a crash mid-write, a short line that
    loading skips; nothing is ever rewritten, so no earlier entry can be lost.
    """

    def __init__(self, path: Path | None = None, *, load: bool = True) -> None:
        """`load=False` forgets earlier runs (they are still added to, not erased)."""
        self.path = path or data_dir() / SEEN_FILE
        self._lock = threading.Lock()
        self._digests: set[str] = set()
        if not load:
            return
        with contextlib.suppress(FileNotFoundError):
            text = self.path.read_text("ascii", errors="replace")
            self._digests = {
                line for line in text.splitlines()
                if len(line) == 64 and all(c in "0123456789abcdef" for c in line)
            }

    def __contains__(self, digest: object) -> bool:
        with self._lock:
            return digest in self._digests

    def __len__(self) -> int:
        with self._lock:
            return len(self._digests)

    def add(self, digest: str) -> None:
        with self._lock:
            if digest in self._digests:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
            fd = os.open(self.path, flags, 0o600)
            try:
                # A line cut by a crash would glue onto this one: start on a fresh line.
                size = os.fstat(fd).st_size
                prefix = b""
                if size:
                    with open(self.path, "rb") as handle:
                        handle.seek(size - 1)
                        prefix = b"" if handle.read(1) == b"\n" else b"\n"
                os.write(fd, prefix + digest.encode("ascii") + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
            self._digests.add(digest)


@dataclass(frozen=True)
class StableFile:
    """A file that stopped changing: where it is and what its content hashes to."""

    path: Path
    sha256: str
    size: int


@dataclass
class _Pending:
    due: float
    size: int = -1
    mtime_ns: int = -1


class FolderWatcher:
    """Hands each new, complete image or PDF in `folder` to `on_file`, once per content.

    `start()` returns at once; `stop()` ends both threads (the observer's and the timer's)
    and may be called from any thread, also more than once.
    """

    def __init__(
        self,
        folder: Path,
        on_file: Callable[[StableFile], None],
        *,
        seen: SeenStore | None = None,
        settle: float = SETTLE_SECONDS,
        rearm_interval: float = REARM_SECONDS,
        recursive: bool = True,
        poll: bool = False,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.on_file = on_file
        self.seen = seen if seen is not None else SeenStore()
        self.settle = settle
        self.rearm_interval = rearm_interval
        self.recursive = recursive
        self.poll = poll
        self.on_notice = on_notice
        self._lock = threading.Condition()
        self._pending: dict[Path, _Pending] = {}
        self._queue: list[tuple[float, str]] = []  # (due, path) heap; stale entries skipped
        self._handed: set[str] = set()  # digests handed over in this run
        self._stopping = False
        self._observer: Any = None
        self._watch: Any = None
        self._armed_id: tuple[int, int] | None = None
        self._next_check = 0.0
        self._gone = False
        self._timer: threading.Thread | None = None

    # -- control -------------------------------------------------------------------------
    def start(self) -> None:
        if not self.folder.is_dir():
            raise FileNotFoundError(f"{self.folder} is not a folder")
        self._observer = self._new_observer()
        self._observer.start()
        self._arm()
        self._timer = threading.Thread(target=self._run_timer, name="pictotext-watch-timer",
                                       daemon=True)
        self._timer.start()

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        observer = self._observer
        if observer is not None:
            with contextlib.suppress(Exception):
                observer.stop()
            if observer.is_alive() and threading.current_thread() is not observer:
                observer.join(timeout)
        timer = self._timer
        if timer is not None and timer.is_alive() and threading.current_thread() is not timer:
            timer.join(timeout)

    @property
    def pending(self) -> int:
        """Files seen but not yet stable (for a status line)."""
        with self._lock:
            return len(self._pending)

    # -- the watch -----------------------------------------------------------------------
    def _new_observer(self) -> Any:
        if self.poll:
            from watchdog.observers.polling import PollingObserver

            return PollingObserver(timeout=self.settle)
        from watchdog.observers import Observer

        return Observer()

    def _arm(self) -> bool:
        """Watch the folder (again) and queue what it holds; False if it is not there."""
        from watchdog.events import FileSystemEventHandler

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                watcher._on_event(event)

        try:
            info = self.folder.stat()
            if not stat.S_ISDIR(info.st_mode):
                return False
            if self._watch is not None:
                with contextlib.suppress(Exception):
                    self._observer.unschedule(self._watch)
                self._watch = None
            self._watch = self._observer.schedule(Handler(), str(self.folder),
                                                  recursive=self.recursive)
        except OSError as exc:
            log.debug("cannot watch the folder yet: %s", exc.strerror)
            return False
        self._armed_id = (info.st_dev, info.st_ino)
        # After the watch is in place, so a file added in between is seen by one or both.
        self._add_existing(self.folder)
        return True

    def _add_existing(self, folder: Path) -> None:
        try:
            found: Iterable[Path] = folder.rglob("*") if self.recursive else folder.iterdir()
            for path in found:
                self._touch(path)
        except OSError as exc:
            log.debug("listing the watched folder failed: %s", exc.strerror)

    def _on_event(self, event: Any) -> None:
        kind = event.event_type
        src = Path(os.fsdecode(event.src_path))
        if kind in ("opened", "closed_no_write"):
            return
        if event.is_directory:
            if src == self.folder and kind in ("deleted", "moved"):
                self._disarm()
            elif kind == "created":
                self._add_existing(src)
            elif kind == "moved" and event.dest_path:
                self._add_existing(Path(os.fsdecode(event.dest_path)))
            return
        if kind == "moved":
            self._touch(Path(os.fsdecode(event.dest_path)))
        elif kind != "deleted":
            self._touch(src)

    def _disarm(self) -> None:
        with self._lock:
            # Forget the folder's identity: a new folder may get the old inode number.
            self._armed_id = None
            self._next_check = 0.0
            self._lock.notify_all()

    def _touch(self, path: Path) -> None:
        """Something happened to `path`: (re)start its wait for stability."""
        if not is_candidate(path, self.folder):
            return
        try:
            info = path.stat()
        except OSError:
            return  # already gone again
        due = time.monotonic() + self.settle
        with self._lock:
            if self._stopping:
                return
            entry = self._pending.get(path)
            if entry is None:
                self._pending[path] = entry = _Pending(due)
            entry.due = due
            entry.size, entry.mtime_ns = info.st_size, info.st_mtime_ns
            heapq.heappush(self._queue, (due, str(path)))
            self._lock.notify_all()

    # -- the timer -----------------------------------------------------------------------
    def _run_timer(self) -> None:
        while True:
            with self._lock:
                if self._stopping:
                    return
                now = time.monotonic()
                wait = self._next_check - now
                if self._queue:
                    wait = min(wait, self._queue[0][0] - now)
                if wait > 0:
                    self._lock.wait(wait)
                    continue
                due: list[Path] = []
                while self._queue and self._queue[0][0] <= now:
                    _, name = heapq.heappop(self._queue)
                    path = Path(name)
                    entry = self._pending.get(path)
                    if entry is not None and entry.due <= now:
                        due.append(path)
                check_folder = self._next_check <= now
                if check_folder:
                    self._next_check = now + self.rearm_interval
            if check_folder:
                self._check_folder()
            for path in due:
                self._check_stable(path)

    def _check_folder(self) -> None:
        """Re-arm when the folder was removed, replaced or renamed away and is back."""
        try:
            info = self.folder.stat()
            current: tuple[int, int] | None = (
                (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None)
        except OSError:
            current = None
        if current is not None and current == self._armed_id:
            return
        if current is None:
            self._armed_id = None
            if not self._gone:
                self._gone = True
                self._notice(f"{self.folder} is gone; waiting for it to come back")
            return
        if self._arm():
            self._gone = False
            self._notice(f"{self.folder} is back; watching it again")

    def _check_stable(self, path: Path) -> None:
        try:
            info = path.stat()
        except OSError:
            with self._lock:
                self._pending.pop(path, None)  # deleted or renamed away before it settled
            return
        if not stat.S_ISREG(info.st_mode) or _hidden_on_windows(info):
            with self._lock:
                self._pending.pop(path, None)
            return
        with self._lock:
            entry = self._pending.get(path)
            if entry is None:
                return
            if (info.st_size, info.st_mtime_ns) != (entry.size, entry.mtime_ns):
                # Still changing: wait another round.
                entry.size, entry.mtime_ns = info.st_size, info.st_mtime_ns
                entry.due = time.monotonic() + self.settle
                heapq.heappush(self._queue, (entry.due, str(path)))
                return
            del self._pending[path]
        if info.st_size == 0:
            return  # created but not written yet: the write's own event brings it back
        try:
            digest = sha256_of(path)
        except OSError as exc:
            log.debug("a watched file could not be read: %s", exc.strerror)
            return
        with self._lock:
            if digest in self._handed or self._stopping:
                return
            self._handed.add(digest)
        if digest in self.seen:
            return
        try:
            self.on_file(StableFile(path, digest, info.st_size))
        except Exception:  # the callback's bug must not end the watch
            log.exception("the watch callback failed")

    def _notice(self, text: str) -> None:
        log.info("%s", text)
        if self.on_notice is not None:
            with contextlib.suppress(Exception):
                self.on_notice(text)
