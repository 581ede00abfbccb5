"""`pictotext-desktop watch FOLDER`: read what is in a folder, then each new file as it arrives.

Every result is appended to the output the moment it is done (watch.py finds the files,
stream_export.py writes them).  Ctrl+C or SIGTERM stops it cleanly: no new image is
started, the ones being read get `SHUTDOWN_GRACE` seconds to finish and be written, then
the output is closed; it holds every finished result and no half record.  A file whose
result was written is remembered by content, so the next run does not read it again; an
image that was not finished is read by the next run.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import queue
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from pictotext_desktop.errors import EXIT_INPUT, EXIT_OK, UsageError, worst_exit_code
from pictotext_desktop.logs import format_exception_safely
from pictotext_desktop.textsafe import for_terminal

log = logging.getLogger(__name__)

SHUTDOWN_GRACE = 10.0  # seconds the images being read get to finish after Ctrl+C / SIGTERM
WATCH_FORMATS = ("jsonl", "csv", "xlsx")

EPILOG = """\
Output: each result is appended as soon as it is done: JSON Lines (default) or CSV on
stdout, or -o FILE (.jsonl, .csv, .xlsx; an existing file is continued, a workbook is
rewritten whole after each result, never left half-written).  Files: images and PDFs (one
result per page) in FOLDER and its subfolders, each once it has stopped growing for a
second; hidden and temporary files (*.tmp, *.part, *.crdownload, ~$*, .~lock*) are
skipped; a file already read by an earlier run (same content) is skipped unless --reread.
Front and back are not merged: each image is its own result.

Stop with Ctrl+C or SIGTERM: images being read get 10 s to finish (a second Ctrl+C does
not wait), then the output is closed; an image not finished is read again by the next
run.  Exit status, as for scan, over the results this run wrote: 0 all succeeded (also
after Ctrl+C / SIGTERM); 3 key or account problem (the watch stops at once), 4 out of
credits (stops at once), 6 service or network, 5 input rejected; 2 usage."""


def build_watch_parser(
        build_scan_parser: Callable[[], argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """The scan options (cli.build_scan_parser, passed in: cli imports this module), with
    one FOLDER instead of PATHs, and the watch's own."""
    parser = build_scan_parser()
    parser.prog = "pictotext-desktop watch"
    parser.description = ("Watch a folder: read the images and PDFs in it, then each new "
                          "one as it appears, and append each result as soon as it is done.")
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    for action in parser._actions:
        if action.dest == "paths":
            action.nargs = None
            action.metavar = "FOLDER"
            action.help = "the folder to watch (with its subfolders)"
        elif action.dest == "format":
            action.choices = WATCH_FORMATS
            action.help = "jsonl (default), csv or xlsx (xlsx only with -o)"
        elif action.dest == "output":
            action.help = "append results to FILE (.jsonl .csv .xlsx) instead of stdout"
    parser.add_argument("--reread", action="store_true",
                        help="also read files an earlier run has already read")
    parser.add_argument("--poll", action="store_true",
                        help="check the folder by polling, for network shares whose "
                             "changes the system does not report")
    parser.add_argument("--no-subfolders", dest="recursive", action="store_false",
                        help="watch FOLDER only, not its subfolders")
    return parser


class _Watch:
    """One running watch: the watcher hands stable files to a queue; `concurrency` threads
    read them through one BatchRunner and write each record as its job finishes."""

    def __init__(self, args: argparse.Namespace, store: Any, writer: Any,
                 stderr: TextIO, mask: Any = None) -> None:
        from pictotext_desktop import watch
        from pictotext_desktop.jobs import BatchRunner
        from pictotext_desktop.session import ScanSession

        self.stderr = stderr
        self.writer = writer
        self.mask = mask  # masking.Mask: applied to each record before it is written
        self.document_type: str = store.get("document_type")
        self._print_lock = threading.Lock()
        self._codes: list[int] = []
        self._written = 0
        self.stop_requested = threading.Event()
        self.stopped_by: Any = None
        self._queue: queue.Queue[Any] = queue.Queue()
        session = ScanSession(store, on_notice=self.say)
        router = session.router()
        # One job at a time per thread; `concurrency` threads: at most that many requests.
        options = replace(session.prepare_options(), strict=bool(args.strict))
        self.runner = BatchRunner(router.engine_for, options=options,
                                  concurrency=1, on_event=self._on_event, keep=None)
        self.concurrency = max(1, int(store.get("concurrency")))
        self.seen = watch.SeenStore(load=not args.reread)
        self.watcher = watch.FolderWatcher(
            Path(args.paths), self._queue.put, seen=self.seen, recursive=args.recursive,
            poll=args.poll, on_notice=self.say)
        self._workers = [threading.Thread(target=self._work, name=f"pictotext-watch-{i}",
                                          daemon=True) for i in range(self.concurrency)]

    # -- output ----------------------------------------------------------------------------
    def say(self, text: str) -> None:
        with self._print_lock, contextlib.suppress(OSError, ValueError):
            print(for_terminal(text), file=self.stderr, flush=True)

    def _on_event(self, event: Any) -> None:
        from pictotext_desktop.jobs import JobState

        record = event.job.record
        if event.stale or record is None or event.state not in (JobState.DONE,
                                                                 JobState.FAILED):
            return
        if self.mask:
            from pictotext_desktop.masking import mask_record

            record = mask_record(record, self.mask)
        try:
            self.writer.add(record)
        except (OSError, ValueError) as exc:
            if not self.stop_requested.is_set():
                self.say(f"pictotext-desktop: cannot write the result: {exc}")
                self.request_stop()
            return
        error = record.error
        with self._print_lock:
            self._written += 1
            self._codes.append(error.exit_code if error is not None else EXIT_OK)
        if error is not None:
            self.say(f"{record.source}: {error.reason_code}: {error.message}")
            if error.stops_batch and self.stopped_by is None:
                self.stopped_by = error
                self.request_stop()

    # -- work ------------------------------------------------------------------------------
    def _work(self) -> None:
        from pictotext_desktop import card_prepare, pdf_input
        from pictotext_desktop.jobs import JobState, new_jobs

        while True:
            item = self._queue.get()
            if item is None or self.stop_requested.is_set():
                return
            try:
                sources = card_prepare.split(pdf_input.sources_for(item.path),
                                             self.runner.options, workers=1)  # "#1", "#2"
                jobs = new_jobs(sources, self.document_type)
                self.runner.run(jobs)
            except Exception as exc:  # a bug must cost one file, not a worker of the watch
                log.error("reading a watched file failed:\n%s", format_exception_safely(
                    type(exc), exc, exc.__traceback__))
                continue
            # Remembered only when every page has its final answer: a result, or a refusal
            # of this very content.  A network or key problem leaves it for the next run.
            finished = all(
                job.state == JobState.DONE
                or (job.state == JobState.FAILED and job.error is not None
                    and job.error.exit_code == EXIT_INPUT)
                for job in jobs)
            if finished and not self.runner.cancelled:
                try:
                    self.seen.add(item.sha256)
                except OSError as exc:
                    self.say(f"pictotext-desktop: cannot remember {item.path} as read: "
                             f"{exc.strerror}")

    def request_stop(self) -> None:
        self.stop_requested.set()

    def run(self, stop: threading.Event | None) -> int:
        for worker in self._workers:
            worker.start()
        self.watcher.start()
        try:
            while not self.stop_requested.wait(0.2):
                if stop is not None and stop.is_set():
                    break
        finally:
            self._shut_down()
        return worst_exit_code(self._codes)

    def _shut_down(self) -> None:
        self.stop_requested.set()
        self.watcher.stop()
        self.runner.pause()  # nothing new starts; what is being read may finish
        for _ in self._workers:
            self._queue.put(None)
        deadline = threading.Event()
        timer = threading.Timer(SHUTDOWN_GRACE, deadline.set)
        timer.daemon = True
        timer.start()
        for worker in self._workers:
            while worker.is_alive() and not deadline.is_set():
                worker.join(0.1)
        timer.cancel()
        if any(w.is_alive() for w in self._workers):
            self.runner.cancel()  # answers still to come are dropped, never half-written
            for worker in self._workers:
                worker.join(2.0)
        self.writer.close()

    @property
    def written(self) -> int:
        return self._written


def run_watch(argv: Sequence[str], stdout: TextIO, stderr: TextIO,
              scan_parser: Callable[[], argparse.ArgumentParser],
              stop: threading.Event | None = None) -> int:
    """The `watch` command; `stop` ends it from another thread (tests, an embedding app)."""
    from pictotext_desktop import catalog, export, stream_export
    from pictotext_desktop.session import load_settings

    args = build_watch_parser(scan_parser).parse_args(argv)
    if args.merge:
        raise UsageError("watch reads each image on its own; --merge is for scan.")
    if args.template:
        raise UsageError("watch appends every result as it is done, with all its fields; "
                         "--template is for scan.")
    from pictotext_desktop import masking

    mask = masking.parse_mask(args.mask)
    store = load_settings(args, stderr)
    document_type = store.get("document_type")
    try:
        catalog.get(document_type)
    except catalog.UnknownDocumentType as exc:
        raise UsageError(str(exc)) from None
    folder = Path(args.paths).expanduser()
    if not folder.is_dir():
        raise UsageError(f"{args.paths} is not a folder: watch needs a folder to watch.")
    args.paths = str(folder)
    fmt = args.format
    if args.output:
        output = Path(args.output).expanduser()
        fmt = fmt or export.format_for_path(output)
        if fmt not in WATCH_FORMATS:
            raise UsageError(f"watch appends to .jsonl, .csv or .xlsx, not .{fmt}: a JSON "
                             "array cannot grow one result at a time.")
        try:
            writer: Any = stream_export.open_writer(output, fmt, document_type)
        except OSError as exc:
            raise UsageError(f"Cannot write {args.output}: {exc.strerror}") from None
        shown = args.output
    else:
        writer = stream_export.TextStreamWriter(stdout, fmt or "jsonl", document_type)
        shown = "stdout"

    session = _Watch(args, store, writer, stderr, mask)
    restore = _on_signals(session)
    try:
        session.say(f"Watching {folder} (Ctrl+C to stop); results to {shown}.")
        code = session.run(stop)
    finally:
        restore()
    if session.stopped_by is not None:
        error = session.stopped_by
        session.say(f"pictotext-desktop: stopped: {error.title}: {error.message}")
    session.say(f"Stopped; {session.written} result(s) written to {shown}.")
    return code


def _on_signals(session: _Watch) -> Any:
    """Ctrl+C, SIGTERM (and Ctrl+Break on Windows) stop the watch; returns the undo."""
    names = ("SIGINT", "SIGTERM", "SIGBREAK", "SIGHUP")
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        if session.stop_requested.is_set():
            session.runner.cancel()  # a second Ctrl+C: do not wait for the images in flight
        session.request_stop()

    if threading.current_thread() is threading.main_thread():
        for name in names:
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(OSError, ValueError):
                    previous[number] = signal.signal(number, handler)

    def restore() -> None:
        for number, old in previous.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(number, old)

    return restore

