"""The `history` sub-commands: look into, search, purge or delete the saved results.

    pictotext-desktop history status
    pictotext-desktop history search QUERY [--format json|jsonl|csv|tsv]
    pictotext-desktop history purge
    pictotext-desktop history delete-all --yes

The store belongs to the window (store.py, docs/adr/0012); `scan` never writes to it.
These commands never create it either: without a `results.db` they say so and stop.
Search is exact match on a name or an ID number (see docs/privacy.md).  Exit codes: 0,
2 for a usage error, 5 when the store cannot be opened (no keyring: the message says why).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from pictotext_desktop.errors import EXIT_OK, ResultStoreUnavailableError, UsageError
from pictotext_desktop.textsafe import for_terminal, json_text_safe

if TYPE_CHECKING:
    from pictotext_desktop.credentials import StoreKeyring
    from pictotext_desktop.store import StoredResult


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pictotext-desktop history",
                     description="The results the window saved (encrypted; see the privacy "
                                 "page). Search is exact match on a name or an ID number.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("status", help="the mode, the file and how many results it holds")
    search = actions.add_parser("search", help="history results with exactly this name or "
                                               "ID number")
    search.add_argument("query")
    search.add_argument("--format", choices=("json", "jsonl", "csv", "tsv"), default="json")
    actions.add_parser("purge", help="delete history older than the history_days setting")
    delete = actions.add_parser("delete-all", help="delete the whole history")
    delete.add_argument("--yes", action="store_true", help="really delete it")
    return parser


def run_history(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    from pictotext_desktop import store, store_files
    from pictotext_desktop.session import load_settings

    args = build_parser().parse_args(list(argv))
    if args.action == "delete-all" and not args.yes:
        raise UsageError("pictotext-desktop history delete-all: add --yes to delete the whole "
                         "history; it cannot be undone.")
    settings = load_settings(args, stderr)
    mode = settings.get("result_store")
    days = int(settings.get("history_days"))
    path = store_files.default_path()
    if not path.exists():
        stdout.write(f"No saved results (result_store = {mode}).\n")
        return EXIT_OK
    try:
        opened = store.ResultStore.open(path, _key_provider(), keep_history=mode == "history",
                                        history_days=days)
    except ResultStoreUnavailableError as exc:
        print(for_terminal(f"pictotext-desktop: the saved results cannot be opened: "
                           f"{exc.message}"), file=stderr)
        return exc.exit_code
    with opened:
        for notice in opened.notices:
            print(for_terminal(f"pictotext-desktop: {notice.text()}"), file=stderr)
        if args.action == "status":
            previous = opened.previous_session()
            stdout.write(f"mode: {mode} (history kept {days} days)\nfile: {path}\n"
                         f"last session: {previous.results if previous else 0} result(s)\n"
                         f"history: {opened.history_count()} result(s)\n")
        elif args.action == "search":
            _print_results(opened.search(args.query), args.format, stdout)
        elif args.action == "purge":
            count = opened.purged_at_open + opened.purge()
            stdout.write(f"Deleted {count} result(s) older than {days} days.\n")
        else:
            count = opened.delete_all_history()
            stdout.write(f"Deleted the history ({count} result(s)).\n")
    return EXIT_OK


def _key_provider() -> StoreKeyring:
    from pictotext_desktop.credentials import StoreKeyring

    return StoreKeyring()


def _print_results(found: Sequence[StoredResult], fmt: str, stdout: TextIO) -> None:
    from pictotext_desktop import export

    if fmt in ("csv", "tsv"):
        stdout.write(export.render([r.record for r in found], fmt))
        return
    items = [{"readAt": r.saved_at.isoformat(timespec="seconds"), **r.record.to_json()}
             for r in found]
    if fmt == "jsonl":
        stdout.write("".join(json_text_safe(json.dumps(i, ensure_ascii=False)) + "\n"
                             for i in items))
    else:
        stdout.write(json_text_safe(json.dumps(items, ensure_ascii=False, indent=2)) + "\n")
