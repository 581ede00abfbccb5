"""Results written one at a time, as they finish: `watch` and `scan -f jsonl`.

Each write is whole or absent: a JSON line or CSV row goes out in one `write` on a file
opened for appending, then flushed and fsynced; the workbook is rewritten to a temporary
file and renamed over the old one (export.write_atomically).  So whenever the process
stops, Ctrl+C, SIGTERM or power cut, the file holds every record finished so far and no
half record.  Cells are made Excel-safe exactly as export.py does (ADR 0004), and an
existing file is continued, never replaced: a CSV keeps its header, a workbook its rows.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from pictotext_desktop import export
from pictotext_desktop.errors import UsageError
from pictotext_desktop.records import Record

if TYPE_CHECKING:
    from pictotext_desktop.jobs import Job, JobEvent

STREAM_FORMATS = ("jsonl", "csv", "xlsx")


class RecordWriter(Protocol):
    def add(self, record: Record) -> None: ...

    def close(self) -> None: ...


def open_writer(path: Path, fmt: str, document_type: str) -> RecordWriter:
    """An appending writer for `path`; `document_type` chooses the CSV/XLSX columns."""
    if fmt == "jsonl":
        return JsonlAppender(path)
    if fmt == "csv":
        return CsvAppender(path, document_type)
    if fmt == "xlsx":
        return XlsxRewriter(path, document_type)
    raise UsageError(
        f"watch writes .jsonl, .csv or .xlsx, not {fmt!r}: a JSON array cannot be appended to.")


class TextStreamWriter:
    """JSON Lines or CSV on a text stream (stdout), a flushed line per record, for a pipe
    or `tail -f`; the CSV header comes first."""

    def __init__(self, out: TextIO, fmt: str, document_type: str) -> None:
        if fmt not in ("jsonl", "csv"):
            raise UsageError("On the screen watch writes jsonl or csv; write a workbook "
                             "with -o FILE.xlsx.")
        self.out = out
        self.fmt = fmt
        self._lock = threading.Lock()
        self._closed = False
        self.columns = _columns_for(document_type)
        if fmt == "csv":
            self._write(_csv_line(self.columns))

    def add(self, record: Record) -> None:
        if self.fmt == "jsonl":
            self._write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        else:
            self._write(_csv_line([export.excel_safe(c)
                                   for c in export.row(record, self.columns)]))

    def _write(self, text: str) -> None:
        with self._lock:
            if self._closed:
                raise ValueError("the output is closed")
            self.out.write(text)
            self.out.flush()

    def close(self) -> None:
        with self._lock:
            self._closed = True


def _columns_for(document_type: str) -> list[str]:
    return export.columns([Record(source="", document_type=document_type)])


class _Appender:
    """A file opened with O_APPEND; `_append` writes whole bytes, then fsyncs."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        self._fd = os.open(self.path, flags, 0o666)

    def _append(self, data: bytes) -> None:
        if self._fd < 0:
            raise ValueError(f"{self.path} is closed")
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        os.fsync(self._fd)

    def close(self) -> None:
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1


class JsonlAppender(_Appender):
    """One JSON object per line.  A line cut off by a crash (kill -9 mid-write) is removed
    when the file is opened again, so every line stays valid JSON."""

    def __init__(self, path: Path) -> None:
        _drop_partial_last_line(Path(path))
        super().__init__(path)

    def add(self, record: Record) -> None:
        line = json.dumps(record.to_json(), ensure_ascii=False) + "\n"
        with self._lock:
            self._append(line.encode("utf-8"))


class CsvAppender(_Appender):
    """The CSV export's format, a row at a time: BOM and header once, for a new file; an
    existing file keeps its own header and its columns."""

    def __init__(self, path: Path, document_type: str) -> None:
        path = Path(path)
        existing = _csv_header(path)
        super().__init__(path)
        self.columns = existing or _columns_for(document_type)
        if existing is None:
            with self._lock:
                self._append(("\ufeff" + _csv_line(self.columns)).encode("utf-8"))

    def add(self, record: Record) -> None:
        cells = [export.excel_safe(c) for c in export.row(record, self.columns)]
        with self._lock:
            self._append(_csv_line(cells).encode("utf-8"))


class XlsxRewriter:
    """The workbook of export.py, rewritten whole (temp file + rename) after each record.

    An existing workbook is loaded once and continued, so a restart keeps what an earlier
    run wrote.
    """

    def __init__(self, path: Path, document_type: str) -> None:
        from openpyxl import Workbook, load_workbook

        self.path = Path(path)
        self._lock = threading.Lock()
        if self.path.exists() and self.path.stat().st_size > 0:
            try:
                self._book = load_workbook(self.path)
            except Exception as exc:  # openpyxl raises many kinds for a file it cannot read
                raise UsageError(
                    f"{self.path} exists but is not a workbook this app can continue "
                    f"({type(exc).__name__}); choose another output file.") from None
            self._results = self._book["Results"] if "Results" in self._book.sheetnames \
                else self._book.active
            self.columns = [str(c.value or "") for c in self._results[1]]
        else:
            self._book = Workbook()
            self._results = self._book.active
            self._results.title = "Results"
            self.columns = _columns_for(document_type)
            export._fill_sheet(self._results, self.columns, [])
        self._closed = False
        self._checks: Any = self._book["Checks"] if "Checks" in self._book.sheetnames else None

    def add(self, record: Record) -> None:
        with self._lock:
            if self._closed:
                raise ValueError(f"{self.path} is closed")
            _append_row(self._results, export.row(record, self.columns))
            for check in record.checks:
                if self._checks is None:
                    self._checks = self._book.create_sheet("Checks")
                    export._fill_sheet(self._checks, _CHECKS_HEAD, [])
                _append_row(self._checks, [
                    record.source, check.field, check.code, str(check.severity),
                    check.message, check.message_zh, " | ".join(check.suggestions)])
            buffer = io.BytesIO()
            self._book.save(buffer)
            export.write_atomically(self.path, buffer.getvalue())

    def close(self) -> None:
        with self._lock:  # waits for a rewrite in progress
            self._closed = True


_CHECKS_HEAD = ["source", "field", "code", "severity", "message", "message_zh", "suggestions"]


def _append_row(sheet: Any, cells: Sequence[str]) -> None:
    row_no = sheet.max_row + 1
    for col_no, text in enumerate(cells, start=1):
        export._text_cell(sheet, row_no, col_no, text)


def _csv_line(cells: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()


def _csv_header(path: Path) -> list[str] | None:
    """The header of an existing, non-empty CSV file, or None."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = next(csv.reader(handle), None)
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path} exists but cannot be continued as CSV ({exc}); "
                                "choose another output file.") from None
    return [export.unprotect(c) for c in first] if first else None


def _drop_partial_last_line(path: Path) -> None:
    """Cut an unfinished last line (no newline) off a JSON Lines file."""
    try:
        with open(path, "r+b") as handle:
            size = handle.seek(0, io.SEEK_END)
            if size == 0:
                return
            handle.seek(size - 1)
            if handle.read(1) == b"\n":
                return
            chunk = 1 << 16
            position = size
            while position > 0:
                start = max(0, position - chunk)
                handle.seek(start)
                block = handle.read(position - start)
                cut = block.rfind(b"\n")
                if cut >= 0:
                    handle.truncate(start + cut + 1)
                    return
                position = start
            handle.truncate(0)
    except FileNotFoundError:
        return


class OrderedJsonlStream:
    """`scan -f jsonl` to stdout: record i is written as soon as records 0..i are all done,
    so the output keeps the input order of the non-streaming output and a consumer sees
    each record as early as that order allows.

    Called from worker threads (BatchRunner's on_event).  A closed stdout (`| head`) stops
    the writing and calls `on_broken`; `finish` then raises the BrokenPipeError in the
    calling thread, where the CLI turns it into its quiet exit.
    """

    def __init__(self, out: TextIO, count: int,
                 on_broken: Callable[[], None] | None = None) -> None:
        self.out = out
        self._records: list[Record | None] = [None] * count
        self._next = 0
        self._lock = threading.Lock()
        self._broken: OSError | None = None
        self.on_broken = on_broken
        self._index: dict[int, int] = {}

    @classmethod
    def for_jobs(cls, out: TextIO, jobs: Sequence[Job],
                 on_broken: Callable[[], None] | None = None) -> OrderedJsonlStream:
        stream = cls(out, 0, on_broken)
        for job in jobs:
            stream.add(job)
        return stream

    def add(self, job: Job) -> None:
        """`job` comes next in the output (jobs made as the batch runs: `scan` splits
        each photo into its cards when its turn comes)."""
        with self._lock:
            self._index[job.id] = len(self._records)
            self._records.append(None)

    def on_event(self, event: JobEvent) -> None:
        """BatchRunner's callback: a job that finished with a record is ready to write."""
        from pictotext_desktop.jobs import JobState

        with self._lock:
            index = self._index.get(event.job.id)
        record = event.job.record
        if (index is not None and not event.stale and record is not None
                and event.state in (JobState.DONE, JobState.FAILED)):
            self.put(index, record)

    def put(self, index: int, record: Record) -> None:
        with self._lock:
            if self._records[index] is None:
                self._records[index] = record
            self._flush_ready()

    def finish(self, records: Sequence[Record]) -> None:
        """Write whatever is left (records not sent, cancelled); all `records` in order."""
        with self._lock:
            self._records.extend([None] * (len(records) - len(self._records)))
            for index, record in enumerate(records):
                if self._records[index] is None:
                    self._records[index] = record
            self._flush_ready()
            if self._broken is not None:
                raise BrokenPipeError(str(self._broken))

    def _flush_ready(self) -> None:
        while self._next < len(self._records) and self._broken is None:
            record = self._records[self._next]
            if record is None:
                return
            try:
                self.out.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
                self.out.flush()
            except (BrokenPipeError, ValueError, OSError) as exc:
                self._broken = exc if isinstance(exc, OSError) else BrokenPipeError(str(exc))
                if self.on_broken is not None:
                    self.on_broken()
                return
            self._next += 1
