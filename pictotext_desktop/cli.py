"""The command line: the contract the GUI, the tests and users share.

    pictotext-desktop                         open the window
    pictotext-desktop PATH...                 open the window with these files queued
    pictotext-desktop scan [options] PATH...  recognise without a window
    pictotext-desktop key set|status|test|remove [--secondary]
    pictotext-desktop types [--format json]
    pictotext-desktop copy FRONT BACK -o copy.pdf [--watermark TEXT] [--date YYYY-MM-DD]

Exit status: 0 all succeeded; 2 usage; else the first that applies of 3 authentication /
account, 4 credits, 6 service or network, 5 input rejected.  Each failure is one line on
stderr; never a traceback, never the key.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from pictotext_desktop import APP_NAME, __version__, catalog, settings, templates
from pictotext_desktop.errors import (
    EXIT_OK,
    EXIT_USAGE,
    PicToTextError,
    UsageError,
    worst_exit_code,
)

if TYPE_CHECKING:
    from pictotext_desktop.api.client import PicToTextClient
    from pictotext_desktop.imaging import PrepareOptions, Source
    from pictotext_desktop.records import Record

OUTPUT_FORMATS = ("table", "json", "jsonl", "csv")
# Setting flags that scan spells its own way (short options from the contract).
_SCAN_OWN = ("api_url", "engine", "document_type", "concurrency")


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so usage errors become exit 2 with one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


# -- parsers ---------------------------------------------------------------------------
def build_scan_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pictotext-desktop scan",
                     description="Recognise documents without opening a window.")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="an image file, a folder (recursive, images only), or - for "
                             "image bytes on stdin")
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
    templates.add_arguments(parser)
    settings.add_arguments(parser, skip=_SCAN_OWN)
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pictotext-desktop", description=f"{APP_NAME}: photos of identity "
                     "documents in, checked structured data out.",
                     epilog="Commands: scan, key, types, copy "
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


# -- shared helpers --------------------------------------------------------------------
def load_settings(args: argparse.Namespace) -> settings.SettingsStore:
    """The settings file, then PICTOTEXT_API_URL, then this run's flags; starts the log."""
    store = settings.SettingsStore()
    env_url = os.environ.get("PICTOTEXT_API_URL", "").strip()
    if env_url and getattr(args, "api_url", None) is None:
        store.override("api_url", env_url)
    settings.apply_arguments(store, args)
    from pictotext_desktop import logs

    logs.setup(store.get("log_level"))
    for problem in store.load_problems:
        logging.getLogger(__name__).warning("%s", problem)
    return store


def client_factory(store: settings.SettingsStore) -> Callable[[], PicToTextClient]:
    """A function that builds the one API client from the settings (imported lazily)."""

    def build() -> PicToTextClient:
        from pictotext_desktop.api.client import ClientConfig, PicToTextClient

        return PicToTextClient(ClientConfig(
            base_url=store.get("api_url"),
            connect_timeout=store.get("connect_timeout"),
            read_timeout=store.get("read_timeout"),
            rate_limit=store.get("rate_limit"),
            ca_bundle=store.get("ca_bundle") or None,
            pool_size=store.get("concurrency"),
        ))

    return build


def prepare_options(store: settings.SettingsStore) -> PrepareOptions:
    from pictotext_desktop.imaging import PrepareOptions

    return PrepareOptions(
        long_side=store.get("upload_long_side"),
        format=store.get("upload_format"),
        quality=store.get("jpeg_quality"),
        max_pixels=store.get("max_megapixels") * 1_000_000,
    )


def expand_paths(
    paths: Sequence[str], stdin: BinaryIO | None = None
) -> tuple[list[Source], list[str]]:
    """PATH arguments -> Sources in order; folders recursively (images only, sorted).

    Returns (sources, problems): a folder with no images is a problem line; a file that
    does not exist still becomes a source, so its error is reported in its place.
    """
    from pictotext_desktop.imaging import Source, images_in_folder

    sources: list[Source] = []
    problems: list[str] = []
    seen: set[Path] = set()
    for raw in paths:
        if raw == "-":
            data = (stdin or sys.stdin.buffer).read()
            sources.append(Source(data=data, name="stdin"))
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            found = images_in_folder(path)
            if not found:
                problems.append(f"{raw}: the folder has no images")
            for item in found:
                if item.resolve() not in seen:
                    seen.add(item.resolve())
                    sources.append(Source(path=item))
        else:
            # A missing file still becomes a job, so it is reported in its place in the output.
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                sources.append(Source(path=path))
    return sources, problems


# -- scan ------------------------------------------------------------------------------
def run_scan(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    from pictotext_desktop import export
    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.engines.cloud import CloudEngine
    from pictotext_desktop.engines.router import EngineRouter
    from pictotext_desktop.jobs import BatchRunner, new_jobs, not_sent_record
    from pictotext_desktop.merge import merge_front_back

    args = build_scan_parser().parse_args(argv)
    store = load_settings(args)
    document_type = store.get("document_type")
    try:
        catalog.get(document_type)
    except catalog.UnknownDocumentType as exc:
        raise UsageError(str(exc)) from None
    output = templates.choose(args.template, args.mask)
    for line in output.problems:
        print(line, file=stderr)
    fmt = args.format
    if args.output and fmt is None:
        fmt = export.format_for_path(Path(args.output))
    fmt = fmt or (output.template.format if output.template else None) or "table"
    if fmt == "xlsx" and not args.output:
        raise UsageError("xlsx is a file format: give -o FILE.xlsx, or -f csv|json|jsonl.")
    if fmt == "table" and args.output:
        raise UsageError("-f table is for the screen; write a file as csv, xlsx, json or jsonl.")

    sources, problems = expand_paths(args.paths)
    for line in problems:
        print(line, file=stderr)
    if not sources:
        print("Nothing to scan.", file=stderr)
        return EXIT_USAGE if not problems else 5

    keystore = KeyStore(store)
    build_client = client_factory(store)

    def cloud() -> CloudEngine:
        return CloudEngine(build_client(), keystore,
                           on_notice=lambda text: print(text, file=stderr))

    router = EngineRouter(store.get("engine"), keystore, cloud)
    jobs = new_jobs(sources, document_type)
    runner = BatchRunner(router.engine_for, options=prepare_options(store),
                         concurrency=store.get("concurrency"))
    runner.run(jobs)

    records: list[Record] = []
    for job in jobs:
        record = job.record if job.record is not None else not_sent_record(job)
        records.append(record)
    merge = args.merge if args.merge is not None else store.get("auto_merge")
    if merge:
        records = merge_front_back(records)

    codes = []
    for record in records:
        if record.error is not None:
            codes.append(record.error.exit_code)
            print(f"{record.source}: {record.error.reason_code}: {record.error.message}",
                  file=stderr)
        else:
            codes.append(EXIT_OK)

    if args.output:
        templates.write(records, Path(args.output), fmt, output.template, output.mask)
        print(f"Wrote {len(records)} record(s) to {args.output}", file=stderr)
    elif fmt == "table":
        stdout.write(templates.table_banner(output.mask, output.template))
        stdout.write(render_table(templates.prepare(records, output.template, output.mask)))
    else:
        stdout.write(templates.render(records, fmt, output.template, output.mask))
    return worst_exit_code(codes + ([5] if problems else []))


def render_table(records: Sequence[Record]) -> str:
    """The people-friendly output: one block per input, labels aligned, checks below."""
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
            width = max((len(label(k)) for k in record.fields), default=0)
            for key, value in record.fields.items():
                shown = value if value is not None else "(not read)"
                shown = shown.replace("\n", " ⏎ ")
                mark = " (edited)" if key in record.edited else ""
                lines.append(f"  {label(key):<{width}}  {shown}{mark}")
            for check in record.checks:
                lines.append(f"  ! {check.field}: {check.message} [{check.code}]")
                for suggestion in check.suggestions:
                    lines.append(f"      maybe: {suggestion}")
            for warning in record.warnings:
                lines.append(f"  ! {warning}")
        lines.append("")
    return "\n".join(lines)


# -- types -----------------------------------------------------------------------------
def run_types(argv: Sequence[str], stdout: TextIO) -> int:
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
        "key": lambda rest: run_key_command(rest, out, err),
        "types": lambda rest: run_types(rest, out),
        "copy": lambda rest: run_copy(rest, out, err),
    }
    try:
        if argv and argv[0] in commands:
            return commands[argv[0]](argv[1:])
        return run_gui(argv, err)
    except templates.ShowText as shown:  # --mask help, --template help
        out.write(shown.text)
        return EXIT_OK
    except PicToTextError as exc:
        print(f"pictotext-desktop: {exc.message}" if exc.category.value == "usage"
              else f"pictotext-desktop: {exc.title}: {exc.message}", file=err)
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
