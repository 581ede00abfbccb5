"""The command line: the contract the GUI, the tests and users share.

    pictotext-desktop                         open the window
    pictotext-desktop PATH...                 open the window with these files queued
    pictotext-desktop scan [options] PATH...  recognise without a window
    pictotext-desktop watch [options] FOLDER  read each new image in a folder (watchcli.py)
    pictotext-desktop key set|status|test|remove [--secondary]
    pictotext-desktop types [--format json]
    pictotext-desktop copy FRONT BACK -o copy.pdf [--watermark TEXT] [--date YYYY-MM-DD]

Exit status: 0 all succeeded; 2 usage; else the first that applies of 3 authentication /
account, 4 credits, 6 service or network, 5 input rejected; 1 the results could not be
written where asked (they are kept in a recovery file); 130 interrupted (Ctrl+C: what was
received is still written).  Each failure is one line on stderr; never a traceback, never
the key.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pictotext_desktop import APP_NAME, __version__, settings
from pictotext_desktop.errors import (
    EXIT_OK,
    EXIT_USAGE,
    PicToTextError,
    ShowText,
    UsageError,
    worst_exit_code,
)
from pictotext_desktop.session import ScanSession, client_factory, expand_paths, load_settings
from pictotext_desktop.textsafe import for_terminal

if TYPE_CHECKING:
    from pictotext_desktop.records import Record
    from pictotext_desktop.templates import OutputChoice

OUTPUT_FORMATS = ("table", "json", "jsonl", "csv")
# Setting flags that scan spells its own way (short options from the contract; the
# window's display_mask is scan's --mask, so a --display-mask that would mask nothing is
# refused rather than taken silently).
_SCAN_OWN = ("api_url", "engine", "document_type", "concurrency", "display_mask")
# Settings only the window uses: `scan` and `watch` neither take nor list them (`--merge`
# stands for auto_merge there; the setting is still its default).
_WINDOW_ONLY = ("auto_start", "auto_copy", "auto_merge", "result_store", "history_days",
                "watch_folder", "language", "theme")


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so usage errors become exit 2 with one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


# -- parsers ---------------------------------------------------------------------------
def build_scan_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pictotext-desktop scan",
                     description="Recognise documents without opening a window.")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="an image file, a PDF (one result per page), a folder (recursive, "
                             "images and PDFs), or - for image bytes on stdin")
    parser.add_argument("-t", "--type", dest="document_type", default=None, metavar="TYPE",
                        help="documentType (default cn_id_card); see 'pictotext-desktop types'")
    parser.add_argument("--engine", dest="engine", choices=("cloud", "local", "auto"),
                        default=None, help="cloud, local or auto (default auto: cloud when "
                                           "a key is available)")
    parser.add_argument("-f", "--format", dest="format", choices=OUTPUT_FORMATS, default=None,
                        help="output format (default table, or from the -o suffix)")
    parser.add_argument("-o", "--output", dest="output", default=None, metavar="FILE",
                        help="write results to FILE (.csv .xlsx .json .jsonl)")
    parser.add_argument("-j", "--jobs", dest="concurrency", type=int, default=None,
                        metavar="N", help="concurrent requests (default 4)")
    parser.add_argument("--api-url", dest="api_url", default=None, metavar="URL",
                        help="PicToText server (also PICTOTEXT_API_URL)")
    parser.add_argument("--merge", dest="merge", action=argparse.BooleanOptionalAction,
                        default=None, help="merge one card's front and back (file names "
                                           "propose, what was read decides)")
    parser.add_argument("--strict", dest="strict", action="store_true",
                        help="a photo the quality checks warn about (blur, glare, card too "
                             "small or cut off) is an error for that file, not sent")
    from pictotext_desktop import templates

    templates.add_arguments(parser)
    settings.add_arguments(parser, skip=_SCAN_OWN + _WINDOW_ONLY)
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pictotext-desktop", description=f"{APP_NAME}: photos of identity "
                     "documents in, checked structured data out.",
                     epilog="Commands: scan, watch, history, copy, key, types "
                            "(see 'pictotext-desktop COMMAND -h').")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to queue")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that every part of this installation works, then exit")
    settings.add_arguments(parser)
    return parser


def build_types_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pictotext-desktop types", description="List the document types.")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    return parser


# -- scan ------------------------------------------------------------------------------
def run_scan(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    from dataclasses import replace

    from pictotext_desktop import card_prepare, catalog, export
    from pictotext_desktop.jobs import BatchRunner, Job, new_jobs, not_sent_record
    from pictotext_desktop.merge import merge_front_back

    args = build_scan_parser().parse_args(argv)
    store = load_settings(args, stderr)
    document_type = store.get("document_type")
    try:
        catalog.get(document_type)
    except catalog.UnknownDocumentType as exc:
        raise UsageError(str(exc)) from None
    from pictotext_desktop import templates

    shape = templates.choose(args.template, args.mask)
    for line in shape.problems:
        print(for_terminal(line), file=stderr)
    fmt = args.format
    if args.output and fmt is None:
        fmt = export.format_for_path(Path(args.output))
    fmt = fmt or (shape.template.format if shape.template else None) or "table"
    if fmt == "xlsx" and not args.output:
        raise UsageError("xlsx is a file format: give -o FILE.xlsx, or -f csv|json|jsonl.")
    if fmt == "table" and args.output:
        raise UsageError("-f table is for the screen; write a file as csv, xlsx, json or jsonl.")
    output = Path(args.output).expanduser() if args.output else None
    if output is not None:
        check_output_path(output)  # before anything is sent (and billed)

    sources, problems = expand_paths(args.paths)
    for line in problems:
        print(for_terminal(line), file=stderr)
    if not sources:
        print("Nothing to scan.", file=stderr)
        return EXIT_USAGE if not problems else 5

    session = ScanSession(store, on_notice=lambda text: print(for_terminal(text), file=stderr))
    router = session.router()
    options = replace(session.prepare_options(), strict=args.strict)
    # Each card of a photo holding several becomes its own item ("photo.jpg #1", "#2"),
    # counted when the photo's turn comes: the first results do not wait for the last
    # photo's count.  The items keep the input order, so the output's order is the same.
    splitter = card_prepare.Splitter(sources, options, workers=min(2, session.concurrency),
                                     ahead=session.concurrency + 2)
    jobs: list[Job] = []
    merge = args.merge if args.merge is not None else store.get("auto_merge")
    # JSON Lines on stdout stream in input order as results finish; not when front and
    # back may merge, which needs every result first (docs/adr/0010), nor with a template
    # or a mask, which lay out every record the same way.
    stream = None
    if fmt == "jsonl" and not args.output and not (merge and document_type == "cn_id_card") \
            and shape.template is None and not shape.mask:
        from pictotext_desktop.stream_export import OrderedJsonlStream

        stream = OrderedJsonlStream(stdout, 0, on_broken=lambda: runner.cancel())

    def made() -> Iterator[Job]:
        """The jobs in input order as the photos are split (the runner's feed: one at a
        time)."""
        for source in splitter:
            job = Job(source=source, document_type=document_type)
            jobs.append(job)
            if stream is not None:
                stream.add(job)
            yield job

    runner = BatchRunner(router.engine_for, options=options,
                         concurrency=session.concurrency, keep=None,
                         on_event=stream.on_event if stream is not None else None)
    interrupted = False
    try:
        runner.run(made())
    except KeyboardInterrupt:
        # Ctrl+C: start nothing more, but keep every answer already received (and billed).
        runner.cancel()
        interrupted = True
    # Stopped early (a key or credit problem, Ctrl+C): the rest are not sent; a photo not
    # counted yet is one item.
    jobs.extend(new_jobs(splitter.rest(), document_type))

    records: list[Record] = []
    for job in jobs:
        received = job.record  # read once: a worker may still be finishing
        records.append(received if received is not None else not_sent_record(job))
    if merge:
        records = merge_front_back(records)

    codes = []
    for record in records:
        if record.error is not None:
            codes.append(record.error.exit_code)
            # One line per failure, whatever the file name or the server's message holds.
            print(for_terminal(f"{record.source}: {record.error.reason_code}: "
                               f"{record.error.message}"), file=stderr)
        else:
            codes.append(EXIT_OK)

    if output is not None:
        if not write_output(records, output, fmt, stdout, stderr, shape):
            return EXIT_WRITE_FAILED
        print(for_terminal(f"Wrote {len(records)} record(s) to {args.output}"),
              file=stderr)
    elif stream is not None:
        stream.finish(records)
    elif fmt == "table":
        stdout.write(templates.table_banner(shape.mask, shape.template))
        stdout.write(render_table(templates.prepare(records, shape.template, shape.mask)))
    else:
        stdout.write(templates.render(records, fmt, shape.template, shape.mask))
    if interrupted:
        unsent = sum(1 for job in jobs if job.record is None)
        print(f"pictotext-desktop: interrupted; {len(jobs) - unsent} result(s) received, "
              f"{unsent} image(s) not sent", file=stderr)
        stdout.flush()
        return EXIT_INTERRUPTED
    return worst_exit_code(codes + ([5] if problems else []))


EXIT_WRITE_FAILED = 1
EXIT_INTERRUPTED = 130


def check_output_path(path: Path) -> None:
    """Refuse an -o target that cannot be written before the first image is sent."""
    if path.is_dir():
        raise UsageError(f"-o {path}: that is a folder; give a file name inside it.")
    folder = path.parent
    if not folder.exists():
        raise UsageError(f"-o {path}: the folder {folder} does not exist.")
    if not folder.is_dir():
        raise UsageError(f"-o {path}: {folder} is not a folder.")
    if path.exists():
        if not os.access(path, os.W_OK):
            raise UsageError(f"-o {path}: the file cannot be written (permission denied).")
    elif not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"-o {path}: cannot create files in {folder} (permission denied).")


def write_output(records: Sequence[Record], path: Path, fmt: str, stdout: TextIO,
                 stderr: TextIO, shape: OutputChoice | None = None) -> bool:
    """Write the -o file (laid out and masked as `shape` says); if that fails (disk full,
    folder gone), keep the records in a recovery file and say where.  False when -o was
    not written."""
    from pictotext_desktop import export, masking, templates

    data, notes = templates.file_bytes(records, fmt, shape.template if shape else None,
                                       shape.mask if shape else masking.NO_MASK)
    for note in notes:  # what had to change to fit the format (also in the file)
        print(f"note: {for_terminal(note)}", file=stderr)
    try:
        if path.exists() and not path.is_file():
            # A device or pipe (/dev/stdout): written in place, never replaced by a file.
            with path.open("wb") as handle:
                handle.write(data)
        else:
            export.write_atomically(path, data)
        return True
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
    kept = _write_recovery(data, fmt)
    if kept is not None:
        print(for_terminal(f"pictotext-desktop: could not write {path} ({why}); the "
                           f"{len(records)} record(s) were saved to {kept} instead."),
              file=stderr)
    else:
        print(for_terminal(f"pictotext-desktop: could not write {path} ({why}), nor a "
                           f"recovery file; the {len(records)} record(s) follow as JSON "
                           "Lines on stdout."), file=stderr)
        with contextlib.suppress(OSError):
            stdout.write(export.render(records, "jsonl"))
            stdout.flush()
    return False


def _write_recovery(data: bytes, fmt: str) -> Path | None:
    """A new file in the app's config folder (recovered/), or None if that fails too."""
    import time

    folder = settings.config_dir() / "recovered"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(1000):
            target = folder / f"scan-{stamp}{f'-{n}' if n else ''}.{fmt}"
            try:
                with target.open("xb") as handle:
                    handle.write(data)
                return target
            except FileExistsError:
                continue
    except OSError:
        return None
    return None


def render_table(records: Sequence[Record]) -> str:
    """The people-friendly output: one block per input, labels aligned, checks below.

    Server values, messages and file names are untrusted: every line goes through
    `for_terminal`, so control characters show as escapes and each line stays one line
    (a newline inside a value is shown as ` ⏎ `).
    """
    from pictotext_desktop import catalog

    lines: list[str] = []
    for record in records:
        title = f"{record.source}  ({record.document_type}"
        title += f", {record.engine})" if record.engine else ")"
        lines.append(title)
        if record.error is not None:
            lines.append(f"  ✗ {record.error.title}: {record.error.message}")
        elif record.fields is not None:
            try:
                doc = catalog.get(record.document_type)
                label = doc.label
            except catalog.UnknownDocumentType:
                def label(key: str, zh: bool = False) -> str:
                    return key
            width = max((len(for_terminal(label(k))) for k in record.fields), default=0)
            for key, value in record.fields.items():
                shown = value if value is not None else "(not read)"
                shown = shown.replace("\r\n", "\n").replace("\n", " ⏎ ")
                mark = " (edited)" if key in record.edited else ""
                lines.append(f"  {for_terminal(label(key)):<{width}}  {shown}{mark}")
            for check in record.checks:
                lines.append(f"  ! {check.field}: {check.message} [{check.code}]")
                for suggestion in check.suggestions:
                    lines.append(f"      maybe: {suggestion}")
            for warning in record.warnings:
                lines.append(f"  ! {warning}")
        lines.append("")
    return "\n".join(for_terminal(line) for line in lines)


def run_history(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    from pictotext_desktop import historycli

    return historycli.run_history(argv, stdout, stderr)


def run_watch(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    from pictotext_desktop import watchcli

    return watchcli.run_watch(argv, stdout, stderr, build_scan_parser)


# -- types -----------------------------------------------------------------------------
def run_types(argv: Sequence[str], stdout: TextIO) -> int:
    from pictotext_desktop import catalog

    args = build_types_parser().parse_args(argv)
    types = catalog.all_types()
    if args.format == "json":
        payload = [
            {"documentType": t.value, "name": t.name, "region": t.region, "country": t.country,
             "fields": [{"key": f.key, "label": f.label, "description": f.description}
                        for f in t.fields]}
            for t in types
        ]
        stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for _region, docs in catalog.grouped_by_region():
        stdout.write(f"{docs[0].region_name}\n")
        for doc in docs:
            stdout.write(f"  {doc.value:<22} {doc.name}  ({len(doc.fields)} fields)\n")
    return EXIT_OK


# -- copy ------------------------------------------------------------------------------
def run_copy(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    from pictotext_desktop.copycli import run_copy as run

    return run(argv, stdout, stderr, parser_class=_Parser)


# -- key -------------------------------------------------------------------------------
def run_key_command(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    from pictotext_desktop import keycli

    parser = _Parser(prog="pictotext-desktop")
    parser.add_argument("--api-url", dest="api_url", default=None, metavar="URL")
    subparsers = parser.add_subparsers(dest="command", required=True)
    keycli.add_key_parser(subparsers)
    args = parser.parse_args(["key", *argv])
    store = load_settings(args)
    return keycli.run_key(args, store, client_factory(store), stdout=stdout, stderr=stderr)


# -- GUI -------------------------------------------------------------------------------
def run_gui(argv: Sequence[str], stderr: TextIO) -> int:
    args = build_gui_parser().parse_args(argv)
    store = load_settings(args)
    if args.self_test:
        from pictotext_desktop.selftest import run_self_test

        return run_self_test(stderr)
    from pictotext_desktop.qt_deps import missing_qt_libraries

    missing = missing_qt_libraries()
    if missing:
        print(missing, file=stderr)
        return 1
    import gc

    # No automatic collection while Qt loads and the window is built (~5 ms before the
    # first paint); the window's collector (ui/gc_guard.py) runs them from then on.
    gc.disable()
    from pictotext_desktop.ui.app import run_app

    return run_app(store, [Path(p) for p in args.paths])


# -- entry point -----------------------------------------------------------------------
def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    commands: dict[str, Callable[[Sequence[str]], int]] = {
        "scan": lambda rest: run_scan(rest, out, err),
        "watch": lambda rest: run_watch(rest, out, err),
        "key": lambda rest: run_key_command(rest, out, err),
        "types": lambda rest: run_types(rest, out),
        "history": lambda rest: run_history(rest, out, err),
        "copy": lambda rest: run_copy(rest, out, err),
    }
    try:
        if argv and argv[0] in commands:
            return commands[argv[0]](argv[1:])
        return run_gui(argv, err)
    except ShowText as shown:  # --mask help, --template help
        out.write(shown.text)
        return EXIT_OK
    except PicToTextError as exc:
        print(for_terminal(f"pictotext-desktop: {exc.message}" if exc.category.value == "usage"
                           else f"pictotext-desktop: {exc.title}: {exc.message}"), file=err)
        return exc.exit_code
    except KeyboardInterrupt:
        print("pictotext-desktop: interrupted", file=err)
        return 130
    except BrokenPipeError:
        # `scan … | head` closed our output early: stop quietly.  (SIGPIPE stays ignored,
        # as Python sets it, so a connection PicToText drops is an error, not a kill.)
        _silence(out)
        return 141
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0) if isinstance(exc.code, int) else 0


def _silence(stream: TextIO) -> None:
    """Point a closed pipe at /dev/null so Python's flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError, AttributeError):
        pass
